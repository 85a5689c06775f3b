# Decision 0039: a contact about a young person of 18 or over is closed by the front door without a
# screening, and leaves the contacts to screen (the partial index) like a screened one.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_partnership_structure_and_users"),
        ("children", "0011_placed_out_of_area_is_a_fact_not_a_status"),
        ("frontdoor", "0009_screening_asks_placed_out_of_area"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactClosure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("closed_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("adult_safeguarding", "Passed to adult social care or adult safeguarding"),
                            ("leaving_care", "Passed to the leaving care service"),
                            ("other_service", "Passed to another service or agency"),
                            ("no_further_action", "No further action"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "passed_to_organisation",
                    models.CharField(
                        blank=True,
                        help_text="When the service it was passed to is not a partner agency.",
                        max_length=150,
                    ),
                ),
                ("note", models.TextField(help_text="Why it was closed, and what was agreed with whom.")),
                ("age_years", models.PositiveSmallIntegerField(help_text="The age the closure relied on: 18 or over.")),
                (
                    "age_estimated",
                    models.BooleanField(
                        default=False,
                        help_text="True when the date of birth is not known and the age is the screener's estimate.",
                    ),
                ),
            ],
        ),
        migrations.RemoveIndex(
            model_name="contact",
            name="contact_to_screen",
        ),
        migrations.AddField(
            model_name="contact",
            name="closed_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the front door closed it without a screening, the person being 18 or over: kept by contact_close with its ContactClosure (decision 0039), for the same index as screened_at.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                condition=models.Q(("closed_at__isnull", True), ("screened_at__isnull", True)),
                fields=["received_at"],
                name="contact_to_screen",
            ),
        ),
        migrations.AddField(
            model_name="contactclosure",
            name="closed_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="contactclosure",
            name="contact",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="closure", to="frontdoor.contact"
            ),
        ),
        migrations.AddField(
            model_name="contactclosure",
            name="passed_to_agency",
            field=models.ForeignKey(
                blank=True,
                help_text="A partner agency.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.agency",
            ),
        ),
    ]
