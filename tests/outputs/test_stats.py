"""The dashboard's figures against counts made by hand from a small, known set of activities."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from activities.enums import AgencyRole, EventType
from core.enums import Status
from outputs import stats
from partners.enums import Side
from tests.factories import (
    EventAgencyFactory,
    EventFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PillarFactory,
)


def build_sample():
    """Four published activities, one draft and one scheduled for later (the last two never count).

    Hand counts, all phases: 4 activities; 2016: 2 (pillar one 2, pillar two 1), 2017: 1 (no pillar,
    no participant figures, no city), 2023: 1 (pillar three). Participants: 100 + 50 + 200 = 350
    recorded over 3 activities; women 40 (of 100) and 90 (of 200); EU side 30 + 20, China side
    70 + 25. Agencies: IOM 3, MPS 3, DG HOME 2. Cities: Beijing 2, Brussels 1, one without.
    """
    early = PhaseFactory(number=1, start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2019, 12, 31))
    late = PhaseFactory(number=3, start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2026, 12, 31))
    one = PillarFactory(
        phase=early, slug="regular-migration", name_en="Regular migration", name_zh_hans="正常移民"
    )
    two = PillarFactory(
        phase=early, slug="irregular-migration", name_en="Irregular migration", name_zh_hans="非正常移民"
    )
    three = PillarFactory(
        phase=late, slug="key-area-1", name_en="Migration governance", name_zh_hans="移民治理"
    )
    iom = PartnerAgencyFactory(
        name_en="International Organization for Migration",
        name_zh_hans="国际移民组织",
        acronym_en="IOM",
        side=Side.INTERNATIONAL,
        slug="iom",
        kind="international_organisation",
    )
    mps = PartnerAgencyFactory(
        name_en="Ministry of Public Security",
        name_zh_hans="公安部",
        acronym_en="MPS",
        side=Side.CHINA,
        slug="mps",
    )
    dgh = PartnerAgencyFactory(
        name_en="DG Migration and Home Affairs",
        name_zh_hans="欧盟委员会移民与内务总司",
        acronym_en="DG HOME",
        side=Side.EU,
        slug="dg-home",
        kind="eu_institution",
    )
    e1 = EventFactory(
        phase=early,
        pillars=[one],
        type=EventType.SEMINAR,
        slug="beijing-seminar-2016",
        title_en="Seminar on labour migration",
        title_zh_hans="劳务移民研讨会",
        start_date=datetime.date(2016, 3, 1),
        end_date=datetime.date(2016, 3, 2),
        participants_total=100,
        participants_women=40,
        participants_men=60,
        participants_eu=30,
        participants_china=70,
    )
    e2 = EventFactory(
        phase=early,
        pillars=[one, two],
        type=EventType.WORKSHOP,
        slug="brussels-workshop-2016",
        title_en="Workshop on document fraud",
        title_zh_hans="证件欺诈研讨班",
        start_date=datetime.date(2016, 9, 10),
        end_date=datetime.date(2016, 9, 12),
        city_en="Brussels",
        city_zh_hans="布鲁塞尔",
        country="BE",
        participants_total=50,
        participants_eu=20,
        participants_china=25,
    )
    e3 = EventFactory(
        phase=early,
        type=EventType.SEMINAR,
        slug="study-2017",
        title_en="Study on return",
        title_zh_hans="遣返研究",
        start_date=datetime.date(2017, 5, 5),
        end_date=datetime.date(2017, 5, 5),
        city_en="",
        city_zh_hans="",
        country="",
    )
    e4 = EventFactory(
        phase=late,
        pillars=[three],
        type=EventType.FORUM,
        slug="forum-2023",
        title_en="Forum on migration governance",
        title_zh_hans="移民治理论坛",
        start_date=datetime.date(2023, 6, 1),
        end_date=datetime.date(2023, 6, 1),
        participants_total=200,
        participants_women=90,
    )
    draft = EventFactory(
        phase=early,
        pillars=[one],
        status=Status.DRAFT,
        slug="draft-2016",
        title_en="Draft seminar",
        start_date=datetime.date(2016, 4, 1),
        end_date=datetime.date(2016, 4, 1),
        participants_total=999,
        city_en="Shanghai",
        city_zh_hans="上海",
    )
    scheduled = EventFactory(
        phase=late,
        pillars=[three],
        slug="scheduled-2023",
        title_en="Scheduled forum",
        published_at=timezone.now() + datetime.timedelta(days=1),
        start_date=datetime.date(2023, 7, 1),
        end_date=datetime.date(2023, 7, 1),
        participants_total=500,
        city_en="Shanghai",
        city_zh_hans="上海",
    )
    for event, agency, role in [
        (e1, iom, AgencyRole.ORGANISER),
        (e1, mps, AgencyRole.HOST),
        (e2, iom, AgencyRole.ORGANISER),
        (e2, dgh, AgencyRole.CO_ORGANISER),
        (e3, mps, AgencyRole.PARTICIPATING),
        (e4, iom, AgencyRole.ORGANISER),
        (e4, mps, AgencyRole.CO_ORGANISER),
        (e4, dgh, AgencyRole.PARTICIPATING),
        (draft, dgh, AgencyRole.ORGANISER),
        (scheduled, dgh, AgencyRole.ORGANISER),
    ]:
        EventAgencyFactory(event=event, agency=agency, role=role)
    return SimpleNamespace(
        early=early,
        late=late,
        one=one,
        two=two,
        three=three,
        iom=iom,
        mps=mps,
        dgh=dgh,
        events=[e1, e2, e3, e4],
        draft=draft,
        scheduled=scheduled,
    )


@pytest.fixture
def sample(db):
    return build_sample()


def test_dashboard_counts_published_activities_only(sample):
    figures = stats.dashboard()
    assert figures.activities == 4
    assert figures.years == [2016, 2017, 2023]


def test_activities_by_year_and_pillar_match_hand_counts(sample):
    data = stats.activities_by_year_and_pillar(stats.dashboard_events())
    assert [pillar.slug for pillar in data.pillars] == [
        "regular-migration",
        "irregular-migration",
        "key-area-1",
    ]
    assert data.has_unassigned
    table = {row.year: (row.activities, row.counts) for row in data.rows}
    assert table == {
        2016: (2, [2, 1, 0, 0]),
        2017: (1, [0, 0, 0, 1]),
        2023: (1, [0, 0, 1, 0]),
    }
    assert data.multi_pillar


def test_activities_by_type_most_frequent_first(sample):
    rows = stats.activities_by_type(stats.dashboard_events())
    assert [(row.type, row.activities) for row in rows] == [("seminar", 2), ("forum", 1), ("workshop", 1)]


def test_participants_by_year_sum_only_recorded_figures(sample):
    data = stats.participants_by_year(stats.dashboard_events())
    by_year = {row.year: row.figures for row in data.rows}

    f2016 = by_year[2016]
    assert (f2016.activities, f2016.with_total, f2016.known_total) == (2, 2, 150)
    assert (f2016.with_women, f2016.known_women, f2016.total_where_women) == (1, 40, 100)
    assert f2016.women_share == pytest.approx(0.4)
    assert (f2016.known_eu, f2016.known_china, f2016.total_where_sides) == (50, 95, 150)
    assert f2016.eu_share == pytest.approx(50 / 150)
    assert f2016.gender_not_recorded == 50  # 150 recorded - 40 women - 60 men

    assert by_year[2023].women_share == pytest.approx(0.45)
    assert by_year[2023].eu_share is None


def test_unknown_participant_figures_are_not_counted_as_zero(sample):
    data = stats.participants_by_year(stats.dashboard_events())
    f2017 = next(row.figures for row in data.rows if row.year == 2017)
    assert f2017.activities == 1
    assert f2017.known_total is None  # unknown, not 0
    assert f2017.known_women is None
    assert f2017.women_share is None
    assert f2017.without_total == 1

    overall = data.overall
    assert (overall.activities, overall.with_total, overall.known_total, overall.without_total) == (
        4,
        3,
        350,
        1,
    )
    # The share of women is over the activities where women were counted: 130 of 300, not of 350.
    assert overall.women_share == pytest.approx(130 / 300)


def test_most_engaged_agencies_ranked_by_published_activities(sample):
    ranking = stats.most_engaged_agencies(stats.dashboard_events())
    assert [(item.agency.slug, item.activities) for item in ranking.top] == [
        ("iom", 3),
        ("mps", 3),
        ("dg-home", 2),
    ]
    assert ranking.engaged == 3


def test_activities_by_city_counts_unrecorded_places_apart(sample):
    ranking = stats.activities_by_city(stats.dashboard_events())
    assert [(city.city_en, city.city_zh_hans, city.activities) for city in ranking.cities] == [
        ("Beijing", "北京", 2),
        ("Brussels", "布鲁塞尔", 1),
    ]
    assert ranking.total_cities == 2
    assert ranking.without_city == 1


def test_dashboard_of_one_phase(sample):
    figures = stats.dashboard(sample.late)
    assert figures.activities == 1
    assert figures.years == [2023]
    assert [pillar.slug for pillar in figures.by_year_and_pillar.pillars] == ["key-area-1"]
    assert not figures.by_year_and_pillar.has_unassigned
    assert figures.participants.overall.known_total == 200
    assert [(item.agency.slug, item.activities) for item in figures.agencies.top] == [
        ("dg-home", 1),
        ("iom", 1),
        ("mps", 1),
    ]


def test_dashboard_without_activities_has_nothing_unknown_counted(db):
    figures = stats.dashboard()
    assert figures.activities == 0
    assert figures.participants.overall.known_total is None
    assert figures.agencies.engaged == 0
    assert figures.cities.total_cities == 0


@pytest.mark.parametrize("extra", [0, 4])
def test_dashboard_query_count_does_not_grow(sample, extra, django_assert_num_queries):
    for index in range(extra):
        event = EventFactory(
            phase=sample.early, pillars=[sample.one, sample.two], participants_total=10 + index
        )
        EventAgencyFactory(event=event, agency=PartnerAgencyFactory())
    with django_assert_num_queries(7):
        stats.dashboard()
