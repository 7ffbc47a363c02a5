"""Trigram indexes for the free-text search of the activity list, on PostgreSQL only.

The search (activities.filters.EventFilter.filter_text) matches each word with ``icontains``
on the title, summary, city and venue in both languages; Django writes that as
``UPPER(column::text) LIKE UPPER('%word%')``. A GIN trigram index on that same expression lets
PostgreSQL answer it without reading every row, for Chinese as well as English (pg_trgm works on
characters). SQLite has no such index: there the migration does nothing.
"""

from django.db import migrations

SEARCHED_COLUMNS = [
    f"{field}_{language}"
    for field in ("title", "summary", "city", "venue")
    for language in ("en", "zh_hans")
]


def _index_name(column):
    return f"activities_event_{column}_trgm"


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in SEARCHED_COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_index_name(column)}" ON "activities_event" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED_COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_index_name(column)}"')


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(create_trigram_indexes, drop_trigram_indexes)]
