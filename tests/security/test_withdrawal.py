"""A withdrawn activity leaves every public answer at once: the API, the page cache, feeds and downloads.

The API used to keep its answers for 60 seconds whatever changed, and told shared caches
``public, max-age=60``: an unpublished activity stayed public for a minute or more.
"""

import pytest
from django.http import HttpResponse

from activities.services import event_unpublish
from core import page_cache
from core.page_cache import page_key
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PUBLIC_ANSWERS = [
    "/api/activities",
    "/api/activities/withdrawn-seminar",
    "/en/activities/",
    "/en/activities/withdrawn-seminar/",
    "/en/activities/feed/",
    "/en/activities/calendar.ics",
    "/en/activities/export.csv",
    "/sitemap-activities.xml",
]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def event():
    return EventFactory(slug="withdrawn-seminar", title_en="Withdrawn seminar")


def test_a_withdrawn_activity_leaves_the_api_and_the_pages_at_once(client, event):
    for url in PUBLIC_ANSWERS:
        assert b"withdrawn-seminar" in body(client.get(url)), url

    event_unpublish(event=event, user=None)

    assert client.get("/api/activities/withdrawn-seminar").status_code == 404
    assert client.get("/en/activities/withdrawn-seminar/").status_code == 404
    for url in PUBLIC_ANSWERS:
        response = client.get(url)
        # A 404 page names the address it was asked for; a 200 answer must not name the activity.
        assert response.status_code == (404 if "withdrawn-seminar" in url else 200), url
        assert b"Withdrawn seminar" not in body(response), url
        if response.status_code == 200:
            assert b"withdrawn-seminar" not in body(response), url


def test_shared_caches_must_ask_again_before_each_use(client, event):
    for url in PUBLIC_ANSWERS:
        response = client.get(url)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert "no-cache" in directives or "no-store" in directives, (url, response["Cache-Control"])
        lifetimes = {part for part in directives if part.startswith(("max-age=", "s-maxage="))}
        assert lifetimes <= {"max-age=0"}, (url, lifetimes)


def test_the_api_answers_304_until_its_answer_changes(client, event):
    first = client.get("/api/activities")
    etag = first["ETag"]

    again = client.get("/api/activities", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "no-cache"

    event_unpublish(event=event, user=None)
    changed = client.get("/api/activities", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"withdrawn-seminar" not in changed.content


def test_a_page_built_while_a_withdrawal_commits_is_never_served(
    client, event, django_capture_on_commit_callbacks
):
    """A reader that read the versions and the rows just before the commit stores the old page:
    the commit bumps the versions again, so that page is never served."""
    path = "/en/activities/withdrawn-seminar/"
    with django_capture_on_commit_callbacks(execute=True):
        event_unpublish(event=event, user=None)
        during = page_cache.versions(page_cache.CONTENT_TAGS)
    old_page = HttpResponse(b"<h1>Withdrawn seminar</h1>")
    entry = page_cache._entry(old_page, during, page_cache.CONTENT_TAGS)
    page_cache.pages_cache.set(page_key("en", path), entry, 600)

    response = client.get(path)

    assert response.status_code == 404
    assert b"Withdrawn seminar" not in response.content
