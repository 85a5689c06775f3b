"""Access events and chronology entries cannot be changed or removed once written."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AccessAction, AccessEvent
from audit.services import access_event_record
from children.models import ChronologyEntry
from core.append_only import AppendOnlyError
from core.request_context import AccessContext
from tests.factories import ChronologyEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return access_event_record(
        user=UserFactory.create(),
        action=AccessAction.VIEW,
        object_type="child",
        object_ids=["a"],
        context=AccessContext(channel="page"),
    )


def test_orm_refuses_to_change_an_access_event(event):
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()


def test_orm_refuses_to_change_a_chronology_entry():
    entry = ChronologyEntryFactory.create()
    with pytest.raises(AppendOnlyError):
        ChronologyEntry.objects.filter(pk=entry.pk).update(summary="rewritten")
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's")
@pytest.mark.parametrize(
    ("table", "make"),
    [
        ("audit_accessevent", None),
        ("children_chronologyentry", "chronology"),
    ],
)
@pytest.mark.parametrize("statement", ["UPDATE {table} SET id = id WHERE id = %s", "DELETE FROM {table} WHERE id = %s"])
def test_database_refuses_raw_updates_and_deletes(event, table, make, statement):
    row_id = ChronologyEntryFactory.create().pk if make else event.pk
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(table=table), [row_id])
