import datetime
import os

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

# MMSP_TEST_CLOCK=23:30 runs the whole session (every xdist worker too: each runs this hook) with
# the clock at 23:30 UTC today, ticking on. At 23:30 UTC it is already tomorrow in the portal's
# zone (Asia/Shanghai): a test that mixes UTC and local dates fails then. CI runs 23:30 and 07:30.
CLOCK_VARIABLE = "MMSP_TEST_CLOCK"
CLOCK_TRAVEL = pytest.StashKey()


def clock_destination(value, *, today=None):
    """Today (UTC) at ``value`` ("HH:MM"), in UTC; a clear error for anything else."""
    try:
        at = datetime.time.fromisoformat(value.strip())
    except ValueError:
        raise pytest.UsageError(f"{CLOCK_VARIABLE} must be a time of day as HH:MM, not {value!r}.") from None
    today = today or datetime.datetime.now(datetime.UTC).date()
    return datetime.datetime.combine(today, at, tzinfo=datetime.UTC)


def pytest_configure(config):
    value = os.environ.get(CLOCK_VARIABLE, "").strip()
    config.stash[CLOCK_TRAVEL] = None
    if value:
        destination = clock_destination(value)
        traveller = time_machine.travel(destination, tick=True)
        traveller.start()
        config.stash[CLOCK_TRAVEL] = (destination, traveller)


def pytest_unconfigure(config):
    travel = config.stash.get(CLOCK_TRAVEL, None)
    if travel:
        travel[1].stop()


def pytest_report_header(config):
    travel = config.stash.get(CLOCK_TRAVEL, None)
    if travel:
        return f"clock: travelled to {travel[0]:%Y-%m-%d %H:%M} UTC ({CLOCK_VARIABLE})"
    return None


@pytest.fixture
def session_clock(pytestconfig):
    """Where the session's clock was sent (a UTC datetime), or None when it runs on the real one."""
    travel = pytestconfig.stash.get(CLOCK_TRAVEL, None)
    return travel[0] if travel else None


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of one test never land in the project folder or leak into another."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to a /zh-hans/ page leaves Chinese
    active in the thread (LocaleMiddleware never switches back), which the next test would inherit."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: pages, counts, choices, downloads and request counts
    never leak across tests."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def superuser(db):
    from tests.factories import SuperUserFactory

    return SuperUserFactory(username="admin")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
