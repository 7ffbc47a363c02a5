"""Benchmark: how long the PDF of newsletter issue 11 takes, per language, cold and cached.

Not a test. Run from the project folder:

    .venv/bin/python bench/newsletter_pdf.py            # a fresh temporary SQLite database
    .venv/bin/python bench/newsletter_pdf.py --use-db   # the configured database as it is

With a fresh database it loads the demo content (``manage.py load_demo``); where that command
does not exist yet it builds a comparable issue 11 with the test factories. "Cold" clears the
cache first, so the PDF is rendered by WeasyPrint; "cached" is the same request again, served
from the cache. Both go through the real view with Django's test client. Targets: cold < 3 s,
cached < 50 ms. Prints a Markdown table.
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

COLD_TARGET = 3.0
CACHED_TARGET = 0.050


def setup_django(use_db):
    # WhiteNoise warns that STATIC_ROOT has not been collected; irrelevant to these timings.
    warnings.filterwarnings("ignore", message="No directory at")
    if not use_db:
        folder = Path(tempfile.mkdtemp(prefix="mmsp-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mmsp.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False


def load_data(use_db):
    from django.core.management import call_command, get_commands

    if use_db:
        return "existing database"
    call_command("migrate", verbosity=0)
    if "load_demo" in get_commands():
        call_command("load_demo", verbosity=0)
        return "load_demo"
    from tests.newsletters.sample import build_issue_11

    build_issue_11()
    return "factories (load_demo not available)"


def measure(number, lang, cached_runs):
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        url = reverse("newsletters:pdf", kwargs={"number": number})
    client = Client()
    cache.clear()
    started = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    size = len(response.content)
    timings = []
    for _ in range(cached_runs):
        started = time.perf_counter()
        again = client.get(url)
        timings.append(time.perf_counter() - started)
        assert again.content == response.content
    pages = _page_count(response.content)
    return cold, statistics.median(timings), max(timings), size, pages


def _page_count(pdf):
    try:
        from io import BytesIO

        from pypdf import PdfReader
    except ImportError:
        return "?"
    return len(PdfReader(BytesIO(pdf)).pages)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--use-db", action="store_true", help="use the configured database as it is")
    parser.add_argument("--number", type=int, default=11, help="issue number (default 11)")
    parser.add_argument("--runs", type=int, default=20, help="cached requests per language")
    args = parser.parse_args()

    setup_django(args.use_db)
    source = load_data(args.use_db)
    from django.conf import settings

    # A warm-up request loads WeasyPrint and the templates, as a running server already has.
    measure(args.number, settings.LANGUAGE_CODE, 1)

    print(f"Newsletter issue {args.number} PDF, data from {source}, {args.runs} cached requests\n")
    print("| language | cold (render) | cached (median) | cached (max) | size | pages | targets |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for lang, _name in settings.LANGUAGES:
        cold, cached, worst, size, pages = measure(args.number, lang, args.runs)
        ok = "met" if cold < COLD_TARGET and cached < CACHED_TARGET else "MISSED"
        print(
            f"| {lang} | {cold * 1000:.0f} ms | {cached * 1000:.1f} ms | {worst * 1000:.1f} ms "
            f"| {size / 1024:.0f} KiB | {pages} | {ok} |"
        )


if __name__ == "__main__":
    main()
