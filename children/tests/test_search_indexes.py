"""Child search by any part of a name is served by the trigram indexes on PostgreSQL (migration
0005): the index expressions must be exactly what Django's icontains asks, or the planner scans."""

import importlib

import pytest
from django.db import connection

from children.models import Child
from children.selectors import ChildSearchQuery, _search_filter

trigram = importlib.import_module("children.migrations.0005_trigram_name_search_indexes")


@pytest.mark.django_db
def test_name_search_is_answered_from_the_trigram_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no trigram indexes: it scans, which its sizes allow")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() is not None, "the migration creates pg_trgm where the user may"
        # The planner's help: with a handful of rows a scan is cheaper, so forbid scans (of the table,
        # and of the name btree in its order) to see whether the trigram indexes can answer the search
        # at all; a bitmap scan needs an index that serves the condition, so only they can.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Child.objects.filter(_search_filter(ChildSearchQuery(name="smit"))).order_by().explain()
    for column in trigram.COLUMNS:
        assert trigram.index_name(column) in plan, plan
