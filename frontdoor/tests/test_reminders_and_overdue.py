"""The 24-hour forward to the social worker shows as overdue when late, and reminders go once."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Role, TeamKind
from frontdoor.models import Task, TaskReminder, TaskStatus
from tests.factories import AgencyFactory, ChildFactory, TeamFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_door():
    return TeamFactory.create(kind=TeamKind.FRONT_DOOR, agency=AgencyFactory.create(), email="cap@example.org")


@pytest.fixture
def late_forward(front_door):
    child = ChildFactory.create(holding_team=front_door, first_name="Skye", last_name="Lowther")
    return Task.objects.create(
        child=child,
        code="forward_to_case_holding_social_worker",
        owner="front_door",
        team=front_door,
        status=TaskStatus.OPEN,
        reason="Forward within 24 hours.",
        due_at=timezone.now() - dt.timedelta(hours=1),
    )


def send() -> str:
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_late_forward_is_overdue_and_first_on_the_worklist(signed_in, front_door, late_forward):
    Task.objects.create(
        child=late_forward.child,
        code="inform_placing_social_worker",
        owner="front_door",
        team=front_door,
        status=TaskStatus.OPEN,
        reason="Inform.",
    )
    page = signed_in(staff_user(team=front_door, role=Role.SCREENER)).get("/tasks/").content.decode()
    overdue, _, rest = page.partition('id="to-do"')
    assert "Forward to the case-holding social worker" in overdue
    assert "Overdue" in overdue
    assert "Inform the child&#x27;s placing social worker" in rest


def test_reminder_is_sent_once_and_names_no_child(late_forward):
    assert send().startswith("Sent 1 reminder")
    assert send().startswith("Sent 0 reminder")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cap@example.org"]
    assert "is overdue" in message.subject
    assert "Skye" not in message.body
    assert "Lowther" not in message.body
    assert TaskReminder.objects.get().kind == "overdue"


def test_a_task_due_soon_gets_a_due_reminder_then_an_overdue_one(late_forward):
    late_forward.due_at = timezone.now() + dt.timedelta(hours=1)
    late_forward.save()
    send()
    Task.objects.filter(pk=late_forward.pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    send()
    assert sorted(TaskReminder.objects.values_list("kind", flat=True)) == ["due", "overdue"]


def test_done_tasks_get_no_reminder(late_forward):
    Task.objects.filter(pk=late_forward.pk).update(status=TaskStatus.DONE)
    assert send().startswith("Sent 0")
