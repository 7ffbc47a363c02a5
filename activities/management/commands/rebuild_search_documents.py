"""Write the search document of every activity again (PostgreSQL; nothing to do on SQLite).

Saves keep the documents up to date; this is for what bypasses them: a restore of an archive
made on SQLite (whose documents are empty), a change of the jieba dictionary or of
activities.search's weights, rows written by hand in SQL.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from activities.search import update_documents


class Command(BaseCommand):
    help = "Write the full-text search document of every activity again (PostgreSQL)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: the search reads the columns themselves, nothing to write.")
            return
        started = time.monotonic()
        written = update_documents()
        self.stdout.write(f"Wrote {written} search documents in {time.monotonic() - started:.1f} s.")
