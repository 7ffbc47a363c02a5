"""Benchmark: the first request of 40 distinct search pages, in process, on a given database.

Not a test. Run from the project folder on a database already filled (see bench/README.md):

    .venv/bin/python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/search_bench

Each of 40 search URLs (20 English, 20 Chinese; pages 1 to 5; one word or several) is asked once
through Django's test client, the whole middleware stack: nothing of that search is remembered
yet (its page, its count, its filter form), as for the first reader who types it. Cards and
filter choices shared with other pages stay as they are, as on a running site; a few requests to
other searches warm the templates and the connection first, uncounted. Prints the SQL queries of
each request, then the median and 95th percentile time.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENGLISH = [
    ("migration", 1), ("visa facilitation", 2), ("border management", 3), ("trafficking", 1),
    ("student mobility", 4), ("Hainan", 1), ("readmission", 5), ("document security", 2),
    ("labour migration Beijing", 1), ("seminar", 5), ("workshop Lisbon", 3), ("irregular", 2),
    ("international protection", 1), ("data", 4), ("study visit", 2), ("expert meeting", 3),
    ("forum Warsaw", 1), ("return", 2), ("Kunming", 3), ("EU China dialogue", 1),
]  # fmt: skip
CHINESE = [
    ("移民", 1), ("签证便利化", 2), ("边境管理", 3), ("人口贩运", 1), ("学生流动", 4), ("海南", 1),
    ("重新接纳", 5), ("证件安全", 2), ("北京 劳务移民", 1), ("研讨会", 5), ("里斯本 讲习班", 3),
    ("非正常移民", 2), ("国际保护", 1), ("移民数据", 4), ("考察访问", 2), ("专家会议", 3),
    ("华沙论坛", 1), ("遣返", 2), ("昆明", 3), ("中欧对话", 1),
]  # fmt: skip
WARM_UP = [("/en/activities/", "conference"), ("/zh-hans/activities/", "会议")]


def search_paths():
    paths = []
    for prefix, queries in (("/en/activities/", ENGLISH), ("/zh-hans/activities/", CHINESE)):
        for query, page in queries:
            params = {"q": query} if page == 1 else {"q": query, "page": page}
            paths.append(f"{prefix}?{urlencode(params)}")
    return paths


def setup_django(database_url):
    warnings.filterwarnings("ignore", message="No directory at")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mmsp.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument(
        "--database-url", required=True, help="A filled database (e.g. a copy of bench_100k)."
    )
    parser.add_argument("--verbose", action="store_true", help="One line per request.")
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from activities.models import Event

    client = Client()
    for prefix, word in WARM_UP:
        client.get(f"{prefix}?{urlencode({'q': word})}")
    timings, queries = [], []
    for path in search_paths():
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        timings.append(elapsed)
        queries.append(len(captured))
        if args.verbose:
            print(f"{elapsed * 1000:7.1f} ms {len(captured):3d} queries  {path}")
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    print(
        f"{connection.vendor}, {Event.objects.count()} activities, {len(timings)} search pages asked once: "
        f"median {statistics.median(timings) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms, SQL queries per page {min(queries)}–{max(queries)}"
    )


if __name__ == "__main__":
    main()
