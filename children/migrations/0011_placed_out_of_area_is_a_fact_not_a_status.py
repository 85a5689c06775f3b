from django.db import migrations, models

# Procedure correction 5 (decision 0034): "placed out of area" was a fifth case status, which dropped the
# forward to the case-holding social worker, the assessment and the referrals. It is a fact on the child.
# A child of ours placed out of area is placed by Children's Social Care: their case is open to Social
# Care. The host authority was never recorded, so it stays blank for the social worker to add.
FORMER = "placed_out_of_area"
OPEN_SOCIAL_CARE = "open_social_care"


def placed_children_open_to_social_care(apps, schema_editor):
    Child = apps.get_model("children", "Child")
    Child.objects.filter(case_status=FORMER).update(case_status=OPEN_SOCIAL_CARE, placed_out_of_area=True)


def placed_children_back_to_the_status(apps, schema_editor):
    Child = apps.get_model("children", "Child")
    Child.objects.filter(case_status=OPEN_SOCIAL_CARE, placed_out_of_area=True).update(case_status=FORMER)


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0010_missing_episodes_indexed_by_start"),
    ]

    operations = [
        migrations.AddField(
            model_name="child",
            name="host_authority",
            field=models.CharField(blank=True, help_text="The host authority's name.", max_length=200),
        ),
        migrations.AddField(
            model_name="child",
            name="host_social_worker",
            field=models.CharField(blank=True, help_text="The host authority's social worker.", max_length=200),
        ),
        migrations.AddField(
            model_name="child",
            name="host_social_worker_contact",
            field=models.CharField(
                blank=True, help_text="How to reach the host authority's social worker.", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="child",
            name="placed_out_of_area",
            field=models.BooleanField(
                default=False,
                help_text="A child of ours placed out of area: the case-holding social worker liaises with the host authority (procedure 2.2).",
            ),
        ),
        migrations.AlterField(
            model_name="child",
            name="case_status",
            field=models.CharField(
                choices=[
                    ("open_early_help", "Open to Early Help"),
                    ("open_social_care", "Open to Children's Social Care"),
                    ("new_case", "New case"),
                    ("out_of_authority", "From another authority, living here"),
                ],
                default="new_case",
                max_length=30,
            ),
        ),
        migrations.RunPython(placed_children_open_to_social_care, placed_children_back_to_the_status),
    ]
