"""The full-text search document of each activity (activities.search), on PostgreSQL.

Adds the ``search_vector`` column (on SQLite too, where it stays empty), writes the document of
every activity already there (about 2 minutes for 100,000 on a small machine: jieba segments the
Chinese text in Python), and indexes it with GIN. The trigram indexes of 0002 stay: the admin's
search still uses ``icontains``.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "activities_event_search_vector_gin"


def write_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from activities.search import update_documents

    update_documents(model=apps.get_model("activities", "Event"))
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "activities_event" USING gin ("search_vector")'
    )
    schema_editor.execute('ANALYZE "activities_event"')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0008_richtext_paragraphs"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(write_documents, drop_index),
    ]
