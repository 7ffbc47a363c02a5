"""The iCalendar files: the whole (filtered) calendar and one activity's, read back with icalendar."""

import datetime
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, vText

from activities.models import Event
from core.enums import DatePrecision, Status
from outputs import syndication_views
from outputs.calendar import EventCalendarExporter, event_uid
from outputs.syndication_views import selection_description
from tests.factories import EventFactory, PhaseFactory, PillarFactory

pytestmark = pytest.mark.django_db


def calendar_url(lang="en", query=""):
    with translation.override(lang):
        return reverse("activities:calendar") + query


def event_ics_url(event, lang="en"):
    with translation.override(lang):
        return reverse("activities:event_ics", kwargs={"slug": event.slug})


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(component["uid"]): component for component in calendar.walk("VEVENT")}


def by_slug(calendar, event):
    return vevents(calendar)[event_uid(event)]


@pytest.fixture
def phase():
    return PhaseFactory(number=2, start_date=date(2019, 1, 1), end_date=date(2023, 6, 30))


def test_calendar_lists_published_activities_and_no_draft(client, phase):
    published = EventFactory(phase=phase, title_en="Published seminar")
    draft = EventFactory(phase=phase, status=Status.DRAFT)
    scheduled = EventFactory(phase=phase, published_at=timezone.now() + datetime.timedelta(days=2))

    calendar = parse(client.get(calendar_url()))

    uids = set(vevents(calendar))
    assert event_uid(published) in uids
    assert event_uid(draft) not in uids
    assert event_uid(scheduled) not in uids
    assert str(calendar["prodid"]).startswith("-//")
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["x-wr-calname"]) == "MMSP activities"


def test_calendar_multi_day_activity_ends_the_day_after_its_last_day(client, phase):
    event = EventFactory(phase=phase, start_date=date(2023, 2, 20), end_date=date(2023, 2, 23))

    component = by_slug(parse(client.get(calendar_url())), event)

    assert component["dtstart"].params["VALUE"] == "DATE"
    assert component.decoded("dtstart") == date(2023, 2, 20)
    assert component["dtend"].params["VALUE"] == "DATE"
    assert component.decoded("dtend") == date(2023, 2, 24)


def test_calendar_single_day_activity_lasts_one_whole_day(client, phase):
    event = EventFactory(phase=phase, start_date=date(2023, 6, 27), end_date=date(2023, 6, 27))

    component = by_slug(parse(client.get(event_ics_url(event))), event)

    assert component.decoded("dtstart") == date(2023, 6, 27)
    assert component.decoded("dtend") == date(2023, 6, 28)
    assert b"DTSTART;VALUE=DATE:20230627" in client.get(event_ics_url(event)).content


def test_calendar_month_precision_spans_the_month_and_says_the_day_is_unknown(client, phase):
    event = EventFactory(
        phase=phase,
        start_date=date(2021, 9, 1),
        end_date=date(2021, 9, 30),
        date_precision=DatePrecision.MONTH,
    )

    component = by_slug(parse(client.get(calendar_url())), event)

    assert component.decoded("dtstart") == date(2021, 9, 1)
    assert component.decoded("dtend") == date(2021, 10, 1)
    description = str(component["description"])
    assert description.startswith("The sources give only the month of this activity (September 2021)")
    assert "not the day" in description


def test_calendar_year_precision_spans_the_year(client, phase):
    event = EventFactory(
        phase=phase,
        start_date=date(2020, 1, 1),
        end_date=date(2020, 12, 31),
        date_precision=DatePrecision.YEAR,
    )

    component = by_slug(parse(client.get(calendar_url())), event)

    assert component.decoded("dtend") == date(2021, 1, 1)
    assert "only the year of this activity (2020)" in str(component["description"])


def test_calendar_uid_is_stable_across_exports_and_languages(client, phase):
    event = EventFactory(phase=phase)

    first = by_slug(parse(client.get(calendar_url("en"))), event)
    again = by_slug(parse(client.get(calendar_url("en"))), event)
    chinese = by_slug(parse(client.get(calendar_url("zh-hans"))), event)
    single = by_slug(parse(client.get(event_ics_url(event, "zh-hans"))), event)

    assert str(first["uid"]) == f"event-{event.pk}@mmsp-portal"
    assert {str(c["uid"]) for c in (again, chinese, single)} == {str(first["uid"])}
    assert first.decoded("dtstamp") == again.decoded("dtstamp")


