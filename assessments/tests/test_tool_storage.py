"""Loading, activating and reading tool versions, and the load_assessment_tool command."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from assessments.models import AssessmentTool, ImmutableToolVersionError
from assessments.selectors import assessment_tool_active, tool_definition_of
from assessments.services import ToolVersionConflictError, assessment_tool_activate, assessment_tool_load
from assessments.tests.tool_texts import small_tool
from assessments.tool_definition import DEFAULT_TOOL_CODE, DEFAULT_TOOL_PATH, ToolDefinitionError, tool_definition_parse
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CODE = "partnership-tool"
DEFAULT_VERSION = tool_definition_parse(DEFAULT_TOOL_PATH.read_text(encoding="utf-8")).version


def _command(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("load_assessment_tool", str(path), *args, stdout=out)
    return out.getvalue()


def _write(tmp_path: Path, text: str, name: str = "partnership-tool.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _active_versions(code: str = CODE) -> list[str]:
    return list(AssessmentTool.objects.filter(code=code, is_active=True).values_list("version", flat=True))


def test_the_migration_loaded_and_activated_the_default_tool():
    tool = assessment_tool_active()
    text = DEFAULT_TOOL_PATH.read_text(encoding="utf-8")
    assert tool.code == DEFAULT_TOOL_CODE
    assert tool.source_text == text, "a fresh database gets the default file as it is at migrate time"
    assert tool.checksum == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert tool_definition_of(tool) == tool_definition_parse(text)


def test_the_command_loads_a_valid_file_without_activating_it(tmp_path: Path):
    output = _command(_write(tmp_path, small_tool()))
    assert output.startswith("Loaded partnership-tool version 1 (Partnership tool): 14 domains, 15 indicators; sha256 ")
    assert "Suggests high for any serious indicator" in output
    assert "Active: no (use --activate" in output
    tool = AssessmentTool.objects.get(code=CODE)
    assert (tool.version, tool.is_active, tool.loaded_by, tool.source_name) == (
        "1",
        False,
        None,
        str(tmp_path / "partnership-tool.yaml"),
    )
    assert tool_definition_of(tool) == tool_definition_parse(small_tool())


def test_loading_identical_content_again_changes_nothing(tmp_path: Path):
    path = _write(tmp_path, small_tool())
    _command(path)
    first = AssessmentTool.objects.get(code=CODE)
    output = _command(path)
    assert output.startswith("Already loaded with identical content, nothing changed: partnership-tool version 1")
    assert list(AssessmentTool.objects.filter(code=CODE)) == [first]
    assert AssessmentTool.objects.get(code=CODE).loaded_at == first.loaded_at


def test_an_invalid_file_is_refused_with_its_line_and_nothing_is_saved(tmp_path: Path):
    text = small_tool().replace("weight: concern", "weight: sometimes", 1)
    path = _write(tmp_path, text)
    count = AssessmentTool.objects.count()
    with pytest.raises(CommandError) as caught:
        _command(path, "--activate")
    line = text.splitlines().index("        weight: sometimes") + 1
    assert str(caught.value).startswith(
        f"{path} line {line}: the weight of indicator 'family_and_peer_relationships_sign'"
    )
    assert AssessmentTool.objects.count() == count
    assert _active_versions(DEFAULT_TOOL_CODE) == [DEFAULT_VERSION]


def test_changed_content_under_a_loaded_version_is_refused(tmp_path: Path):
    _command(_write(tmp_path, small_tool()), "--activate")
    changed = _write(tmp_path, small_tool(title="Partnership tool, edited"), "edited.yaml")
    with pytest.raises(CommandError, match=r"partnership-tool version 1 is already loaded with different content"):
        _command(changed, "--activate")
    tool = AssessmentTool.objects.get(code=CODE)
    assert (tool.title, tool.is_active) == ("Partnership tool", True)


def test_activating_a_version_deactivates_the_others(tmp_path: Path):
    first = _write(tmp_path, small_tool(version="1"), "v1.yaml")
    _command(first, "--activate")
    assert _active_versions() == ["1"]
    _command(_write(tmp_path, small_tool(version="2"), "v2.yaml"), "--activate")
    assert _active_versions() == ["2"]
    assert assessment_tool_active(code=CODE).version == "2"
    # Loading the first file again changes nothing but can make it the active version again.
    assert "Active: yes" in _command(first, "--activate")
    assert _active_versions() == ["1"]
    assert AssessmentTool.objects.filter(code=CODE).count() == 2
    assert _active_versions(DEFAULT_TOOL_CODE) == [DEFAULT_VERSION], "other tools are not touched"


def test_the_command_refuses_a_missing_or_non_utf8_file(tmp_path: Path):
    with pytest.raises(CommandError, match=r"^Cannot read .*missing\.yaml: No such file or directory\.$"):
        _command(tmp_path / "missing.yaml")
    binary = tmp_path / "latin1.yaml"
    binary.write_bytes("title: caf\u00e9".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin1\.yaml is not UTF-8 text"):
        _command(binary)


def test_the_service_records_who_loaded_a_version():
    user = UserFactory.create()
    tool = assessment_tool_load(text=small_tool(), source_name="upload.yaml", loaded_by=user, activate=True)
    assert (tool.loaded_by, tool.is_active, tool.source_name) == (user, True, "upload.yaml")


def test_the_service_raises_the_parser_error_and_the_conflict_error():
    with pytest.raises(ToolDefinitionError, match=r"^upload\.yaml line 1: the file is empty$"):
        assessment_tool_load(text="", source_name="upload.yaml")
    assessment_tool_load(text=small_tool(), source_name="upload.yaml")
    with pytest.raises(ToolVersionConflictError, match=r"^again\.yaml: partnership-tool version 1 is already loaded"):
        assessment_tool_load(text=small_tool() + "# a comment changes the content\n", source_name="again.yaml")


def test_a_loaded_version_cannot_be_edited():
    tool = assessment_tool_load(text=small_tool(), source_name="upload.yaml")
    tool.title = "Something else"
    with pytest.raises(ImmutableToolVersionError, match=r"immutable once loaded"):
        tool.save()
    assessment_tool_activate(tool=tool)
    assert AssessmentTool.objects.get(pk=tool.pk).title == "Partnership tool"


def test_the_database_allows_one_active_version_per_code():
    one = assessment_tool_load(text=small_tool(version="1"), source_name="a.yaml", activate=True)
    two = assessment_tool_load(text=small_tool(version="2"), source_name="b.yaml")
    assert one.is_active
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentTool.objects.filter(pk=two.pk).update(is_active=True)


def test_no_active_version_is_a_clear_error():
    with pytest.raises(
        AssessmentTool.DoesNotExist, match=r"No version of the assessment tool 'nothing-here' is active"
    ):
        assessment_tool_active(code="nothing-here")
