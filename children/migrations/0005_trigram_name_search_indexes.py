"""Trigram (GIN) indexes for child search by any part of a name on PostgreSQL: the search asks
`UPPER(first_name::text) LIKE UPPER('%term%')` (Django's icontains), which a btree cannot serve, so
the indexes are on those same expressions. SQLite scans, which its sizes allow; the migration does
nothing there. Without the pg_trgm extension (the database user may not create it) search scans."""

from django.db import DatabaseError, migrations, transaction

COLUMNS = ("first_name", "last_name", "known_as")


def index_name(column: str) -> str:
    return f"child_{column}_upper_trgm"


def _create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return
        for column in COLUMNS:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {index_name(column)} ON children_child "
                f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
            )


def _drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for column in COLUMNS:
            cursor.execute(f"DROP INDEX IF EXISTS {index_name(column)}")


class Migration(migrations.Migration):
    dependencies = [("children", "0004_carers_who_receive_meg_letters")]

    operations = [migrations.RunPython(_create, _drop)]