def test_calendar_is_written_in_the_request_language(client, phase):
    event = EventFactory(
        phase=phase,
        title_en="Seminar on labour migration",
        title_zh_hans="劳务移民研讨会",
        summary_en="Experts met.",
        summary_zh_hans="专家们会面。",
        venue_en="Diaoyutai State Guesthouse",
        venue_zh_hans="钓鱼台国宾馆",
        city_en="Beijing",
        city_zh_hans="北京",
        country="CN",
    )

    english = parse(client.get(calendar_url("en")))
    chinese = parse(client.get(calendar_url("zh-hans")))

    en_event, zh_event = by_slug(english, event), by_slug(chinese, event)
    assert str(en_event["summary"]) == "Seminar on labour migration"
    assert en_event["summary"].params["LANGUAGE"] == "en"
    assert str(zh_event["summary"]) == "劳务移民研讨会"
    assert zh_event["summary"].params["LANGUAGE"] == "zh-Hans"
    assert "Experts met." in str(en_event["description"])
    assert "专家们会面。" in str(zh_event["description"])
    assert str(en_event["location"]) == "Diaoyutai State Guesthouse, Beijing, China"
    # The separator between the parts is the translator's ("，" in Chinese).
    zh_location = str(zh_event["location"])
    assert zh_location.startswith("钓鱼台国宾馆")
    assert zh_location.index("北京") < zh_location.index("中国")
    assert str(en_event["url"]) == f"{settings.SITE_URL}/en/activities/{event.slug}/"
    assert str(zh_event["url"]) == f"{settings.SITE_URL}/zh-hans/activities/{event.slug}/"


def test_calendar_falls_back_to_english_and_marks_the_language(client, phase):
    event = EventFactory(phase=phase, title_en="English only seminar", title_zh_hans="")

    component = by_slug(parse(client.get(calendar_url("zh-hans"))), event)

    assert str(component["summary"]) == "English only seminar"
    assert component["summary"].params["LANGUAGE"] == "en"


def test_calendar_categories_are_the_type_and_pillars(client, phase):
    pillar = PillarFactory(phase=phase, name_en="Labour migration")
    event = EventFactory(phase=phase, pillars=[pillar])

    component = by_slug(parse(client.get(calendar_url())), event)

    categories = [str(category) for category in component["categories"].cats]
    assert categories == ["Seminar", "Labour migration"]


def test_calendar_honours_the_pillar_filter(client, phase):
    pillar = PillarFactory(phase=phase, slug="labour-migration")
    other = PillarFactory(phase=phase, slug="irregular-migration")
    inside = EventFactory(phase=phase, pillars=[pillar])
    outside = EventFactory(phase=phase, pillars=[other])

    calendar = parse(client.get(calendar_url(query="?pillar=labour-migration")))

    assert set(vevents(calendar)) == {event_uid(inside)}
    assert event_uid(outside) not in vevents(calendar)
    assert pillar.name in str(calendar["x-wr-calname"])


def test_calendar_honours_the_year_and_text_filters(client, phase):
    in_2021 = EventFactory(phase=phase, start_date=date(2021, 3, 1), end_date=date(2021, 3, 2))
    EventFactory(phase=phase, start_date=date(2022, 3, 1), end_date=date(2022, 3, 2))
    hainan = EventFactory(phase=phase, title_en="Study visit to Hainan", title_zh_hans="海南考察")

    by_year = parse(client.get(calendar_url(query="?year=2021")))
    by_text = parse(client.get(calendar_url("zh-hans", query="?q=海南")))

    assert set(vevents(by_year)) == {event_uid(in_2021)}
    assert set(vevents(by_text)) == {event_uid(hainan)}


