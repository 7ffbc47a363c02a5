"""Precision the sources do not have is not shown, and the figures they give are shown as they give them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from activities import selectors
from activities.enums import ParticipantsQualifier
from core.enums import DatePrecision, Status
from core.formatting import format_participants, format_phase_dates, format_place
from outputs import stats
from tests.factories import EventFactory, PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase():
    return PhaseFactory(
        number=2,
        start_date=datetime.date(2019, 1, 1),
        start_precision=DatePrecision.UNKNOWN,
        end_date=datetime.date(2023, 6, 30),
        end_precision=DatePrecision.MONTH,
    )


def _event(phase, **fields):
    values = {"phase": phase, "status": Status.PUBLISHED, "start_date": datetime.date(2023, 5, 9),
              "end_date": datetime.date(2023, 5, 10), **fields}
    return EventFactory(**values)


def test_phase_dates_are_shown_only_as_precisely_as_the_sources(phase):
    with translation.override("en"):
        assert format_phase_dates(phase) == "not known – June 2023"
    with translation.override("zh-hans"):
        assert format_phase_dates(phase) == "不详至2023年6月"
    phase.start_precision = phase.end_precision = DatePrecision.YEAR
    phase.start_date, phase.end_date = datetime.date(2015, 1, 1), datetime.date(2018, 12, 31)
    with translation.override("en"):
        assert format_phase_dates(phase) == "2015 – 2018"


@pytest.mark.parametrize(
    ("figures", "english", "chinese"),
    [
        ({"participants_total": 100, "participants_qualifier": ParticipantsQualifier.ABOUT},
         "around 100", "约 100 人"),
        ({"participants_china": 30, "participants_qualifier": ParticipantsQualifier.OVER},
         "China side: over 30", "中方 30 余人"),
        ({"participants_china": 25}, "China side: 25 people", "中方 25 人"),
        ({"participants_total": 43}, "43 people", "43 人"),
        ({}, "Not known", "不详"),
    ],
)
def test_participant_figures_as_the_sources_give_them(phase, figures, english, chinese):
    event = _event(phase, **figures)

    with translation.override("en"):
        assert format_participants(event) == english
    with translation.override("zh-hans"):
        assert format_participants(event) == chinese


def test_home_counts_exact_approximate_and_unknown_apart(phase):
    _event(phase, participants_total=43)
    _event(phase, participants_total=100, participants_qualifier=ParticipantsQualifier.ABOUT)
    _event(phase, participants_china=25)
    _event(phase)

    figures = selectors.key_figures()

    assert (figures.participants, figures.participants_exact) == (43, 1)
    assert (figures.participants_approximate, figures.participants_unknown) == (2, 1)


def test_a_main_city_and_more_places(phase):
    event = _event(phase, city_en="Haikou", city_zh_hans="海口", places_en="Yangpu, Sanya",
                   places_zh_hans="洋浦、三亚", country="CN")

    with translation.override("en"):
        assert format_place(event) == "Haikou, Yangpu, Sanya, China"
    with translation.override("zh-hans"):
        assert format_place(event) == "海口、洋浦、三亚，中国"
    cities = stats.activities_by_city(stats.dashboard_events())
    assert [row.city_en for row in cities.cities] == ["Haikou"] and cities.total_cities == 1


def test_an_unknown_date_in_list_calendar_feed_and_dashboard(client, phase):
    event = _event(phase, title_en="Launch of phase II", start_date=phase.start_date, end_date=phase.end_date,
                   date_precision=DatePrecision.UNKNOWN)
    _event(phase, title_en="Dated seminar")

    listing = client.get("/en/activities/").content.decode()
    assert "Launch of phase II" in listing and "Date not known" in listing
    detail = client.get(event.get_absolute_url()).content.decode()
    assert "Date not known" in detail and "2019" not in detail
    calendar = client.get(reverse("activities:calendar")).content.decode()
    assert "Dated seminar" in calendar and "Launch of phase II" not in calendar
    feed = client.get(reverse("activities:feed")).content.decode()
    entry = feed.split("Launch of phase II")[1].split("</item>")[0]
    assert "Date not known" in entry and "2019" not in entry
    board = stats.dashboard()
    assert [row.year for row in board.participants.rows] == [2023, None]
    assert stats.year_label(None) == "Date not known"


def test_editorial_pillars_are_marked_for_the_public(client, phase):
    from tests.factories import PillarFactory

    pillar = PillarFactory(phase=phase)
    event = _event(phase, pillars_editorial=True)
    event.pillars.set([pillar])

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Classified by the project team" in html
