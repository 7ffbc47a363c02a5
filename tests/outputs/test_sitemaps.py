"""The sitemap: both languages, hreflang alternates, no draft, read back with xml.etree."""

import datetime
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.conf import settings
from django.utils import timezone

from core.enums import Status
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PillarFactory,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HOST = settings.SITE_URL  # every address is on the configured site, whatever the request's host


def local_day(moment):
    """The day of ``moment`` in the portal's zone, as the sitemap writes its dates."""
    return timezone.localdate(moment).isoformat()


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 -- our own test server's answer


def section_urls(client):
    """The files the sitemap index at /sitemap.xml names, as paths with their query."""
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [loc.removeprefix(HOST) for loc in (node.text for node in index.findall("sm:sitemap/sm:loc", NS))]


def sitemap(client):
    """Every entry of every file the index names, by address."""
    entries = {}
    for url in section_urls(client):
        for node in fetch_xml(client, url).findall("sm:url", NS):
            location = node.findtext("sm:loc", namespaces=NS)
            assert location not in entries, f"{location} listed twice"
            entries[location] = {
                "lastmod": node.findtext("sm:lastmod", namespaces=NS),
                "alternates": {
                    link.get("hreflang"): link.get("href") for link in node.findall("xhtml:link", NS)
                },
            }
    return entries


@pytest.fixture
def site():
    phase = PhaseFactory(number=2, start_date=date(2019, 1, 1), end_date=date(2023, 6, 30))
    used = PillarFactory(phase=phase, slug="labour-migration")
    PillarFactory(phase=phase, slug="only-drafts")
    event = EventFactory(phase=phase, slug="launch-seminar", pillars=[used])
    draft_only = PillarFactory(phase=phase, slug="x")
    EventFactory(phase=phase, slug="draft-seminar", status=Status.DRAFT, pillars=[draft_only])
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    EventFactory(phase=phase, slug="scheduled-seminar", published_at=tomorrow)
    agency = PartnerAgencyFactory(slug="iom")
    NewsletterFactory(number=11, phase=phase)
    NewsletterFactory(number=12, phase=phase, status=Status.DRAFT)
    return {"phase": phase, "event": event, "agency": agency}


def test_sitemap_lists_every_public_page_in_both_languages(client, site):
    entries = sitemap(client)

    for lang in ("en", "zh-hans"):
        for path in (
            "/",
            "/activities/",
            "/dashboard/",
            "/activities/launch-seminar/",
            "/phases/2/",
            "/pillars/labour-migration/",
            "/partners/",
            "/partners/iom/",
            "/newsletters/",
            "/newsletters/11/",
            "/about/",
            "/contact/",
            "/documents/",
        ):
            assert f"{HOST}/{lang}{path}" in entries, f"/{lang}{path} missing"


def test_sitemap_lists_no_draft(client, site):
    locations = "\n".join(sitemap(client))

    assert "draft-seminar" not in locations
    assert "scheduled-seminar" not in locations
    assert "/newsletters/12/" not in locations
    # Pillars without a published activity lead to an empty page: left out.
    assert "/pillars/only-drafts/" not in locations
    assert "/pillars/x/" not in locations


def test_sitemap_entries_name_their_twin_and_a_default(client, site):
    entries = sitemap(client)

    for lang in ("en", "zh-hans"):
        alternates = entries[f"{HOST}/{lang}/activities/launch-seminar/"]["alternates"]
        assert alternates == {
            "en": f"{HOST}/en/activities/launch-seminar/",
            "zh-hans": f"{HOST}/zh-hans/activities/launch-seminar/",
            "x-default": f"{HOST}/activities/launch-seminar/",
        }
    assert all(set(entry["alternates"]) == {"en", "zh-hans", "x-default"} for entry in entries.values())


def test_sitemap_x_default_lets_the_visitor_language_decide(client, site):
    entries = sitemap(client)
    default = entries[f"{HOST}/en/activities/launch-seminar/"]["alternates"]["x-default"]

    response = client.get(default.removeprefix(HOST), headers={"accept-language": "zh-CN"})

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/activities/launch-seminar/"


def test_sitemap_dates_records_by_their_last_change(client, site):
    entries = sitemap(client)

    event_lastmod = entries[f"{HOST}/en/activities/launch-seminar/"]["lastmod"]
    pillar_lastmod = entries[f"{HOST}/zh-hans/pillars/labour-migration/"]["lastmod"]
    assert event_lastmod == local_day(site["event"].updated_at)
    assert pillar_lastmod == event_lastmod
    assert entries[f"{HOST}/en/partners/iom/"]["lastmod"] == local_day(site["agency"].updated_at)


@pytest.mark.parametrize("count", [1, 5])
def test_sitemap_queries_do_not_grow_with_the_records(client, count, django_assert_max_num_queries):
    phase = PhaseFactory(number=3, start_date=date(2023, 1, 1), end_date=date(2026, 12, 31))
    pillars = PillarFactory.create_batch(count, phase=phase)
    for pillar in pillars:
        EventFactory(phase=phase, start_date=date(2024, 1, 1), end_date=date(2024, 1, 2), pillars=[pillar])
    PartnerAgencyFactory.create_batch(count)
    NewsletterFactory.create_batch(count, phase=phase)

    # The index: a latest change and a count of pages for each section with dates (two
    # queries each: phases, pillars, newsletters read their few rows twice); the pages have none.
    # Then one query per section file, two for those read a page at a time (a count, the page).
    with django_assert_max_num_queries(10):
        urls = section_urls(client)
    with django_assert_max_num_queries(7):
        entries = sitemap(client)
    assert len(urls) == 6

    assert sum("/activities/seminar-" in location for location in entries) == 2 * count


def test_a_large_section_continues_over_several_files(client, site, monkeypatch):
    from outputs.sitemaps import PortalSitemap

    EventFactory.create_batch(4, phase=site["phase"])
    # Five public activities in two languages: ten addresses, three to a file.
    monkeypatch.setattr(PortalSitemap, "limit", 3)

    urls = section_urls(client)
    activity_files = [url for url in urls if url.startswith("/sitemap-activities.xml")]

    assert activity_files == [
        "/sitemap-activities.xml",
        "/sitemap-activities.xml?p=2",
        "/sitemap-activities.xml?p=3",
        "/sitemap-activities.xml?p=4",
    ]
    seen = []
    for url in activity_files:
        root = fetch_xml(client, url)
        seen += [node.findtext("sm:loc", namespaces=NS) for node in root.findall("sm:url", NS)]
    assert len(seen) == len(set(seen)) == 10
    # Each activity comes in both languages, and each file holds at most three addresses.
    assert {loc.split("/", 4)[3] for loc in seen} == {"en", "zh-hans"}
    assert client.get("/sitemap-activities.xml?p=5").status_code == 404
    assert client.get("/sitemap-activities.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_index_dates_each_section_by_its_latest_change(client, site):
    index = fetch_xml(client, "/sitemap.xml")
    dates = {
        node.findtext("sm:loc", namespaces=NS).removeprefix(HOST): node.findtext("sm:lastmod", namespaces=NS)
        for node in index.findall("sm:sitemap", NS)
    }

    assert dates["/sitemap-activities.xml"].startswith(local_day(site["event"].updated_at))
    assert dates["/sitemap-partners.xml"].startswith(local_day(site["agency"].updated_at))
