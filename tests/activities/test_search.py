"""The activity search (activities.search): ranking, highlights, bad input, the document on PostgreSQL."""

import datetime
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from activities import search
from activities.filters import EventFilter
from activities.models import Event
from activities.selectors import published_events
from tests.factories import EventFactory, PhaseFactory


def slugs(query):
    filterset = EventFilter(QueryDict(query), queryset=published_events())
    return [event.slug for event in filterset.qs]


@pytest.fixture
def ranked(db):
    """Three activities naming "readmission" in the title, the summary or neither; newest has none."""
    phase = PhaseFactory(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2030, 12, 31))
    dates = {"start_date": datetime.date(2020, 3, 1), "end_date": datetime.date(2020, 3, 2)}
    EventFactory(
        phase=phase,
        slug="in-summary",
        title_en="Expert meeting in Warsaw",
        title_zh_hans="华沙专家会议",
        summary_en="Experts compared readmission agreements.",
        summary_zh_hans="专家比较了重新接纳协议。",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 1, 2),
    )
    EventFactory(
        phase=phase,
        slug="in-title",
        title_en="Seminar on readmission",
        title_zh_hans="重新接纳研讨会",
        summary_en="Officials met.",
        summary_zh_hans="官员们会面。",
        **dates,
    )
    EventFactory(
        phase=phase,
        slug="elsewhere",
        title_en="Forum on student mobility",
        title_zh_hans="学生流动论坛",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 1, 2),
    )


@pytest.mark.parametrize("query", ["q=readmission", "q=重新接纳"])
def test_title_matches_come_before_summary_matches(ranked, query):
    assert slugs(query) == ["in-title", "in-summary"]


@pytest.mark.parametrize("query", ["q=readmission&sort=-date", "q=重新接纳&sort=-date"])
def test_the_sort_choice_still_orders_a_search(ranked, query):
    assert slugs(query) == ["in-summary", "in-title"]


def test_without_a_search_the_list_stays_newest_first(ranked):
    assert slugs("") == ["elsewhere", "in-summary", "in-title"]


@pytest.mark.parametrize(
    "text",
    ["&|!:*", "readmission & | ! :*", "!!!", "'", "\\", "(((", "：；，。", "-readmission", '"readmission'],
)
def test_tsquery_syntax_and_punctuation_never_fail(ranked, client, text):
    response = client.get(f"/en/activities/?q={quote(text)}")

    assert response.status_code == 200
    # "-word" excludes the word (websearch_to_tsquery): whatever is found is a listed activity.
    assert set(slugs(f"q={quote(text)}")) <= {"in-title", "in-summary", "elsewhere"}


def test_only_punctuation_finds_nothing(ranked):
    assert slugs("q=" + quote("&|!:*")) == []


def test_a_very_long_search_is_a_form_error(ranked, client):
    response = client.get("/en/activities/?q=" + "readmission+" * 40)

    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_control_characters_are_a_form_error(ranked, client):
    response = client.get("/en/activities/?q=read%01mission")

    assert response.status_code == 200
    assert "The search may not contain control characters." in response.content.decode()


def test_results_mark_the_words_searched_in_both_languages(ranked, client):
    english = client.get("/en/activities/?q=readmission").content.decode()
    chinese = client.get("/zh-hans/activities/?q=" + quote("重新接纳")).content.decode()

    assert "Seminar on <mark>readmission</mark></a>" in english
    assert "Experts compared <mark>readmission</mark> agreements." in english
    assert "<mark>重新接纳</mark>研讨会</a>" in chinese
    assert "专家比较了<mark>重新接纳</mark>协议。" in chinese


@pytest.mark.parametrize("count", [1, 6])
def test_the_search_page_asks_a_bounded_number_of_queries(db, client, django_assert_max_num_queries, count):
    phase = PhaseFactory(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2030, 12, 31))
    EventFactory.create_batch(count, phase=phase, title_en="Seminar on readmission")
    client.get("/en/activities/?q=warm")  # filter choices, templates

    with django_assert_max_num_queries(6):
        response = client.get("/en/activities/?q=readmission")

    assert response.content.decode().count("<mark>readmission</mark>") == count


