"""The fact sheet of a phase: what it prints, in which language, its links, fonts, cache and pages."""

import io
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

from activities.enums import EventType, PillarKind
from activities.factsheets import FactSheetError, FactSheetExporter
from core.enums import Status
from partners.enums import Side
from tests.factories import (
    EventAgencyFactory,
    EventFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PillarFactory,
)
from tests.newsletters.helpers import pdf_text
from tests.pdf_pages import page_fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase():
    phase = PhaseFactory(
        number=3,
        name_en="MMSP Phase III",
        name_zh_hans="第三期支持中欧人员往来和移民领域对话项目",
        summary_en="The third phase builds on the achievements of the previous two phases.",
        summary_zh_hans="第三期项目建立在前两期项目成果上。",
        objectives_en="To strengthen the EU-China MMD.",
        objectives_zh_hans="加强中欧人员往来和移民领域对话。",
    )
    PillarFactory(phase=phase, kind=PillarKind.KEY_AREA, name_en="Immigration and border management",
                  name_zh_hans="移民和边境管理")
    eu = PartnerAgencyFactory(name_en="Europol", name_zh_hans="欧洲刑警组织", side=Side.EU)
    china = PartnerAgencyFactory(name_en="National Immigration Administration", name_zh_hans="国家移民管理局",
                                 side=Side.CHINA)
    for kind in (EventType.SEMINAR, EventType.SEMINAR, EventType.WORKSHOP):
        event = EventFactory(phase=phase, type=kind, participants_total=20)
        EventAgencyFactory(event=event, agency=eu)
        EventAgencyFactory(event=event, agency=china)
    EventFactory(phase=phase, type=EventType.FORUM, status=Status.DRAFT)
    return phase


def test_fact_sheet_prints_the_phase_from_its_records(phase):
    text = pdf_text(FactSheetExporter().render(phase, "en"))

    for expected in ["MMSPPhaseIII", "Background", "Thethirdphasebuilds", "Keyareas",
                     "Immigrationandbordermanagement", "Seminar2", "Workshop1", "Europol",
                     "NationalImmigrationAdministration", "IOMLiaisonOfficeinChina", "60"]:
        assert expected in text
    assert "Forum" not in text  # the draft is not counted


def test_fact_sheet_in_chinese_reads_chinese(phase):
    text = pdf_text(FactSheetExporter().render(phase, "zh-hans"))

    for expected in ["第三期支持中欧人员往来和移民领域对话项目", "背景", "关键领域", "移民和边境管理",
                     "研讨会2", "国家移民管理局", "国际移民组织驻华联络处"]:
        assert expected in text
    assert "Background" not in text


def test_fact_sheet_embeds_its_font_and_links_only_to_the_web_and_mail(phase):
    reader = PdfReader(io.BytesIO(FactSheetExporter().render(phase, "zh-hans")))

    uris = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                uris.add(str(action["/URI"]))
    assert f"{settings.SITE_URL}/zh-hans/phases/3/" in uris
    assert all(uri.startswith((settings.SITE_URL, "mailto:")) for uri in uris), uris
    fonts = [font for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert fonts and all(font.get_object()["/Subtype"] == "/Type0" for font in fonts)


def test_fact_sheet_is_served_per_language_and_cached_until_content_changes(client, phase, monkeypatch):
    renders = []
    original = FactSheetExporter.render
    monkeypatch.setattr(FactSheetExporter, "render",
                        lambda self, phase, lang: renders.append(lang) or original(self, phase, lang))

    first = client.get("/en/phases/3/factsheet.pdf")
    again = client.get("/en/phases/3/factsheet.pdf")
    chinese = client.get("/zh-hans/phases/3/factsheet.pdf")
    EventFactory(phase=phase, type=EventType.BRIEFING)
    changed = client.get("/en/phases/3/factsheet.pdf")

    assert first["Content-Type"] == "application/pdf"
    assert 'filename="mmsp-phase-3-factsheet-en.pdf"' in first["Content-Disposition"]
    assert first.content == again.content
    assert "国家移民管理局" in pdf_text(chinese.content)
    assert "Briefing1" in pdf_text(changed.content)
    assert renders == ["en", "zh-hans", "en"]


def test_fact_sheet_of_an_unknown_phase_or_language(client, phase):
    assert client.get("/en/phases/9/factsheet.pdf").status_code == 404
    with pytest.raises(FactSheetError):
        FactSheetExporter().render(phase, "fr")


def test_the_phase_page_lists_its_fact_sheet(client, phase):
    page = client.get("/zh-hans/phases/3/").content.decode()

    assert 'href="/zh-hans/phases/3/factsheet.pdf"' in page
    assert "项目概况（PDF）" in page


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_printed_documents_waste_no_page(client, demo, lang):
    """No page of a fact sheet or a newsletter is less than a quarter full, except the last."""
    from newsletters.models import Newsletter

    documents = [f"/{lang}/phases/{number}/factsheet.pdf" for number in (1, 2, 3)]
    documents += [f"/{lang}/newsletters/{issue.number}/pdf/" for issue in Newsletter.objects.published()]
    thin = {}
    for address in documents:
        response = client.get(address)
        assert response.status_code == 200, address
        # The margins of the newsletter (24 and 20 mm) contain those of the fact sheet.
        fills = page_fill(response.content, top_margin_mm=24, bottom_margin_mm=20)
        assert len(fills) <= 2 or "newsletters" in address, (address, fills)
        thin.update(
            {f"{address} page {n}": round(fill, 2) for n, fill in enumerate(fills[:-1], 1) if fill < 0.25}
        )

    assert thin == {}
