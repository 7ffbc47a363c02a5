"""The RSS feed of activities, read back with feedparser as a feed reader would."""

import datetime
from datetime import date

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.enums import Status
from tests.factories import EventFactory, PhaseFactory, PillarFactory

pytestmark = pytest.mark.django_db


def feed_url(lang="en", query=""):
    with translation.override(lang):
        return reverse("activities:feed") + query


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def links(feed):
    return {entry.link for entry in feed.entries}


def absolute(event, lang="en"):
    return f"{settings.SITE_URL}/{lang}/activities/{event.slug}/"


@pytest.fixture
def phase():
    return PhaseFactory(number=2, start_date=date(2019, 1, 1), end_date=date(2023, 6, 30))


def test_feed_lists_published_activities_newest_first(client, phase):
    older = EventFactory(phase=phase, start_date=date(2021, 1, 5), end_date=date(2021, 1, 5))
    newer = EventFactory(phase=phase, start_date=date(2023, 5, 5), end_date=date(2023, 5, 6))

    feed = parse(client.get(feed_url()))

    assert feed.version == "rss20"
    assert [entry.link for entry in feed.entries] == [absolute(newer), absolute(older)]
    assert feed.feed.title == "MMSP activities"
    assert feed.feed.link == f"{settings.SITE_URL}/en/activities/"
    assert feed.feed.language == "en"


def test_feed_leaves_out_drafts_and_scheduled_activities(client, phase):
    published = EventFactory(phase=phase)
    draft = EventFactory(phase=phase, status=Status.DRAFT)
    scheduled = EventFactory(phase=phase, published_at=timezone.now() + datetime.timedelta(hours=1))

    feed = parse(client.get(feed_url()))

    assert links(feed) == {absolute(published)}
    assert absolute(draft) not in links(feed)
    assert absolute(scheduled) not in links(feed)


def test_feed_is_written_in_each_language(client, phase):
    event = EventFactory(
        phase=phase,
        title_en="Seminar on labour migration",
        title_zh_hans="劳务移民研讨会",
        summary_en="Experts met in Beijing.",
        summary_zh_hans="专家们在北京会面。",
        start_date=date(2023, 6, 27),
        end_date=date(2023, 6, 27),
    )

    english = parse(client.get(feed_url("en")))
    chinese = parse(client.get(feed_url("zh-hans")))

    assert english.entries[0].title == "Seminar on labour migration"
    assert english.entries[0].link == absolute(event, "en")
    assert "27 June 2023, Beijing, China" in english.entries[0].summary
    assert "Experts met in Beijing." in english.entries[0].summary
    assert chinese.entries[0].title == "劳务移民研讨会"
    assert chinese.entries[0].link == absolute(event, "zh-hans")
    assert "专家们在北京会面。" in chinese.entries[0].summary
    assert "北京" in chinese.entries[0].summary
    assert chinese.feed.language == "zh-hans"
    assert chinese.feed.link == f"{settings.SITE_URL}/zh-hans/activities/"


def test_feed_falls_back_to_english_where_chinese_is_missing(client, phase):
    EventFactory(phase=phase, title_en="English only workshop", title_zh_hans="", summary_zh_hans="")

    chinese = parse(client.get(feed_url("zh-hans")))

    assert chinese.entries[0].title == "English only workshop"
    assert "A seminar on migration." in chinese.entries[0].summary


def test_feed_titles_keep_their_characters(client, phase):
    EventFactory(phase=phase, title_en="EU & China: <mobility> forum")

    feed = parse(client.get(feed_url()))

    assert feed.entries[0].title == "EU & China: <mobility> forum"


def test_feed_publication_date_is_the_publication_or_the_start(client, phase):
    scheduled_then = datetime.datetime(2023, 7, 1, 9, 30, tzinfo=datetime.UTC)
    with_date = EventFactory(phase=phase, published_at=scheduled_then)
    without = EventFactory(phase=phase, start_date=date(2022, 5, 10), end_date=date(2022, 5, 10))

    feed = parse(client.get(feed_url()))

    dates = {entry.link: entry.published_parsed[:5] for entry in feed.entries}
    assert dates[absolute(with_date)] == (2023, 7, 1, 9, 30)
    # Midnight in Beijing is 16:00 UTC the day before.
    assert dates[absolute(without)] == (2022, 5, 9, 16, 0)


