"""The front door's 'contacts to screen' list puts the most urgent first (decision 0027): immediate
risk, then the contact whose task falls due soonest, then the oldest. Issue: a contact with immediate
risk sat fifth of six, oldest first, its 999 task already overdue."""

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from frontdoor.models import Contact, Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from frontdoor.selectors.tasks import WORKLIST_LIMIT
from frontdoor.tests.test_api_journey import contact_body, post

pytestmark = pytest.mark.usefixtures("assessment_tool")


def to_screen_section(page: str) -> str:
    start = page.index('id="to-screen"')
    return page[start : page.index('id="overdue"', start)]


def references_in_order(section: str) -> list[str]:
    return re.findall(r'href="/contacts/\d+/">([^<]+)</a>', section)


def record_contacts(client: Client, count: int, *, immediate_at: int) -> list[dict[str, Any]]:
    """`count` contacts received an hour apart, oldest first; the one at `immediate_at` is at immediate risk."""
    contacts = []
    for number in range(count):
        received = timezone.now() - dt.timedelta(hours=count + 1 - number)
        body = contact_body(
            received_at=received.isoformat(),
            immediate_risk=number == immediate_at,
            linked_children=[],
            concern=f"Concern number {number}.",
        )
        response = post(client, "/api/v1/contacts/", body)
        assert response.status_code == 201, response.content
        contacts.append(response.json())
    return contacts


@pytest.fixture
def screener_user(partnership) -> User:
    user: User = partnership["screener.nfd"]
    return user


def test_immediate_risk_first_then_soonest_due_then_oldest(signed_in, screener_user):
    web = signed_in(screener_user)
    contacts = record_contacts(web, 6, immediate_at=4)  # the example: fifth of six
    immediate = contacts[4]
    # Its 999 task fell due at once, and is overdue by now.
    call = Task.objects.get(contact_id=immediate["id"], code=TaskCode.CONTACT_POLICE_999)
    Task.objects.filter(pk=call.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    # The youngest of the others has a task due tomorrow; the second youngest one done (not counted).
    team = screener_user.teams.get()
    Task.objects.create(
        child_id=contacts[5]["child"]["id"],
        contact_id=contacts[5]["id"],
        code=TaskCode.TRANSFER_TO_FIRST_RESPONSE_TEAM,
        owner=Owner.FRONT_DOOR,
        team=team,
        status=TaskStatus.OPEN,
        reason="Due tomorrow.",
        due_at=timezone.now() + dt.timedelta(days=1),
    )
    Task.objects.create(
        child_id=contacts[3]["child"]["id"],
        contact_id=contacts[3]["id"],
        code=TaskCode.TRANSFER_TO_FIRST_RESPONSE_TEAM,
        owner=Owner.FRONT_DOOR,
        team=team,
        status=TaskStatus.DONE,
        reason="Done already: does not make the contact urgent.",
        due_at=timezone.now() - dt.timedelta(days=1),
    )
    expected = [contacts[index]["reference"] for index in (4, 5, 0, 1, 2, 3)]

    page = web.get("/tasks/").content.decode()
    section = to_screen_section(page)
    assert references_in_order(section) == expected
    assert "Immediate risk first, then the contact whose task falls due soonest, then the oldest." in section
    assert "Overdue" in section.split(expected[0])[1].split("</tr>")[0]  # the 999 call, shown overdue

    answer = web.get("/api/v1/tasks/").json()
    assert [row["reference"] for row in answer["to_screen"]] == expected
    assert answer["to_screen"][0]["soonest_due"] is not None
    assert answer["to_screen"][2]["soonest_due"] is None


def test_the_list_is_cut_at_the_limit_keeping_the_most_urgent_in_a_fixed_number_of_queries(signed_in, screener_user):
    web = signed_in(screener_user)
    template = Contact.objects.get(pk=record_contacts(web, 1, immediate_at=-1)[0]["id"])
    newest_immediate = record_contacts(web, 1, immediate_at=0)[0]
    with CaptureQueriesContext(connection) as few:
        web.get("/tasks/")
    Contact.objects.bulk_create(
        Contact(
            reference=f"{template.reference}-{number}",
            child_id=template.child_id,
            received_at=template.received_at - dt.timedelta(days=1, minutes=number),
            recorded_by=screener_user,
            reporter_relationship=template.reporter_relationship,
            concern="An older contact.",
            immediate_risk=False,
        )
        for number in range(WORKLIST_LIMIT + 10)
    )
    with CaptureQueriesContext(connection) as many:
        page = web.get("/tasks/").content.decode()
    section = to_screen_section(page)
    total = WORKLIST_LIMIT + 12
    assert f"Contacts to screen ({total})" in section
    assert f"Showing the {WORKLIST_LIMIT} most urgent of {total}." in section
    shown = references_in_order(section)
    assert len(shown) == WORKLIST_LIMIT
    assert shown[0] == newest_immediate["reference"]  # the newest, yet first
    assert template.reference not in shown  # the youngest of those with nothing due is past the cut
    assert len(many.captured_queries) == len(few.captured_queries)  # no query per contact
