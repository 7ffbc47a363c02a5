"""Benchmark: what a reader waits for right after a staff edit, and after a withdrawal.

Called by bench/run.py (``after_edit_table()``, Django set up and the database filled), or alone
on a database that already holds the generated activities (a copy of bench_100k):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME_bench .venv/bin/python bench/edits.py

Each page is asked once (built) and once more (cached). Then, ``repeat`` times: a published
activity of the measured partner is saved as staff save it (activities.services.event_save, a
new summary: nothing withdrawn), and the page is asked once. The request goes through Django's
WSGI handler as gunicorn calls it: "reader waits" is the time until the response is handed to the
server; "rebuild after it" is the time its close() takes (request_finished: the stale page and
values rebuilt by that worker once the response has gone out, which no reader waits for). Last,
"after a withdrawal": an activity is unpublished before each request, so the page is built by the
reader (as every edit made it before). Medians in ms; targets from issue 17.
"""

import os
import statistics
import sys
import time
import warnings
from urllib.parse import quote, urlsplit

TARGETS_MS = {"Home page": 60, "Activity list": 60, "Search (Chinese)": 60, "Partner": 60, "Dashboard": 150}


def pages():
    from activities.models import Event
    from partners.models import PartnerAgency

    agency = PartnerAgency.objects.filter(event_roles__isnull=False).order_by("pk").first()
    edited = Event.objects.published().filter(agency_roles__agency=agency).order_by("pk").first()
    rows = [
        ("Home page", "/en/"),
        ("Activity list", "/en/activities/"),
        ("Search (English)", "/en/activities/?q=migration"),
        ("Search (Chinese)", f"/zh-hans/activities/?q={quote('移民')}"),
        ("Partner", agency.get_absolute_url()),
        ("Activity (the one edited)", edited.get_absolute_url()),
        ("Dashboard", "/en/dashboard/"),
    ]
    return rows, edited


def ask(handler, path):
    """(status, ms until the response is handed over, ms of its close()) through the WSGI handler."""
    from django.test.client import RequestFactory

    parts = urlsplit(path)
    environ = RequestFactory()._base_environ(PATH_INFO=parts.path, QUERY_STRING=parts.query)
    status = []
    started = time.perf_counter()
    result = handler(environ, lambda code, headers, exc_info=None: status.append(code))
    body = b"".join(result)
    handed = time.perf_counter()
    result.close()
    closed = time.perf_counter()
    if not body or not status[0].startswith("200"):
        raise SystemExit(f"{path} answered {status[0]}")
    return int(status[0].split()[0]), (handed - started) * 1000, (closed - handed) * 1000


def after_edit_table(repeat=7):
    """Markdown lines: per page, the reader's wait after an edit and after a withdrawal."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.handlers.wsgi import WSGIHandler

    from activities.models import Event
    from activities.services import event_publish, event_save, event_unpublish

    # One client asks every search here: the per-client limit would answer it 429.
    settings.SEARCH_RATE = "100000/min"
    handler = WSGIHandler()
    staff, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    rows, edited = pages()
    spare = list(Event.objects.published().filter(slug__startswith="load-").order_by("-pk")[: repeat + 1])
    lines = [
        "| Page | Target (ms) | Cached (ms) | After an edit: reader waits (ms) | rebuild after it (ms) "
        "| next request (ms) | After a withdrawal: reader waits (ms) | Met |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, path in rows:
        for _ in range(2):
            ask(handler, path)
        cached = statistics.median(ask(handler, path)[1] for _ in range(repeat))
        waits, rebuilds, nexts, withdrawn = [], [], [], []
        for number in range(repeat):
            edited.summary_en = f"{edited.summary_en.split(' [edit')[0]} [edit {number}]"
            event_save(event=edited, user=staff)
            _, wait, rebuild = ask(handler, path)
            waits.append(wait)
            rebuilds.append(rebuild)
            nexts.append(ask(handler, path)[1])
        for event in spare[:repeat]:
            event_unpublish(event=event, user=staff)
            withdrawn.append(ask(handler, path)[1])
            event_publish(event=event, user=staff)
            ask(handler, path)  # built again with it, as before
        target = TARGETS_MS.get(label)
        wait = statistics.median(waits)
        met = "" if target is None else ("yes" if wait <= target else f"no (+{wait - target:.0f} ms)")
        cells = [
            label,
            str(target or ""),
            f"{cached:.1f}",
            f"{wait:.1f}",
            f"{statistics.median(rebuilds):.1f}",
        ]
        cells += [f"{statistics.median(nexts):.1f}", f"{statistics.median(withdrawn):.1f}", met]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main():
    warnings.filterwarnings("ignore", message="No directory at")
    # The checkout run from (the project folder): another one measures its own code.
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mmsp.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    from activities.models import Event

    total = Event.objects.count()
    print(f"{total:,} activities, {connection.vendor}, Django's WSGI handler in process.\n")
    print("\n".join(after_edit_table()))


if __name__ == "__main__":
    main()
