"""Playwright driving Debian's Chromium against the live test server.

Chromium comes from apt (`make test` installs it as root). Where it is missing
the browser tests are skipped with a loud message, except under CI=true,
where they must run.
"""

import os
import shutil
import sys
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
