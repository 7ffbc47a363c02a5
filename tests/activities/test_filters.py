"""The activity list's filters: each one, free text in both languages, combinations, bad values."""

import datetime
import re

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from activities.enums import AgencyRole, EventType
from activities.filters import EventFilter
from activities.selectors import published_events
from core.enums import Status
from tests.activities.test_views import portal  # noqa: F401 -- the shared data set, used as a fixture
from tests.factories import EventAgencyFactory, EventFactory, PartnerAgencyFactory, PillarFactory


def titles(query):
    request = RequestFactory().get("/en/activities/", QueryDict(query))
    filterset = EventFilter(request.GET, queryset=published_events(), request=request)
    return sorted(event.title_en for event in filterset.qs)


def form_errors(query):
    filterset = EventFilter(QueryDict(query), queryset=published_events())
    return set(filterset.form.errors) if not filterset.is_valid() else set()


HAINAN = "Study visit to Hainan"
SEMINAR = "Seminar on labour mobility"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [SEMINAR, HAINAN]),
        ("phase=2", [SEMINAR, HAINAN]),
        ("phase=1", []),
        ("pillar=irregular-migration", [HAINAN]),
        ("pillar=regular-migration", [SEMINAR]),
        ("type=field_visit", [HAINAN]),
        ("type=seminar", [SEMINAR]),
        ("year=2023", [HAINAN]),
        ("year=2022", [SEMINAR]),
        ("city=Haikou", [HAINAN]),
        ("agency=mps", [HAINAN]),
        ("agency=iom", [SEMINAR, HAINAN]),
    ],
)
def test_each_filter_selects_its_activities(portal, query, expected):  # noqa: F811 -- fixture
    assert titles(query) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=海南", [HAINAN]),
        ("q=hainan", [HAINAN]),
        ("q=HAINAN", [HAINAN]),
        ("q=研讨会", [SEMINAR]),
        ("q=布鲁塞尔", [SEMINAR]),
        ("q=Brussels", [SEMINAR]),
        ("q=边境官员", [HAINAN]),
        ("q=labour mobility", [SEMINAR]),
        ("q=labour hainan", []),
        ("q=  ", [SEMINAR, HAINAN]),
    ],
)
def test_free_text_matches_both_languages(portal, query, expected):  # noqa: F811 -- fixture
    assert titles(query) == sorted(expected)


def test_free_text_never_finds_a_draft(portal):  # noqa: F811 -- fixture
    assert titles("q=Secret draft") == []


def test_filters_combine(portal):  # noqa: F811 -- fixture
    assert titles("phase=2&type=seminar&year=2022&agency=iom&q=labour") == [SEMINAR]
    assert titles("pillar=regular-migration&year=2023") == []
    assert titles("agency=mps&city=Haikou&q=海口") == [HAINAN]


def test_agency_with_two_roles_in_one_activity_lists_it_once(portal):  # noqa: F811 -- fixture
    EventAgencyFactory(event=portal["hainan"], agency=portal["mps"], role=AgencyRole.FUNDER)

    assert titles("agency=mps") == [HAINAN]


def test_sort_orders_by_date_both_ways(portal):  # noqa: F811 -- fixture
    request = RequestFactory().get("/")
    oldest = EventFilter(QueryDict("sort=date"), queryset=published_events(), request=request).qs
    newest = EventFilter(QueryDict("sort=-date"), queryset=published_events(), request=request).qs

    assert [event.slug for event in oldest] == ["labour-seminar", "hainan-study-visit"]
    assert [event.slug for event in newest] == ["hainan-study-visit", "labour-seminar"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=abc", "year"),
        ("year=1999", "year"),
        ("phase=../", "phase"),
        ("phase=99", "phase"),
        ("pillar=../../etc", "pillar"),
        ("agency=no-such-agency", "agency"),
        ("type=party", "type"),
        ("city=Atlantis", "city"),
        ("sort=price", "sort"),
    ],
)
def test_bad_values_are_form_errors(portal, query, field):  # noqa: F811 -- fixture
    assert form_errors(query) == {field}


