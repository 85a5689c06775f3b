"""Fill each child's kept current level (children 0006) from the newest of its level records."""

from django.db import migrations
from django.db.models import Exists, OuterRef, Subquery


def _fill(apps, schema_editor):
    Child = apps.get_model("children", "Child")
    RiskLevelRecord = apps.get_model("assessments", "RiskLevelRecord")
    records = RiskLevelRecord.objects.filter(child=OuterRef("pk"))
    newest = records.order_by("-decided_at", "-id").values("level")[:1]
    Child.objects.filter(Exists(records)).update(risk_level=Subquery(newest))


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_assessment_and_risk_level_record"),
        ("children", "0006_current_risk_level_kept_on_the_child"),
    ]

    operations = [migrations.RunPython(_fill, migrations.RunPython.noop)]
