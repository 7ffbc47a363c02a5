"""A Redis that goes away: pages still answer, uncached, and caching resumes when it returns.

"Away" is a Redis URL on a port where nothing listens (the connection is refused at once).
"""

import socket
import time
from unittest import mock

import pytest
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from core import caches as failsafe
from core.caches import FailSafeRedisCache
from mmsp.settings import base
from tests.factories import EventFactory


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    failsafe._resting_until.clear()
    yield port
    failsafe._resting_until.clear()


def test_an_unreachable_redis_answers_as_an_empty_cache(closed_port):
    cache = FailSafeRedisCache(f"redis://127.0.0.1:{closed_port}/0", {})

    assert cache.get("key", "default") == "default"
    assert cache.set("key", "value") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("slot", "token") is True  # limits fail open
    with pytest.raises(ValueError):
        cache.incr("count")  # as for a missing key
    assert cache.delete("key") is False


def test_after_a_failure_redis_rests_then_is_tried_again(closed_port, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(failsafe.time, "monotonic", lambda: now[0])
    cache = FailSafeRedisCache(f"redis://127.0.0.1:{closed_port}/0", {})
    cache._cache = client = mock.Mock()
    client.get.side_effect = RedisConnectionError("refused")

    assert cache.get("key") is None
    assert cache.get("key") is None
    assert client.get.call_count == 1  # the second request did not wait for Redis

    now[0] += failsafe.RETRY_SECONDS + 1
    client.get.side_effect = None
    client.get.return_value = "cached"
    assert cache.get("key") == "cached"  # Redis is back: caching resumes
    assert client.get.call_count == 2


def test_other_redis_errors_still_raise(closed_port):
    cache = FailSafeRedisCache(f"redis://127.0.0.1:{closed_port}/0", {})
    cache._cache = client = mock.Mock()
    client.get.side_effect = RuntimeError("a bug, not an outage")

    with pytest.raises(RuntimeError):
        cache.get("key")


@pytest.mark.django_db
def test_pages_answer_while_the_redis_of_the_settings_is_away(client, closed_port):
    url = f"redis://127.0.0.1:{closed_port}/0"
    settings_caches = {alias: base._cache(url, alias, 100) for alias in ("default", "pages", "limits")}
    settings_caches["downloads"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    event = EventFactory()

    with override_settings(CACHES=settings_caches):
        started = time.monotonic()
        for path in ("/en/", "/en/activities/", "/en/activities/?q=migration", event.get_absolute_url()):
            response = client.get(path)
            assert response.status_code == 200, path
        # Refused at once, then left alone: no request waits for a timeout.
        assert time.monotonic() - started < 10
    assert event.title in response.content.decode()
