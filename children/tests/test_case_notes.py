"""Case notes (seed 003, 3.10; rule 13), through the page and the API."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role
from audit.models import AccessAction, AccessEvent
from children.models import Carer, CarerRelationship, ChronologyEntry, ChronologyKind, NoteSource
from intelligence.inputs import SubmissionInput
from intelligence.services.submissions import submission_record
from tests.factories import AgencyFactory, ChildFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return staff_user(role=Role.SOCIAL_WORKER, first_name="Amira", last_name="Osei")


@pytest.fixture
def child(worker):
    return ChildFactory.create(holding_team=worker.teams.get(), first_name="Kayla")


@pytest.fixture
def mother(child, worker):
    return Carer.objects.create(
        child=child, name="Dana Brookes", relationship=CarerRelationship.MOTHER, recorded_by=worker
    )


def _notes(child):
    return ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.NOTE)


def _form(when: dt.datetime, **fields: str) -> dict[str, str]:
    local = timezone.localtime(when)
    return {
        "occurred_day": str(local.day),
        "occurred_month": str(local.month),
        "occurred_year": str(local.year),
        "occurred_time": local.strftime("%H:%M"),
        **fields,
    }


def _see_only(child):
    """A police intelligence officer who sees the child because a submission names it."""
    officer = staff_user(role=Role.POLICE_INTELLIGENCE)
    sharer = staff_user(role=Role.SOCIAL_WORKER, team=child.holding_team)
    submission_record(
        data=SubmissionInput(source="professional", narrative="Seen in a grey car.", children=[child.id]),
        by=sharer,
        agency=child.holding_team.agency,
        link_people=False,
    )
    return officer


def test_information_from_a_parent_is_recorded_with_who_when_and_source(signed_in, worker, child, mother):
    """Seed 003, 3.10: parents and carers are encouraged to record and share information, 'ensuring
    that information is recorded appropriately, as this may be required in subsequent criminal
    proceedings'."""
    web = signed_in(worker)
    page = web.get(f"/children/{child.id}/")
    assert f'href="/children/{child.id}/notes/new/"' in page.content.decode()
    form = web.get(f"/children/{child.id}/notes/new/").content.decode()
    assert "Dana Brookes (mother)" in form
    when = timezone.now() - dt.timedelta(days=1)
    response = web.post(
        f"/children/{child.id}/notes/new/",
        _form(
            when,
            source=f"carer-{mother.pk}",
            source_detail="by phone",
            summary="Kayla came home at 3am in a taxi she could not have paid for.",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.id}/"
    note = _notes(child).get()
    assert note.recorded_by == worker
    assert note.source_kind == NoteSource.PARENT_OR_CARER
    assert note.source_carer == mother
    assert note.source == "Dana Brookes (mother): by phone"
    assert abs(note.occurred_at - when) < dt.timedelta(minutes=1)
    shown = web.get(f"/children/{child.id}/").content.decode()
    assert "Case note recorded" in shown
    assert "Kayla came home at 3am in a taxi she could not have paid for." in shown
    assert "Dana Brookes (mother): by phone" in shown


def test_a_professional_note_names_the_agency_and_the_professional(signed_in, worker, child):
    school = AgencyFactory.create(name="Northfield Academy")
    response = signed_in(worker).post(
        f"/children/{child.id}/notes/new/",
        _form(
            timezone.now() - dt.timedelta(hours=2),
            source="professional",
            agency=str(school.pk),
            source_detail="Mrs Patel, head of year",
            summary="Seen with an older man at the gates.",
        ),
    )
    assert response.status_code == 302
    note = _notes(child).get()
    assert note.source_agency == school
    assert note.source == "Mrs Patel, head of year, Northfield Academy"


def test_errors_name_the_problem_and_nothing_is_saved(signed_in, worker, child, mother):
    web = signed_in(worker)
    tomorrow = timezone.now() + dt.timedelta(days=2)
    response = web.post(f"/children/{child.id}/notes/new/", _form(tomorrow, source="professional", summary=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date it happened must be today or in the past" in page
    assert "Enter what you were told or saw" in page
    assert not _notes(child).exists()
    # The date is right now; the service names the professional's missing agency and name.
    response = web.post(
        f"/children/{child.id}/notes/new/",
        _form(timezone.now() - dt.timedelta(hours=1), source="professional", summary="Seen at the station."),
    )
    page = response.content.decode()
    assert "Select the professional&#x27;s agency" in page
    assert "Enter the professional&#x27;s name and role" in page
    assert not _notes(child).exists()


def test_someone_who_only_sees_the_child_may_not_write_a_note(signed_in, child):
    officer = _see_only(child)
    web = signed_in(officer)
    assert web.get(f"/children/{child.id}/").status_code == 200
    assert "Add a case note" not in web.get(f"/children/{child.id}/").content.decode()
    assert web.get(f"/children/{child.id}/notes/new/").status_code == 403
    response = web.post(
        f"/children/{child.id}/notes/new/",
        _form(timezone.now() - dt.timedelta(hours=1), source="child", summary="Told me."),
    )
    assert response.status_code == 403
    api = web.post(
        f"/api/v1/children/{child.id}/notes",
        {"occurred_at": "2020-01-01T10:00:00Z", "source": "child", "summary": "Told me."},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert not _notes(child).exists()


def test_a_child_out_of_sight_is_not_found(signed_in, worker):
    stranger_child = ChildFactory.create()
    web = signed_in(worker)
    assert web.get(f"/children/{stranger_child.id}/notes/new/").status_code == 404
    api = web.post(
        f"/api/v1/children/{stranger_child.id}/notes",
        {"occurred_at": "2020-01-01T10:00:00Z", "source": "child", "summary": "Told me."},
        content_type="application/json",
    )
    assert api.status_code == 404


def test_api_records_a_note_and_returns_it(signed_in, worker, child, mother):
    web = signed_in(worker)
    occurred = (timezone.now() - dt.timedelta(hours=3)).replace(microsecond=0)
    response = web.post(
        f"/api/v1/children/{child.id}/notes",
        {
            "occurred_at": occurred.isoformat(),
            "source": "parent_or_carer",
            "carer_id": mother.pk,
            "summary": "A man called Jay keeps phoning her.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "note"
    assert body["source_kind"] == "parent_or_carer"
    assert body["source_carer_id"] == mother.pk
    assert body["recorded_by"] == worker.display_name
    assert body["source"] == "Dana Brookes (mother)"
    assert dt.datetime.fromisoformat(body["occurred_at"]) == occurred
    listed = web.get(f"/api/v1/children/{child.id}/").json()["chronology"]
    assert [entry["summary"] for entry in listed if entry["kind"] == "note"] == ["A man called Jay keeps phoning her."]


def test_api_refuses_a_carer_of_another_child_and_a_future_time(signed_in, worker, child):
    other = ChildFactory.create(holding_team=child.holding_team)
    theirs = Carer.objects.create(child=other, name="Lee Grant", relationship="father", recorded_by=worker)
    future = (timezone.now() + dt.timedelta(hours=5)).isoformat()
    response = signed_in(worker).post(
        f"/api/v1/children/{child.id}/notes",
        {"occurred_at": future, "source": "parent_or_carer", "carer_id": theirs.pk, "summary": "Said so."},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["occurred_at"] == ["The date and time it happened must be now or in the past"]
    assert errors["carer_id"] == ["No parent or carer of Kayla is recorded: choose 'Someone else' and say who"]
    assert not _notes(child).exists()


def test_the_form_page_is_a_logged_read(signed_in, worker, child):
    signed_in(worker).get(f"/children/{child.id}/notes/new/")
    views = AccessEvent.objects.filter(user=worker, action=AccessAction.VIEW, object_type="child")
    assert [event.object_ids for event in views] == [[str(child.id)]]
