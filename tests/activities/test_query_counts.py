"""Every public page asks the database a fixed number of queries, at most MAX_QUERIES, whether
it shows one record or many (a page of cards, a second page): nothing is loaded per card."""

import pytest

from tests.factories import (
    EventAgencyFactory,
    EventFactory,
    NewsletterFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PhotoFactory,
    PillarFactory,
)

MAX_QUERIES = 10
MANY = 25  # more than a page of ACTIVITIES_PER_PAGE (20): page 2 exists


@pytest.fixture
def world(db):
    phase = PhaseFactory(number=7)
    return {
        "phase": phase,
        "pillar": PillarFactory(phase=phase, slug="borders"),
        "agency": PartnerAgencyFactory(slug="nia"),
    }


def add_events(world, count):
    events = []
    for _ in range(count):
        event = EventFactory(phase=world["phase"], pillars=[world["pillar"]])
        EventAgencyFactory(event=event, agency=world["agency"])
        PhotoFactory(event=event)
        events.append(event)
    return events


PAGES = {
    "activity list": lambda events: "/en/activities/",
    "activity list, page 2 or last": lambda events: "/zh-hans/activities/?page=last",
    "filtered list": lambda events: "/en/activities/?pillar=borders&year=2022&page=last",
    "activity": lambda events: events[-1].get_absolute_url(),
    "pillar": lambda events: "/en/pillars/borders/?page=last",
    "phase": lambda events: "/zh-hans/phases/7/",
    "partner": lambda events: "/en/partners/nia/?page=last",
    "partner list": lambda events: "/en/partners/",
    "home": lambda events: "/en/",
}


def queries_of(client, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", list(PAGES))
def test_public_page_query_count_is_bounded_and_constant(page, client, world, django_assert_max_num_queries):
    from core.page_cache import bump_generation

    path_of = PAGES[page]
    events = add_events(world, 1)
    queries_of(client, path_of(events), django_assert_max_num_queries)
    # With two, every list and the related activities of an activity have cards to load.
    events += add_events(world, 1)
    two = queries_of(client, path_of(events), django_assert_max_num_queries)
    events += add_events(world, MANY - 2)
    bump_generation()  # what the saves did already; the page is built afresh
    many = queries_of(client, path_of(events), django_assert_max_num_queries)
    assert two == many


def test_newsletter_page_query_count_is_bounded(client, world, django_assert_max_num_queries):
    newsletter = NewsletterFactory(phase=world["phase"])
    add_events(world, MANY)
    assert queries_of(client, newsletter.get_absolute_url(), django_assert_max_num_queries) <= MAX_QUERIES


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1e3", "9" * 40, ""])
def test_bad_page_numbers_answer_404_or_the_first_page(page, client, world):
    add_events(world, 3)
    for path in ("/en/activities/", "/en/pillars/borders/", "/en/partners/nia/"):
        response = client.get(f"{path}?page={page}")
        assert response.status_code == (200 if page == "" else 404), (path, page)
