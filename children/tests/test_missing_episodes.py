"""Missing from home, through the pages and the API: the episode, its return, the return home
interview, and who may record them."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role
from audit.models import AccessAction
from children.models import ChronologyEntry, ChronologyKind, MissingEpisode, ReporterKind
from intelligence.inputs import SubmissionInput
from intelligence.services.submissions import submission_record
from tests.factories import (
    CaseAllocationFactory,
    ChildFactory,
    MissingEpisodeFactory,
    read_events,
    staff_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return staff_user(role=Role.SOCIAL_WORKER)


@pytest.fixture
def child(worker):
    return ChildFactory.create(holding_team=worker.teams.get(), first_name="Kayla", last_name="Example")


@pytest.fixture
def officer(child):
    """A police intelligence officer who sees the child because a submission names it, and does not
    work the case."""
    officer = staff_user(role=Role.POLICE_INTELLIGENCE)
    sharer = staff_user(role=Role.SOCIAL_WORKER, team=child.holding_team)
    submission_record(
        data=SubmissionInput(source="professional", narrative="Seen in a grey car.", children=[child.id]),
        by=sharer,
        agency=child.holding_team.agency,
        link_people=False,
    )
    return officer


def _moment_fields(prefix: str, moment: dt.datetime) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {
        f"{prefix}_day": str(local.day),
        f"{prefix}_month": str(local.month),
        f"{prefix}_year": str(local.year),
        f"{prefix}_time": f"{local:%H:%M}",
    }


def _episode_form(started_at: dt.datetime, **more: str) -> dict[str, str]:
    return {
        **_moment_fields("started", started_at),
        "reported_by_kind": "parent_or_carer",
        "reported_by": "Mother",
    } | more


def _nothing_written() -> None:
    assert MissingEpisode.objects.count() == 0
    assert not ChronologyEntry.objects.filter(kind=ChronologyKind.MISSING_EPISODE).exists()


# --- Recording an episode on the page ---------------------------------------------------------------


def test_the_case_holder_records_a_missing_episode_from_the_child_page(signed_in, worker, child):
    client = signed_in(worker)
    page = client.get(f"/children/{child.id}/").content.decode()
    assert f'href="/children/{child.id}/missing-episodes/new"' in page
    assert "Record a missing episode" in page

    form = client.get(f"/children/{child.id}/missing-episodes/new")
    assert form.status_code == 200
    assert "Who reported the child missing?" in form.content.decode()

    started = timezone.now() - dt.timedelta(hours=5)
    response = client.post(f"/children/{child.id}/missing-episodes/new", _episode_form(started))
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.id}/#missing-from-home"

    episode = MissingEpisode.objects.get(child=child)
    assert episode.ended_at is None
    assert episode.reported_by_kind == ReporterKind.PARENT_OR_CARER
    assert episode.reported_by == "Mother"
    assert episode.recorded_by == worker
    entry = ChronologyEntry.objects.get(child=child, kind=ChronologyKind.MISSING_EPISODE)
    assert entry.summary == "Reported missing by parent or carer (Mother). Still missing."
    assert entry.recorded_by == worker
    assert entry.occurred_at == episode.started_at

    page = client.get(f"/children/{child.id}/").content.decode()
    assert "Still missing" in page
    assert f'href="/children/missing-episodes/{episode.pk}/return"' in page


def test_an_episode_that_has_ended_is_recorded_with_where_the_child_was_found(signed_in, worker, child):
    started = timezone.now() - dt.timedelta(days=2)
    ended = started + dt.timedelta(hours=14)
    data = _episode_form(started) | _moment_fields("ended", ended) | {"where_found": "Takeaway on Station Road"}
    assert signed_in(worker).post(f"/children/{child.id}/missing-episodes/new", data).status_code == 302
    episode = MissingEpisode.objects.get(child=child)
    assert episode.where_found == "Takeaway on Station Road"
    assert timezone.localtime(episode.ended_at).strftime("%d %H:%M") == timezone.localtime(ended).strftime("%d %H:%M")
    entry = ChronologyEntry.objects.get(child=child, kind=ChronologyKind.MISSING_EPISODE)
    assert "found at Takeaway on Station Road" in entry.summary


def test_a_start_in_the_future_is_refused_with_a_clear_error_and_nothing_saved(signed_in, worker, child):
    future = timezone.now() + dt.timedelta(days=3)
    response = signed_in(worker).post(f"/children/{child.id}/missing-episodes/new", _episode_form(future))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Date they went missing must be today or in the past" in page
    _nothing_written()


def test_a_start_later_today_is_refused_by_the_service_too(signed_in, worker, child):
    """The date is today, so the form lets it through; the time is later than now."""
    later = timezone.now() + dt.timedelta(minutes=5)
    if timezone.localtime(later).date() != timezone.localdate():
        pytest.skip("the suite runs just before midnight")
    response = signed_in(worker).post(f"/children/{child.id}/missing-episodes/new", _episode_form(later))
    assert "The time the child went missing must be in the past" in response.content.decode()
    _nothing_written()


def test_an_end_before_the_start_is_refused_and_nothing_saved(signed_in, worker, child):
    started = timezone.now() - dt.timedelta(days=1)
    data = _episode_form(started) | _moment_fields("ended", started - dt.timedelta(hours=3)) | {"where_found": "Park"}
    response = signed_in(worker).post(f"/children/{child.id}/missing-episodes/new", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The time the child came back must be after they went missing" in page
    assert 'href="#id_ended_day"' in page  # the error summary points at the date it is about
    _nothing_written()


def test_missing_fields_are_named(signed_in, worker, child):
    response = signed_in(worker).post(f"/children/{child.id}/missing-episodes/new", {})
    page = response.content.decode()
    assert "Enter the date they went missing" in page
    assert "Select who reported the child missing" in page
    _nothing_written()


def test_a_child_already_missing_cannot_go_missing_again_until_their_return_is_recorded(signed_in, worker, child):
    MissingEpisodeFactory.create(child=child, ended_at=None, where_found="", recorded_by=worker)
    started = timezone.now() - dt.timedelta(hours=1)
    response = signed_in(worker).post(f"/children/{child.id}/missing-episodes/new", _episode_form(started))
    assert "is already recorded as missing since" in response.content.decode()
    assert MissingEpisode.objects.count() == 1


def test_an_allocated_worker_of_another_agency_records(signed_in, child):
    teacher = staff_user(role=Role.LEAD_WORKER)
    CaseAllocationFactory.create(child=child, user=teacher, role=Role.LEAD_WORKER)
    started = timezone.now() - dt.timedelta(hours=2)
    assert (
        signed_in(teacher).post(f"/children/{child.id}/missing-episodes/new", _episode_form(started)).status_code == 302
    )
    assert MissingEpisode.objects.get().recorded_by == teacher


def test_someone_who_only_sees_the_child_may_not_record(signed_in, officer, child):
    client = signed_in(officer)
    page = client.get(f"/children/{child.id}/")
    assert page.status_code == 200  # the officer sees the child
    assert "Record a missing episode" not in page.content.decode()
    assert client.get(f"/children/{child.id}/missing-episodes/new").status_code == 403
    started = timezone.now() - dt.timedelta(hours=2)
    assert client.post(f"/children/{child.id}/missing-episodes/new", _episode_form(started)).status_code == 403
    api = client.post(
        f"/api/v1/children/{child.id}/missing-episodes",
        {"started_at": started.isoformat(), "reported_by_kind": "police"},
        content_type="application/json",
    )
    assert api.status_code == 403
    _nothing_written()


def test_someone_who_may_not_see_the_child_gets_not_found(signed_in, child):
    stranger = staff_user(role=Role.SOCIAL_WORKER)
    client = signed_in(stranger)
    assert client.get(f"/children/{child.id}/missing-episodes/new").status_code == 404
    assert client.get(f"/children/{child.id}/missing-episodes/").status_code == 404
    assert client.get(f"/api/v1/children/{child.id}/missing-episodes").status_code == 404
    episode = MissingEpisodeFactory.create(child=child, ended_at=None, where_found="")
    assert client.get(f"/children/missing-episodes/{episode.pk}/return").status_code == 404
    assert (
        client.post(
            f"/api/v1/missing-episodes/{episode.pk}/return",
            {"ended_at": timezone.now().isoformat(), "where_found": "Home"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert MissingEpisode.objects.get().ended_at is None


# --- The return -------------------------------------------------------------------------------------


def test_the_return_is_recorded_later_and_only_once(signed_in, worker, child):
    started = timezone.now() - dt.timedelta(days=1)
    episode = MissingEpisodeFactory.create(child=child, started_at=started, ended_at=None, where_found="")
    client = signed_in(worker)
    url = f"/children/missing-episodes/{episode.pk}/return"
    assert "Record their return" in client.get(url).content.decode()

    before = client.post(url, _moment_fields("ended", started - dt.timedelta(hours=1)) | {"where_found": "Park"})
    assert "The time the child came back must be after they went missing" in before.content.decode()
    episode.refresh_from_db()
    assert episode.ended_at is None

    back = timezone.now() - dt.timedelta(hours=2)
    response = client.post(url, _moment_fields("ended", back) | {"where_found": "A friend's flat, Hill Street"})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.ended_at is not None
    assert episode.where_found == "A friend's flat, Hill Street"
    entry = ChronologyEntry.objects.get(child=child, kind=ChronologyKind.MISSING_EPISODE)
    assert entry.summary.startswith("Came back after being missing since")
    assert entry.recorded_by == worker

    again = client.get(url).content.decode()
    assert "The return was already recorded" in again
    api = client.post(
        f"/api/v1/missing-episodes/{episode.pk}/return",
        {"ended_at": timezone.now().isoformat(), "where_found": "Home"},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "The return was already recorded" in api.json()["errors"]["non_field_errors"][0]
    assert ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.MISSING_EPISODE).count() == 1


# --- The API ----------------------------------------------------------------------------------------


def test_the_api_records_and_lists_episodes_and_logs_each_read(signed_in, worker, child):
    client = signed_in(worker)
    started = timezone.now() - dt.timedelta(hours=6)
    response = client.post(
        f"/api/v1/children/{child.id}/missing-episodes",
        {
            "started_at": started.isoformat(),
            "reported_by_kind": "foster_or_residential_carer",
            "reported_by": "Key worker",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["ended_at"] is None
    assert body["reported_by_kind"] == "foster_or_residential_carer"
    assert ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.MISSING_EPISODE).count() == 1

    listed = client.get(f"/api/v1/children/{child.id}/missing-episodes")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()] == [body["id"]]
    lists = [
        e for e in read_events().filter(action=AccessAction.LIST, channel="api") if e.object_ids == [str(child.id)]
    ]
    assert len(lists) == 1


def test_the_api_refuses_bad_input_with_named_fields_and_saves_nothing(signed_in, worker, child):
    client = signed_in(worker)
    started = timezone.now() - dt.timedelta(hours=6)
    response = client.post(
        f"/api/v1/children/{child.id}/missing-episodes",
        {
            "started_at": started.isoformat(),
            "reported_by_kind": "parent_or_carer",
            "ended_at": (started - dt.timedelta(hours=1)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "must be after they went missing" in errors["ended_at"][0]
    assert errors["where_found"] == ["Enter where the child was found"]
    future = client.post(
        f"/api/v1/children/{child.id}/missing-episodes",
        {"started_at": (timezone.now() + dt.timedelta(hours=1)).isoformat(), "reported_by_kind": "police"},
        content_type="application/json",
    )
    assert future.json()["errors"]["started_at"] == ["The time the child went missing must be in the past"]
    unknown = client.post(
        f"/api/v1/children/{child.id}/missing-episodes",
        {"started_at": started.isoformat(), "reported_by_kind": "not_recorded"},
        content_type="application/json",
    )
    assert unknown.status_code == 400
    assert "reported_by_kind" in unknown.json()["errors"]
    _nothing_written()


# --- The return home interview ----------------------------------------------------------------------


def _interview_form(completed_at: dt.datetime, **more: str) -> dict[str, str]:
    return {
        **_moment_fields("completed", completed_at),
        "interviewed_by": "Sam Example, independent return home interviews",
        "summary": "Stayed at an older friend's flat; was given alcohol; agreed to see the school nurse.",
    } | more


def test_the_return_home_interview_is_recorded_on_an_episode_that_has_ended(signed_in, worker, child):
    ended = timezone.now() - dt.timedelta(days=2)
    episode = MissingEpisodeFactory.create(child=child, started_at=ended - dt.timedelta(hours=20), ended_at=ended)
    client = signed_in(worker)
    page = client.get(f"/children/{child.id}/").content.decode()
    assert "1 return home interview outstanding" in page
    assert f'href="/children/missing-episodes/{episode.pk}/return-interview"' in page

    url = f"/children/missing-episodes/{episode.pk}/return-interview"
    early = client.post(url, _interview_form(ended - dt.timedelta(days=1)))
    assert "The return home interview must be after the child came back" in early.content.decode()
    empty = client.post(url, {**_moment_fields("completed", ended + dt.timedelta(hours=5))})
    assert "Enter who held the return home interview" in empty.content.decode()
    assert "Enter what the child said and what was learnt" in empty.content.decode()
    episode.refresh_from_db()
    assert episode.return_interview_completed_at is None

    response = client.post(url, _interview_form(ended + dt.timedelta(hours=30)))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.return_interview_by == "Sam Example, independent return home interviews"
    assert episode.return_interview_summary.startswith("Stayed at an older friend's flat")
    assert episode.return_interview_recorded_by == worker
    entry = ChronologyEntry.objects.get(child=child, kind=ChronologyKind.MISSING_EPISODE)
    assert entry.summary.startswith("Return home interview after being missing since")
    assert entry.source == "Return home interview by Sam Example, independent return home interviews"

    page = client.get(f"/children/{child.id}/").content.decode()
    assert "outstanding" not in page
    assert "by Sam Example, independent return home interviews" in page
    assert "already recorded" in client.get(url).content.decode()


def test_a_return_home_interview_is_refused_while_the_child_is_still_missing(signed_in, worker, child):
    episode = MissingEpisodeFactory.create(child=child, ended_at=None, where_found="")
    client = signed_in(worker)
    url = f"/children/missing-episodes/{episode.pk}/return-interview"
    page = client.get(url).content.decode()
    assert "is still recorded as missing" in page
    assert f'href="/children/missing-episodes/{episode.pk}/return"' in page
    posted = client.post(url, _interview_form(timezone.now() - dt.timedelta(hours=1)))
    assert "record their return before the return home interview" in posted.content.decode()
    api = client.post(
        f"/api/v1/missing-episodes/{episode.pk}/return-interview",
        {
            "completed_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
            "interviewed_by": "Sam Example",
            "summary": "Talked.",
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "still recorded as missing" in api.json()["detail"]
    episode.refresh_from_db()
    assert episode.return_interview_completed_at is None
    assert not ChronologyEntry.objects.filter(kind=ChronologyKind.MISSING_EPISODE).exists()


def test_the_api_records_the_return_interview(signed_in, worker, child):
    ended = timezone.now() - dt.timedelta(days=1)
    episode = MissingEpisodeFactory.create(child=child, started_at=ended - dt.timedelta(hours=3), ended_at=ended)
    response = signed_in(worker).post(
        f"/api/v1/missing-episodes/{episode.pk}/return-interview",
        {
            "completed_at": (ended + dt.timedelta(hours=4)).isoformat(),
            "interviewed_by": "Sam Example",
            "summary": "Was with friends at the park.",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["return_interview_by"] == "Sam Example"
    assert ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.MISSING_EPISODE).count() == 1


def test_someone_who_only_sees_the_child_may_not_record_the_interview(signed_in, officer, child):
    episode = MissingEpisodeFactory.create(child=child)
    client = signed_in(officer)
    assert client.get(f"/children/missing-episodes/{episode.pk}/return-interview").status_code == 403
    api = client.post(
        f"/api/v1/missing-episodes/{episode.pk}/return-interview",
        {"completed_at": timezone.now().isoformat(), "interviewed_by": "Sam", "summary": "Talked."},
        content_type="application/json",
    )
    assert api.status_code == 403
    episode.refresh_from_db()
    assert episode.return_interview_completed_at is None


# --- The child's page ----------------------------------------------------------------------------------


def test_the_child_page_lists_the_newest_episodes_with_a_count(signed_in, worker, child):
    now = timezone.now()
    for weeks in range(1, 8):  # seven episodes, a week apart; the newest has no interview yet
        started = now - dt.timedelta(weeks=weeks)
        MissingEpisodeFactory.create(
            child=child,
            started_at=started,
            ended_at=started + dt.timedelta(hours=6),
            where_found=f"Place {weeks}",
            return_interview_completed_at=None if weeks == 1 else started + dt.timedelta(days=1),
        )
    page = signed_in(worker).get(f"/children/{child.id}/").content.decode()
    assert "7 missing episodes recorded; 1 return home interview outstanding." in page
    shown = [f"Place {weeks}" for weeks in range(1, 8) if f"Place {weeks}<" in page]
    assert shown == ["Place 1", "Place 2", "Place 3", "Place 4", "Place 5"]  # the newest five, newest first
    assert page.index("Place 1<") < page.index("Place 2<") < page.index("Place 5<")
    assert f'href="/children/{child.id}/missing-episodes/"' in page
    assert "See all 7 missing episodes" in page

    every = signed_in(worker).get(f"/children/{child.id}/missing-episodes/").content.decode()
    assert all(f"Place {weeks}<" in every for weeks in range(1, 8))


def test_the_child_page_says_when_the_child_is_missing_now(signed_in, worker, child):
    MissingEpisodeFactory.create(child=child, ended_at=None, where_found="")
    page = signed_in(worker).get(f"/children/{child.id}/").content.decode()
    assert "1 missing episode recorded; <strong>still missing now</strong>." in page
