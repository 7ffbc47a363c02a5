"""The client's address, decided in one place, for sign-in lockouts, the API throttle and the rate
limits: directly (a forged X-Forwarded-For is ignored) and behind one proxy that appends to
X-Forwarded-For (the right-most address is the client; what the client wrote to its left is not)
(issue 12, section 3)."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from core.clients import client_ip
from outputs.api import endpoints
from tests.factories import StaffFactory
from tests.outputs.test_stats import build_sample

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.7"
PUBLISHER = "198.51.100.9"
NOON = datetime.datetime(2026, 3, 4, 4, 0, 20, tzinfo=datetime.UTC)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def through_proxy(client_address, forged=""):
    """What Django sees from a client behind one proxy: the proxy appends the address it saw."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


# --- The address itself -------------------------------------------------------------------------


def test_directly_the_address_is_remote_addr_whatever_the_header(rf):
    request = rf.get("/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(request) == ATTACKER


def test_behind_one_proxy_the_address_is_the_right_most(rf, behind_proxy):
    assert client_ip(rf.get("/", **through_proxy(PUBLISHER))) == PUBLISHER
    assert client_ip(rf.get("/", **through_proxy(ATTACKER, forged=PUBLISHER))) == ATTACKER
    assert client_ip(rf.get("/", **through_proxy(ATTACKER, forged="nonsense, 8.8.8.8"))) == ATTACKER


def test_behind_two_proxies_the_address_is_the_second_from_the_right(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{PUBLISHER}, {ATTACKER}, 10.0.0.1")
    assert client_ip(request) == ATTACKER


def test_behind_a_proxy_a_request_without_the_header_is_keyed_on_remote_addr(rf, behind_proxy):
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY)) == PROXY


# --- Sign-in lockout (django-axes) --------------------------------------------------------------


def sign_in(client, password, **meta):
    return client.post(
        reverse("admin:login"),
        {"username": "publisher", "password": password, "next": reverse("admin:index")},
        HTTP_ACCEPT_LANGUAGE="en",
        **meta,
    )


@pytest.mark.django_db
def test_directly_a_forged_header_does_not_escape_the_lockout(client):
    StaffFactory(username="publisher", group="Publishers")
    for index in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{index}")

    locked = sign_in(
        client, "correct horse battery staple", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=PUBLISHER
    )

    assert locked.status_code == 429


@pytest.mark.django_db
def test_behind_a_proxy_an_attacker_locks_out_only_itself(client, behind_proxy):
    StaffFactory(username="publisher", group="Publishers")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", **through_proxy(ATTACKER))
    # Claiming the publisher's address to the left of its own does not help the attacker.
    assert (
        sign_in(
            client, "correct horse battery staple", **through_proxy(ATTACKER, forged=PUBLISHER)
        ).status_code
        == 429
    )

    response = sign_in(client, "correct horse battery staple", **through_proxy(PUBLISHER))

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


# --- API throttle -------------------------------------------------------------------------------


@pytest.fixture
def one_request_per_minute(monkeypatch):
    monkeypatch.setattr(endpoints.throttle, "num_requests", 1)
    monkeypatch.setattr(endpoints.throttle, "duration", 60)


@pytest.mark.django_db
def test_directly_the_api_throttle_ignores_a_forged_header(client, one_request_per_minute):
    assert client.get("/api/phases", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    assert client.get("/api/phases", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


@pytest.mark.django_db
def test_behind_a_proxy_each_client_has_its_own_api_budget(client, one_request_per_minute, behind_proxy):
    assert client.get("/api/phases", **through_proxy(ATTACKER)).status_code == 200
    assert client.get("/api/phases", **through_proxy(ATTACKER, forged="192.0.2.55")).status_code == 429
    # Another client behind the same proxy is not held back by the first.
    assert client.get("/api/phases", **through_proxy(PUBLISHER)).status_code == 200


# --- Download rate limit ------------------------------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_behind_a_proxy_each_client_has_its_own_download_budget(client, settings, behind_proxy):
    build_sample()
    settings.DOWNLOAD_RATE = "1/min"
    path = reverse("iati_activities")
    assert client.get(path, **through_proxy(ATTACKER)).status_code == 200
    assert client.get(path, **through_proxy(ATTACKER, forged="192.0.2.55")).status_code == 429
    assert client.get(path, **through_proxy(PUBLISHER)).status_code == 200
