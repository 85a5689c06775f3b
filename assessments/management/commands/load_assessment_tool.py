"""`manage.py load_assessment_tool FILE [--activate]`: load a version of a risk assessment tool."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from assessments.selectors import tool_definition_of
from assessments.services import ToolVersionConflictError, assessment_tool_load
from assessments.tool_definition import ToolDefinitionError


class Command(BaseCommand):
    help = (
        "Load a risk assessment tool definition (YAML) as a new, immutable version. Loading the same file "
        "again changes nothing; changed content needs a new version. Nothing is saved when the file is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The tool's YAML file, for example assessments/tools/cse_risk_assessment.yaml")
        parser.add_argument(
            "--activate", action="store_true", help="Make this version the one new assessments use for its code."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        started = timezone.now()
        try:
            tool = assessment_tool_load(text=text, source_name=str(path), activate=options["activate"])
        except (ToolDefinitionError, ToolVersionConflictError) as error:
            raise CommandError(str(error)) from None
        definition = tool_definition_of(tool)
        indicators = sum(len(domain.indicators) for domain in definition.domains)
        what = "Loaded" if tool.loaded_at >= started else "Already loaded with identical content, nothing changed:"
        self.stdout.write(
            f"{what} {tool.code} version {tool.version} ({tool.title}): {len(definition.domains)} domains, "
            f"{indicators} indicators; sha256 {tool.checksum}."
        )
        self.stdout.write(definition.thresholds.summary())
        self.stdout.write(f"Active: {'yes' if tool.is_active else 'no (use --activate to make it active)'}.")