def test_feed_entries_carry_type_and_pillars_as_categories(client, phase):
    pillar = PillarFactory(phase=phase, name_en="Labour migration")
    EventFactory(phase=phase, pillars=[pillar])

    feed = parse(client.get(feed_url()))

    assert [tag.term for tag in feed.entries[0].tags] == ["Seminar", "Labour migration"]


def test_feed_holds_the_latest_fifty(client, phase, monkeypatch):
    monkeypatch.setattr("outputs.feeds.FEED_SIZE", 3)
    events = [
        EventFactory(phase=phase, start_date=date(2022, 1, day), end_date=date(2022, 1, day))
        for day in range(1, 6)
    ]

    feed = parse(client.get(feed_url()))

    assert [entry.link for entry in feed.entries] == [absolute(event) for event in events[:1:-1]]


def test_feed_of_a_pillar_holds_only_its_activities(client, phase):
    pillar = PillarFactory(phase=phase, slug="labour-migration", name_en="Labour migration")
    other = PillarFactory(phase=phase, slug="irregular-migration")
    inside = EventFactory(phase=phase, pillars=[pillar])
    EventFactory(phase=phase, pillars=[other])

    feed = parse(client.get(feed_url(query="?pillar=labour-migration")))

    assert links(feed) == {absolute(inside)}
    assert feed.feed.title == "MMSP activities: Labour migration"
    assert feed.feed.link == f"{settings.SITE_URL}/en/activities/?pillar=labour-migration"

    chinese = parse(client.get(feed_url("zh-hans", query="?pillar=labour-migration&sort=date&page=2")))
    assert chinese.feed.title.endswith(pillar.name_zh_hans)
    # Sorting and paging are the list's business: the feed links the selection, newest first.
    assert chinese.feed.link == f"{settings.SITE_URL}/zh-hans/activities/?pillar=labour-migration"


def test_feed_honours_the_year_and_text_filters(client, phase):
    in_2021 = EventFactory(phase=phase, start_date=date(2021, 3, 1), end_date=date(2021, 3, 2))
    EventFactory(phase=phase, start_date=date(2022, 3, 1), end_date=date(2022, 3, 2))
    hainan = EventFactory(phase=phase, title_en="Study visit to Hainan", title_zh_hans="海南考察")

    assert links(parse(client.get(feed_url(query="?year=2021")))) == {absolute(in_2021)}
    assert links(parse(client.get(feed_url("zh-hans", query="?q=海南")))) == {absolute(hainan, "zh-hans")}
    assert links(parse(client.get(feed_url("en", query="?q=Hainan")))) == {absolute(hainan)}


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=99999999999",
        "?year=1999",
        "?pillar=../",
        "?pillar=no-such-pillar",
        "?phase=999999",
        "?phase=x",
        "?type=nonsense",
        "?agency=%00",
        "?sort=sideways",
        "?q=" + "x" * 300,
    ],
)
def test_feed_malformed_filters_answer_not_found_never_an_error(client, phase, query):
    EventFactory(phase=phase)

    response = client.get(feed_url(query=query))

    assert response.status_code == 404


def test_feed_route_comes_before_an_activity_called_feed(client, phase):
    EventFactory(phase=phase, slug="feed")

    response = client.get("/en/activities/feed/")

    parse(response)


@pytest.mark.parametrize("count", [1, 5])
def test_feed_queries_do_not_grow_with_the_activities(client, phase, count, django_assert_max_num_queries):
    pillars = PillarFactory.create_batch(2, phase=phase)
    EventFactory.create_batch(count, phase=phase, pillars=pillars)

    # The filter form's years and cities, the events, their pillars; one more to check a pillar.
    with django_assert_max_num_queries(3):
        feed = parse(client.get(feed_url()))
    with django_assert_max_num_queries(4):
        parse(client.get(feed_url(query=f"?pillar={pillars[0].slug}")))

    assert len(feed.entries) == count
