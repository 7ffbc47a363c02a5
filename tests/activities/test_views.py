"""The public activity pages: what they show, to whom, and in how many queries."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from activities.enums import AgencyRole, EventType, ParticipantRole
from core.enums import DatePrecision, Status
from partners.enums import Side
from tests.factories import (
    AttachmentFactory,
    EventAgencyFactory,
    EventFactory,
    ParticipantFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PhotoFactory,
    PillarFactory,
    UserFactory,
)

MAX_QUERIES = 10


@pytest.fixture
def portal(db):
    """Two phases, two pillars, a published visit and seminar, a draft and an embargoed record."""
    phase1 = PhaseFactory(
        number=1,
        name_en="Phase I",
        name_zh_hans="一期项目",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    phase2 = PhaseFactory(
        number=2,
        name_en="Phase II",
        name_zh_hans="二期项目",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2023, 6, 30),
        funding_instrument_en="Partnership Instrument",
        funding_instrument_zh_hans="伙伴关系工具",
    )
    regular = PillarFactory(
        phase=phase2, slug="regular-migration", name_en="Regular migration", name_zh_hans="正常移民", order=1
    )
    irregular = PillarFactory(
        phase=phase2,
        slug="irregular-migration",
        name_en="Irregular migration",
        name_zh_hans="非正常移民",
        order=2,
    )
    iom = PartnerAgencyFactory(
        slug="iom",
        name_en="International Organization for Migration",
        name_zh_hans="国际移民组织",
        acronym_en="IOM",
        side=Side.INTERNATIONAL,
    )
    mps = PartnerAgencyFactory(
        slug="mps", name_en="Ministry of Public Security", name_zh_hans="公安部", acronym_en="MPS"
    )
    phase2.implementing_organisations.add(iom)
    hainan = EventFactory(
        phase=phase2,
        pillars=[irregular],
        type=EventType.FIELD_VISIT,
        slug="hainan-study-visit",
        title_en="Study visit to Hainan",
        title_zh_hans="海南考察访问",
        summary_en="Border officials visit the island.",
        summary_zh_hans="边境官员考察海南岛。",
        city_en="Haikou",
        city_zh_hans="海口",
        start_date=datetime.date(2023, 6, 27),
        end_date=datetime.date(2023, 6, 27),
        participants_total=30,
        participants_women=12,
        participants_men=18,
    )
    seminar = EventFactory(
        phase=phase2,
        pillars=[regular],
        type=EventType.SEMINAR,
        slug="labour-seminar",
        title_en="Seminar on labour mobility",
        title_zh_hans="劳动力流动研讨会",
        city_en="Brussels",
        city_zh_hans="布鲁塞尔",
        country="BE",
        start_date=datetime.date(2022, 5, 10),
        end_date=datetime.date(2022, 5, 11),
        participants_total=None,
    )
    draft = EventFactory(
        phase=phase2,
        pillars=[regular],
        slug="secret-draft",
        title_en="Secret draft plan",
        status=Status.DRAFT,
    )
    embargoed = EventFactory(
        phase=phase2,
        pillars=[regular],
        slug="embargoed-news",
        title_en="Embargoed announcement",
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    EventAgencyFactory(event=hainan, agency=iom, role=AgencyRole.ORGANISER)
    EventAgencyFactory(event=hainan, agency=mps, role=AgencyRole.HOST)
    EventAgencyFactory(event=seminar, agency=iom, role=AgencyRole.ORGANISER)
    EventAgencyFactory(event=draft, agency=mps, role=AgencyRole.ORGANISER)
    return {
        "phase1": phase1,
        "phase2": phase2,
        "regular": regular,
        "irregular": irregular,
        "iom": iom,
        "mps": mps,
        "hainan": hainan,
        "seminar": seminar,
        "draft": draft,
        "embargoed": embargoed,
    }


def text(response):
    return response.content.decode()


def count_h1(html):
    return len(re.findall(r"<h1[\s>]", html))


# Home -----------------------------------------------------------------------------------------


def test_root_redirects_to_chinese_for_a_chinese_browser(client, db):
    response = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_root_redirects_to_english_for_an_english_browser(client, db):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.8"})

    assert response["Location"] == "/en/"


def test_home_shows_phases_pillars_latest_and_figures(client, portal):
    html = text(client.get("/en/"))

    assert "Phase I" in html and "Phase II" in html
    assert 'href="/en/pillars/regular-migration/"' in html
    assert "Study visit to Hainan" in html and "Seminar on labour mobility" in html
    figures = dict(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html))
    assert figures["Published activities"] == "2"
    # The seminar's attendance is unknown: 30 is a lower bound.
    # The exact figures added up; the activity without one counted apart, not as "at least".
    assert figures["Participants"] == "30"
    assert "the exact figures of 1 activity added up" in html and "1 activity gives none" in html
    assert figures["Partner agencies involved"] == "2"
    assert figures["Cities"] == "2"
    assert "Secret draft plan" not in html and "Embargoed announcement" not in html
    assert count_h1(html) == 1


def test_home_in_chinese_shows_chinese_content(client, portal):
    html = text(client.get("/zh-hans/"))

    assert "海南考察访问" in html
    assert "二期项目" in html and "非正常移民" in html
    assert "Study visit to Hainan" not in html


def test_home_says_exact_participants_when_every_total_is_known(client, portal):
    portal["seminar"].participants_total = 20
    portal["seminar"].save()

    figures = dict(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", text(client.get("/en/"))))

    assert figures["Participants"] == "50"


def test_home_says_not_known_rather_than_at_least_zero(client, portal):
    portal["hainan"].participants_total = None
    portal["hainan"].participants_women = portal["hainan"].participants_men = None
    portal["hainan"].save()

    figures = dict(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", text(client.get("/en/"))))

    assert figures["Participants"] == "Not known"


# Activity list --------------------------------------------------------------------------------


def test_list_shows_published_activities_newest_first_with_count(client, portal):
    html = text(client.get("/en/activities/"))

    assert "2 activities" in html
    assert html.index("Study visit to Hainan") < html.index("Seminar on labour mobility")
    assert "Secret draft plan" not in html
    assert "Embargoed announcement" not in html
    assert 'id="filters"' in html and 'id="results"' in html
    assert "27 June 2023" in html


def test_list_count_uses_the_singular_for_one(client, portal):
    html = text(client.get("/en/activities/?q=Hainan"))

    assert "1 activity<" in html


def test_list_sorts_oldest_first_on_request(client, portal):
    html = text(client.get("/en/activities/?sort=date"))

    assert html.index("Seminar on labour mobility") < html.index("Study visit to Hainan")


def test_list_empty_result_explains_and_offers_to_clear(client, portal):
    html = text(client.get("/en/activities/?q=nothing-matches-this"))

    assert "0 activities" in html
    assert "No activity matches these filters" in html
    assert 'href="/en/activities/">Clear all filters and show every activity' in html


def test_list_in_chinese_shows_chinese_titles_and_dates(client, portal):
    html = text(client.get("/zh-hans/activities/"))

    assert "海南考察访问" in html and "劳动力流动研讨会" in html
    assert "2023年6月27日" in html


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?phase=../",
        "?phase=99",
        "?pillar=no-such-pillar",
        "?agency=no-such-agency",
        "?type=party",
        "?city=Atlantis",
        "?sort=price",
        "?q=" + "x" * 500,
        "?phase=2&phase=../",
        "?year=2023%00",
    ],
)
def test_list_answers_bad_filters_with_the_page_and_the_error(client, portal, query):
    response = client.get("/en/activities/" + query)

    assert response.status_code == 200
    assert 'class="field__error"' in text(response)
    assert 'href="/en/activities/" class="button button--secondary">Clear all filters' in text(response)


def test_list_ties_a_filter_error_to_its_field(client, portal):
    html = text(client.get("/en/activities/?year=abc&q=visit"))

    assert 'aria-invalid="true" aria-describedby="id_year_error"' in html
    assert '<div class="field__error" id="id_year_error">' in html
    assert '<p class="field__help" id="id_q_helptext">' in html
    assert "1 activity<" in html


@pytest.mark.parametrize("page", ["999999", "abc", "0", "-1"])
def test_list_answers_a_bad_page_with_404(client, portal, page):
    assert client.get(f"/en/activities/?page={page}").status_code == 404


def test_list_paginates_and_keeps_filters_in_page_links(client, portal, settings):
    settings.ACTIVITIES_PER_PAGE = 2
    EventFactory.create_batch(3, phase=portal["phase2"], pillars=[portal["regular"]], type=EventType.WORKSHOP)

    first = text(client.get("/en/activities/?type=workshop&pillar=regular-migration"))
    second = client.get("/en/activities/?type=workshop&pillar=regular-migration&page=2")

    assert "3 activities" in first
    assert 'href="?type=workshop&amp;pillar=regular-migration&amp;page=2"' in first
    assert second.status_code == 200
    assert len(second.context["events"]) == 1
    assert 'href="?type=workshop&amp;pillar=regular-migration&amp;page=1" rel="prev"' in text(second)


def test_list_query_count_does_not_grow_with_records(client, portal, django_assert_num_queries):
    def create(count):
        for event in EventFactory.create_batch(count, phase=portal["phase2"], pillars=[portal["regular"]]):
            PhotoFactory(event=event)
            EventAgencyFactory(event=event, agency=portal["iom"])

    create(1)
    with django_assert_num_queries(9) as one:
        client.get("/en/activities/")
    create(5)
    with django_assert_num_queries(9) as many:
        response = client.get("/en/activities/?page=1")
    assert len(one.captured_queries) <= MAX_QUERIES
    assert len(response.context["events"]) == 8
    assert len(many.captured_queries) == len(one.captured_queries)


def test_list_with_filters_query_count_stays_bounded(client, portal, django_assert_max_num_queries):
    EventFactory.create_batch(5, phase=portal["phase2"], pillars=[portal["regular"]])

    with django_assert_max_num_queries(MAX_QUERIES + 2):
        response = client.get(
            "/en/activities/?phase=2&pillar=regular-migration&agency=iom&type=seminar&year=2022&city=Brussels&q=labour"
        )

    assert response.context["paginator"].count == 1


# Activity page --------------------------------------------------------------------------------


def test_detail_shows_dates_place_phase_pillars_and_roles(client, portal):
    html = text(client.get("/en/activities/hainan-study-visit/"))

    assert "<h1" in html and "Study visit to Hainan</h1>" in html
    assert "27 June 2023" in html
    assert "Haikou" in html
    assert 'href="/en/phases/2/">Phase II</a>' in html
    assert 'href="/en/pillars/irregular-migration/">Irregular migration</a>' in html
    assert re.search(
        r"International Organization for Migration.*?</a>\s*<span[^>]*>Organiser</span>", html, re.S
    )
    assert re.search(r"Ministry of Public Security.*?</a>\s*<span[^>]*>Host</span>", html, re.S)
    assert 'href="/en/activities/hainan-study-visit/calendar.ics"' in html
    assert count_h1(html) == 1


def test_detail_in_chinese_shows_chinese_dates_and_text(client, portal):
    html = text(client.get("/zh-hans/activities/hainan-study-visit/"))

    assert "海南考察访问</h1>" in html
    assert "2023年6月27日" in html
    assert "海口" in html
    assert "非正常移民" in html


def test_detail_shows_month_precision_without_inventing_a_day(client, portal):
    EventFactory(
        slug="march-workshop",
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 3, 31),
        date_precision=DatePrecision.MONTH,
    )

    html = text(client.get("/en/activities/march-workshop/"))

    assert '<time datetime="2021-03">March 2021</time>' in html
    assert "1 March" not in html and "31 March" not in html


def test_detail_shows_participant_figures_and_never_zero_for_unknown(client, portal):
    visit = text(client.get("/en/activities/hainan-study-visit/"))
    seminar = text(client.get("/en/activities/labour-seminar/"))

    participants = re.search(r"<dt>Participants</dt><dd>(.*?)</dd>", visit, re.S).group(1)
    assert "30" in participants and "Women: 12" in participants and "Men: 18" in participants
    assert "EU side" not in participants
    unknown = re.search(r"<dt>Participants</dt><dd>(.*?)</dd>", seminar, re.S).group(1)
    assert "Not known" in unknown and "0" not in unknown


def test_detail_shows_eu_and_china_sides_when_known(client, portal):
    event = portal["hainan"]
    event.participants_eu, event.participants_china = 10, 20
    event.save()

    html = text(client.get("/en/activities/hainan-study-visit/"))

    assert "From the EU side: 10" in html and "From the Chinese side: 20" in html


def test_detail_names_only_consenting_speakers(client, portal):
    event = portal["hainan"]
    ParticipantFactory(
        event=event,
        name_en="Anna Speaker",
        role=ParticipantRole.SPEAKER,
        consent_to_publish=True,
        position_en="Director",
        email="anna@example.org",
        phone="+32 555 0100",
    )
    ParticipantFactory(
        event=event, name_en="Kai Moderator", role=ParticipantRole.MODERATOR, consent_to_publish=True
    )
    ParticipantFactory(
        event=event, name_en="Noel Refused", role=ParticipantRole.SPEAKER, consent_to_publish=False
    )
    ParticipantFactory(
        event=event, name_en="Pat Attendee", role=ParticipantRole.PARTICIPANT, consent_to_publish=True
    )
    ParticipantFactory(
        event=event, name_en="Otto Organiser", role=ParticipantRole.ORGANISER, consent_to_publish=True
    )

    html = text(client.get("/en/activities/hainan-study-visit/"))

    assert "Anna Speaker" in html and "Director" in html and "Kai Moderator" in html
    assert "Noel Refused" not in html
    assert "Pat Attendee" not in html
    assert "Otto Organiser" not in html
    assert "anna@example.org" not in html and "555 0100" not in html
    assert "Woman" not in html


def test_detail_shows_gallery_with_captions_credit_and_alt(client, portal):
    PhotoFactory(event=portal["hainan"], caption_en="Officials at the port", credit_en="IOM China")

    html = text(client.get("/en/activities/hainan-study-visit/"))

    image = re.search(r'<img src="(/media/photos/[^"]+)" alt="Officials at the port"', html)
    assert image
    assert client.get(image[1]).status_code == 200  # named, and served (core.media)
    assert "<figcaption>Officials at the port" in html
    assert "Photo: IOM China" in html


def test_detail_lists_attachments_with_kind_and_language(client, portal):
    AttachmentFactory(event=portal["hainan"], kind="report", title_en="Visit report", language="zh-hans")

    html = text(client.get("/en/activities/hainan-study-visit/"))

    link = re.search(r'<a href="(/media/attachments/[^"]+)" download>Visit report</a>', html)
    assert link
    assert client.get(link[1])["Content-Disposition"].startswith("attachment;")
    assert "(Report, Chinese)" in html


def test_detail_suggests_related_published_activities(client, portal):
    EventFactory(phase=portal["phase2"], pillars=[portal["irregular"]], title_en="Border workshop")
    EventFactory(phase=portal["phase2"], pillars=[portal["regular"]], title_en="Unrelated forum")
    EventFactory(
        phase=portal["phase2"], pillars=[portal["irregular"]], title_en="Hidden draft", status=Status.DRAFT
    )

    response = client.get("/en/activities/hainan-study-visit/")

    related = [event.title for event in response.context["related"]]
    assert related == ["Border workshop"]


def test_detail_shows_missing_chinese_title_in_english_marked_and_labelled(client, portal):
    EventFactory(slug="english-only", title_en="Only in English", title_zh_hans="")

    html = text(client.get("/zh-hans/activities/english-only/"))

    assert re.search(
        r'<h1 id="page-title"><span lang="en" class="fallback-text">Only in English</span>', html
    )
    assert 'class="lang-fallback"' in html


def test_draft_is_not_found_for_the_public(client, portal):
    assert client.get("/en/activities/secret-draft/").status_code == 404
    assert client.get("/zh-hans/activities/secret-draft/").status_code == 404
    assert client.get("/en/activities/embargoed-news/").status_code == 404


def test_draft_is_not_found_for_a_logged_in_non_staff_user(client, portal):
    client.force_login(UserFactory(username="reader"))

    assert client.get("/en/activities/secret-draft/").status_code == 404


def test_draft_is_previewed_by_staff_with_a_banner(admin_client, portal):
    response = admin_client.get("/en/activities/secret-draft/")

    assert response.status_code == 200
    assert 'class="preview-banner"' in text(response)
    assert "Draft preview" in text(response)


def test_published_activity_has_no_preview_banner_for_staff(admin_client, portal):
    assert 'class="preview-banner"' not in text(admin_client.get("/en/activities/hainan-study-visit/"))


def test_unknown_activity_is_not_found(client, portal):
    assert client.get("/en/activities/no-such-thing/").status_code == 404


def test_detail_query_count_does_not_grow_with_related_records(client, portal, django_assert_num_queries):
    def enrich(count):
        event = portal["hainan"]
        for _ in range(count):
            ParticipantFactory(event=event, role=ParticipantRole.SPEAKER, consent_to_publish=True)
            PhotoFactory(event=event)
            AttachmentFactory(event=event)
            EventAgencyFactory(event=event, agency=PartnerAgencyFactory())
            EventFactory(phase=portal["phase2"], pillars=[portal["irregular"]])

    enrich(1)
    with django_assert_num_queries(9) as one:
        client.get("/en/activities/hainan-study-visit/")
    enrich(4)
    with django_assert_num_queries(9) as many:
        client.get("/en/activities/hainan-study-visit/")
    assert len(one.captured_queries) == len(many.captured_queries) <= MAX_QUERIES


# Phase and pillar pages -----------------------------------------------------------------------


def test_phase_page_shows_pillars_activities_funding_and_implementers(client, portal):
    html = text(client.get("/en/phases/2/"))

    assert "Phase II</h1>" in html
    assert "Partnership Instrument" in html
    assert "International Organization for Migration" in html
    assert (
        'href="/en/pillars/regular-migration/"' in html and 'href="/en/pillars/irregular-migration/"' in html
    )
    assert "Study visit to Hainan" in html and "Seminar on labour mobility" in html
    assert "Secret draft plan" not in html
    assert 'href="/en/activities/?phase=2"' in html


def test_phase_page_counts_only_published_activities_per_pillar(client, portal):
    response = client.get("/en/phases/2/")

    counts = {pillar.slug: count for pillar, count in response.context["pillars"]}
    assert counts == {"regular-migration": 1, "irregular-migration": 1}
    assert response.context["event_count"] == 2


def test_phase_page_in_chinese(client, portal):
    html = text(client.get("/zh-hans/phases/2/"))

    assert "二期项目</h1>" in html and "伙伴关系工具" in html and "海南考察访问" in html


@pytest.mark.parametrize("path", ["/en/phases/99/", "/en/phases/abc/", "/en/phases/-1/"])
def test_unknown_phase_is_not_found(client, portal, path):
    assert client.get(path).status_code == 404


def test_phase_query_count_does_not_grow(client, portal, django_assert_num_queries):
    def create(count):
        for event in EventFactory.create_batch(count, phase=portal["phase2"], pillars=[portal["regular"]]):
            PhotoFactory(event=event)
        PillarFactory(phase=portal["phase2"])
        portal["phase2"].implementing_organisations.add(PartnerAgencyFactory())

    # The cards: their ids, then the activities whose card is not remembered, with pillars and photos.
    create(1)
    with django_assert_num_queries(9) as one:
        client.get("/en/phases/2/")
    create(5)
    with django_assert_num_queries(9) as many:
        client.get("/en/phases/2/")
    assert len(one.captured_queries) == len(many.captured_queries) <= MAX_QUERIES


def test_pillar_page_lists_its_published_activities(client, portal):
    html = text(client.get("/en/pillars/regular-migration/"))

    assert "Regular migration</h1>" in html
    assert "Seminar on labour mobility" in html
    assert "Study visit to Hainan" not in html
    assert "Secret draft plan" not in html and "Embargoed announcement" not in html
    assert "1 activity<" in html


def test_pillar_page_in_chinese(client, portal):
    html = text(client.get("/zh-hans/pillars/irregular-migration/"))

    assert "非正常移民</h1>" in html and "海南考察访问" in html


def test_pillar_page_paginates(client, portal, settings):
    settings.ACTIVITIES_PER_PAGE = 2
    EventFactory.create_batch(3, phase=portal["phase2"], pillars=[portal["regular"]])

    assert len(client.get("/en/pillars/regular-migration/?page=2").context["events"]) == 2
    assert client.get("/en/pillars/regular-migration/?page=3").status_code == 404


def test_unknown_pillar_is_not_found(client, portal):
    assert client.get("/en/pillars/no-such-pillar/").status_code == 404


def test_pillar_query_count_does_not_grow(client, portal, django_assert_num_queries):
    def create(count):
        for event in EventFactory.create_batch(count, phase=portal["phase2"], pillars=[portal["regular"]]):
            PhotoFactory(event=event)

    create(1)
    with django_assert_num_queries(6) as one:
        client.get("/en/pillars/regular-migration/")
    create(5)
    with django_assert_num_queries(6) as many:
        client.get("/en/pillars/regular-migration/")
    assert len(one.captured_queries) == len(many.captured_queries) <= MAX_QUERIES


def test_home_query_count_does_not_grow(client, portal, django_assert_num_queries):
    def create(count):
        for event in EventFactory.create_batch(count, phase=portal["phase2"], pillars=[portal["regular"]]):
            PhotoFactory(event=event)
            EventAgencyFactory(event=event)

    create(1)
    with django_assert_num_queries(8) as one:
        client.get("/en/")
    create(5)
    with django_assert_num_queries(8) as many:
        client.get("/en/")
    assert len(one.captured_queries) == len(many.captured_queries) <= MAX_QUERIES


# Site-wide ------------------------------------------------------------------------------------


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text(response)
    assert "User-agent: *" in text(response)


def test_not_found_page_is_in_the_portal_frame(client, db):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    html = text(response)
    assert '<html lang="en">' in html
    assert 'href="/zh-hans/no-such-page/"' in html
    assert count_h1(html) == 1


def test_activity_page_leads_with_its_first_photo_or_a_pillar_coloured_placeholder(client, portal):
    from tests.factories import PhotoFactory

    hainan = portal["hainan"]
    html = client.get(hainan.get_absolute_url()).content.decode()
    # No photo: a calm field in the colour of the first pillar (irregular migration, order 2).
    assert '<div class="activity__photo photo-placeholder photo-placeholder--2" aria-hidden="true">' in html

    first = PhotoFactory(event=hainan, order=1, caption_en="Arrival")
    PhotoFactory(event=hainan, order=2, caption_en="At the port")
    html = client.get(hainan.get_absolute_url()).content.decode()
    lead = re.search(r'<figure class="activity__photo">.*?</figure>', html, re.S).group(0)
    # The re-encoded copy, never the original (which may carry the camera's metadata).
    assert f'<a href="{first.image_large.url}"><img src="{first.image_large.url}" alt="Arrival"' in lead
    assert first.image.url not in html
    gallery = re.search(r'<ul class="gallery">.*?</ul>', html, re.S).group(0)
    assert 'alt="At the port"' in gallery and 'alt="Arrival"' not in gallery
    header = html.split('<div class="activity__layout">')[0]
    assert "photo-placeholder" not in header


def test_cards_without_a_photo_show_their_pillars_colour(client, portal):
    html = client.get("/en/activities/").content.decode()

    cards = re.findall(r'<article class="card activity-card">.*?</article>', html, re.S)
    tones = {
        re.search(r'href="([^"]+)"', card).group(1): re.search(r"photo-placeholder--(\d)", card).group(1)
        for card in cards
    }
    assert tones == {
        portal["hainan"].get_absolute_url(): "2",  # irregular migration, the phase's second pillar
        portal["seminar"].get_absolute_url(): "1",
    }
