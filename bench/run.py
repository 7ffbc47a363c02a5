"""Benchmark: the portal's main pages at a given data size, in process and over HTTP.

Not a test. Run from the project folder (see bench/README.md):

    .venv/bin/python bench/run.py                      # 10,000 activities, temporary SQLite
    .venv/bin/python bench/run.py --events 2000 --repeat 20 --duration 5
    .venv/bin/python bench/run.py --database-url postgres://user@host/db   # an EMPTY database
    .venv/bin/python bench/run.py --soak 60            # and 60 s of mixed load, with memory

1. Each page is requested through Django's test client (the whole middleware stack, no network):
   "built" with its page-cache entry removed first (the figures, counts and filter choices that
   content changes invalidate stay remembered: a page not cached yet), and "after a change" with
   every cache made stale first (the first visitor after an edit). The activity list is also
   measured as served from the page cache. A trivial view, the framework's floor on this machine,
   is measured the same way; every page is given as a multiple of it.
2. gunicorn serves the same database with the production settings (bench/settings.py adds the
   floor view) on 127.0.0.1, and wrk measures requests per second and errors for the floor view
   and the anonymous activity list (from the page cache), after an uncounted 3-second burst in
   which each worker loads the application and fills its own cache.
3. With --soak, wrk rotates for that long over the list, an activity, the feed and the newsletter
   PDF, while the resident memory of the gunicorn master and workers is sampled every 10 s.

Writes everything to bench/results/latest.md (not committed) and prints it.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
# BENCH_PROJECT: measure another checkout's code (the "before" figures) with this script.
PROJECT = Path(os.environ.get("BENCH_PROJECT", ROOT)).resolve()
sys.path.insert(0, str(PROJECT))
from bench.server import ProductionServer  # noqa: E402 -- after the project is on the path

RESULTS = ROOT / "bench" / "results" / "latest.md"
FLOOR_PATH = "/bench/floor/"
LIST_PATH = "/en/activities/"
RSS_EVERY = 10  # seconds between memory samples during the soak
WARM_SECONDS = 3  # of wrk before each measurement, not counted


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30, help="Requests per page and mode, in process.")
    parser.add_argument("--database-url", default="", help="An empty database (default: temporary SQLite).")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per path (0: no HTTP part).")
    parser.add_argument("--connections", type=int, default=10, help="wrk's open connections.")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers."
    )
    parser.add_argument("--soak", type=int, default=0, metavar="SECONDS", help="Mixed load for that long.")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="The database is already migrated and filled: load nothing (a copy of bench_100k).",
    )
    parser.add_argument(
        "--first-requests-only", action="store_true", help="Only the first-request table (no other part)."
    )
    parser.add_argument("--output", default=str(RESULTS), help="Where the Markdown goes.")
    parser.add_argument(
        "--rounds", type=int, default=1, help="First requests: rounds (caches emptied), fastest kept."
    )
    return parser.parse_args()


# Data ------------------------------------------------------------------------------------------


def setup_django(folder, database_url):
    warnings.filterwarnings("ignore", message="No directory at")
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mmsp.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    settings.ROOT_URLCONF = "bench.urls"


def load_data(events):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.monotonic()
    call_command("generate_load_data", events=events, verbosity=0)
    return time.monotonic() - started


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
        ("Floor view (trivial)", FLOOR_PATH, False),
        ("Home page", "/en/", False),
        ("Activity list", LIST_PATH, False),
        ("Activity list, pillar + year", f"{LIST_PATH}?pillar={pillar.slug}&year={year}", False),
        ("Activity list, search (English)", f"{LIST_PATH}?q=migration", False),
        # Percent-encoded, as a browser sends it (and as the page cache keys it).
        ("Activity list, search (Chinese)", f"/zh-hans/activities/?q={quote('移民')}", False),
        ("Activity", event.get_absolute_url(), False),
        ("Partner", agency.get_absolute_url(), False),
    ]
    if newsletter is not None:
        rows.append(("Newsletter web edition", newsletter.get_absolute_url(), False))
    rows.append(("Admin activity list", "/admin/activities/event/", True))
    if newsletter is not None:
        rows.append(("Newsletter PDF (cached after first)", newsletter_pdf_path(newsletter), False))
    return rows


def newsletter_pdf_path(newsletter):
    return f"{newsletter.get_absolute_url()}pdf/"


# In process ------------------------------------------------------------------------------------


def forget_page(path):
    """Remove one page from the page cache, so the next request builds it."""
    from core.page_cache import page_key, pages_cache

    language = "zh-hans" if path.startswith("/zh-hans/") else "en"
    pages_cache.delete(page_key(language, path))


def measure(client, path, repeat, *, mode):
    """(queries of one request, median, p95) in seconds; mode is "built", "changed" or "cached"."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import bump_generation

    timings = []
    queries = 0
    client.get(path)  # warm-up: templates, connection, first render of the PDF, remembered counts
    for _ in range(repeat):
        if mode == "built":
            forget_page(path)
        elif mode == "changed":
            bump_generation()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        queries = len(captured)
        if mode != "cached" and not queries and path != FLOOR_PATH:
            raise SystemExit(f"{path} came from the page cache where it should have been built")
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return queries, statistics.median(timings), p95


