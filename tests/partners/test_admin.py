import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from partners.enums import AgencyKind, Side
from partners.models import PartnerAgency
from tests.factories import EventAgencyFactory, PartnerAgencyFactory

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHANGELIST = reverse("admin:partners_partneragency_changelist")
ADD = reverse("admin:partners_partneragency_add")


def change_url(agency):
    return reverse("admin:partners_partneragency_change", args=[agency.pk])


@pytest.fixture
def agencies():
    ministry = PartnerAgencyFactory(
        name_en="Ministry of Public Security",
        name_zh_hans="公安部",
        acronym_en="MPS",
        slug="mps",
        side=Side.CHINA,
        kind=AgencyKind.GOVERNMENT,
        country="CN",
    )
    office = PartnerAgencyFactory(
        name_en="Office to Combat Trafficking in Persons",
        name_zh_hans="",
        acronym_en="",
        slug="octp",
        parent=ministry,
        country="CN",
    )
    iom = PartnerAgencyFactory(
        name_en="International Organization for Migration",
        name_zh_hans="国际移民组织",
        acronym_en="IOM",
        slug="iom",
        side=Side.INTERNATIONAL,
        kind=AgencyKind.INTERNATIONAL_ORGANISATION,
        country="CH",
    )
    return ministry, office, iom


@pytest.mark.parametrize("headers, lang, welcome", [(EN, "en", "Welcome,"), (ZH, "zh-hans", "欢迎，")])
@pytest.mark.parametrize("view", ["changelist", "add", "change"])
def test_agency_admin_pages_answer_in_each_language(admin_client, agencies, view, headers, lang, welcome):
    ministry = agencies[0]
    url = {"changelist": CHANGELIST, "add": ADD, "change": change_url(ministry)}[view]

    response = admin_client.get(url, **headers)

    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{lang}"' in content and welcome in content
    if view != "add":
        with translation.override(lang):
            assert escape(str(ministry)) in content


def test_agency_admin_pages_in_chinese_by_cookie(admin_client, settings, agencies):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    response = admin_client.get(change_url(agencies[0]), **EN)

    content = response.content.decode()
    assert 'lang="zh-hans"' in content and "保存" in content  # Django's "Save"


def test_anonymous_user_is_sent_to_login_from_agencies(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ({"q": "公安"}, "Ministry of Public Security", "International Organization for Migration"),
        ({"q": "IOM"}, "International Organization for Migration", "Ministry of Public Security"),
        ({"side__exact": Side.INTERNATIONAL}, "International Organization", "Ministry of Public Security"),
        ({"kind__exact": AgencyKind.GOVERNMENT}, "Ministry of Public Security", "International Organization"),
        ({"country": "CH"}, "International Organization for Migration", "Ministry of Public Security"),
        ({"chinese": "missing"}, "Office to Combat Trafficking", "International Organization"),
        ({"chinese": "complete"}, "International Organization", "Office to Combat Trafficking"),
    ],
)
def test_agency_changelist_search_and_filters(admin_client, agencies, query, present, absent):
    response = admin_client.get(CHANGELIST, query, **EN)

    content = response.content.decode()
    assert present in content
    assert absent not in content


def test_agency_changelist_shows_side_kind_parent_and_chinese_status(admin_client, agencies):
    content = admin_client.get(CHANGELIST, **EN).content.decode()

    assert "International organisation" in content and "China" in content
    assert "Ministry of Public Security (MPS)" in content  # the office's parent column
    # Only the office lacks its Chinese name: the translation column says so.
    assert content.count("translation-state--missing") == 1


def test_agency_changelist_with_facets(admin_client, agencies):
    response = admin_client.get(CHANGELIST, {"_facets": "True"})

    assert response.status_code == 200


def _changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_agency_changelist_queries_do_not_grow(admin_client):
    parent = PartnerAgencyFactory()
    PartnerAgencyFactory(parent=parent)
    few = _changelist_queries(admin_client)
    for _ in range(4):
        PartnerAgencyFactory(parent=PartnerAgencyFactory())

    assert _changelist_queries(admin_client) == few


def agency_post_data(**overrides):
    data = {
        "name_en": "National Immigration Administration",
        "name_zh_hans": "国家移民管理局",
        "acronym_en": "NIA",
        "acronym_zh_hans": "",
        "slug": "nia",
        "side": Side.CHINA,
        "kind": AgencyKind.GOVERNMENT,
        "parent": "",
        "country": "CN",
        "website": "https://www.nia.gov.cn",
        "description_en": "",
        "description_zh_hans": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_valid_agency_post_creates_the_agency(admin_client, agencies):
    response = admin_client.post(ADD, agency_post_data(parent=agencies[0].pk))

    assert response.status_code == 302
    agency = PartnerAgency.objects.get(slug="nia")
    assert agency.name_zh_hans == "国家移民管理局" and agency.parent == agencies[0]
    assert agency.pinyin_sort == "guo jia yi min guan li ju"


def test_agency_post_refuses_a_parent_loop(admin_client, agencies):
    ministry, office, _ = agencies
    data = agency_post_data(
        name_en=ministry.name_en, slug=ministry.slug, acronym_en="MPS", parent=office.pk
    )

    response = admin_client.post(change_url(ministry), data)

    assert response.status_code == 200
    assert "sits under this agency, so it cannot also be its parent." in response.content.decode()
    ministry.refresh_from_db()
    assert ministry.parent is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name_en": ""}, "This field is required."),
        ({"slug": "mps"}, "Partner agency with this Slug already exists."),
        ({"website": "not a web address"}, "Enter a valid URL."),
    ],
)
def test_invalid_agency_post_saves_nothing(admin_client, agencies, overrides, message):
    response = admin_client.post(ADD, agency_post_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert PartnerAgency.objects.count() == 3


def test_agency_in_use_cannot_be_deleted(admin_client):
    role = EventAgencyFactory()
    url = reverse("admin:partners_partneragency_delete", args=[role.agency.pk])

    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert PartnerAgency.objects.filter(pk=role.agency.pk).exists()


def test_parent_autocomplete_searches_chinese_names(admin_client, agencies):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "partners", "model_name": "partneragency", "field_name": "parent", "term": "移民"},
    )

    texts = [row["text"] for row in response.json()["results"]]
    assert texts == ["International Organization for Migration (IOM)"]
