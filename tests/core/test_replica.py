"""The read replica's router: which database each kind of request reads, and read-your-writes.

The test settings give a "replica" that mirrors the test database (the same rows: no replication
to wait for), so these tests count the queries each connection ran. They commit (transaction=True):
the replica's connection does not see rows of another connection's open transaction.
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import Event
from core.replica import PIN_COOKIE, PrimaryReplicaRouter, _replica_allowed
from tests.caches import clear_caches
from tests.factories import EventFactory, StaffFactory

ROOT = Path(__file__).resolve().parent.parent.parent
BOTH = ["default", "replica"]
LIST = "/en/activities/"
AFTER_AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"


@pytest.fixture
def replica_on(settings):
    """The middleware as the production settings place it (the test settings leave it out)."""
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(AFTER_AUTH) + 1, "core.replica.ReplicaMiddleware")
    settings.MIDDLEWARE = middleware
    clear_caches()
    yield
    clear_caches()


def queries_per_database(client, method, path, **kwargs):
    with CaptureQueriesContext(connections["default"]) as primary:
        with CaptureQueriesContext(connections["replica"]) as replica:
            response = getattr(client, method)(path, **kwargs)
    return response, len(primary), len(replica)


def test_router_reads_the_primary_unless_a_request_allows_the_replica():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Event) == "default"  # a management command, the shell
    token = _replica_allowed.set(True)
    try:
        assert router.db_for_read(Event) == "replica"
        assert router.db_for_write(Event) == "default"
    finally:
        _replica_allowed.reset(token)
    assert router.allow_migrate("default", "activities") is True
    assert router.allow_migrate("replica", "activities") is False


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_reads_inside_a_transaction_stay_on_the_primary():
    token = _replica_allowed.set(True)
    try:
        assert Event.objects.all().db == "replica"
        with transaction.atomic():
            assert Event.objects.all().db == "default"
    finally:
        _replica_allowed.reset(token)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_anonymous_page_view_reads_the_replica_only(client, replica_on):
    event = EventFactory()

    response, primary, replica = queries_per_database(client, "get", event.get_absolute_url())

    assert response.status_code == 200
    assert event.title in response.content.decode()
    assert replica > 0
    assert primary == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_staff_read_the_primary(client, replica_on):
    event = EventFactory()
    client.force_login(StaffFactory(is_superuser=True))

    for path in (event.get_absolute_url(), f"/{settings.ADMIN_URL}activities/event/"):
        response, primary, replica = queries_per_database(client, "get", path)
        assert response.status_code == 200
        assert primary > 0
        assert replica == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_client_that_wrote_reads_the_primary_for_a_few_seconds(client, replica_on):
    EventFactory()
    # Any write pins its client: here switching the language, a POST anyone may send.
    answer = client.post("/i18n/setlang/", {"language": "en", "next": LIST})
    assert answer.status_code == 302
    assert PIN_COOKIE in answer.cookies

    _response, primary, replica = queries_per_database(client, "get", LIST)
    assert (primary > 0, replica) == (True, 0)

    later = timezone.now() + timedelta(seconds=settings.READ_YOUR_WRITES_SECONDS + 1)
    with time_machine.travel(later):
        clear_caches()
        _response, primary, replica = queries_per_database(client, "get", LIST)
    assert (primary, replica > 0) == (0, True)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_forged_pin_cookie_does_not_pin(client, replica_on):
    EventFactory()
    client.cookies[PIN_COOKIE] = "1"

    _response, primary, replica = queries_per_database(client, "get", LIST)

    assert (primary, replica > 0) == (0, True)


SHOW_DATABASES = """
import json, django
django.setup()
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from core.replica import ReplicaMiddleware
try:
    ReplicaMiddleware(lambda request: None)
    used = True
except MiddlewareNotUsed:
    used = False
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "replica": settings.DATABASES.get("replica", {}).get("NAME"),
    "routers": settings.DATABASE_ROUTERS,
    "middleware_used": used,
}))
"""


def load_settings(**environment):
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_REPLICA_URL"}
    env.update(DJANGO_SETTINGS_MODULE="mmsp.settings.production", SECRET_KEY="x" * 50, **environment)
    finished = subprocess.run(  # noqa: S603 -- this interpreter and a fixed script
        [sys.executable, "-c", SHOW_DATABASES], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def test_without_a_replica_url_there_is_one_database_and_no_router():
    shown = load_settings()

    assert shown["aliases"] == ["default"]
    assert shown["routers"] == []
    assert shown["middleware_used"] is False


def test_a_replica_url_adds_the_replica_and_the_router():
    shown = load_settings(DATABASE_REPLICA_URL="postgres://reader@127.0.0.1:55433/mmsp")

    assert shown["aliases"] == ["default", "replica"]
    assert shown["replica"] == "mmsp"
    assert shown["routers"] == ["core.replica.PrimaryReplicaRouter"]
    assert shown["middleware_used"] is True