def in_process_table(repeat):
    from django.contrib.auth import get_user_model
    from django.test import Client

    anonymous = Client()
    staff = Client()
    admin_user = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "x")
    staff.force_login(admin_user)

    rows = []
    for label, path, as_staff in pages():
        client = staff if as_staff else anonymous
        built = measure(client, path, repeat, mode="built")
        changed = measure(client, path, repeat, mode="changed")
        rows.append((label, built, changed))
    cached = measure(anonymous, LIST_PATH, repeat, mode="cached")
    rows.append(("Activity list, from the page cache", cached, None))

    floor = rows[0][1][1]
    lines = [
        "| Page | SQL queries | Median (ms) | p95 (ms) | × floor | After a change: queries | median (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, (queries, median, p95), changed in rows:
        cells = [label, str(queries), f"{median * 1000:.1f}", f"{p95 * 1000:.1f}", f"{median / floor:.1f}"]
        cells += [str(changed[0]), f"{changed[1] * 1000:.1f}"] if changed else ["", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


# First requests ---------------------------------------------------------------------------------

FIRST_URLS = 40  # distinct URLs per kind, each asked once
LANGUAGES = ("en", "zh-hans")


def first_request_urls(per_kind=FIRST_URLS):
    """{kind: [path, ...]}: ``per_kind`` distinct public URLs of each kind, both languages,
    deep pages included, drawn from the database with a fixed seed (the same URLs on both sides
    of a before/after comparison of one database)."""
    import random

    from django.conf import settings
    from django.db.models import Count
    from django.db.models.functions import ExtractYear
    from django.utils import translation

    from activities.models import Event, Phase, Pillar
    from newsletters.models import Newsletter
    from partners.models import PartnerAgency

    rng = random.Random(17)  # noqa: S311 -- the same sample of URLs on every run, not a secret
    per_page = settings.ACTIVITIES_PER_PAGE
    published = Event.objects.published()

    def pages_of(count):
        return max(1, -(-count // per_page))

    def url(obj, language, page=1):
        if isinstance(obj, str):  # a path without its language prefix
            path = f"/{language}{obj}"
        else:
            with translation.override(language):
                path = obj.get_absolute_url()
        return path if page == 1 else f"{path}{'&' if '?' in path else '?'}page={page}"

    def spread(candidates):
        """``per_kind`` of the (object, page) candidates, alternating the languages."""
        candidates = sorted(set(candidates), key=str)
        chosen = rng.sample(candidates, min(per_kind, len(candidates)))
        return [url(obj, LANGUAGES[n % 2], page) for n, (obj, page) in enumerate(chosen)]

    def with_pages(path, count):
        """The first, the last and pages spread in between."""
        last = pages_of(count)
        numbers = {1, last, *(rng.randint(1, last) for _ in range(6))}
        return [(path, number) for number in numbers]

    kinds = {}
    slugs = list(published.order_by("pk").values_list("slug", flat=True))
    events = [f"/activities/{slug}/" for slug in rng.sample(slugs, min(per_kind, len(slugs)))]
    kinds["Activity"] = [f"/{LANGUAGES[n % 2]}{path}" for n, path in enumerate(events)]

    last = pages_of(len(slugs))
    numbers = sorted({1, last, *(rng.randint(1, last) for _ in range(per_kind * 2))})
    kinds["List page N"] = [
        url("/activities/", LANGUAGES[n % 2], page)
        for n, page in enumerate(rng.sample(numbers, min(per_kind, len(numbers))))
    ]

    combos = (
        published.annotate(year=ExtractYear("start_date"))
        .values_list("pillars__slug", "year")
        .exclude(pillars__slug=None)
        .annotate(count=Count("id"))
        .order_by()
    )
    candidates = []
    for slug, year, count in combos:
        candidates += with_pages(f"/activities/?pillar={slug}&year={year}", count)
    kinds["Filtered list (pillar + year + page)"] = spread(candidates)

    agencies = PartnerAgency.objects.annotate(
        count=Count("event_roles__event", filter=published_filter("event_roles__event"), distinct=True)
    ).filter(count__gt=0)
    kinds["Partner page"] = spread([pair for agency in agencies for pair in with_pages(agency, agency.count)])
    pillars = Pillar.objects.annotate(
        count=Count("events", filter=published_filter("events"), distinct=True)
    ).filter(count__gt=0)
    kinds["Pillar page"] = spread([pair for pillar in pillars for pair in with_pages(pillar, pillar.count)])
    kinds["Phase page"] = spread([(phase, 1) for phase in Phase.objects.all()])
    newsletters = [(newsletter, 1) for newsletter in Newsletter.objects.published()]
    kinds["Newsletter page"] = spread([*newsletters, ("/newsletters/", 1)])
    return {kind: paths for kind, paths in kinds.items() if paths}


def published_filter(relation):
    from django.db.models import Q
    from django.utils import timezone

    from core.enums import Status

    now = timezone.now()
    return Q(**{f"{relation}__status": Status.PUBLISHED}) & (
        Q(**{f"{relation}__published_at__isnull": True}) | Q(**{f"{relation}__published_at__lte": now})
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def first_requests(client, paths, *, after_edit):
    """([ms of each path], most SQL queries of one request) of asking each path once.

    Cold page (after_edit False): the page cache holds none of these pages; the values every page
    shares (counts of the whole list, filter choices, key figures) are remembered as a running
    site keeps them, those of one filter state or one activity card are not, unless an earlier
    URL of the same kind left them. After an edit: every cache made stale before each request.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import bump_generation

    timings, cpu, most = [], [], 0
    for path in paths:
        if after_edit:
            bump_generation()
        database_cpu = database_cpu_ns()  # before capturing: its first call asks the backend's pid
        with CaptureQueriesContext(connection) as captured:
            started_cpu = time.process_time_ns()
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            spent = time.process_time_ns() - started_cpu + database_cpu_ns() - database_cpu
            cpu.append(spent / 1_000_000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if not captured:
            raise SystemExit(f"{path} came from the page cache on its first request")
        most = max(most, len(captured))
    return timings, cpu, most


_backend = {}


def database_cpu_ns():
    """CPU time the PostgreSQL backend serving this connection has spent, in ns (0 elsewhere):
    its line in /proc/<pid>/schedstat, readable when the server runs on this machine."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0
    connection.ensure_connection()
    key = id(connection.connection)
    if key not in _backend:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            _backend[key] = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
    try:
        return int(_backend[key].read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def start_afresh(client):
    """Empty caches, then the site-wide remembered values, as any running site has them."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["pages"].clear()
    for path in ("/en/", "/zh-hans/", LIST_PATH, "/zh-hans/activities/", "/en/partners/"):
        client.get(path)
    caches["pages"].clear()


def first_request_table(per_kind=FIRST_URLS, rounds=1):
    """The first-request table: each kind's distinct URLs asked once, as a first visitor finds
    them, with the page cache empty ("cold page") and with every cache stale ("after an edit").

    With ``rounds`` above 1, everything is asked again in each round, from caches emptied again,
    and each URL keeps its fastest round: on a machine shared with other work, a figure then
    says what the request costs rather than how long it waited for a core. The CPU columns add
    the Django process's CPU time and the PostgreSQL backend's (database_cpu_ns).
    """
    from django.test import Client

    client = Client()
    kinds = first_request_urls(per_kind)
    results = {}
    for after_edit in (False, True):
        for kind, paths in kinds.items():
            best, best_cpu, most = [float("inf")] * len(paths), [float("inf")] * len(paths), 0
            for _ in range(rounds):
                start_afresh(client)
                timings, cpu, queries = first_requests(client, paths, after_edit=after_edit)
                best = [min(pair) for pair in zip(best, timings, strict=True)]
                best_cpu = [min(pair) for pair in zip(best_cpu, cpu, strict=True)]
                most = max(most, queries)
            results[kind, after_edit] = (most, best, best_cpu)
    lines = [
        "| Kind | URLs | Cold page: most queries | median (ms) | p95 (ms) | CPU median / p95 (ms) "
        "| After an edit: most queries | median (ms) | p95 (ms) | CPU median / p95 (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, paths in kinds.items():
        cells = [kind, str(len(paths))]
        for queries, timings, cpu in (results[kind, False], results[kind, True]):
            cells += [str(queries), f"{statistics.median(timings):.1f}", f"{percentile(timings, 0.95):.1f}"]
            cells.append(f"{statistics.median(cpu):.1f} / {percentile(cpu, 0.95):.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def after_edit_section():
    """The hook for bench/edits.py (pages after an edit, with their targets): its table when the
    module is there. ``after_edit_table()`` returns Markdown lines; Django is set up, the
    database filled."""
    try:
        from bench import edits
    except ImportError:
        return []
    if not hasattr(edits, "after_edit_table"):
        return []
    return ["", "### After an edit (bench/edits.py)", "", *edits.after_edit_table()]


# Over HTTP -------------------------------------------------------------------------------------


class Server(ProductionServer):
    """The production server with the floor view (bench/settings.py), warmed and measured."""

    def __init__(self, folder, database_url, workers, *, name="gunicorn", env=None):
        super().__init__(folder, database_url, workers, settings="bench.settings", name=name, env=env)

    def warm(self, paths, connections, script=None):
        """Check that each path answers 200, then a short burst of wrk: every worker loads the
        application on its first request and keeps its own memory cache, which this fills."""
        for path in paths:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:  # noqa: S310 -- loopback
                if response.status != 200:
                    raise SystemExit(f"{path} answered {response.status} over HTTP")
        wrk(self.base + paths[0], WARM_SECONDS, connections, script)

    def rss_kib(self):
        """Resident memory of the master and each worker, in KiB (from /proc)."""
        pids = [self.process.pid] + children(self.process.pid)
        return {pid: rss_of(pid) for pid in pids}


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command may contain spaces and parentheses: the parent pid follows the last ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def rss_of(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


WRK_LINES = {
    "requests": re.compile(r"(\d+) requests in ([\d.]+)(\w+),"),
    "rps": re.compile(r"Requests/sec:\s+([\d.]+)"),
    "non_2xx": re.compile(r"Non-2xx or 3xx responses: (\d+)"),
    "socket": re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"),
    "p50": re.compile(r"50%\s+([\d.]+)(us|ms|s)"),
    "p99": re.compile(r"99%\s+([\d.]+)(us|ms|s)"),
}
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_command(url, seconds, connections, script=None):
    """wrk against the local server only, bounded in time."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("the benchmark only loads the local server")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    return [*command, "-s", str(script), url] if script else [*command, url]


def wrk(url, seconds, connections, script=None):
    command = wrk_command(url, seconds, connections, script)
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)  # noqa: S603 -- wrk_command
    return parse_wrk(finished.stdout)


def parse_wrk(text):
    """wrk's figures as a dict: rps, requests, non_2xx, socket_errors, p50 and p99 (ms)."""
    figures = {"rps": float(WRK_LINES["rps"].search(text).group(1))}
    figures["requests"] = int(WRK_LINES["requests"].search(text).group(1))
    non_2xx = WRK_LINES["non_2xx"].search(text)
    socket_errors = WRK_LINES["socket"].search(text)
    figures["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    figures["socket_errors"] = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    for name in ("p50", "p99"):
        value, unit = WRK_LINES[name].search(text).groups()
        figures[name] = float(value) * UNIT_MS[unit]
    return figures


def http_section(server, duration, connections, workers):
    lines = [
        f"gunicorn, {workers} workers, production settings, on 127.0.0.1; "
        f"`wrk -t2 -c{connections} -d{duration}s` on the same machine.",
        "",
        "| Path | Requests/s | Errors (non-2xx/3xx + socket) | p50 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    results = {}
    for label, path in (("Floor view", FLOOR_PATH), ("Activity list (anonymous, page cache)", LIST_PATH)):
        server.warm([path], connections)
        figures = wrk(server.base + path, duration, connections)
        results[path] = figures
        errors = figures["non_2xx"] + figures["socket_errors"]
        latency = f"{figures['p50']:.1f} | {figures['p99']:.1f}"
        lines.append(f"| {label} `{path}` | {figures['rps']:.0f} | {errors} | {latency} |")
    ratio = results[LIST_PATH]["rps"] / results[FLOOR_PATH]["rps"]
    lines += ["", f"Cached activity list: {ratio:.0%} of the floor view's requests per second."]
    return lines


ROTATION = """-- Generated by bench/run.py: each request takes the next path of the list.
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def soak_section(server, folder, seconds, connections, paths):
    script = folder / "rotation.lua"
    script.write_text(ROTATION % ", ".join(f'"{path}"' for path in paths), encoding="utf-8")
    server.warm(paths, connections, script)
    samples = [(0, server.rss_kib())]
    started = time.monotonic()
    command = wrk_command(server.base + paths[0], seconds, connections, script)
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as runner:  # noqa: S603 -- wrk_command
        while True:
            try:
                output, _ = runner.communicate(timeout=RSS_EVERY)
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() - started < seconds - 1:  # the last sample comes after wrk
                    samples.append((round(time.monotonic() - started), server.rss_kib()))
    samples.append((round(time.monotonic() - started), server.rss_kib()))
    if runner.returncode != 0:
        raise SystemExit("wrk failed during the soak")
    figures = parse_wrk(output)
    lines = [
        f"{seconds} s, `wrk -t2 -c{connections}` rotating over "
        + ", ".join(f"`{path}`" for path in paths)
        + ".",
        "",
        f"Requests: {figures['requests']:,} ({figures['rps']:.0f}/s); "
        f"errors: {figures['non_2xx']} non-2xx/3xx, {figures['socket_errors']} socket; "
        f"latency p50 {figures['p50']:.1f} ms, p99 {figures['p99']:.1f} ms.",
        "",
        "| Seconds | Processes | RSS, master + workers (MiB) | Largest process (MiB) |",
        "|---:|---:|---:|---:|",
    ]
    for elapsed, sample in samples:
        total, largest = sum(sample.values()) / 1024, max(sample.values()) / 1024
        lines.append(f"| {elapsed} | {len(sample)} | {total:.0f} | {largest:.0f} |")
    return lines


# Main ------------------------------------------------------------------------------------------


def soak_paths():
    from activities.models import Event
    from newsletters.models import Newsletter

    event = Event.objects.published().filter(slug__startswith="load-").order_by("pk").first()
    paths = [LIST_PATH, event.get_absolute_url(), "/en/activities/feed/"]
    newsletter = Newsletter.objects.published().order_by("-number").first()
    return [*paths, newsletter_pdf_path(newsletter)] if newsletter else paths


def main():
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mmsp-bench-"))
    database_url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    setup_django(folder, database_url)
    if args.existing:
        if not args.database_url:
            raise SystemExit("--existing needs --database-url")
        loaded = "an existing database"
    else:
        loaded = f"{args.events:,} generated in {load_data(args.events):.1f} s"

    from django.db import connection

    from activities.models import Event

    total = Event.objects.count()
    lines = [
        f"{total:,} activities ({loaded}), {connection.vendor}, code of `{PROJECT}`.",
        "",
        f"### First requests: {FIRST_URLS} distinct URLs per kind (both languages), each asked once"
        + (f" in each of {args.rounds} rounds, its fastest kept" if args.rounds > 1 else ""),
        "",
        *first_request_table(rounds=args.rounds),
    ]
    if not args.first_requests_only:
        lines += [
            "",
            f"### In process: Django's test client, {args.repeat} requests per page and mode",
            "",
            *in_process_table(args.repeat),
            *after_edit_section(),
        ]
    wanted_http = not args.first_requests_only and (args.duration > 0 or args.soak > 0)
    if wanted_http and shutil.which("wrk") is None:
        message = "wrk is not installed: the HTTP part was SKIPPED (Debian: apt-get install -y wrk)."
        print(f"\n*** {message}\n", file=sys.stderr)
        lines += ["", f"**{message}**"]
    elif wanted_http:
        paths = soak_paths()
        connection.close()  # the server's workers use the database from here on
        with Server(folder, database_url, args.workers) as server:
            if args.duration > 0:
                lines += ["", "### Over HTTP", ""]
                lines += http_section(server, args.duration, args.connections, args.workers)
            if args.soak > 0:
                lines += ["", "### Soak: mixed load and memory", ""]
                lines += soak_section(server, folder, args.soak, args.connections, paths)
    table = "\n".join(lines) + "\n"
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(table, encoding="utf-8")
    print(table)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
