"""Case notes keep their source as values; a child's learning disability becomes yes, no or not known;
corrections to a child's details keep their history, append-only.

The old yes/no field saved "not known" as no (the contact form's and the API's default), so a stored
no cannot be told from a not known: it becomes not known, to be asked again, and a stored yes stays
yes (decision 0025)."""

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core.append_only import forbid_update_and_delete


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
        migrations.AlterField(
            model_name="chronologyentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("note", "Note"),
                    ("child_recorded", "Child recorded"),
                    ("missing_episode", "Missing episode"),
                    ("case_status", "Case status"),
                    ("allocation", "Allocation"),
                    ("contact", "Contact"),
                    ("assessment", "Assessment"),
                    ("meeting", "Meeting"),
                    ("task", "Task"),
                    ("risk_level", "Risk level"),
                    ("challenge", "Professional challenge"),
                    ("correction", "Correction to the record"),
                ],
                max_length=20,
            ),
        ),
        migrations.CreateModel(
            name="ChildCorrection",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "field",
                    models.CharField(help_text="The name of the corrected field of the child's record.", max_length=40),
                ),
                (
                    "old_value",
                    models.CharField(blank=True, help_text="As the record showed it, in words.", max_length=200),
                ),
                (
                    "new_value",
                    models.CharField(blank=True, help_text="As the record shows it now, in words.", max_length=200),
                ),
                ("reason", models.TextField()),
                ("corrected_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="corrections", to="children.child"
                    ),
                ),
                (
                    "corrected_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["-corrected_at", "-id"],
            },
        ),
        forbid_update_and_delete("children_childcorrection"),
    ]
