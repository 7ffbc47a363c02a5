"""Edits that do not stall readers (core.page_cache), and withdrawals that take effect at once.

An edit that withdraws nothing leaves the previous page servable: one request (the one that takes
the entry's lock) rebuilds it after its response, the others get the previous page meanwhile.
A withdrawal makes every page that could show the activity unservable at once. An edit touches
only the pages that show the activity: a partner page of an unrelated agency stays fresh.
The test client runs Django's request_finished inside ``client.get()``, as gunicorn does once it
has written the response: the rebuild of a stale page has happened when ``get()`` returns.
"""

import datetime
import re
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from activities import partner_views, views
from activities.models import EventAgency
from activities.services import event_save, event_unpublish
from core import page_cache
from core.page_cache import page_key, pages_cache
from tests.factories import EventFactory, PartnerAgencyFactory, SuperUserFactory

pytestmark = pytest.mark.django_db

LIST = "/en/activities/"


def body(response):
    """The response's bytes, without the search's <mark> around matched words."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return re.sub(rb"</?mark>", b"", content)


def rename(event, title):
    event.title_en = title
    event_save(event=event, user=SuperUserFactory())


@pytest.fixture
def event():
    return EventFactory(slug="withdrawn-seminar", title_en="Withdrawn seminar", title_zh_hans="撤回的研讨会")


PUBLIC = [
    "/en/",
    "/zh-hans/",
    LIST,
    "/en/activities/withdrawn-seminar/",
    "/zh-hans/activities/withdrawn-seminar/",
    "/en/activities/feed/",
    "/api/activities",
    "/api/activities/withdrawn-seminar",
    "/en/activities/?q=Withdrawn",
    "/zh-hans/activities/?q=%E6%92%A4%E5%9B%9E",  # 撤回
]


@pytest.mark.parametrize("withdraw", ["unpublish", "schedule later", "rename"])
def test_a_withdrawal_leaves_every_public_page_at_once_even_stale_ones(client, event, withdraw):
    for url in PUBLIC:
        assert "撤回的研讨会".encode() in body(client.get(url)) or b"Withdrawn seminar" in body(
            client.get(url)
        ), url
    # Another activity's edit first: every list is stale, servable while it is rebuilt...
    with mock.patch.object(page_cache, "after_response"):  # ...and no rebuild runs
        rename(EventFactory(), "Another seminar")
        client.get(LIST)

    if withdraw == "unpublish":
        event_unpublish(event=event, user=None)
    elif withdraw == "schedule later":
        event.published_at = timezone.now() + datetime.timedelta(days=3)
        event_save(event=event, user=SuperUserFactory())
    else:
        event.slug = "renamed-seminar"
        event_save(event=event, user=SuperUserFactory())

    for url in PUBLIC:
        response = client.get(url)
        assert response.status_code == (404 if "withdrawn-seminar" in url else 200), url
        if withdraw == "rename":  # still public, at its new address only
            if response.status_code == 200:
                assert b"withdrawn-seminar" not in body(response), url
        else:
            assert b"Withdrawn seminar" not in body(response), url
            assert "撤回的研讨会".encode() not in body(response), url


def test_after_an_edit_readers_get_the_previous_page_while_one_request_rebuilds_it(client, event):
    assert b"Withdrawn seminar" in client.get(LIST).content
    rename(event, "Renamed seminar")
    # Another worker holds the rebuild: this reader gets the previous page, builds nothing.
    pages_cache.add(page_key("en", LIST) + ":lock", 1)
    with mock.patch.object(views.EventListView, "get_queryset", side_effect=AssertionError("built")):
        for _ in range(3):
            assert b"Withdrawn seminar" in client.get(LIST).content

    pages_cache.delete(page_key("en", LIST) + ":lock")
    with mock.patch.object(page_cache, "_build_page", wraps=page_cache._build_page) as build:
        stale = client.get(LIST)  # served the previous page, then rebuilt it once
        fresh = client.get(LIST)
        again = client.get(LIST)
    assert b"Withdrawn seminar" in stale.content
    assert b"Renamed seminar" in fresh.content and b"Renamed seminar" in again.content
    assert build.call_count == 1


def test_the_lock_lets_one_rebuild_at_a_time(client, event):
    client.get(LIST)
    rename(event, "Renamed seminar")
    with mock.patch.object(page_cache, "after_response") as deferred:
        client.get(LIST)
        client.get(LIST)
        client.get(LIST)
    assert deferred.call_count == 1  # the lock is held until that rebuild ends
    assert pages_cache.get(page_key("en", LIST) + ":lock") == 1


def test_a_failing_rebuild_keeps_serving_the_previous_page_for_a_bounded_time(client, event):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.get(LIST)
        rename(event, "Renamed seminar")
        with mock.patch.object(
            views.EventListView, "get_queryset", side_effect=RuntimeError("database away")
        ):
            for _ in range(3):
                response = client.get(LIST)
                assert response.status_code == 200
                assert b"Withdrawn seminar" in response.content
            clock.shift(page_cache.PAGE_TIMEOUT + page_cache.STALE_FOR + 1)
            with pytest.raises(RuntimeError):
                client.get(LIST)  # too old to serve: the reader builds it, and sees the failure
        assert b"Renamed seminar" in client.get(LIST).content


def test_an_edit_leaves_an_unrelated_partner_page_fresh_and_makes_its_own_partner_stale(client, event):
    own, unrelated = PartnerAgencyFactory(slug="own-agency"), PartnerAgencyFactory(slug="other-agency")
    EventAgency.objects.create(event=event, agency=own, role="organiser")
    EventAgency.objects.create(
        event=EventFactory(title_en="Other seminar"), agency=unrelated, role="organiser"
    )
    own_url, unrelated_url = own.get_absolute_url(), unrelated.get_absolute_url()
    for url in (own_url, unrelated_url, LIST):
        assert client.get(url).status_code == 200

    rename(event, "Renamed seminar")

    with mock.patch.object(
        partner_views.AgencyDetailView, "get_queryset", side_effect=AssertionError("rebuilt")
    ):
        assert b"Other seminar" in client.get(unrelated_url).content  # fresh: not rebuilt
    for url in (own_url, LIST):
        assert b"Withdrawn seminar" in client.get(url).content  # stale, served once
        assert b"Renamed seminar" in client.get(url).content  # rebuilt after that response

    event_unpublish(event=event, user=None)
    assert b"Renamed seminar" not in client.get(own_url).content


def test_a_remembered_value_is_served_stale_and_recomputed_once(client, event):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert page_cache.cached_value("test-figure", compute) == 1
    assert page_cache.cached_value("test-figure", compute) == 1
    rename(event, "Renamed seminar")
    page_cache._request_started()  # as inside a request: the reader does not wait for it
    try:
        assert page_cache.cached_value("test-figure", compute) == 1
        assert page_cache.cached_value("test-figure", compute) == 1  # locked: no second run
    finally:
        page_cache._request_finished()
    assert calls == [1, 1]
    assert page_cache.cached_value("test-figure", compute) == 2

    event_unpublish(event=event, user=None)  # a withdrawal: computed before it is served
    assert page_cache.cached_value("test-figure", compute) == 3


def test_past_the_rebuild_slots_readers_get_the_previous_page_and_nothing_is_rebuilt(client, event):
    client.get(LIST)
    rename(event, "Renamed seminar")
    for number in range(page_cache.REBUILD_SLOTS):  # other pages being rebuilt elsewhere
        page_cache.cache.add(f"page-cache:rebuild-slot:{number}:lock", 1)
    with mock.patch.object(page_cache, "_build_page", wraps=page_cache._build_page) as build:
        assert b"Withdrawn seminar" in client.get(LIST).content
        assert b"Withdrawn seminar" in client.get(LIST).content
    assert build.call_count == 0
    assert pages_cache.get(page_key("en", LIST) + ":lock") is None  # free for a later visit

    page_cache.cache.delete("page-cache:rebuild-slot:0:lock")
    client.get(LIST)  # takes the free slot: rebuilt after this response
    assert b"Renamed seminar" in client.get(LIST).content