def test_highlight_escapes_the_text_and_marks_each_word():
    marked = search.highlight("<b>Visits</b> & visa talks: 签证便利化", "visit 签证 talk")

    assert marked == (
        "&lt;b&gt;<mark>Visits</mark>&lt;/b&gt; &amp; visa <mark>talks</mark>: <mark>签证</mark>便利化"
    )


def test_highlight_never_cuts_an_entity_of_a_card():
    card = '<h3 class="card__title"><a href="/en/activities/x/">R&amp;D on amp &quot;visas&quot;</a></h3>'

    marked = search.highlight_card(card, "amp visa")

    assert marked == (
        '<h3 class="card__title"><a href="/en/activities/x/">R&amp;D on <mark>amp</mark> '
        "&quot;<mark>visas</mark>&quot;</a></h3>"
    )


def test_query_parts_segment_chinese_and_keep_english_whole():
    english, chinese = search.query_parts("border 边境管理 officials")

    assert english.split() == ["border", "officials"]
    assert "边境" in chinese and "管理" in chinese


# PostgreSQL: the stored document ------------------------------------------------------------------


def _vector(event):
    return Event.objects.values_list("search_vector", flat=True).get(pk=event.pk)


def test_the_document_follows_every_save(ranked):
    event = Event.objects.get(slug="elsewhere")
    event.title_en = "Forum on visa facilitation"
    event.title_zh_hans = "签证便利化论坛"
    event.save()

    if connection.vendor == "postgresql":
        vector = _vector(event)
        assert "'facilit':" in vector and "'签证':" in vector and "'student'" not in vector
    else:
        assert _vector(event) is None  # SQLite searches the columns themselves
    assert slugs("q=facilitation") == ["elsewhere"]
    assert slugs("q=" + quote("签证")) == ["elsewhere"]
    assert slugs("q=student") == []


def test_english_words_are_stemmed_on_postgresql(ranked):
    found = slugs("q=readmissions+seminars")

    if connection.vendor == "postgresql":
        assert found == ["in-title"]
    else:
        assert found == []  # the fallback matches words as typed


def test_generated_activities_are_searchable(db):
    call_command("generate_load_data", events=30, verbosity=0)

    found = Event.objects.published().filter(slug__startswith="load-")
    hits = EventFilter(QueryDict("q=" + quote("移民")), queryset=found).qs
    english = EventFilter(QueryDict("q=migration"), queryset=found).qs
    expected = [e.pk for e in found if "移民" in e.summary_zh_hans]
    assert expected
    assert sorted(event.pk for event in hits) == sorted(expected)
    assert sorted(event.pk for event in english) == sorted(expected)
    if connection.vendor == "postgresql":
        assert not Event.objects.filter(slug__startswith="load-", search_vector__isnull=True).exists()


def test_rebuild_search_documents_writes_what_bypassed_the_saves(ranked):
    Event.objects.filter(slug="in-title").update(title_en="Seminar on asylum", title_zh_hans="庇护研讨会")

    call_command("rebuild_search_documents", verbosity=0)

    if connection.vendor == "postgresql":
        assert "'asylum':" in _vector(Event.objects.get(slug="in-title"))
    assert slugs("q=asylum") == ["in-title"]
    assert slugs("q=" + quote("庇护")) == ["in-title"]


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("", [("", "Newest first"), ("date", "Oldest first")]),
        ("sort=-date", [("-date", "Newest first"), ("date", "Oldest first")]),
        ("q=visa", [("", "Best match first"), ("-date", "Newest first"), ("date", "Oldest first")]),
    ],
)
def test_the_sort_offers_best_match_only_while_searching(db, query, options):
    form = EventFilter(QueryDict(query), queryset=published_events()).form

    assert [(value, str(label)) for value, label in form.fields["sort"].widget.choices] == options
