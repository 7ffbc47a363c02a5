"""Reads behind the public pages: what they load, what they leave out, and in how many queries."""

import datetime

from django.utils import timezone

from activities import selectors
from activities.cards import activity_cards
from activities.enums import ParticipantRole
from core.enums import Status
from tests.activities.test_views import portal  # noqa: F401 -- the shared data set, used as a fixture
from tests.factories import EventAgencyFactory, EventFactory, ParticipantFactory, PhotoFactory


def test_published_events_leave_out_drafts_and_embargoed(portal):  # noqa: F811 -- fixture
    slugs = [event.slug for event in selectors.published_events()]

    assert slugs == ["hainan-study-visit", "labour-seminar"]


def test_published_events_include_a_publication_time_already_past(portal):  # noqa: F811 -- fixture
    EventFactory(slug="released", published_at=timezone.now() - datetime.timedelta(minutes=1))

    assert "released" in [event.slug for event in selectors.published_events()]


def test_key_figures_count_published_data_only(portal):  # noqa: F811 -- fixture
    portal["draft"].participants_total = 500
    portal["draft"].city_en = "Atlantis"
    portal["draft"].save()

    figures = selectors.key_figures()

    assert figures.events == 2
    assert figures.participants == 30
    assert figures.participants_unknown == 1
    assert figures.participants_at_least is True
    # The draft's agency (MPS) also hosts the published visit; the draft's own city is not counted.
    assert figures.agencies == 2
    assert figures.cities == 2


def test_key_figures_on_an_empty_portal(db):
    figures = selectors.key_figures()

    assert (figures.events, figures.participants, figures.agencies, figures.cities) == (0, 0, 0, 0)
    assert figures.participants_at_least is False
    assert figures.participants_known is True


def test_key_figures_take_two_queries(portal, django_assert_num_queries):  # noqa: F811 -- fixture
    with django_assert_num_queries(2):
        selectors.key_figures()


def test_event_for_detail_loads_only_consenting_speakers(portal):  # noqa: F811 -- fixture
    event = portal["hainan"]
    named = ParticipantFactory(event=event, role=ParticipantRole.KEYNOTE, consent_to_publish=True)
    ParticipantFactory(event=event, role=ParticipantRole.KEYNOTE, consent_to_publish=False)
    ParticipantFactory(event=event, role=ParticipantRole.PARTICIPANT, consent_to_publish=True)

    loaded = selectors.event_for_detail("hainan-study-visit")

    assert loaded.speakers == [named]


def test_event_for_detail_hides_drafts_unless_asked(portal):  # noqa: F811 -- fixture
    assert selectors.event_for_detail("secret-draft") is None
    assert selectors.event_for_detail("secret-draft", include_drafts=True).slug == "secret-draft"


def test_is_public_tells_drafts_and_embargoes_apart(portal):  # noqa: F811 -- fixture
    assert selectors.is_public(portal["hainan"]) is True
    assert selectors.is_public(portal["draft"]) is False
    assert selectors.is_public(portal["embargoed"]) is False


def test_related_events_share_a_pillar_and_are_published(portal):  # noqa: F811 -- fixture
    sibling = EventFactory(phase=portal["phase2"], pillars=[portal["regular"]])
    EventFactory(phase=portal["phase2"], pillars=[portal["regular"]], status=Status.DRAFT)

    related = selectors.related_events(selectors.event_for_detail("labour-seminar"))

    assert related == [sibling]


def test_related_events_of_an_activity_without_pillars_is_empty(portal):  # noqa: F811 -- fixture
    lone = EventFactory(slug="lone")

    assert selectors.related_events(selectors.event_for_detail("lone")) == []
    assert lone.pk


def test_related_events_stop_at_the_limit(portal):  # noqa: F811 -- fixture
    EventFactory.create_batch(6, phase=portal["phase2"], pillars=[portal["regular"]])

    assert (
        len(selectors.related_events(selectors.event_for_detail("labour-seminar"))) == selectors.RELATED_LIMIT
    )


def test_event_facets_offer_published_years_and_cities(portal):  # noqa: F811 -- fixture
    facets = selectors.event_facets()

    assert facets.years == [2023, 2022]
    assert facets.cities == [("Brussels", "Brussels"), ("Haikou", "Haikou")]


def test_count_published_by_pillar_ignores_drafts(portal):  # noqa: F811 -- fixture
    counts = selectors.count_published_by_pillar([portal["regular"], portal["irregular"]])

    assert counts == {portal["regular"].pk: 1, portal["irregular"].pk: 1}


def test_home_overview_queries_do_not_grow(portal, django_assert_num_queries):  # noqa: F811 -- fixture
    for event in EventFactory.create_batch(5, phase=portal["phase2"], pillars=[portal["regular"]]):
        PhotoFactory(event=event)
        EventAgencyFactory(event=event)

    # The latest activities are drawn as cards: their ids, then what the cards show.
    with django_assert_num_queries(8):
        overview = selectors.home_overview()
        titles = [pillar.name for phase in overview.phases for pillar in phase.pillars.all()]
        cards = activity_cards(overview.latest)

    assert len(cards) == selectors.LATEST_ON_HOME
    assert titles == ["Regular migration", "Irregular migration"]
    assert sum('class="card__image"' in card for card in cards) == 5
