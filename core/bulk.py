"""Writing many rows of one model at once, for bulk imports, faster than `bulk_create` and
`bulk_update`, whose SQL for thousands of rows costs more to build than to run.

On PostgreSQL, `rows_insert` sends the rows with COPY, their ids taken from the table's sequence first
when the caller needs them; elsewhere it sends one INSERT for every row (`executemany`), or uses
`bulk_create` when the caller needs the ids. `rows_update` sends one UPDATE for every row. Both write
each field as Django would save it (`get_db_prep_save`), and neither calls `save`, sends signals or
runs a manager's own `bulk_create`: the caller gives the rows complete, as `save` would store them.
Constraints and triggers hold as for any INSERT or UPDATE."""

from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

ROWS_PER_STATEMENT = 1000


def _connection() -> BaseDatabaseWrapper:
    """This thread's connection itself, looked up once per call: `django.db.connection` is a proxy
    that looks it up at every use, millions of times when preparing each value of many rows."""
    return connections[DEFAULT_DB_ALIAS]


def _column(field: "Field[Any, Any] | None") -> str:
    if field is None or field.column is None:  # every concrete field has its column
        raise ValueError("A field without a column")
    return field.column


def _table(connection: BaseDatabaseWrapper, model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _ids_reserve(connection: BaseDatabaseWrapper, model: type[Model], count: int) -> list[int]:
    """`count` new ids from the table's sequence (PostgreSQL), as INSERT would have taken them."""
    table, column = model._meta.db_table, _column(model._meta.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
        )
        return [row[0] for row in cursor.fetchall()]


def rows_insert(rows: Sequence[Model], *, ids: bool = False) -> None:
    """Insert the rows, all of one model. With `ids`, each row has its id afterwards; without, the
    database fills them in and the rows do not learn them."""
    if not rows:
        return
    model, connection = type(rows[0]), _connection()
    postgresql = connection.vendor == "postgresql"
    if ids and not postgresql:
        model._default_manager.bulk_create(rows, batch_size=ROWS_PER_STATEMENT)
        return
    if ids:
        for row, value in zip(rows, _ids_reserve(connection, model, len(rows)), strict=True):
            row.pk = value
    fields = [field for field in model._meta.concrete_fields if ids or not field.primary_key]
    table, columns = _table(connection, model), ", ".join(connection.ops.quote_name(_column(f)) for f in fields)
    values = ([field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields] for row in rows)
    with connection.cursor() as cursor:
        if postgresql:
            # COPY is psycopg's own, past Django's cursor: its errors are made Django's here, so that
            # a caller catches IntegrityError as it would from an INSERT.
            with connection.wrap_database_errors, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row_values in values:
                    copy.write_row(row_values)
        else:
            insert = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 - names from the model
            cursor.executemany(insert, list(values))
    for row in rows:
        row._state.adding, row._state.db = False, connection.alias


def rows_update(rows: Sequence[Model], fields: Sequence[str]) -> None:
    """Write `fields` of each row (all of one model, each with its id)."""
    if not rows:
        return
    model, connection = type(rows[0]), _connection()
    written = [field for field in model._meta.concrete_fields if field.name in fields]
    if len(written) != len(set(fields)):
        raise ValueError(f"Not columns of {model.__name__}: {sorted(set(fields) - {f.name for f in written})}")
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(_column(field))} = %s" for field in written)
    where = quote(_column(model._meta.pk))
    update = f"UPDATE {_table(connection, model)} SET {assignments} WHERE {where} = %s"  # noqa: S608 - names from the model
    values = [[field.get_db_prep_save(getattr(row, field.attname), connection) for field in written] for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = zip(
                values[start : start + ROWS_PER_STATEMENT], rows[start : start + ROWS_PER_STATEMENT], strict=True
            )
            cursor.executemany(update, [[*row_values, row.pk] for row_values, row in chunk])
