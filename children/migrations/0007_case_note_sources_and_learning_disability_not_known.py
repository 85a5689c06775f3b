"""Case notes keep their source as values; a child's learning disability becomes yes, no or not known.

The old yes/no field saved "not known" as no (the contact form's and the API's default), so a stored
no cannot be told from a not known: it becomes not known, to be asked again, and a stored yes stays
yes (decision 0025)."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def learning_disability_forwards(apps: Any, schema_editor: Any) -> None:
    Child = apps.get_model("children", "Child")
    Child.objects.filter(learning_disability_was=True).update(learning_disability="yes")
    Child.objects.filter(learning_disability_was=False).update(learning_disability="not_known")


def learning_disability_backwards(apps: Any, schema_editor: Any) -> None:
    # Back to the old field, as it stored things: only a yes is a yes.
    Child = apps.get_model("children", "Child")
    Child.objects.filter(learning_disability="yes").update(learning_disability_was=True)
    Child.objects.exclude(learning_disability="yes").update(learning_disability_was=False)


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0006_current_risk_level_kept_on_the_child"),
    ]

    operations = [
        migrations.AddField(
            model_name="chronologyentry",
            name="source_carer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="children.carer",
            ),
        ),
        migrations.AddField(
            model_name="chronologyentry",
            name="source_detail",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AddField(
            model_name="chronologyentry",
            name="source_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("child", "The child"),
                    ("parent_or_carer", "A parent or carer"),
                    ("professional", "A professional of an agency"),
                    ("own_observation", "My own observation"),
                    ("someone_else", "Someone else"),
                ],
                default="",
                max_length=20,
            ),
        ),
        migrations.RenameField(model_name="child", old_name="learning_disability", new_name="learning_disability_was"),
        migrations.AddField(
            model_name="child",
            name="learning_disability",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("not_known", "Not known")],
                default="not_known",
                help_text="Not known stays not known until answered, and is treated as yes (procedure 2.2, note).",
                max_length=10,
            ),
        ),
        migrations.RunPython(learning_disability_forwards, learning_disability_backwards),
        migrations.RemoveField(model_name="child", name="learning_disability_was"),
    ]
