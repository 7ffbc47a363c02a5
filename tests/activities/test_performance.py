from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError

from activities import views
from activities.models import Event, EventAgency, Participant, Photo
from tests.caches import clear_caches
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_caches()
    yield
    clear_caches()


def test_generate_load_data_creates_and_clears_only_generated_records():
    kept = EventFactory(slug="real-activity")
    call_command("generate_load_data", "--events", "50")
    generated = Event.objects.filter(slug__startswith="load-")
    assert generated.count() == 50
    assert generated.exclude(title_zh_hans="").count() == 50
    assert EventAgency.objects.filter(event__in=generated).count() >= 50
    assert Participant.objects.filter(event__in=generated).exists()
    assert Photo.objects.filter(event__in=generated).exists()
    assert Event.pillars.through.objects.filter(event__in=generated).exists()
    call_command("generate_load_data", "--clear")
    assert not Event.objects.filter(slug__startswith="load-").exists()
    assert not Photo.objects.filter(event__slug__startswith="load-").exists()
    assert Event.objects.filter(pk=kept.pk).exists()


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_unavailable_database(client):
    with mock.patch("core.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def _list_url(lang="en"):
    return f"/{lang}/activities/"


def test_second_anonymous_request_is_served_from_cache(client):
    EventFactory.create_batch(
        3,
    )
    first = client.get(_list_url())
    assert first.status_code == 200
    with mock.patch.object(views.EventListView, "get_queryset", side_effect=AssertionError("not cached")):
        second = client.get(_list_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_saving_an_event_rebuilds_the_cached_page_after_serving_it_once_more(client):
    event = EventFactory(title_en="Before the change")
    assert b"Before the change" in client.get(_list_url()).content
    event.title_en = "After the change"
    event.save()
    # Stale while revalidate: the first reader gets the previous page at once, and the page is
    # rebuilt once that response has gone out (the test client runs request_finished in get()).
    assert b"Before the change" in client.get(_list_url()).content
    assert b"After the change" in client.get(_list_url()).content


def test_languages_get_their_own_entries(client):
    EventFactory(title_en="English title", title_zh_hans="中文标题")
    english = client.get(_list_url("en")).content.decode()
    chinese = client.get(_list_url("zh-hans")).content.decode()
    assert "English title" in english
    assert "中文标题" in chinese


def test_staff_are_never_served_from_the_cache(admin_client, client):
    EventFactory()
    client.get(_list_url())
    with mock.patch.object(views.EventListView, "get_queryset", side_effect=RuntimeError("fresh")):
        with pytest.raises(RuntimeError):
            admin_client.get(_list_url())


def test_list_count_is_remembered_per_filter_state(admin_client):
    EventFactory.create_batch(3)
    admin_client.get(_list_url())
    with mock.patch("django.db.models.query.QuerySet.count", side_effect=AssertionError("counted")):
        response = admin_client.get(_list_url())
    assert response.status_code == 200
    assert response.context["paginator"].count == 3
    EventFactory()
    response = admin_client.get(_list_url())
    assert response.context["paginator"].count == 4


def test_lost_versions_never_bring_back_pages_stored_before(client):
    from core.page_cache import CONTENT_TAGS, versions

    event = EventFactory(title_en="Before the change")
    assert b"Before the change" in client.get(_list_url()).content
    before = versions(CONTENT_TAGS)
    # The cache drops the versions (an eviction, a restart of Redis), then content changes
    # without a signal reaching this process's cache (another server, a raw update).
    cache.delete_many(
        [f"page-cache:version:{kind}:{tag}" for tag in CONTENT_TAGS for kind in ("soft", "hard")]
    )
    Event.objects.filter(pk=event.pk).update(title_en="After the change")

    html = client.get(_list_url()).content

    assert versions(CONTENT_TAGS)["events"][1] > before["events"][1]
    assert b"After the change" in html
    assert b"Before the change" not in html
