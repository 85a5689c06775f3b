"""Load and activate the default CSE risk assessment tool (assessments/tools/cse_risk_assessment.yaml).

The file is read as it is when the migration runs, so a fresh database gets the current default
version; databases migrated earlier keep what they have, and later versions are loaded with
`manage.py load_assessment_tool FILE --activate` (docs/decisions/0008).
"""

import hashlib

from django.db import migrations

from assessments.tool_definition import DEFAULT_TOOL_PATH, tool_definition_parse
from assessments.tool_json import tool_definition_to_dict


def load_default_tool(apps, schema_editor):
    AssessmentTool = apps.get_model("assessments", "AssessmentTool")
    text = DEFAULT_TOOL_PATH.read_text(encoding="utf-8")
    definition = tool_definition_parse(text, source_name=DEFAULT_TOOL_PATH.name)
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    tool = AssessmentTool.objects.filter(code=definition.code, version=definition.version).first()
    if tool is None:
        tool = AssessmentTool.objects.create(
            code=definition.code,
            version=definition.version,
            title=definition.title,
            definition=tool_definition_to_dict(definition),
            source_text=text,
            source_name=DEFAULT_TOOL_PATH.name,
            checksum=checksum,
        )
    elif tool.checksum != checksum:
        raise RuntimeError(
            f"{definition.code} version {definition.version} is already loaded with different content; "
            f"give the changed {DEFAULT_TOOL_PATH.name} a new version"
        )
    AssessmentTool.objects.filter(code=definition.code, is_active=True).exclude(pk=tool.pk).update(is_active=False)
    AssessmentTool.objects.filter(pk=tool.pk).update(is_active=True)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_assessment_tool")]

    operations = [migrations.RunPython(load_default_tool, migrations.RunPython.noop, elidable=False)]
