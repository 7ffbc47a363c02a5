"""Benchmark: the home page while anonymous clients download the XLSX export in parallel.

Not a test. Run from the project folder (see bench/README.md):

    .venv/bin/python bench/downloads.py                       # 100,000 activities, temporary SQLite
    .venv/bin/python bench/downloads.py --events 20000 --duration 30
    .venv/bin/python bench/downloads.py --no-redis            # each worker its own memory cache

Fills a database as bench/run.py does, starts gunicorn with the production settings (5 workers
on this 2-core machine, as `make serve`) and, with --redis (the default when redis-server is
installed), a private redis-server on a free loopback port as CACHE_URL. Then, for each scenario,
--parallel clients download the XLSX over and over for --duration seconds (a 503 is retried after
one second, not after its Retry-After: a hostile client) while two clients request the home page;
it reports the home page's latency (median, p99, max) and what the downloads were answered.

- "one file": every client asks for the whole portal's XLSX (built once, then from the cache);
- "distinct selections": each client asks for another selection (?year=...), so every request
  needs a build, and only the HEAVY_BUILDS slots bound them.

The per-client download rate is lifted for the run (every client is 127.0.0.1): this measures the
bound on concurrent builds, not the rate limit.
"""

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import Server, free_port, load_data, setup_django  # noqa: E402 -- after sys.path

RESULTS = ROOT / "bench" / "results" / "downloads.md"
HOME = "/en/"
XLSX = "/en/activities/export.xlsx"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="An empty database (default: temporary SQLite).")
    parser.add_argument("--duration", type=int, default=30, help="Seconds of each scenario.")
    parser.add_argument("--parallel", type=int, default=8, help="Clients downloading at once.")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument(
        "--redis", action=argparse.BooleanOptionalAction, default=bool(shutil.which("redis-server"))
    )
    return parser.parse_args()


def get(url, timeout=120):
    """(status, seconds) of one GET, reading the whole body."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 -- loopback
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except OSError:
        status = "error"
    return status, time.monotonic() - started


def scenario(base, paths, duration):
    """Downloads of ``paths`` (one client each) and two home-page clients for ``duration`` seconds."""
    stop = time.monotonic() + duration
    answers, home = Counter(), []
    lock = threading.Lock()

    def downloader(path):
        while time.monotonic() < stop:
            status, _seconds = get(base + path)
            with lock:
                answers[status] += 1
            if status != 200:
                time.sleep(1)

    def reader():
        while time.monotonic() < stop:
            status, seconds = get(base + HOME, timeout=30)
            with lock:
                home.append((status, seconds))
            time.sleep(0.05)

    threads = [threading.Thread(target=downloader, args=(path,)) for path in paths]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = sorted(seconds for status, seconds in home if status == 200)
    failed = sum(1 for status, _seconds in home if status != 200)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return {
        "home_count": len(home),
        "home_failed": failed,
        "median_ms": statistics.median(times) * 1000,
        "p99_ms": p99 * 1000,
        "max_ms": times[-1] * 1000,
        "answers": dict(answers),
    }


def start_redis(folder):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 -- our own command
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.1)
    process.kill()
    raise SystemExit("redis-server did not start")


def main():
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mmsp-bench-downloads-"))
    database_url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    setup_django(folder, database_url)
    load_seconds = load_data(args.events)

    from django.conf import settings
    from django.db import connection

    from activities.models import Event

    total = Event.objects.published().count()
    years = sorted({date.year for date in Event.objects.published().dates("start_date", "year")})
    connection.close()
    redis = None
    extra_env = {"DOWNLOAD_RATE": "100000/min", "DOWNLOAD_CACHE_DIR": str(folder / "downloads")}
    if args.redis:
        redis, extra_env["CACHE_URL"] = start_redis(folder)
    lines = [
        f"{total:,} published activities ({args.events:,} generated in {load_seconds:.1f} s), "
        f"{connection.vendor}; gunicorn, {args.workers} workers; "
        f"cache: {'Redis (CACHE_URL)' if redis else 'memory, per worker'}; "
        f"HEAVY_BUILDS={settings.HEAVY_BUILDS}; "
        f"{args.parallel} parallel XLSX clients, {args.duration} s each.",
        "",
        "| scenario | home requests | home median | home p99 | home max | XLSX answers |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    selections = [f"{XLSX}?year={years[index % len(years)]}" for index in range(args.parallel)]
    try:
        server = Server(folder, database_url, args.workers)
        server.env.update(extra_env)
        with server:
            get(server.base + HOME)
            quiet = scenario(server.base, [], 5)
            lines.append(_row("no download (reference)", quiet))
            for label, paths in (("one file", [XLSX] * args.parallel), ("distinct selections", selections)):
                lines.append(_row(label, scenario(server.base, paths, args.duration)))
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
    table = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    print(table)
    shutil.rmtree(folder, ignore_errors=True)


def _row(label, result):
    answers = ", ".join(f"{status}: {count}" for status, count in sorted(result["answers"].items(), key=str))
    return (
        f"| {label} | {result['home_count']} ({result['home_failed']} failed) | {result['median_ms']:.0f} ms "
        f"| {result['p99_ms']:.0f} ms | {result['max_ms']:.0f} ms | {answers or '-'} |"
    )


if __name__ == "__main__":
    main()
