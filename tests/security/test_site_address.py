"""Absolute links come from SITE_URL, never from the request's Host header.

A request under another host name that ALLOWED_HOSTS lets through (``127.0.0.1:6666`` passes
``127.0.0.1``) used to leave canonical, hreflang and sitemap links to that host in the page cache,
served to every later visitor.
"""

import pytest
from django.test import Client

from .conftest import build_world, fetch_public_outputs

SITE = "https://mmsp.example.org"
FORGED_HOST = "127.0.0.1:6666"


@pytest.fixture
def world(db, settings):
    settings.SITE_URL = SITE
    return build_world(lambda label: f"Value {label}")


def test_no_public_output_links_to_the_host_a_request_named(world):
    outputs = fetch_public_outputs(Client(HTTP_HOST=FORGED_HOST), world)

    leaked = [url for url, _kind, text in outputs if FORGED_HOST in text]
    assert leaked == []
    by_url = {url: text for url, _kind, text in outputs}
    assert f'<link rel="canonical" href="{SITE}/en/activities/event-x/">' in by_url["/en/activities/event-x/"]
    assert f'hreflang="zh-Hans" href="{SITE}/zh-hans/"' in by_url["/en/"]
    assert f"<loc>{SITE}/sitemap-activities.xml</loc>" in by_url["/sitemap.xml"]
    assert f"<loc>{SITE}/en/activities/event-x/</loc>" in by_url["/sitemap-activities.xml"]
    assert f"<link>{SITE}/en/activities/event-x/</link>" in by_url["/en/activities/feed/"]
    assert f"URL:{SITE}/en/activities/event-x/" in by_url["/en/activities/event-x/calendar.ics"]
    assert f"Sitemap: {SITE}/sitemap.xml" in by_url["/robots.txt"]


def test_a_page_cached_under_a_forged_host_shows_the_site_address_to_the_next_visitor(world):
    Client(HTTP_HOST=FORGED_HOST).get("/en/activities/event-x/")
    Client(HTTP_HOST=FORGED_HOST).get("/sitemap.xml")

    page = Client().get("/en/activities/event-x/").content.decode()
    index = Client().get("/sitemap.xml").content.decode()

    assert FORGED_HOST not in page and FORGED_HOST not in index
    assert f'<link rel="canonical" href="{SITE}/en/activities/event-x/">' in page
    assert f"<loc>{SITE}/sitemap-pages.xml</loc>" in index