def test_calendar_filter_of_a_draft_never_reveals_it(client, phase):
    pillar = PillarFactory(phase=phase, slug="labour-migration")
    draft = EventFactory(phase=phase, pillars=[pillar], status=Status.DRAFT)

    response = client.get(calendar_url(query="?pillar=labour-migration"))

    # A pillar holding only drafts is no choice of the public filter: not found, like an unknown one.
    assert response.status_code == 404
    assert draft.title.encode() not in response.content


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
def test_calendar_malformed_filters_answer_not_found_never_an_error(client, phase, query):
    EventFactory(phase=phase)

    response = client.get(calendar_url(query=query))

    assert response.status_code == 404


def test_calendar_ignores_parameters_that_are_not_filters(client, phase):
    event = EventFactory(phase=phase)

    calendar = parse(client.get(calendar_url(query="?page=999999&utm_source=x")))

    assert set(vevents(calendar)) == {event_uid(event)}


def test_calendar_is_downloaded_as_a_named_file(client, phase):
    EventFactory(phase=phase)

    response = client.get(calendar_url())

    assert response["Content-Disposition"] == 'attachment; filename="mmsp-activities.ics"'


def test_event_ics_holds_the_one_activity(client, phase):
    event = EventFactory(phase=phase, slug="launch-of-phase-two", title_en="Launch of phase II")
    EventFactory(phase=phase)

    response = client.get(event_ics_url(event))
    calendar = parse(response)

    assert set(vevents(calendar)) == {event_uid(event)}
    assert str(calendar["x-wr-calname"]) == "Launch of phase II"
    assert response["Content-Disposition"] == 'attachment; filename="launch-of-phase-two.ics"'


@pytest.mark.parametrize(
    "attributes",
    [{"status": Status.DRAFT}, {"published_at": datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)}],
)
def test_event_ics_of_a_draft_is_not_found(client, phase, attributes):
    event = EventFactory(phase=phase, **attributes)

    assert client.get(event_ics_url(event)).status_code == 404


def test_event_ics_of_an_unknown_slug_is_not_found(client):
    assert client.get("/en/activities/no-such-activity/calendar.ics").status_code == 404


def test_calendar_routes_have_their_fixed_paths():
    assert calendar_url("en") == "/en/activities/calendar.ics"
    assert calendar_url("zh-hans") == "/zh-hans/activities/calendar.ics"
    assert reverse("activities:event_ics", kwargs={"slug": "x"}) == "/en/activities/x/calendar.ics"


@pytest.mark.parametrize("count", [1, 5])
def test_calendar_queries_do_not_grow_with_the_activities(
    client, phase, count, django_assert_max_num_queries
):
    pillars = PillarFactory.create_batch(2, phase=phase)
    EventFactory.create_batch(count, phase=phase, pillars=pillars)

    # The filter form's years and cities, the events, their pillars; one more to check a pillar.
    with django_assert_max_num_queries(3):
        calendar = parse(client.get(calendar_url()))
    with django_assert_max_num_queries(4):
        parse(client.get(calendar_url(query=f"?pillar={pillars[0].slug}")))

    assert len(vevents(calendar)) == count


def test_exporter_writes_its_language_whatever_the_active_one(phase):
    event = EventFactory(phase=phase, title_en="Forum", title_zh_hans="论坛")
    events = Event.objects.filter(pk=event.pk).prefetch_related("pillars")
    exporter = EventCalendarExporter(events, lang="zh-hans", base_url="https://example.org/", name="名称")

    with translation.override("en"):
        calendar = Calendar.from_ical(exporter.render())

    component = by_slug(calendar, event)
    assert str(component["summary"]) == "论坛"
    assert str(component["url"]) == f"https://example.org/zh-hans/activities/{event.slug}/"
    assert exporter.filename == "mmsp-activities.ics"
    assert exporter.content_type == "text/calendar; charset=utf-8"


# --- The limit of a subscribed calendar ---------------------------------------------------------

TRUNCATION_NOTE = "This calendar holds only the"


def calendar_description_as_written(response):
    """The value of X-WR-CALDESC as written, folded lines joined (icalendar reads an X- property raw)."""
    unfolded = response.content.replace(b"\r\n ", b"").decode()
    line = next(line for line in unfolded.split("\r\n") if line.startswith("X-WR-CALDESC:"))
    return line.removeprefix("X-WR-CALDESC:")


