"""A trigram (GIN) index of people's names alone, on PostgreSQL. Name search asks for person mentions
whose name contains the words or is like them (`<%`); with the index of every mention's text, the
planner read all the people through the index of kinds and compared each (245 ms on the small county,
42,444 people), because it could not tell how few would match. This index holds the kind's condition
itself, so the two conditions are one bitmap scan (under 1 ms there). Nothing on SQLite, or without
pg_trgm (migration 0002 says why)."""

from django.db import migrations

NAME = "mention_person_search_trgm"
DEFINITION = "USING gin (search_text gin_trgm_ops) WHERE kind = 'person'"


def _create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON intelligence_mention {DEFINITION}")


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("intelligence", "0006_network_overview_runs")]

    operations = [migrations.RunPython(_create, _drop, elidable=False)]
