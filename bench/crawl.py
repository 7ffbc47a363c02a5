"""HTTP crawl: 2,000 distinct public URLs against gunicorn with the production settings and Redis.

Not a test. Run from the project folder on a COPY of a large database (bench/README.md):

    createdb -h 127.0.0.1 -U postgres -T bench_100k NAME_bench
    .venv/bin/python bench/crawl.py --database-url postgres://postgres@127.0.0.1:5432/NAME_bench \
        --redis-url redis://127.0.0.1:6379/11

The Redis database given is EMPTIED first (it holds the run's shared cache: pages, remembered
values, versions). ``--project`` serves another checkout of the portal (a "before" figure) with
this script's measurement.

1. The URL list: activity pages, list pages 1..N, filtered lists, searches in English and
   Chinese, partner and pillar pages, in both languages; every one answers 200 first (a warm-up
   pass, uncounted, which also fills the cache as a site in service has it).
2. Saturation: wrk with 16 connections rotating over the list, and the floor view (a trivial
   view) alone, the same way: the crawl's requests per second as a share of the floor's.
3. Steady: locust, 50 users at one request per second each (constant_throughput), 60 s: p50, p99.
4. The same steady crawl while a staff edit (activities.services.event_save, as the admin does)
   saves a published activity every 2 seconds: p50, p99, errors, and the edits made.

Writes bench/results/crawl.md (not committed) and prints it.
"""

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "crawl.md"
FLOOR_PATH = "/bench/floor/"
LANGUAGES = ("en", "zh-hans")
SEARCHES = {
    "en": ["migration", "border", "labour", "training", "seminar", "workshop", "health", "return"],
    "zh-hans": ["移民", "边境", "培训", "研讨会", "劳务", "卫生", "返回", "合作"],
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--database-url", required=True, help="A copy of bench_100k (PostgreSQL).")
    parser.add_argument("--redis-url", required=True, help="A Redis database of your own: it is emptied.")
    parser.add_argument("--project", default=str(ROOT), help="The checkout gunicorn serves.")
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16, help="wrk's connections (saturation).")
    parser.add_argument("--saturate", type=int, default=30, help="Seconds of wrk (0: skip).")
    parser.add_argument("--rate", type=int, default=50, help="Steady requests per second.")
    parser.add_argument("--steady", type=int, default=60, help="Seconds of each steady crawl.")
    parser.add_argument("--edit-every", type=float, default=2.0, help="Seconds between two edits.")
    parser.add_argument("--label", default="", help="Names the run in the results.")
    parser.add_argument(
        "--search-rate",
        default="100000/min",
        help="SEARCH_RATE of the server: one load generator stands for many readers (the portal's "
        "60/min per client would answer its searches 429).",
    )
    return parser.parse_args()


# Locust: a user asks for the next URL of the shared rotation, one request per second -------------

if os.environ.get("CRAWL_URL_FILE"):
    from locust import HttpUser, constant_throughput, task

    _ROTATION = Path(os.environ["CRAWL_URL_FILE"]).read_text(encoding="utf-8").split()
    _NEXT = [random.randrange(len(_ROTATION))]  # noqa: S311 -- a starting point, not a secret

    class Reader(HttpUser):
        wait_time = constant_throughput(1)

        @task
        def read(self):
            index = _NEXT[0] = (_NEXT[0] + 1) % len(_ROTATION)
            path = _ROTATION[index]
            # One name for every request: the figures are those of the whole crawl.
            with self.client.get(path, name="crawl", catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"{path} answered {response.status_code}")


# The URL list --------------------------------------------------------------------------------------