def test_calendar_holds_the_latest_activities_up_to_the_limit(client, phase, monkeypatch):
    monkeypatch.setattr(syndication_views, "CALENDAR_LIMIT", 2)
    oldest = EventFactory(phase=phase, start_date=date(2020, 1, 5), end_date=date(2020, 1, 5))
    middle = EventFactory(phase=phase, start_date=date(2021, 1, 5), end_date=date(2021, 1, 5))
    newest = EventFactory(phase=phase, start_date=date(2022, 1, 5), end_date=date(2022, 1, 5))

    response = client.get(calendar_url())
    calendar = parse(response)

    assert [str(c["uid"]) for c in calendar.walk("VEVENT")] == [event_uid(newest), event_uid(middle)]
    assert event_uid(oldest) not in vevents(calendar)
    description = str(calendar["description"])
    assert description.startswith(selection_description())
    assert "This calendar holds only the 2 activities of this selection with the latest start dates." in (
        description
    )
    export = f"{settings.SITE_URL}/en/activities/export.csv"
    assert description.endswith(f"The CSV download lists them all: {export}")
    # The same in the description calendar applications show, escaped as TEXT: "\n" for a line break.
    assert calendar_description_as_written(response) == vText(description).to_ical().decode()
    assert "(MMSP).\\n\\nThis calendar" in calendar_description_as_written(response)


def test_calendar_truncation_note_links_the_csv_of_the_same_selection(client, phase, monkeypatch):
    monkeypatch.setattr(syndication_views, "CALENDAR_LIMIT", 1)
    pillar = PillarFactory(phase=phase, slug="labour-migration")
    EventFactory(phase=phase, pillars=[pillar], start_date=date(2021, 3, 1), end_date=date(2021, 3, 2))
    EventFactory(phase=phase, pillars=[pillar], start_date=date(2021, 5, 1), end_date=date(2021, 5, 2))
    EventFactory(phase=phase, start_date=date(2021, 6, 1), end_date=date(2021, 6, 2))

    calendar = parse(client.get(calendar_url(query="?year=2021&pillar=labour-migration&sort=date")))

    assert len(vevents(calendar)) == 1
    assert "only the 1 activity of this selection with the latest start date." in str(calendar["description"])
    csv_url = str(calendar["description"]).rsplit(": ", 1)[1]
    assert csv_url == f"{settings.SITE_URL}/en/activities/export.csv?pillar=labour-migration&year=2021"
    csv_response = client.get(csv_url)
    assert csv_response.status_code == 200
    assert len(csv_response.content.decode("utf-8-sig").strip().split("\r\n")) == 1 + 2


@pytest.mark.parametrize("count", [2, 3])
def test_calendar_within_the_limit_says_nothing_of_it(client, phase, monkeypatch, count):
    monkeypatch.setattr(syndication_views, "CALENDAR_LIMIT", 3)
    EventFactory.create_batch(count, phase=phase)

    response = client.get(calendar_url())
    calendar = parse(response)

    assert len(vevents(calendar)) == count
    assert str(calendar["description"]) == selection_description()
    assert TRUNCATION_NOTE not in response.content.decode()


def test_single_activity_calendar_is_never_truncated(client, phase, monkeypatch):
    monkeypatch.setattr(syndication_views, "CALENDAR_LIMIT", 0)
    event = EventFactory(phase=phase)

    response = client.get(event_ics_url(event))

    assert set(vevents(parse(response))) == {event_uid(event)}
    assert TRUNCATION_NOTE not in response.content.decode()


@pytest.mark.parametrize("count", [3, 6])
def test_truncated_calendar_queries_do_not_grow(
    client, phase, monkeypatch, count, django_assert_max_num_queries
):
    monkeypatch.setattr(syndication_views, "CALENDAR_LIMIT", 2)
    pillars = PillarFactory.create_batch(2, phase=phase)
    EventFactory.create_batch(count, phase=phase, pillars=pillars)

    with django_assert_max_num_queries(3):
        calendar = parse(client.get(calendar_url()))

    assert len(vevents(calendar)) == 2
