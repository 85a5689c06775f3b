"""The agenda pack as a background job (issue 10): asked for with a POST on the pack page, made by the
database worker under the asking user's access, shown with its progress, downloaded by that user
alone, each download logged; a second press queues nothing more; a failure says so and may be asked
again; and the pages name no child."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessAction, AccessEvent
from children.models import Child
from meetings.models import Meeting, MegSchedule, PackRequest, PackStatus
from meetings.services import packs
from meetings.services.schedule import meg_meetings_schedule
from tests.background import run_queued_tasks
from tests.pdf import pdf_text


@pytest.fixture
def meeting(partnership) -> Meeting:
    support = partnership["megsupport.nfd"]
    area = support.teams.get().agency.area
    for child in Child.objects.filter(responsible_authority=area).order_by("reference")[:2]:
        risk_level_record(
            child=child, level=RiskLevel.HIGH, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
        )
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    return meg_meetings_schedule(area=area, months=2)[0]


@pytest.fixture
def support(signed_in, partnership):
    return signed_in(partnership["megsupport.nfd"])


def agenda_children(meeting: Meeting) -> list[Child]:
    return list(Child.objects.filter(responsible_authority=meeting.area, risk_levels__level="high").distinct())


def page_of(web: Client, meeting: Meeting) -> str:
    response = web.get(f"/meetings/{meeting.pk}/pack/")
    assert response.status_code == 200
    page: str = response.content.decode()
    return page


def assert_names_no_child(page: str, meeting: Meeting) -> None:
    for child in Child.objects.filter(responsible_authority=meeting.area):
        assert child.full_name not in page
        assert child.reference not in page


def test_asking_queues_one_job_and_the_page_shows_its_progress_until_the_pack_is_ready(support, meeting):
    response = support.post(f"/meetings/{meeting.pk}/pack/")
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/pack/"
    job = PackRequest.objects.get()
    assert job.status == PackStatus.QUEUED
    assert DBTaskResult.objects.filter(id=job.task_id, status="READY").exists()

    page = page_of(support, meeting)
    assert "The pack is being prepared" in page
    # No timed refresh (WCAG 2.2.1): the reader refreshes when they choose.
    assert "http-equiv" not in page
    assert f'href="/meetings/{meeting.pk}/pack/">Refresh this page</a>' in page
    assert f'href="/meetings/{meeting.pk}/pack.pdf"' not in page
    assert_names_no_child(page, meeting)
    # Following the download link early leads back to the page, which says the pack is on its way.
    early = support.get(f"/meetings/{meeting.pk}/pack.pdf")
    assert (early.status_code, early["Location"]) == (302, f"/meetings/{meeting.pk}/pack/")

    assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert job.status == PackStatus.READY
    assert job.pages >= 4
    assert job.children_count == 2
    assert job.finished_at is not None
    page = page_of(support, meeting)
    assert "The pack is ready" in page
    assert "http-equiv" not in page
    assert f'href="/meetings/{meeting.pk}/pack.pdf"' in page
    assert_names_no_child(page, meeting)


def test_a_second_press_while_the_pack_is_on_its_way_queues_nothing_more(support, meeting):
    for _ in range(3):
        assert support.post(f"/meetings/{meeting.pk}/pack/").status_code == 302
    assert PackRequest.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    run_queued_tasks()
    # Once it is ready, asking again makes a fresh pack, and only the newest is kept.
    support.post(f"/meetings/{meeting.pk}/pack/")
    assert PackRequest.objects.count() == 1
    assert PackRequest.objects.get().status == PackStatus.QUEUED
    assert run_queued_tasks() == 1


def test_each_download_is_one_export_of_the_children_in_the_pack(support, partnership, meeting):
    support.post(f"/meetings/{meeting.pk}/pack/")
    run_queued_tasks()
    children = {str(child.id) for child in agenda_children(meeting)}
    assert len(children) == 2
    before = AccessEvent.objects.count()
    for downloads in (1, 2):
        response = support.get(f"/meetings/{meeting.pk}/pack.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        assert AccessEvent.objects.count() == before + downloads
        event = AccessEvent.objects.latest("occurred_at", "id")
        assert (event.user, event.action, event.object_type) == (
            partnership["megsupport.nfd"],
            AccessAction.EXPORT,
            "child",
        )
        assert set(event.object_ids) == children
    text = pdf_text(response.content)
    for child in agenda_children(meeting):
        assert child.reference in text


def test_a_pack_is_downloaded_only_by_whoever_asked_for_it(signed_in, support, partnership, meeting):
    support.post(f"/meetings/{meeting.pk}/pack/")
    run_queued_tasks()
    chair = signed_in(partnership["megchair"])  # sees the meeting's pack, but did not ask for this one
    before = AccessEvent.objects.count()
    response = chair.get(f"/meetings/{meeting.pk}/pack.pdf")
    assert (response.status_code, response["Location"]) == (302, f"/meetings/{meeting.pk}/pack/")
    assert "Prepare the agenda pack" in page_of(chair, meeting)
    assert AccessEvent.objects.count() == before


@pytest.mark.parametrize("who", ["megsupport.sdl", "teacher.nfd", "analyst"])
def test_without_sight_of_the_meeting_the_job_and_download_are_not_found_as_for_a_missing_meeting(
    signed_in, support, partnership, meeting, who
):
    support.post(f"/meetings/{meeting.pk}/pack/")
    run_queued_tasks()
    web = signed_in(partnership[who])
    for send, url in ((web.get, "pack/"), (web.post, "pack/"), (web.get, "pack.pdf")):
        refused = send(f"/meetings/{meeting.pk}/{url}")
        missing = send(f"/meetings/999999/{url}")
        assert refused.status_code == missing.status_code == 404, url
        assert refused.content == missing.content, url
    assert PackRequest.objects.count() == 1


def test_the_task_asks_the_gate_again_as_the_user_who_asked(support, partnership, meeting):
    support.post(f"/meetings/{meeting.pk}/pack/")
    user = partnership["megsupport.nfd"]
    user.teams.clear()  # moved on before the worker got to the job: no longer sees the MEG
    run_queued_tasks()
    job = PackRequest.objects.get()
    assert job.status == PackStatus.FAILED
    assert bytes(job.pdf) == b""
    assert job.child_ids == []
    assert job.error == packs.NO_LONGER_SEEN


def test_a_failed_job_says_so_and_may_be_asked_for_again(support, meeting, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(packs, "pdf_laid_out_from_template", broken)
    support.post(f"/meetings/{meeting.pk}/pack/")
    run_queued_tasks()
    page = page_of(support, meeting)
    assert "The pack could not be prepared" in page
    assert packs.FAILED in page
    assert "Ask for the pack again" in page
    assert "layout failed" not in page
    assert "http-equiv" not in page
    monkeypatch.undo()

    support.post(f"/meetings/{meeting.pk}/pack/")
    assert PackRequest.objects.get().status == PackStatus.QUEUED
    run_queued_tasks()
    assert PackRequest.objects.get().status == PackStatus.READY
    assert support.get(f"/meetings/{meeting.pk}/pack.pdf").status_code == 200


def test_a_job_that_lost_its_worker_may_be_asked_for_again(support, meeting):
    support.post(f"/meetings/{meeting.pk}/pack/")
    stuck = PackRequest.objects.get()
    PackRequest.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    page = page_of(support, meeting)
    assert "The pack is taking too long" in page
    assert "Ask for the pack again" in page
    support.post(f"/meetings/{meeting.pk}/pack/")
    assert PackRequest.objects.count() == 1
    fresh = PackRequest.objects.get()
    assert fresh.pk != stuck.pk
    assert fresh.status == PackStatus.QUEUED
    run_queued_tasks()  # the lost job's task, if a worker reaches it at last, finds nothing to do
    assert PackRequest.objects.get().status == PackStatus.READY
