"""About, Contact and Documents: the project's own words in both languages, and every document."""

import pytest

from activities.enums import AttachmentKind, DocumentLanguage
from core.enums import Status
from tests.factories import (
    AttachmentFactory,
    EventFactory,
    NewsletterFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def phases():
    return [
        PhaseFactory(number=2, name_en="MMSP Phase II", name_zh_hans="第二期项目"),
        PhaseFactory(number=3, name_en="MMSP Phase III", name_zh_hans="第三期项目"),
    ]


def test_about_tells_the_project_from_its_fact_sheet_in_english(client, phases):
    page = client.get("/en/about/").content.decode()

    for text in [
        "About the project",
        "implemented by the International Organization for Migration (IOM)",
        "builds on the achievements of the previous two phases",
        "The overall goal of MMSP III is to strengthen the EU-China MMD",
        "Return and readmission of irregular migrants",
        "Regional and international migration mechanisms",
        "Workshops to facilitate a better understanding",
        "Technical exchange, including field visits",
        "Republic of China is the key project interlocutor",
        "European External Action Service",
        'href="/en/phases/3/"',
        'href="/en/phases/3/factsheet.pdf"',
        "MMSP Phase II",
    ]:
        assert text in page, text


def test_about_in_chinese_uses_the_fact_sheet_and_the_glossary(client, phases):
    page = client.get("/zh-hans/about/").content.decode()

    for text in [
        "关于项目",
        "国际移民组织（IOM）负责项目执行",
        "总体目标",
        "非正常移民返回和重新接纳",
        "预防和减少人口贩运和非正常移民流动",
        "举办研讨班",  # workshops: 研讨班 in the portal; seminars: 研讨会
        "举办研讨会",
        "公安部打拐办",
        "欧盟委员会相关部门和欧洲对外行动署",
        "第三期项目",
        'href="/zh-hans/phases/3/factsheet.pdf"',
    ]:
        assert text in page, text
    for rejected in ["欧洲委员会", "欧盟对外行动署", "Overall objective"]:
        assert rejected not in page, rejected


@pytest.mark.parametrize(
    ("lang", "office"), [("en", "IOM Liaison Office in China"), ("zh-hans", "国际移民组织驻华联络处")]
)
def test_contact_gives_the_office_of_the_newsletter(client, lang, office):
    page = client.get(f"/{lang}/contact/").content.decode()

    assert office in page
    assert 'href="mailto:iombeijingMMSP@iom.int"' in page
    assert "+86-10-59799695" in page


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_every_page_links_about_documents_and_contact_in_its_footer(client, lang):
    page = client.get(f"/{lang}/").content.decode()
    footer = page[page.index('<footer class="site-footer">'):]

    for name in ("about", "documents", "contact"):
        assert f'href="/{lang}/{name}/"' in footer


@pytest.fixture
def library(phases):
    phase2, phase3 = phases
    seminar = EventFactory(phase=phase2, title_en="Border seminar", title_zh_hans="边境研讨会")
    AttachmentFactory(event=seminar, kind=AttachmentKind.AGENDA, title_en="Seminar agenda",
                      title_zh_hans="研讨会议程", language=DocumentLanguage.EN)
    AttachmentFactory(event=seminar, kind=AttachmentKind.REPORT, title_en="Seminar report",
                      language=DocumentLanguage.BILINGUAL)
    workshop = EventFactory(phase=phase3, title_en="Workshop on return")
    AttachmentFactory(event=workshop, kind=AttachmentKind.PRESENTATION, title_en="Return slides",
                      language=DocumentLanguage.ZH_HANS)
    draft = EventFactory(phase=phase3, status=Status.DRAFT)
    AttachmentFactory(event=draft, title_en="Unpublished agenda")
    NewsletterFactory(number=11, phase=phase2, title_en="MMSP II newsletter")
    NewsletterFactory(number=12, phase=phase3, title_en="Draft newsletter", status=Status.DRAFT)
    return phases


def _titles(client, query=""):
    response = client.get(f"/en/documents/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_documents_lists_every_published_document(client, library):
    page = _titles(client)

    for text in [
        "Seminar agenda", "Seminar report", "Return slides", "MMSP II newsletter",
        'href="/en/newsletters/11/pdf/"', 'href="/zh-hans/newsletters/11/pdf/"',
        'href="/en/phases/2/factsheet.pdf"', 'href="/zh-hans/phases/3/factsheet.pdf"',
        'href="/en/activities/', "Border seminar",
    ]:
        assert text in page, text
    assert "Unpublished agenda" not in page
    assert "Draft newsletter" not in page
    assert "9 documents" in page  # 3 attachments, 1 issue and 2 fact sheets, each in 2 languages


def test_documents_filter_by_kind_language_and_phase(client, library):
    reports = _titles(client, "?kind=report")
    chinese = _titles(client, "?language=zh-hans")
    phase3 = _titles(client, "?phase=3")
    newsletters_en = _titles(client, "?kind=newsletter&language=en")

    assert "Seminar report" in reports
    assert "Seminar agenda" not in reports and "MMSP II newsletter" not in reports
    assert "Return slides" in chinese and "Seminar report" in chinese  # bilingual counts as Chinese
    assert "Seminar agenda" not in chinese and 'href="/en/phases/2/factsheet.pdf"' not in chinese
    assert "Return slides" in phase3 and "Seminar agenda" not in phase3 and "MMSP II newsletter" not in phase3
    assert 'href="/en/newsletters/11/pdf/"' in newsletters_en
    assert 'href="/zh-hans/newsletters/11/pdf/"' not in newsletters_en
    assert "1 document<" in newsletters_en


def test_documents_names_a_bad_filter_and_ignores_it(client, library):
    page = _titles(client, "?kind=poster&phase=x&language=fr")

    assert "could not be understood" in page
    assert "Seminar agenda" in page and "9 documents" in page
    assert client.get("/en/documents/?page=99").status_code == 404
    assert client.get("/en/documents/?page=x").status_code == 404


def test_documents_query_count_does_not_grow_with_documents(client, library, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/en/documents/")
    for number in range(5):
        event = EventFactory(phase=library[0])
        AttachmentFactory(event=event, title_en=f"Agenda {number}")
    with django_assert_max_num_queries(12):
        page = client.get("/en/documents/").content.decode()
    assert "Agenda 4" in page