def pick_urls(database_url, count):
    """``count`` distinct public paths of the database, in a fixed shuffled order."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mmsp.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.db import connection
    from django.utils import translation

    from activities.models import Event, Pillar
    from partners.models import PartnerAgency

    chance = random.Random(17)  # noqa: S311 -- a repeatable sample, not a secret
    urls = []

    def both(make):
        for language in LANGUAGES:
            with translation.override(language):
                urls.append(make(language))

    for language in LANGUAGES:
        urls.append(f"/{language}/")
        urls.append(f"/{language}/dashboard/")
        urls.append(f"/{language}/partners/")
    pillars = list(Pillar.objects.order_by("pk"))
    for pillar in pillars:
        both(lambda _language, pillar=pillar: pillar.get_absolute_url())
    agencies = list(PartnerAgency.objects.filter(event_roles__isnull=False).distinct().order_by("pk")[:150])
    for agency in agencies:
        both(lambda _language, agency=agency: agency.get_absolute_url())
    for number in range(1, 151):
        both(lambda language, number=number: f"/{language}/activities/?page={number}")
    years = sorted({day.year for day in Event.objects.published().dates("start_date", "year")})
    for pillar in pillars:
        for year in years[-6:]:
            both(lambda language, p=pillar, y=year: f"/{language}/activities/?pillar={p.slug}&year={y}")
    for language, words in SEARCHES.items():
        for word in words:
            for number in range(1, 8):
                suffix = f"&page={number}" if number > 1 else ""
                urls.append(f"/{language}/activities/?q={quote(word)}{suffix}")
    wanted = max(0, count - len(urls))
    slugs = list(Event.objects.published().order_by("?").values_list("slug", flat=True)[: wanted // 2 + 1])
    for slug in slugs:
        urls.append(f"/en/activities/{slug}/")
        urls.append(f"/zh-hans/activities/{slug}/")
    urls = list(dict.fromkeys(urls))[:count]
    chance.shuffle(urls)
    connection.close()
    return urls


# Running it --------------------------------------------------------------------------------------


def flush_redis(url):
    from redis import Redis

    Redis.from_url(url).flushdb()


def warm(base, urls, count, parallel=4):
    """Every URL once (uncounted), the first ``count`` that answer 200 kept (a search has fewer
    pages than asked for, say): the cache then holds the site as in service."""
    from concurrent.futures import ThreadPoolExecutor
    from urllib.error import HTTPError

    def fetch(path):
        try:
            with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310 -- loopback
                response.read()
                return path, response.status
        except HTTPError as error:
            return path, error.code

    started = time.monotonic()
    with ThreadPoolExecutor(parallel) as pool:
        answered = list(pool.map(fetch, urls))
    kept = [path for path, status in answered if status == 200][:count]
    return kept, len(answered) - sum(status == 200 for _, status in answered), time.monotonic() - started


def saturation(base, urls, folder, seconds, connections):
    from bench.run import ROTATION, wrk

    script = folder / "crawl.lua"
    script.write_text(ROTATION % ", ".join(f'"{path}"' for path in urls), encoding="utf-8")
    floor = wrk(base + FLOOR_PATH, seconds, connections)
    crawl = wrk(base + urls[0], seconds, connections, script)
    return floor, crawl


def locust_run(base, url_file, folder, seconds, rate, name):
    prefix = folder / name
    command = [str(Path(sys.executable).parent / "locust"), "-f", __file__, "--headless"]
    command += ["--host", base, "-u", str(rate), "-r", str(rate), "-t", f"{seconds}s", "--csv", str(prefix)]
    command += ["--only-summary", "--loglevel", "WARNING"]
    env = {**os.environ, "CRAWL_URL_FILE": str(url_file)}
    subprocess.run(command, env=env, check=False, capture_output=True, timeout=seconds + 120)  # noqa: S603
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        row = next(line for line in csv.DictReader(stats) if line["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p99": float(row["99%"]),
        "max": float(row["Max Response Time"]),
    }


EDITOR = """
import random, time, sys
from django.contrib.auth import get_user_model
from activities.models import Event
from activities.services import event_save
staff, _ = get_user_model().objects.get_or_create(
    username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
)
pks = list(Event.objects.published().filter(slug__startswith="load-").values_list("pk", flat=True)[:5000])
chance = random.Random(3)
deadline = time.monotonic() + SECONDS
count = errors = 0
while time.monotonic() < deadline:
    started = time.monotonic()
    try:
        event = Event.objects.get(pk=chance.choice(pks))
        event.summary_en = (event.summary_en or "").split(" [edit")[0] + f" [edit {count}]"
        event_save(event=event, user=staff)
        count += 1
    except Exception as error:
        errors += 1
        print(repr(error), file=sys.stderr)
    time.sleep(max(0, EVERY - (time.monotonic() - started)))
