"""Whole-portal downloads: one build per content state and normalised filters, bounded builds,
per-client rate limits, and caches that a flood of URLs cannot empty (issue 12, section 2)."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core.limits import BUSY_RETRY_AFTER, BuildSlot, limits_cache
from core.page_cache import cached_value
from outputs import exporters
from tests.caches import clear_caches
from tests.factories import EventFactory, StaffFactory
from tests.outputs.test_stats import build_sample

pytestmark = pytest.mark.django_db
# A fixed instant in the middle of a minute, so a rate window never rolls over during a test.
NOON = datetime.datetime(2026, 3, 4, 4, 0, 20, tzinfo=datetime.UTC)


@pytest.fixture
def sample(db):
    return build_sample()


@pytest.fixture
def builds(monkeypatch):
    """Counts the exports actually built (CSV, XLSX and IATI share Exporter.row_batches)."""
    calls = []
    original = exporters.Exporter.row_batches

    def counting(self):
        calls.append(type(self).__name__)
        return original(self)

    monkeypatch.setattr(exporters.Exporter, "row_batches", counting)
    return calls


def url(name, lang="en"):
    with translation.override(lang):
        return reverse(name)


# --- One build per content state and normalised filters --------------------------------------


def test_unknown_parameters_order_and_empty_values_share_one_build(client, sample, builds):
    path = url("activities:export_csv")
    first = client.get(f"{path}?phase=1&year=2016")
    variants = [
        f"{path}?year=2016&phase=1",
        f"{path}?phase=1&year=2016&utm_source=mail&x=Z1y2",
        f"{path}?phase=1&year=2016&q=&type=&pillar=",
        f"{path}?phase=3&phase=1&year=2016",  # the last value counts, as in the filter form
    ]
    for variant in variants:
        response = client.get(variant)
        assert response.status_code == 200
        assert response.content == first.content

    assert builds == ["CSVExporter"]
    # Another selection is another file.
    other = client.get(f"{path}?phase=3")
    assert other.content != first.content
    assert builds == ["CSVExporter", "CSVExporter"]


def test_a_content_change_builds_the_download_again(client, sample, builds):
    path = url("activities:export_xlsx")
    client.get(path)
    client.get(path)
    assert builds == ["XLSXExporter"]

    EventFactory(slug="new-one", phase=sample.early)
    client.get(path)

    assert builds == ["XLSXExporter", "XLSXExporter"]


def test_each_language_has_its_own_file(client, sample, builds):
    english = client.get(url("activities:export_xlsx", "en"))
    chinese = client.get(url("activities:export_xlsx", "zh-hans"))
    assert builds == ["XLSXExporter", "XLSXExporter"]
    assert english.content != chinese.content


def test_a_random_query_string_does_not_rebuild_a_sitemap_file(client, sample, django_assert_num_queries):
    first = client.get("/sitemap-activities.xml")
    assert first.status_code == 200
    for query in ("?x=1", "?utm_source=a&zz=%01", "?random=abc&p=", "?p="):
        with django_assert_num_queries(0):
            response = client.get("/sitemap-activities.xml" + query)
        assert response.status_code == 200
        assert response.content == first.content
    # ?p= names a page of the section: the first page asked for by number is one more file.
    client.get("/sitemap-activities.xml?p=1")
    with django_assert_num_queries(0):
        assert client.get("/sitemap-activities.xml?zz=1&p=1").content == first.content


def test_calendar_and_iati_are_cached_per_normalised_query(client, sample, django_assert_num_queries):
    calendar = url("activities:calendar")
    client.get(f"{calendar}?pillar=regular-migration")
    client.get(reverse("iati_activities"))
    with django_assert_num_queries(0):
        assert client.get(f"{calendar}?utm=1&pillar=regular-migration").status_code == 200
        assert client.get(reverse("iati_activities") + "?anything=else").status_code == 200


def test_a_streamed_download_is_kept_once_complete(client, sample, builds, monkeypatch):
    monkeypatch.setattr(exporters, "BATCH_SIZE", 2)  # the sample's four activities: streamed
    path = url("activities:export_csv")
    response = client.get(path)
    assert response.streaming
    content = b"".join(response.streaming_content)

    again = client.get(path + "?unknown=1")
    assert not again.streaming
    assert again.content == content
    assert builds == ["CSVExporter"]


def test_a_streamed_download_larger_than_the_bound_is_not_kept(client, sample, builds, monkeypatch, settings):
    monkeypatch.setattr(exporters, "BATCH_SIZE", 2)
    settings.DOWNLOAD_CACHE_MAX_BYTES = 100
    path = url("activities:export_csv")
    b"".join(client.get(path).streaming_content)
    b"".join(client.get(path).streaming_content)
    assert builds == ["CSVExporter", "CSVExporter"]


# --- A bound on concurrent builds ---------------------------------------------------------------


def take_every_slot(settings, count=1):
    settings.HEAVY_BUILDS = count
    for index in range(count):
        assert limits_cache.add(f"build-slot:{index}", "someone-else", timeout=60)


def test_a_busy_portal_answers_503_with_retry_after(client, sample, settings):
    take_every_slot(settings, 2)

    response = client.get(url("activities:export_xlsx"))

    assert response.status_code == 503
    assert response["Retry-After"] == str(BUSY_RETRY_AFTER)
    assert response["Cache-Control"] == "no-store"
    content = response.content.decode()
    assert "The portal is busy" in content
    assert "门户网站繁忙" in content
    assert f"Please try again in {BUSY_RETRY_AFTER} seconds." in content

    limits_cache.delete("build-slot:1")
    assert client.get(url("activities:export_xlsx")).status_code == 200


def test_a_cached_download_needs_no_slot(client, sample, settings):
    client.get(url("activities:export_csv"))
    take_every_slot(settings)
    assert client.get(url("activities:export_csv")).status_code == 200


def test_a_streamed_download_holds_its_slot_until_sent(client, sample, settings, monkeypatch):
    monkeypatch.setattr(exporters, "BATCH_SIZE", 2)
    settings.HEAVY_BUILDS = 1
    streaming = client.get(url("activities:export_csv"))
    assert streaming.streaming

    assert client.get(url("activities:export_csv") + "?phase=3").status_code == 503
    b"".join(streaming.streaming_content)
    assert client.get(url("activities:export_csv") + "?phase=3").status_code == 200


def test_a_client_that_goes_away_frees_its_slot(client, sample, settings, monkeypatch):
    monkeypatch.setattr(exporters, "BATCH_SIZE", 2)
    settings.HEAVY_BUILDS = 1
    streaming = client.get(url("activities:export_csv"))
    next(iter(streaming.streaming_content))
    assert limits_cache.get("build-slot:0") is not None
    # What the server does when the client goes away. (The test client's close() also closes
    # the database connection on PostgreSQL, so the slot is checked in the cache, not by a request.)
    streaming.close()

    assert limits_cache.get("build-slot:0") is None


def test_staff_take_no_slot(client, sample, settings):
    take_every_slot(settings)
    client.force_login(StaffFactory(username="editor", group="Editors"))
    assert client.get(url("activities:export_xlsx")).status_code == 200


def test_a_slot_is_only_freed_by_its_holder(rf, settings):
    settings.HEAVY_BUILDS = 1
    request = rf.get("/")
    request.user = None
    mine = BuildSlot(request)
    assert mine.acquire()
    limits_cache.set("build-slot:0", "taken-over-after-expiry")
    mine.release()
    assert limits_cache.get("build-slot:0") == "taken-over-after-expiry"


# --- Per-client rate limits ---------------------------------------------------------------------


@time_machine.travel(NOON, tick=False)
def test_downloads_over_the_rate_get_a_429_page_in_english(client, sample, settings):
    settings.DOWNLOAD_RATE = "2/min"
    path = url("activities:export_csv")
    assert client.get(path).status_code == 200
    assert client.get(path + "?phase=1").status_code == 200

    response = client.get(path)

    assert response.status_code == 429
    assert response["Retry-After"] == "40"  # the minute's window ends 40 s after 04:00:20
    content = response.content.decode()
    assert content.index("Too many requests") < content.index("请求过多")
    assert "downloads from one address are limited" in content
    assert "Please try again in 40 seconds." in content
    assert '<html lang="en">' in content
    # Another client has its own budget.
    assert client.get(path, REMOTE_ADDR="198.51.100.20").status_code == 200


@time_machine.travel(NOON, tick=False)
def test_the_429_page_comes_in_chinese_first_on_a_chinese_address(client, sample, settings):
    settings.DOWNLOAD_RATE = "1/min"
    path = url("activities:export_xlsx", "zh-hans")
    client.get(path)

    response = client.get(path)

    assert response.status_code == 429
    content = response.content.decode()
    assert content.index("请求过多") < content.index("Too many requests")
    assert "请在40秒后重试。" in content
    assert "来自同一地址的下载次数受到限制" in content
    assert '<html lang="zh-Hans">' in content


@time_machine.travel(NOON, tick=False)
def test_the_rate_window_ends(client, sample, settings):
    settings.DOWNLOAD_RATE = "1/min"
    path = reverse("iati_activities")
    client.get(path)
    assert client.get(path).status_code == 429
    with time_machine.travel(NOON + datetime.timedelta(seconds=41), tick=False):
        assert client.get(path).status_code == 200


@time_machine.travel(NOON, tick=False)
def test_searches_over_the_rate_get_a_429_page(client, sample, settings):
    settings.SEARCH_RATE = "2/min"
    listing = url("activities:list")
    assert client.get(listing + "?q=migration").status_code == 200
    assert client.get(listing + "?q=seminar").status_code == 200
    # Pages without a search are not counted.
    assert client.get(listing + "?phase=1").status_code == 200

    response = client.get(listing + "?q=forum")

    assert response.status_code == 429
    assert response["Retry-After"] == "40"
    assert "searches from one address are limited" in response.content.decode()
    # The API has its own throttle.
    assert client.get("/api/activities?q=forum").status_code == 200


@time_machine.travel(NOON, tick=False)
def test_staff_are_not_rate_limited(client, sample, settings):
    settings.DOWNLOAD_RATE = settings.SEARCH_RATE = "1/min"
    client.force_login(StaffFactory(username="publisher", group="Publishers"))
    for _ in range(3):
        assert client.get(url("activities:export_csv")).status_code == 200
        assert client.get(url("activities:list") + "?q=forum").status_code == 200


def test_a_rate_that_does_not_parse_is_refused():
    from core.limits import parse_rate

    assert parse_rate("20/min") == (20, 60)
    assert parse_rate("5/h") == (5, 3600)
    with pytest.raises(ValueError, match="A rate is"):
        parse_rate("fast")


# --- Caches a flood of URLs cannot empty --------------------------------------------------------

SMALL_CACHES = {
    alias: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"small-{alias}",
        "OPTIONS": {"MAX_ENTRIES": 30},
    }
    for alias in ("default", "pages", "limits", "downloads")
}


def test_a_flood_of_unique_urls_does_not_evict_remembered_values(client, sample):
    computed = []

    def remember():
        return cached_value("probe", lambda: computed.append(1) or len(computed))

    with override_settings(CACHES=SMALL_CACHES):
        clear_caches()
        assert remember() == 1
        for index in range(60):  # twice as many pages as the page cache holds
            assert client.get(url("partners:list") + f"?n={index}").status_code == 200

        assert remember() == 1
        assert computed == [1]
        clear_caches()


def test_every_cache_alias_has_its_own_store():
    from mmsp.settings import base

    aliases = ("default", "pages", "limits")
    locations = {base._cache("", alias, 10)["LOCATION"] for alias in aliases}
    assert len(locations) == 3
    prefixes = {base._cache("redis://127.0.0.1:6379/0", alias, 10)["KEY_PREFIX"] for alias in aliases}
    assert len(prefixes) == 3
    assert {"default", "pages", "limits", "downloads"} <= set(base.CACHES)
