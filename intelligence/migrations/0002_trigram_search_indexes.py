"""Trigram (GIN) indexes for search on PostgreSQL: partial registrations ('%75VC%'), names and places.
A btree with text pattern ops serves registrations anchored at their start ('AB1_CDE'). SQLite has
neither and scans, which its sizes allow; the migration does nothing there. If the pg_trgm extension
cannot be created (the database user may not), search falls back to the scan too."""

from django.db import DatabaseError, migrations, transaction

INDEXES = {
    "mention_search_text_trgm": "USING gin (search_text gin_trgm_ops)",
    "mention_key_trgm": "USING gin (key gin_trgm_ops)",
}
PATTERN_INDEX = "mention_kind_key_pattern"


def _create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {PATTERN_INDEX} ON intelligence_mention (kind, key varchar_pattern_ops)"
        )
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return  # without the extension (the user may not create it), search scans
        for name, definition in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON intelligence_mention {definition}")


def _drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in (*INDEXES, PATTERN_INDEX):
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("intelligence", "0001_submissions_gradings_mentions_and_entities")]

    operations = [migrations.RunPython(_create, _drop)]