def test_a_bad_value_is_ignored_and_the_other_filters_still_apply(portal):  # noqa: F811 -- fixture
    assert titles("year=abc&type=seminar") == [SEMINAR]


def test_choices_come_from_published_activities_only(portal):  # noqa: F811 -- fixture
    lonely = PillarFactory(phase=portal["phase2"], slug="only-drafts")
    hidden_agency = PartnerAgencyFactory(slug="draft-only-agency")
    draft = EventFactory(
        phase=portal["phase2"],
        pillars=[lonely],
        status=Status.DRAFT,
        city_en="Atlantis",
        start_date=datetime.date(1999, 1, 1),
        end_date=datetime.date(1999, 1, 2),
    )
    EventAgencyFactory(event=draft, agency=hidden_agency)

    form = EventFilter(QueryDict(""), queryset=published_events()).form

    pillars = [pillar.slug for pillar in form.fields["pillar"].queryset]
    agencies = [agency.slug for agency in form.fields["agency"].queryset]
    assert pillars == ["regular-migration", "irregular-migration"]
    assert sorted(agencies) == ["iom", "mps"]
    assert [value for value, _label in form.fields["year"].choices if value] == ["2023", "2022"]
    assert [value for value, _label in form.fields["city"].choices if value] == ["Brussels", "Haikou"]


def test_city_choices_are_labelled_and_sorted_in_chinese(portal):  # noqa: F811 -- fixture
    with translation.override("zh-hans"):
        form = EventFilter(QueryDict(""), queryset=published_events()).form
        choices = [choice for choice in form.fields["city"].choices if choice[0]]

    # Pinyin order: bu lu sai er before hai kou.
    assert choices == [("Brussels", "布鲁塞尔"), ("Haikou", "海口")]


def test_agency_choices_sort_by_pinyin_in_chinese(portal):  # noqa: F811 -- fixture
    with translation.override("zh-hans"):
        form = EventFilter(QueryDict(""), queryset=published_events()).form
        names = [agency.name for agency in form.fields["agency"].queryset]

    # gong an bu before guo ji yi min zu zhi
    assert names == ["公安部", "国际移民组织"]


def test_active_filters_leave_sorting_out(portal):  # noqa: F811 -- fixture
    filterset = EventFilter(QueryDict("sort=date&type=seminar&q="), queryset=published_events())
    filterset.is_valid()

    assert filterset.active_filters() == ["type"]


def test_type_choices_are_the_types_that_find_something(portal):  # noqa: F811 -- fixture
    form = EventFilter(QueryDict(""), queryset=published_events()).form

    offered = {value for value, _label in form.fields["type"].choices if value}
    assert offered == {EventType.FIELD_VISIT, EventType.SEMINAR}  # the published activities' types
    # Like a pillar or an agency with no activity, a type that finds nothing is not a choice.
    assert form_errors("type=forum") == {"type"}


def test_pillar_choices_are_grouped_by_phase(portal):  # noqa: F811 -- fixture
    # Phases I and II have pillars of the same name: the phase tells them apart.
    older = PillarFactory(
        phase=portal["phase1"], slug="p1-regular", name_en="Regular migration", name_zh_hans="正常移民"
    )
    EventFactory(phase=portal["phase1"], pillars=[older], start_date=datetime.date(2016, 5, 1))

    for lang, phase1, phase2 in (("en", "Phase 1", "Phase 2"), ("zh-hans", "第1期", "第2期")):
        with translation.override(lang):
            html = str(EventFilter(QueryDict(""), queryset=published_events()).form["pillar"])
        groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.S)
        assert [(label, re.findall(r'value="([^"]+)"', options)) for label, options in groups] == [
            (phase1, ["p1-regular"]),
            (phase2, ["regular-migration", "irregular-migration"]),
        ]
