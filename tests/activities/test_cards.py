"""Activity cards and the list's filter form, remembered until content changes."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.cards import activity_cards
from activities.models import Event
from core.page_cache import page_key
from tests.factories import EventFactory, PhaseFactory, PhotoFactory, PillarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    phase = PhaseFactory(number=2)
    pillar = PillarFactory(phase=phase, slug="regular", name_en="Regular migration", name_zh_hans="正常移民")
    made = []
    for day in range(1, 6):
        event = EventFactory(
            phase=phase,
            pillars=[pillar],
            title_en=f"Seminar of May {day}",
            title_zh_hans=f"5月{day}日研讨会",
            start_date=datetime.date(2022, 5, day),
            end_date=datetime.date(2022, 5, day),
        )
        PhotoFactory(event=event)
        made.append(event)
    return made


def card_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def queries_on(table, captured):
    return [query["sql"] for query in captured if f'FROM "{table}"' in query["sql"]]


def forget_page(path, language="en"):
    from core.page_cache import pages_cache

    pages_cache.delete(page_key(language, path))


def test_a_page_not_cached_yet_reads_only_ids_when_its_cards_are_remembered(client, events):
    client.get("/en/activities/")
    forget_page("/en/activities/?sort=-date")

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/activities/?sort=-date")

    assert response.status_code == 200
    assert card_titles(response.content.decode()) == [f"Seminar of May {day}" for day in range(5, 0, -1)]
    # Besides counting this new filter state, one query for the ids shown; no activity,
    # pillar or photo is loaded to draw the cards.
    activity_reads = [
        sql for sql in queries_on("activities_event", captured.captured_queries) if "COUNT(" not in sql
    ]
    assert len(activity_reads) == 1
    assert activity_reads[0].startswith('SELECT "activities_event"."id"')
    assert not queries_on("activities_photo", captured.captured_queries)
    assert not queries_on("activities_pillar", captured.captured_queries)


def test_cards_follow_the_order_of_the_list(client, events):
    client.get("/en/activities/")

    response = client.get("/en/activities/?sort=date")

    assert card_titles(response.content.decode()) == [f"Seminar of May {day}" for day in range(1, 6)]


def test_an_edit_redraws_the_cards(client, events):
    client.get("/en/activities/")
    event = events[0]
    event.title_en = "Seminar renamed"
    event.save()

    client.get("/en/activities/")  # the previous page, served once while the page is rebuilt
    html = client.get("/en/activities/").content.decode()

    assert "Seminar renamed" in card_titles(html)
    assert "Seminar of May 1" not in html


def test_a_new_pillar_name_reaches_every_card(client, events):
    client.get("/en/activities/")
    pillar = events[0].pillars.get()
    pillar.name_en = "Labour mobility"
    pillar.save()

    html = client.get("/en/activities/").content.decode()

    assert html.count("<li>Labour mobility</li>") == 5
    assert "Regular migration</li>" not in html


def test_each_language_has_its_own_cards_and_a_missing_translation_is_marked(client, events):
    Event.objects.filter(pk=events[0].pk).update(title_zh_hans="")
    client.get("/en/activities/")

    chinese = client.get("/zh-hans/activities/").content.decode()
    english = client.get("/en/activities/").content.decode()

    assert "5月5日研讨会" in chinese
    assert "Seminar of May 5" in english
    assert "5月5日研讨会" not in english
    # The card whose Chinese title is missing shows the English one, labelled, never a blank.
    assert re.search(r'<span lang="en" class="fallback-text">Seminar of May 1</span>', chinese)


def test_drawing_cards_takes_the_same_queries_for_one_or_many(events):
    ids = list(Event.objects.order_by("start_date").values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as one:
        activity_cards(Event.objects.filter(pk=events[0].pk))
    with CaptureQueriesContext(connection) as many:
        cards = activity_cards(Event.objects.filter(pk__in=ids).order_by("start_date"))

    assert len(cards) == 5
    # ids, then the activities' card fields, their pillars and their photos: never a query per card.
    assert len(one.captured_queries) == len(many.captured_queries) == 4


def test_cards_of_a_loaded_list_use_the_activities_given(events, django_assert_num_queries):
    loaded = list(Event.objects.prefetch_related("pillars").order_by("-start_date"))
    for event in loaded:
        event.photo_list = []

    with django_assert_num_queries(0):
        cards = activity_cards(loaded)

    assert [card_titles(card)[0] for card in cards] == [f"Seminar of May {day}" for day in range(5, 0, -1)]


def test_the_filter_form_is_drawn_for_its_own_query(client, events):
    client.get("/en/activities/?year=2022")

    wrong = client.get("/en/activities/?year=abc").content.decode()
    right = client.get("/en/activities/?year=2022").content.decode()

    assert "Some filters could not be understood" in wrong
    assert "Some filters could not be understood" not in right
    assert re.search(r'<option value="2022" selected>2022</option>', right)
    assert not re.search(r'<option value="2022" selected>', wrong)


def test_the_filter_form_offers_a_new_year_after_an_edit(client, events):
    assert '<option value="2019"' not in client.get("/en/activities/").content.decode()
    EventFactory(
        phase=events[0].phase, start_date=datetime.date(2019, 3, 1), end_date=datetime.date(2019, 3, 2)
    )

    client.get("/en/activities/")  # the previous page, served once while the page is rebuilt
    assert '<option value="2019"' in client.get("/en/activities/").content.decode()
