"""The portal past one machine, on this machine: a primary and a streaming replica, one Redis, two
app servers behind HAProxy; five checks, each printed with what it measured. Not a test.

    make cluster-demo            # or: .venv/bin/python bench/cluster.py [--events 1000]

Everything runs on 127.0.0.1, on free ports, under one temporary folder:
- PostgreSQL 15: a fresh primary (initdb) and a replica made from it with pg_basebackup
  (-R: streaming replication), both throwaway clusters run as the postgres user; the machine's
  own cluster is not touched;
- redis-server (no persistence), the cache of both app servers (CACHE_URL);
- two gunicorns with the production settings (bench/run.py's Server), DATABASE_URL the primary
  and DATABASE_REPLICA_URL the replica;
- HAProxy in front, /healthz as its health check.

Then: 1. an edit saved through A is seen through B and the load balancer; 2. which database
anonymous and staff views read (sessions and transactions per cluster, pg_stat_database);
3. server A stopped mid-run under load; 4. Redis stopped, then back; 5. the crawl against one
server, then against the two behind HAProxy. Everything started is stopped (by process id) and
the folder removed, on success, failure or Ctrl-C.
"""

import argparse
import atexit
import html.parser
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import ROTATION, Server, parse_wrk, setup_django, wrk_command  # noqa: E402
from bench.server import free_port  # noqa: E402

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "mmsp"
WORKERS = 2  # per app server: the machine has 2 cores, shared
SECRET_KEY = "cluster-demo-" + os.urandom(24).hex()  # the same on both servers: sessions, signed cookies
STAFF = "cluster-staff"
STATEMENTS = (
    "SELECT s.calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90) FROM pg_stat_statements s"
    " JOIN pg_database d ON d.oid = s.dbid"
    " WHERE d.datname = 'mmsp' AND s.query NOT IN ('SELECT $1', 'SELECT set_config($1, $2, $3)')"
    " AND s.query NOT LIKE '%pg_stat_statements%'"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--events", type=int, default=1000, help="Generated activities besides the demo.")
    parser.add_argument("--crawl", type=int, default=8, help="Seconds of wrk per target in step 5.")
    return parser.parse_args()


def say(text=""):
    print(text, flush=True)


# What was started, stopped in reverse order ---------------------------------------------------------


class Stack:
    def __init__(self):
        self.stops = []

    def push(self, label, stop):
        self.stops.append((label, stop))

    def close(self):
        while self.stops:
            label, stop = self.stops.pop()
            try:
                stop()
            except Exception as error:  # noqa: BLE001 -- stop the rest whatever one does
                say(f"  ! could not stop {label}: {error}")


def terminate(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# PostgreSQL ----------------------------------------------------------------------------------------


def as_postgres(command):
    """PostgreSQL refuses to run as root: as root, run as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def pg(tool, *args, **kwargs):
    return subprocess.run(as_postgres([str(PG_BIN / tool), *args]), check=True, **kwargs)  # noqa: S603


class Cluster:
    def __init__(self, folder, name, port):
        self.data = folder / name
        self.port = port
        self.sockets = folder
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.sockets}"
        pg("pg_ctl", "-D", str(self.data), "-l", str(self.data) + ".log", "-o", options, "-w", "start",
           stdout=subprocess.DEVNULL)

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", stdout=subprocess.DEVNULL)

    def sql(self, query, database="postgres"):
        finished = pg("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
                      "-XAtqc", query, capture_output=True, text=True)
        return finished.stdout.strip()

    def queries(self):
        """Queries run in the portal's database since the cluster started, health checks aside:
        their ``SELECT 1`` and the time zone every new connection sets (counted normalised)."""
        return sum(self.statements().values())

    def statements(self):
        """{statement: calls} (normalised, shortened), as for ``queries``."""
        counted = {}
        for line in self.sql(STATEMENTS, database=DATABASE).splitlines():
            calls, _, query = line.partition("|")
            counted[query] = counted.get(query, 0) + int(calls)
        return counted


def start_databases(folder, stack):
    pg_folder = folder / "pg"
    pg_folder.mkdir()
    if os.geteuid() == 0:
        shutil.chown(pg_folder, "postgres", "postgres")
    primary = Cluster(pg_folder, "primary", free_port())
    replica = Cluster(pg_folder, "replica", free_port())
    # Throwaway: no fsync. initdb's pg_hba.conf trusts local connections, replication included.
    pg("initdb", "-D", str(primary.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions",
       stdout=subprocess.DEVNULL)
    with open(primary.data / "postgresql.conf", "a") as conf:
        # pg_stat_statements counts the queries each cluster ran (step 2), not SET and the like.
        conf.write("\nfsync = off\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n")
        conf.write("shared_preload_libraries = pg_stat_statements\npg_stat_statements.track_utility = off\n")
    primary.start()
    stack.push("the primary", primary.stop)
    primary.sql(f"CREATE DATABASE {DATABASE}")
    primary.sql("CREATE EXTENSION pg_stat_statements", database=DATABASE)
    # -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
    pg("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", "-D", str(replica.data),
       "-R", "-X", "stream", "-c", "fast")
    replica.start()
    stack.push("the replica", replica.stop)
    return primary, replica


# HTTP ----------------------------------------------------------------------------------------------


class Browser:
    """A client with its own cookies (sent by hand: production cookies are Secure, and this is http)."""

    def __init__(self, cookies=None):
        self.cookies = dict(cookies or {})

    def request(self, url, data=None, timeout=30):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 -- loopback
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.headers, response.read().decode("utf-8", "replace")

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormFields(html.parser.HTMLParser):
    """The fields a browser would send for the form with ``form_id``."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag not in ("option",):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append([attrs["name"], attrs.get("value", "on" if "checked" in attrs else "")])
        elif tag == "select":
            self.select = [attrs["name"], None]
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self.select[1] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            if self.select[1] is not None:
                self.fields.append(self.select)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append([self.textarea[0], self.textarea[1].removeprefix("\n")])
            self.textarea = None


def staff_session():
    """A signed-in superuser's session cookie, made in the primary (as Django's test client does)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.create_superuser(STAFF, "staff@example.org", os.urandom(16).hex())
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


# The steps -----------------------------------------------------------------------------------------


def step_edit_visible(a, b, lb, staff, pillar):
    """1. A staff edit saved through A, then polled anonymously through B and the load balancer."""
    change = f"{a}/admin/activities/pillar/{pillar.pk}/change/"
    status, _headers, page = staff.get(change)
    assert status == 200, f"the admin change form answered {status}"
    form = FormFields("pillar_form")
    form.feed(page)
    new_name = f"{pillar.name_en} (edited {time.strftime('%H:%M:%S')})"
    fields = [(name, new_name if name == "name_en" else value) for name, value in form.fields]
    public = pillar.get_absolute_url()
    for base in (b, lb):  # the old page is now in the shared page cache
        assert Browser().get(base + public)[0] == 200
    status, headers, _ = staff.request(change, data=[*fields, ("_save", "Save")])
    if status != 302:
        raise SystemExit(f"The edit through A was refused ({status}); see the admin form's errors")
    saved = time.monotonic()
    seen = {}

    def poll(label, base):
        while time.monotonic() - saved < 5:
            asked = time.monotonic()
            if new_name in Browser().get(base + public)[2]:
                seen[label] = asked - saved, time.monotonic() - asked
                return
            time.sleep(0.02)

    pollers = [threading.Thread(target=poll, args=pair) for pair in (("B", b), ("the load balancer", lb))]
    for poller in pollers:
        poller.start()
    for poller in pollers:
        poller.join()
    say("1. An edit saved through server A (staff), read anonymously (from the replica, through the")
    say("   shared page cache) through B and the load balancer:")
    for label in ("B", "the load balancer"):
        if label in seen:
            sent, took = (round(seconds * 1000) for seconds in seen[label])
            verdict = f"to a request sent {sent} ms after the save (answered in {took} ms)"
        else:
            verdict = "NOT within 5 s"
        say(f"   - through {label}: the new name shown {verdict}")
    ok = all(label in seen and seen[label][0] < 1 for label in ("B", "the load balancer"))
    say(f"   {'PASS' if ok else 'FAIL'}: visible within 1 second")
    return new_name


def step_which_database(lb, primary, replica, staff, pillar, new_name, views=20):
    """2. Anonymous views (each a page not cached yet) and a staff view, counted per database."""
    path = pillar.get_absolute_url()
    before = primary.queries(), replica.queries()
    statements_before = primary.statements()
    for number in range(views):
        status, _headers, page = Browser().get(f"{lb}{path}?view={number}")
        assert status == 200 and new_name in page
    anonymous = primary.queries() - before[0], replica.queries() - before[1]
    on_primary = {query: calls - statements_before.get(query, 0)
                  for query, calls in primary.statements().items()}
    before = primary.queries(), replica.queries()
    status, _headers, page = staff.get(lb + path)
    assert status == 200 and new_name in page
    staff_view = primary.queries() - before[0], replica.queries() - before[1]

    say("2. Queries per database (pg_stat_statements; the health checks' SELECT 1 and each new")
    say("   connection's set_config of the time zone aside):")
    say(f"   - {views} anonymous views of pages not cached yet: "
        f"primary {anonymous[0]}, replica {anonymous[1]}")
    say(f"   - one staff view of the same page after the save: "
        f"primary {staff_view[0]}, replica {staff_view[1]}")
    for query, calls in sorted(on_primary.items(), key=lambda item: -item[1])[:5]:
        if calls:
            say(f"     on the primary during the anonymous views: {calls} x {query}")
    ok = anonymous[0] == 0 and anonymous[1] > 0 and staff_view[0] > 0 and staff_view[1] == 0
    say(f"   {'PASS' if ok else 'FAIL'}: anonymous reads on the replica, staff on the primary")


def load(url, results, finished, threads=4):
    """Requests from ``threads`` threads until ``finished`` is set: (time, status or error, server)."""

    def loop():
        while not finished.is_set():
            started = time.monotonic()
            try:
                status, headers, _ = Browser().get(url, timeout=15)
                results.append((started, status, headers.get("X-Served-By", "?")))
            except OSError as error:
                results.append((started, type(error).__name__, "-"))

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def step_server_stops(lb, server_a, path):
    """3. Server A stopped (SIGTERM) under load, then started again."""
    results, finished = [], threading.Event()
    started = time.monotonic()
    workers = load(f"{lb}{path}", results, finished)
    try:
        time.sleep(3)
        stopped_at = time.monotonic()
        server_a.stop()
        time.sleep(4)
        restart_at = time.monotonic()
        server_a.start()
        back_at = time.monotonic()
        time.sleep(4)
    finally:
        finished.set()
        for worker in workers:
            worker.join()
    ended = time.monotonic()

    def phase(first, last):
        rows = [row for row in results if first <= row[0] < last]
        served = {name: sum(1 for row in rows if row[2] == name) for name in ("a", "b")}
        failed = [row[1] for row in rows if row[1] != 200]
        return len(rows), served, failed

    say(f"3. Server A stopped under load (4 clients looping on {path} through the load balancer):")
    all_failed = []
    for label, first, last in (
        ("before A stops", started, stopped_at),
        ("A stopping, stopped and starting again", stopped_at, back_at),
        ("A answering again", back_at, ended),
    ):
        count, served, failed = phase(first, last)
        all_failed += failed
        shown = f" ({', '.join(sorted(set(map(str, failed))))})" if failed else ""
        say(f"   - {label}: {count} requests, A served {served['a']}, B {served['b']}, "
            f"{len(failed)} failed{shown}")
    say(f"   (A took {restart_at - stopped_at:.1f} s to stop and wait, "
        f"then {back_at - restart_at:.1f} s to start and answer /healthz)")
    back_in = phase(back_at, ended)[1]["a"] > 0
    say(f"   {'PASS' if not all_failed and back_in else 'FAIL'}: no request lost, A back in rotation")


def step_redis_stops(lb, redis, path):
    """4. Redis stopped: pages answer, uncached; started again: caching resumes."""
    import redis as redis_client

    client = redis_client.Redis(host="127.0.0.1", port=redis.port)
    Browser().get(lb + path)

    def timed(n=6):
        timings, statuses = [], []
        for _ in range(n):
            started = time.perf_counter()
            statuses.append(Browser().get(lb + path)[0])
            timings.append(time.perf_counter() - started)
        return sorted(timings)[len(timings) // 2] * 1000, statuses

    cached_ms, cached = timed()
    redis.stop()
    down_ms, down = timed()
    redis.start()
    time.sleep(6)  # each process leaves an unreachable Redis alone for 5 s (core.caches)
    timed(4)  # the first requests after Redis returns fill it again
    back_ms, back = timed()
    keys = client.dbsize()
    client.close()
    say(f"4. Redis stopped and started again ({path} through the load balancer, median of 6):")
    say(f"   - Redis up: {cached_ms:.0f} ms, statuses {sorted(set(cached))}")
    say(f"   - Redis stopped: {down_ms:.0f} ms, statuses {sorted(set(down))} (built for every request)")
    say(f"   - Redis back: {back_ms:.0f} ms, statuses {sorted(set(back))}, {keys} keys in Redis again")
    ok = set(cached) == set(down) == set(back) == {200} and keys > 0
    say(f"   {'PASS' if ok else 'FAIL'}: pages answer without Redis, caching resumes when it returns")


def step_crawl(folder, a, lb, paths, seconds):
    """5. wrk rotating over the public pages: one server, then both behind the load balancer."""
    script = folder / "crawl.lua"
    script.write_text(ROTATION % ", ".join(f'"{path}"' for path in paths), encoding="utf-8")
    figures = {}
    for label, base in (("server A alone", a), ("A + B behind HAProxy", lb)):
        command = wrk_command(base + paths[0], 2, 8, script)
        subprocess.run(command, capture_output=True, check=True, timeout=60)  # noqa: S603 -- warm-up
        command = wrk_command(base + paths[0], seconds, 8, script)
        finished = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)  # noqa: S603
        figures[label] = parse_wrk(finished.stdout)
    say(f"5. The crawl: wrk -t2 -c8 -d{seconds}s rotating over {len(paths)} public pages "
        f"({WORKERS} gunicorn workers per server):")
    for label, result in figures.items():
        errors = result["non_2xx"] + result["socket_errors"]
        say(f"   - {label}: {result['rps']:.0f} requests/s, p99 {result['p99']:.0f} ms, {errors} errors")
    say("   (2 cores shared with other work: both servers, HAProxy and wrk compete for them, so the")
    say("   figures are noisy and show the set-up works, not what a second machine would add)")


# Main ----------------------------------------------------------------------------------------------


class Redis:
    def __init__(self, folder):
        self.port = free_port()
        self.folder = folder
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603 -- fixed command
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).returncode:  # noqa: S603, S607
            if time.monotonic() > deadline:
                raise SystemExit("redis-server did not start")
            time.sleep(0.1)

    def stop(self):
        if self.process is not None:
            terminate(self.process)
            self.process = None


HAPROXY = """global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # A refused connection (a server stopping) is retried on the other server, and so is a GET
    # that a stopping server closed without an answer; never a POST (it may have been saved).
    retries 3
    option redispatch
    retry-on conn-failure empty-response
frontend portal
    bind 127.0.0.1:{port}
    default_backend app
backend app
    balance roundrobin
    http-request disable-l7-retry if !METH_GET !METH_HEAD
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    http-response set-header X-Served-By %[srv_name]
    server a 127.0.0.1:{a} check inter 500ms fall 2 rise 2
    server b 127.0.0.1:{b} check inter 500ms fall 2 rise 2
"""


def start_haproxy(folder, a, b):
    port = free_port()
    config = folder / "haproxy.cfg"
    config.write_text(HAPROXY.format(port=port, a=a.port, b=b.port), encoding="utf-8")
    subprocess.run(["haproxy", "-c", "-q", "-f", str(config)], check=True)  # noqa: S603, S607
    process = subprocess.Popen(["haproxy", "-db", "-f", str(config)], stdout=subprocess.DEVNULL,  # noqa: S603, S607
                               stderr=open(folder / "haproxy.log", "wb"))  # noqa: SIM115 -- closed with the process
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if Browser().get(base + "/healthz", timeout=2)[0] == 200:
                return process, base
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("HAProxy did not answer")


def check_tools():
    missing = [tool for tool in ("haproxy", "redis-server", "redis-cli", "wrk") if shutil.which(tool) is None]
    if not (PG_BIN / "pg_basebackup").exists():
        missing.append(f"PostgreSQL 15 ({PG_BIN})")
    if missing:
        raise SystemExit(f"Missing: {', '.join(missing)} (make cluster-deps installs them as root)")


def main():
    args = parse_args()
    check_tools()
    began = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="mmsp-cluster-"))
    folder.chmod(0o755)  # the postgres user keeps its clusters in a folder of its own inside
    stack = Stack()
    stack.push("the folder", lambda: shutil.rmtree(folder, ignore_errors=True))
    atexit.register(stack.close)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        say("Starting: a PostgreSQL primary and its streaming replica...")
        primary, replica = start_databases(folder, stack)
        os.environ["SECRET_KEY"] = SECRET_KEY
        setup_django(folder, primary.url)
        from django.core.management import call_command
        from django.db import connection

        from activities.models import Event, Pillar

        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        call_command("generate_load_data", events=args.events, verbosity=0)
        staff = Browser(staff_session())
        pillar = Pillar.objects.filter(events__isnull=False).order_by("pk").first()
        event = Event.objects.published().filter(slug__startswith="load-").order_by("pk").first()
        crawl_paths = ["/en/", "/en/activities/", pillar.get_absolute_url(), event.get_absolute_url(),
                       "/zh-hans/activities/"]
        connection.close()
        copied = replica.sql(f"SELECT count(*) FROM {Event._meta.db_table}", database=DATABASE)  # noqa: S608
        streaming = primary.sql("SELECT state FROM pg_stat_replication")
        say(f"  ({time.monotonic() - began:.0f} s) primary on port {primary.port}, replica on {replica.port} "
            f"(replication: {streaming}; "
            f"{copied} activities on the replica)")

        redis = Redis(folder)
        redis.start()
        stack.push("Redis", redis.stop)
        say("Starting: Redis, two gunicorns with the production settings, HAProxy...")
        shared = {"DATABASE_REPLICA_URL": replica.url, "CACHE_URL": f"redis://127.0.0.1:{redis.port}/0",
                  "SECRET_KEY": SECRET_KEY, "CONN_MAX_AGE": "0",
                  "DJANGO_SETTINGS_MODULE": "bench.cluster_settings"}
        server_a = Server(folder, primary.url, WORKERS, name="a", env=shared)
        server_b = Server(folder, primary.url, WORKERS, name="b", env=shared)
        server_a.collect_static()
        for server in (server_a, server_b):
            stack.push("an app server", server.stop)
        servers = (server_a, server_b)
        starting = [threading.Thread(target=server.start) for server in servers]
        for thread in starting:
            thread.start()
        for thread in starting:
            thread.join()
        if any(server.process is None or server.process.poll() is not None for server in servers):
            raise SystemExit(f"An app server did not start: see {folder}/a.log and b.log")
        haproxy, lb = start_haproxy(folder, server_a, server_b)
        stack.push("HAProxy", lambda: terminate(haproxy))
        say(f"  A on {server_a.port}, B on {server_b.port}, HAProxy on {lb.rsplit(':', 1)[1]}; "
            f"ready after {time.monotonic() - began:.0f} s")
        say()

        new_name = step_edit_visible(server_a.base, server_b.base, lb, staff, pillar)
        say()
        step_which_database(lb, primary, replica, staff, pillar, new_name)
        say()
        step_server_stops(lb, server_a, "/en/activities/")
        say()
        step_redis_stops(lb, redis, "/en/activities/")
        say()
        step_crawl(folder, server_a.base, lb, crawl_paths, args.crawl)
        say()
    finally:
        say("Stopping everything started...")
        stack.close()
        say("Stopped: no cluster, process or folder of this run is left.")
    say(f"Done in {time.monotonic() - began:.0f} s; nothing left running.")


if __name__ == "__main__":
    main()
