"""The public partner pages: agencies grouped by side and sorted for the reader, and one agency."""

import re

import pytest

from activities.enums import AgencyRole
from core.enums import Status
from partners.enums import Side
from tests.factories import EventAgencyFactory, EventFactory, PartnerAgencyFactory, PhotoFactory

MAX_QUERIES = 10


@pytest.fixture
def agencies(db):
    eu = PartnerAgencyFactory(
        slug="dg-home",
        name_en="Directorate-General for Migration and Home Affairs",
        name_zh_hans="欧盟委员会移民与内务总司",
        acronym_en="DG HOME",
        side=Side.EU,
    )
    mps = PartnerAgencyFactory(
        slug="mps", name_en="Ministry of Public Security", name_zh_hans="公安部", side=Side.CHINA
    )
    nia = PartnerAgencyFactory(
        slug="nia",
        name_en="National Immigration Administration",
        name_zh_hans="国家移民管理局",
        side=Side.CHINA,
        parent=mps,
    )
    acwf = PartnerAgencyFactory(
        slug="acwf",
        name_en="All-China Women's Federation",
        name_zh_hans="中华全国妇女联合会",
        side=Side.CHINA,
    )
    iom = PartnerAgencyFactory(
        slug="iom",
        name_en="International Organization for Migration",
        name_zh_hans="国际移民组织",
        side=Side.INTERNATIONAL,
    )
    visit = EventFactory(slug="visit", title_en="Study visit", title_zh_hans="考察访问")
    draft = EventFactory(slug="draft", title_en="Secret draft plan", status=Status.DRAFT)
    EventAgencyFactory(event=visit, agency=nia, role=AgencyRole.HOST)
    EventAgencyFactory(event=visit, agency=nia, role=AgencyRole.CO_ORGANISER)
    EventAgencyFactory(event=visit, agency=iom, role=AgencyRole.ORGANISER)
    EventAgencyFactory(event=draft, agency=nia, role=AgencyRole.ORGANISER)
    return {"eu": eu, "mps": mps, "nia": nia, "acwf": acwf, "iom": iom, "visit": visit}


def text(response):
    return response.content.decode()


def test_list_groups_agencies_by_side(client, agencies):
    response = client.get("/en/partners/")

    groups = {side: [agency.slug for agency in members] for side, members in response.context["groups"]}
    assert list(groups) == [Side.EU, Side.CHINA, Side.INTERNATIONAL]
    assert groups[Side.EU] == ["dg-home"]
    assert set(groups[Side.CHINA]) == {"mps", "nia", "acwf"}
    html = text(response)
    assert '<h2 id="side-eu-title">European Union</h2>' in html
    assert '<h2 id="side-international-title">International</h2>' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_list_sorts_by_english_name_in_english(client, agencies):
    groups = dict(client.get("/en/partners/").context["groups"])

    assert [agency.slug for agency in groups[Side.CHINA]] == ["acwf", "mps", "nia"]


def test_list_sorts_by_pinyin_in_chinese(client, agencies):
    response = client.get("/zh-hans/partners/")

    groups = dict(response.context["groups"])
    # gong an bu, guo jia yi min guan li ju, zhong hua quan guo fu nu lian he hui
    assert [agency.slug for agency in groups[Side.CHINA]] == ["mps", "nia", "acwf"]
    html = text(response)
    assert html.index("公安部") < html.index("国家移民管理局") < html.index("中华全国妇女联合会")


def test_list_counts_only_published_activities(client, agencies):
    response = client.get("/en/partners/")

    counts = {
        agency.slug: agency.published_events
        for _side, members in response.context["groups"]
        for agency in members
    }
    assert counts["nia"] == 1
    assert counts["mps"] == 0


def test_list_query_count_does_not_grow(client, agencies, django_assert_num_queries):
    def create(count):
        for agency in PartnerAgencyFactory.create_batch(count, parent=agencies["mps"]):
            EventAgencyFactory(agency=agency, event=agencies["visit"])

    # The agencies, and the published activities counted per agency (remembered after that).
    create(1)
    with django_assert_num_queries(2) as one:
        client.get("/en/partners/")
    create(5)
    with django_assert_num_queries(2) as many:
        client.get("/zh-hans/partners/")
    assert len(one.captured_queries) == len(many.captured_queries) <= MAX_QUERIES


def test_list_counts_are_remembered_until_content_changes(client, agencies, django_assert_num_queries):
    client.get("/en/partners/")
    with django_assert_num_queries(1):
        response = client.get("/zh-hans/partners/")
    assert counts_in(response)["mps"] == 0

    EventAgencyFactory(agency=agencies["mps"], event=agencies["visit"])

    assert counts_in(client.get("/en/partners/"))["mps"] == 1


def counts_in(response):
    return {
        agency.slug: agency.published_events
        for _side, members in response.context["groups"]
        for agency in members
    }


def test_detail_shows_agency_parent_children_and_activities_with_roles(client, agencies):
    html = text(client.get("/en/partners/nia/"))

    assert "National Immigration Administration" in html
    assert 'href="/en/partners/mps/"' in html  # its parent
    assert "Study visit" in html
    assert "Role: Host, Co-organiser" in html
    assert "Secret draft plan" not in html
    assert "1 activity<" in html


def test_detail_lists_the_children_of_a_parent(client, agencies):
    html = text(client.get("/en/partners/mps/"))

    assert 'href="/en/partners/nia/"' in html
    assert "0 activities" in html


def test_detail_in_chinese(client, agencies):
    html = text(client.get("/zh-hans/partners/nia/"))

    assert "国家移民管理局" in html and "考察访问" in html and "公安部" in html


def test_unknown_agency_is_not_found(client, agencies):
    assert client.get("/en/partners/no-such-agency/").status_code == 404
    assert client.get("/en/partners/nia/?page=99").status_code == 404


def test_detail_query_count_does_not_grow(client, agencies, django_assert_num_queries):
    def create(count):
        for event in EventFactory.create_batch(count):
            EventAgencyFactory(event=event, agency=agencies["nia"], role=AgencyRole.HOST)
            PhotoFactory(event=event)
        PartnerAgencyFactory.create_batch(count, parent=agencies["nia"])

    create(1)
    with django_assert_num_queries(7) as one:
        client.get("/en/partners/nia/")
    create(5)
    with django_assert_num_queries(7) as many:
        client.get("/en/partners/nia/")
    assert len(one.captured_queries) == len(many.captured_queries) <= MAX_QUERIES
