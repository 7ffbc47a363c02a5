"""Playwright driving Debian's Chromium against the live test server.

Chromium comes from apt (`make test` installs it as root). Where it is missing
the browser tests are skipped with a loud message, except under CI=true,
where they must run.
"""

import os
import shutil
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# fixtures make are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _unavailable_reason():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401 -- only checking that it imports
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    reason = _unavailable_reason()
    if reason:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"Browser tests must run under CI, but {reason}.")
        message = f"\n\n!!! BROWSER TESTS SKIPPED: {reason} !!!\n"
        sys.stderr.write(message)
        pytest.skip(message.strip())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def _without_media_handler(media_handler):
    """Django's live server puts a handler in front of the portal that serves MEDIA_ROOT to
    anyone; runserver has none, so the portal's own media view (core.media) must answer."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    return StaticFilesHandler(media_handler.application)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server (same address option), serving media as runserver does."""
    from pytest_django.live_server_helper import LiveServer

    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
    server = LiveServer(address or "localhost", start=False)
    server.thread.static_handler = _without_media_handler
    server.start()
    yield server
    server.stop()


@pytest.fixture
def demo_server(live_server, transactional_db):
    """The live server with the real demo content loaded."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    return live_server


@pytest.fixture
def page(browser, demo_server):
    """A fresh page that records (and aborts) every request leaving this machine."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.external_requests = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page.external_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()


STAFF_USERNAME = "browser-admin"
STAFF_PASSWORD = "correct horse battery staple"  # noqa: S105 -- a throwaway account of a test database


@dataclass
class Site:
    """A running portal the browser tests drive: its address and a superuser's credentials."""

    base: str
    mode: str
    username: str = STAFF_USERNAME
    password: str = STAFF_PASSWORD


@pytest.fixture(scope="session")
def production_server(tmp_path_factory):
    """`make serve` in miniature: gunicorn with the production settings on 127.0.0.1 (plain
    HTTP; static files fingerprinted but not precompressed: tests/browser/serve_settings.py), a
    temporary SQLite database with the demo content, a superuser, a seeded photo and document,
    and a temporary MEDIA_ROOT.

    One worker: without CACHE_URL each worker has its own page cache and invalidation counter,
    so a second worker could show a page from before the photo was published (see README
    "Deploying"). The download and search limits are lifted: the crawl is one busy client.
    """
    from bench.server import ProductionServer

    folder = tmp_path_factory.mktemp("production")
    env = {
        "DJANGO_SUPERUSER_USERNAME": STAFF_USERNAME,
        "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD,
        "DOWNLOAD_RATE": "100000/min",
        "SEARCH_RATE": "100000/min",
        "CACHE_URL": "",
    }
    database = f"sqlite:///{folder / 'db.sqlite3'}"
    server = ProductionServer(folder, database, 1, settings="tests.browser.serve_settings", env=env)
    server.manage("migrate", "--no-input", "--verbosity", "0")
    server.manage("load_demo", "--verbosity", "0")
    server.manage("ensure_superuser", "--verbosity", "0")
    server.manage("shell", "-c", "from tests.browser.seed import seed_media; seed_media()")
    with server:
        yield Site(server.base, "gunicorn")


@pytest.fixture(params=["runserver", "gunicorn"])
def site(request, live_server, transactional_db):
    """The portal as `make run` serves it (Django's live server) and as `make serve` does
    (gunicorn, production settings), with the demo content, a superuser and seeded files.

    The live server's database is asked for in both modes (pytest-django sets it up only for
    fixtures named statically); gunicorn has its own (production_server)."""
    if request.param == "gunicorn":
        return request.getfixturevalue("production_server")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from tests.browser.seed import seed_media

    call_command("load_demo", verbosity=0)
    get_user_model().objects.create_superuser(STAFF_USERNAME, "", STAFF_PASSWORD)
    seed_media()
    return Site(live_server.url, "runserver")
