"""The county-scale generator (`bench/generate.py`): what it copies is what the services write, it
keeps every invariant the services keep, and a second run adds nothing. PostgreSQL only: the access
log is written with COPY."""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from assessments.models import RiskLevelRecord
from audit.models import AccessEvent
from children.models import Child, ChronologyEntry
from demo.generator.county import ACCESS_EVENTS_PER_CHILD, FIRST_COUNTY_INDEX, county_generate
from demo.generator.templates import TEMPLATE_NAME
from frontdoor.models import Contact, Screening, Task, TaskStatus
from meetings.models import AgendaItem, Plan
from meetings.selectors.agenda import meg_agenda_entries

CHILDREN = 400

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the county is built on PostgreSQL"),
]


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            counts = county_generate(children=CHILDREN, seed=7)
            again = county_generate(children=CHILDREN, seed=7)
            yield counts, again
            transaction.set_rollback(True)


def _county_children():
    """The children the county added (the demo's are numbered below FIRST_COUNTY_INDEX)."""
    ids = [
        pk for pk, ref in Child.objects.values_list("pk", "reference") if int(ref.rsplit("-")[1]) > FIRST_COUNTY_INDEX
    ]
    return Child.objects.filter(pk__in=ids)


def test_a_second_run_adds_nothing(county) -> None:
    counts, again = county
    assert counts["children"] >= CHILDREN
    assert again == Counter()


def test_every_contact_has_its_own_screening_assessment_and_level(county) -> None:
    contacts = Contact.objects.filter(child__in=_county_children())
    assert contacts.count() >= CHILDREN
    screenings = Screening.objects.filter(contact__in=contacts).select_related("contact", "assessment")
    assert screenings.count() == contacts.count()
    for screening in screenings:
        assert screening.child_id == screening.contact.child_id == screening.assessment.child_id
        level = RiskLevelRecord.objects.get(assessment=screening.assessment)
        assert level.child_id == screening.child_id
        assert level.level == screening.assessment.confirmed_level
        assert screening.started_at >= screening.contact.received_at
    for task in Task.objects.filter(contact__in=contacts).select_related("contact", "screening"):
        assert task.contact is not None
        assert task.screening is not None
        assert task.child_id == task.contact.child_id == task.screening.child_id
    references = list(contacts.values_list("reference", flat=True))
    assert len(references) == len(set(references))


def test_the_kept_level_is_the_newest_record(county) -> None:
    newest = RiskLevelRecord.objects.filter(child=OuterRef("pk")).order_by("-decided_at", "-id").values("level")[:1]
    mismatched = _county_children().annotate(newest=Subquery(newest)).exclude(risk_level=Subquery(newest))
    assert list(mismatched.values_list("reference", "risk_level", "newest")) == []


def test_the_chronology_names_the_child_and_the_contact_not_the_template(county) -> None:
    entries = ChronologyEntry.objects.filter(child__in=_county_children())
    assert not entries.filter(summary__contains=TEMPLATE_NAME[1]).exists()
    contact = Contact.objects.filter(child__in=_county_children()).order_by("?").first()
    assert contact is not None
    assert entries.filter(child=contact.child, summary__startswith=f"Contact {contact.reference} received").exists()


def test_old_contacts_are_closed_and_some_new_ones_wait_on_worklists(county) -> None:
    old = Task.objects.filter(
        child__in=_county_children(), contact__received_at__lt=timezone.now() - dt.timedelta(days=15)
    )
    assert old.exists()
    assert not old.filter(status__in=[TaskStatus.OPEN, TaskStatus.WAITING]).exists()
    assert Task.objects.filter(child__in=_county_children(), status=TaskStatus.OPEN).exists()


def test_the_meg_has_plans_for_its_agenda_and_years_of_held_meetings(county) -> None:
    from accounts.models import Area

    for area in Area.objects.all():
        agenda = {entry.child_id for entry in meg_agenda_entries(area=area)}
        assert agenda
        assert set(Plan.objects.filter(child__in=agenda).values_list("child_id", flat=True)) == agenda
    per_meeting = AgendaItem.objects.values("meeting").annotate(children=Count("child")).order_by()
    assert per_meeting.count() > 100


def test_the_access_log_holds_years_of_reads(county) -> None:
    assert AccessEvent.objects.count() >= CHILDREN * ACCESS_EVENTS_PER_CHILD


def test_a_child_placed_out_of_area_gets_the_liaison_and_its_own_host_authority(county) -> None:
    """Procedure correction 5: a child of ours placed out of area is a case open to Social Care whose
    copied screenings keep the child's host authority and add the liaison with it."""
    placed = _county_children().filter(placed_out_of_area=True)
    assert placed.exists()
    assert set(placed.values_list("case_status", flat=True)) == {"open_social_care"}
    for child in placed[:20]:
        screenings = Screening.objects.filter(child=child)
        assert screenings.exists()
        assert set(screenings.values_list("host_authority", flat=True)) == {child.host_authority}
        assert Task.objects.filter(child=child, code="liaise_with_host_authority").count() == screenings.count()
    assert not Task.objects.filter(
        child__in=_county_children().filter(placed_out_of_area=False), code="liaise_with_host_authority"
    ).exists()
