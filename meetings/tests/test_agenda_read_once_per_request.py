"""The MEG agenda grant is asked at every child gate of a page; the agendas are read once per request."""

from unittest import mock

import pytest

from accounts.models import Area, User
from accounts.standing import request_memo
from demo.generator.everything import demo_generate
from meetings.selectors.agenda import meg_agenda_child_ids, meg_agenda_entries


@pytest.fixture
def agenda_child(db, assessment_tool):
    demo_generate(seed=3, children_per_area=8)
    entries = meg_agenda_entries(area=Area.objects.get(code="NFD"))
    assert entries, "the demo's MEG has children on its agenda"
    return entries[0].child_id


def test_a_meg_chairs_page_reads_the_agendas_once(agenda_child, signed_in) -> None:
    chair = User.objects.get(username="megchair")
    client = signed_in(chair)
    with mock.patch("meetings.grants.meg_agenda_child_ids", wraps=meg_agenda_child_ids) as read:
        response = client.get(f"/children/{agenda_child}/")
        assert response.status_code == 200
        assert read.call_count == 1
        client.get("/meetings/")
        assert read.call_count == 2, "each request reads the agendas afresh"


def test_outside_a_request_nothing_is_kept(db) -> None:
    user = User(username="nobody")
    calls: list[int] = []
    for _ in range(2):
        request_memo(user, "key", lambda: calls.append(1))
    assert len(calls) == 2
