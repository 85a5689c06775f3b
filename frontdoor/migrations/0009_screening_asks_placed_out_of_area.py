from django.db import migrations, models

# Procedure correction 5 (decision 0034): a screening that set the former status "placed out of area"
# now reads as a case open to Social Care of a child placed out of area, as the child's record does
# (children 0011). Its routing input and decision stay as they were: what was routed then.
FORMER = "placed_out_of_area"
OPEN_SOCIAL_CARE = "open_social_care"


def placed_screenings_open_to_social_care(apps, schema_editor):
    Screening = apps.get_model("frontdoor", "Screening")
    Screening.objects.filter(case_status=FORMER).update(case_status=OPEN_SOCIAL_CARE, placed_out_of_area=True)


def placed_screenings_back_to_the_status(apps, schema_editor):
    Screening = apps.get_model("frontdoor", "Screening")
    Screening.objects.filter(case_status=OPEN_SOCIAL_CARE, placed_out_of_area=True).update(case_status=FORMER)


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0011_placed_out_of_area_is_a_fact_not_a_status"),
        ("frontdoor", "0008_meg_referrals_indexed_whatever_their_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="screening",
            name="host_authority",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="screening",
            name="host_social_worker",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="screening",
            name="host_social_worker_contact",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="screening",
            name="placed_out_of_area",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="screening",
            name="case_status",
            field=models.CharField(
                choices=[
                    ("open_early_help", "Open to Early Help"),
                    ("open_social_care", "Open to Children's Social Care"),
                    ("new_case", "New case"),
                    ("out_of_authority", "From another authority, living here"),
                ],
                max_length=30,
            ),
        ),
        migrations.RunPython(placed_screenings_open_to_social_care, placed_screenings_back_to_the_status),
    ]
