"""The database sessions the service opens (decision 0032)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_sessions_compile_no_query_just_in_time():
    if connection.vendor != "postgresql":
        pytest.skip("just-in-time compilation is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        (jit,) = cursor.fetchone()
    assert jit == "off"
