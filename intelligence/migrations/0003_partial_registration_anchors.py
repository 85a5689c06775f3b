"""Partial registrations are matched in the database (decision 0019): each partial vehicle mention keeps
three anchors (`intelligence.normalise.registration_anchors`; null for every other mention), filled
here for the mentions already recorded and required from now on by a constraint. On PostgreSQL,
btree indexes over the partial mentions answer search's conditions on them: equality and prefixes
(pattern ops, which LIKE 'AB%' needs under any collation), the run by its length too, and read
backwards. SQLite scans the partial mentions, which its sizes allow; the indexes are not made there."""

from django.db import migrations, models

from intelligence.normalise import registration_anchors

CHUNK = 2000
INDEXES = {
    "mention_anchor_run": "(length(anchor_run), anchor_run varchar_pattern_ops)",
    "mention_anchor_run_reversed": "(length(anchor_run), reverse(anchor_run) text_pattern_ops)",
    "mention_anchor_start": "(anchor_start varchar_pattern_ops)",
    "mention_anchor_end": "(anchor_end varchar_pattern_ops)",
}


def _fill(apps, schema_editor):
    connection = schema_editor.connection
    mentions = apps.get_model("intelligence", "Mention").objects.using(connection.alias)
    partial = mentions.filter(partial=True).order_by("id").values_list("id", "key")
    rows = []
    for pk, key in partial.iterator(chunk_size=CHUNK):
        anchors = registration_anchors(key)
        rows.append((anchors.run, anchors.start, anchors.end, pk))
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE intelligence_mention SET anchor_run = %s, anchor_start = %s, anchor_end = %s WHERE id = %s", rows
        )


def _create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name, columns in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON intelligence_mention {columns} WHERE partial")


def _drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("intelligence", "0002_trigram_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="mention",
            name="anchor_run",
            field=models.CharField(
                blank=True, help_text="Longest run of known characters: 'V8N'.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="mention",
            name="anchor_start",
            field=models.CharField(
                blank=True, help_text="The start to its first run: '?X7'.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="mention",
            name="anchor_end",
            field=models.CharField(
                blank=True, help_text="The end to its last run, reversed.", max_length=200, null=True
            ),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="mention",
            constraint=models.CheckConstraint(
                condition=models.Q(("partial", False))
                | models.Q(
                    ("anchor_end__isnull", False), ("anchor_run__isnull", False), ("anchor_start__isnull", False)
                ),
                name="mention_partial_has_anchors",
            ),
        ),
        migrations.RunPython(_create, _drop),
    ]