print(count, errors)
"""


def start_editor(project, env, seconds, every):
    code = EDITOR.replace("SECONDS", str(seconds)).replace("EVERY", str(every))
    command = [sys.executable, "manage.py", "shell", "-c", code]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603


def main():
    args = parse_args()
    from bench.server import ProductionServer

    candidates = pick_urls(args.database_url, args.urls + 100)
    folder = Path(tempfile.mkdtemp(prefix="mmsp-crawl-"))
    flush_redis(args.redis_url)
    project = Path(args.project).resolve()
    env = {"CACHE_URL": args.redis_url, "WEB_CONCURRENCY": str(args.workers), "SEARCH_RATE": args.search_rate}
    server = ProductionServer(folder, args.database_url, args.workers, settings="bench.settings", env=env)
    server.command[server.command.index("--chdir") + 1] = str(project)
    lines = [f"## Crawl {args.label}".rstrip(), ""]
    lines.append(
        f"{args.urls:,} distinct URLs; gunicorn {args.workers} workers, production settings, Redis "
        f"cache, SEARCH_RATE {args.search_rate}; project {project}."
    )
    editor_env = {**server.env, "DJANGO_SETTINGS_MODULE": "mmsp.settings.production"}
    with server:
        urls, dropped, seconds = warm(server.base, candidates, args.urls)
        url_file = folder / "urls.txt"
        url_file.write_text("\n".join(urls), encoding="utf-8")
        lines.append(
            f"Warm-up pass (every URL once, 4 at a time, uncounted): {seconds:.0f} s; "
            f"{len(urls):,} URLs kept, {dropped} candidates not answering 200 left out."
        )
        lines += [
            "",
            "| Measure | Requests | Requests/s | Errors | p50 (ms) | p99 (ms) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        if args.saturate:
            floor, crawl = saturation(server.base, urls, folder, args.saturate, args.connections)
            for label, figures in (("Floor view, wrk", floor), ("Crawl saturation, wrk", crawl)):
                errors = figures["non_2xx"] + figures["socket_errors"]
                lines.append(
                    f"| {label} -c{args.connections} {args.saturate} s | {figures['requests']:,} | "
                    f"{figures['rps']:.1f} | {errors} | {figures['p50']:.1f} | {figures['p99']:.1f} |"
                )
            share = crawl["rps"] / floor["rps"]
        steady = locust_run(server.base, url_file, folder, args.steady, args.rate, "steady")
        editor = start_editor(project, editor_env, args.steady + 5, args.edit_every)
        time.sleep(2)
        edited = locust_run(server.base, url_file, folder, args.steady, args.rate, "edits")
        made = editor.communicate(timeout=120)[0].strip().splitlines()[-1:][0].split()
        for label, figures in (
            (f"Steady {args.rate}/s, locust, {args.steady} s", steady),
            (f"Steady {args.rate}/s with an edit every {args.edit_every:g} s", edited),
        ):
            lines.append(
                f"| {label} | {figures['requests']:,} | {figures['rps']:.1f} | {figures['failures']} | "
                f"{figures['p50']:.0f} | {figures['p99']:.0f} |"
            )
        lines.append("")
        if args.saturate:
            lines.append(f"Crawl saturation: {share:.1%} of the floor view's requests per second.")
        saved, failed = made if len(made) == 2 else ("?", "?")
        lines.append(f"Edits saved during the last crawl: {saved} (errors: {failed}).")
    table = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with open(RESULTS, "a", encoding="utf-8") as results:
        results.write(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
