"""Benchmark: SQL queries and server time of the portal's main pages at a given data size.

Not a test. Run from the project folder (see bench/README.md):

    .venv/bin/python bench/run.py                      # 10,000 activities, temporary SQLite
    .venv/bin/python bench/run.py --events 2000 --repeat 20
    .venv/bin/python bench/run.py --database-url postgres://user@host/db   # an EMPTY database

Each page is requested through Django's test client (the whole middleware stack, no network).
The page cache is made stale before every request ("uncached" rows) so the figures are those of
a page actually built; the activity list is also measured as served from the cache. A trivial
view (the framework's floor on this machine) is measured the same way and every page is given
as a multiple of it, so the figures compare across machines. Writes bench/results/latest.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "latest.md"


def floor_view(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def setup_django(database_url):
    warnings.filterwarnings("ignore", message="No directory at")
    folder = Path(tempfile.mkdtemp(prefix="mmsp-bench-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mmsp.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False


def load_data(events):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.monotonic()
    call_command("generate_load_data", events=events, verbosity=0)
    return time.monotonic() - started


# The floor view is served under its own path, added in front of the project's URLconf.
urlpatterns = []


def install_floor_urlconf():
    from importlib import import_module

    from django.conf import settings
    from django.urls import clear_url_caches, path

    global urlpatterns
    project = import_module(settings.ROOT_URLCONF)
    urlpatterns = [path("bench-floor/", floor_view), *project.urlpatterns]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()


def pages():
    """(label, path, as staff?) for every page measured; picks real records of the database."""
    from activities.models import Event, Pillar
    from newsletters.models import Newsletter
    from partners.models import PartnerAgency

    event = Event.objects.published().filter(slug__startswith="load-").order_by("pk").first()
    pillar = Pillar.objects.filter(events__slug__startswith="load-").order_by("pk").first()
    year = event.start_date.year
    agency = PartnerAgency.objects.filter(event_roles__isnull=False).order_by("pk").first()
    newsletter = Newsletter.objects.published().order_by("-number").first()
    rows = [
        ("Floor view (trivial)", "/bench-floor/", False),
        ("Home page", "/en/", False),
        ("Activity list", "/en/activities/", False),
        ("Activity list, pillar + year", f"/en/activities/?pillar={pillar.slug}&year={year}", False),
        ("Activity list, search (English)", "/en/activities/?q=migration", False),
        ("Activity list, search (Chinese)", "/zh-hans/activities/?q=移民", False),
        ("Activity", event.get_absolute_url(), False),
        ("Partner", agency.get_absolute_url(), False),
    ]
    if newsletter is not None:
        rows.append(("Newsletter web edition", newsletter.get_absolute_url(), False))
    rows.append(("Admin activity list", "/admin/activities/event/", True))
    if newsletter is not None:
        rows.append(("Newsletter PDF (cached after first)", f"{newsletter.get_absolute_url()}pdf/", False))
    return rows


def measure(client, path, repeat, *, cached=False):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from activities.page_cache import bump_generation

    timings = []
    queries = 0
    client.get(path)  # warm-up: templates, connection, first render of the PDF
    for _ in range(repeat):
        if not cached:
            bump_generation()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        queries = len(captured)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return queries, statistics.median(timings), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default="", help="An empty database (default: temporary SQLite).")
    args = parser.parse_args()

    setup_django(args.database_url)
    load_seconds = load_data(args.events)
    install_floor_urlconf()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from activities.models import Event

    anonymous = Client()
    staff = Client()
    admin_user = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "x")
    staff.force_login(admin_user)

    results = []
    for label, path, as_staff in pages():
        client = staff if as_staff else anonymous
        results.append((label, *measure(client, path, args.repeat)))
    cached = measure(anonymous, "/en/activities/", args.repeat, cached=True)
    results.append(("Activity list, from the page cache", *cached))

    floor = results[0][2]
    total = Event.objects.count()
    lines = [
        f"{total:,} activities ({args.events:,} generated in {load_seconds:.1f} s), "
        f"{connection.vendor}, {args.repeat} requests per page through Django's test client.",
        "",
        "| Page | SQL queries | Median (ms) | p95 (ms) | × floor |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, queries, median, p95 in results:
        times = f"{median * 1000:.1f} | {p95 * 1000:.1f} | {median / floor:.1f}"
        lines.append(f"| {label} | {queries} | {times} |")
    table = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
