"""The glossary (locale/glossary.csv) holds: one Chinese form per term in the catalogue, the demo
content and the templates, and no variant it rejects outside a quotation."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from activities.models import Event, Participant, Phase, Pillar
from core.glossary import quotes_its_source, rejected_variants, terms
from core.translation_status import terminology_issues
from newsletters.models import Newsletter, NewsletterSection
from partners.models import PartnerAgency
from tests.factories import EventFactory, PhaseFactory

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _msgstrs(entry):
    return [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())


def _english_forms(term):
    """'host (agency role)' -> ['host']; 'a / b' -> ['a', 'b']."""
    return [re.sub(r"\s*\(.*?\)", "", part).strip().casefold() for part in term.english.split(" / ")]


def test_the_glossary_has_the_issue_terms_each_with_a_source():
    by_english = {term.english.split(" (")[0].casefold(): term for term in terms()}

    for english, chinese in [
        ("speaker", "发言嘉宾"),
        ("host", "承办方"),
        ("workshop", "研讨班"),
        ("irregular migration", "非正常移民"),
        ("regular migration", "正常移民"),
        ("funding instrument", "资助工具"),
        ("trafficking in human beings / human trafficking", "人口贩运"),
        ("iom liaison office in china", "国际移民组织驻华联络处"),
    ]:
        assert by_english[english].chinese == chinese
    for term in terms():
        assert term.chinese and term.source, term.english
        assert not any(variant in term.chinese for variant in term.rejected), term.english


def test_the_catalogue_uses_no_rejected_variant():
    found = [
        (entry.msgid, variant)
        for entry in polib.pofile(str(CATALOGUE))
        for text in _msgstrs(entry)
        for variant, _term in rejected_variants(text)
    ]

    assert found == []


def test_the_catalogue_translates_each_term_one_way():
    catalogue = polib.pofile(str(CATALOGUE))
    wrong = []
    for term in terms():
        forms = [form.strip() for form in term.chinese.split(" / ")]
        english = _english_forms(term)
        for entry in catalogue:
            if entry.msgid.casefold() in english and entry.msgstr:
                if not any(form in entry.msgstr for form in forms):
                    wrong.append((entry.msgid, entry.msgstr, term.chinese))

    assert wrong == []


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Accountable", "责任方"),
        ("Speaker", "发言嘉宾"),
        ("English", "英文"),
        ("Workshop", "研讨班"),
        ("Host", "承办方"),
        ("Implementing", "执行方"),
        ("Implemented by", "执行机构"),
        ("Funding instrument", "资助工具"),
    ],
)
def test_the_mistranslations_the_review_found_are_fixed(msgid, msgstr):
    entries = [entry for entry in polib.pofile(str(CATALOGUE)) if entry.msgid == msgid]

    assert entries and all(entry.msgstr == msgstr for entry in entries)


def test_the_templates_use_no_rejected_variant():
    found = []
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        for variant, _term in rejected_variants(path.read_text(encoding="utf-8")):
            found.append((path.name, variant))

    assert found == []


@pytest.mark.django_db
def test_the_demo_content_uses_no_rejected_variant_outside_quotations():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    found = []
    for model in (PartnerAgency, Phase, Pillar, Event, Participant, Newsletter, NewsletterSection):
        for obj in model.objects.all():
            if quotes_its_source(obj):
                continue
            for field, variants in terminology_issues(obj).items():
                found.append((str(obj), field, variants))

    assert found == []
    # The phase I brochure's own wording is kept where it is quoted, and only there.
    quoted = Pillar.objects.get(slug="p1-irregular-migration")
    assert "非正规移民" in quoted.name_zh_hans and quotes_its_source(quoted)


def test_a_rejected_variant_inside_a_quotation_is_allowed():
    assert rejected_variants("他说：“非正规移民”一词出自宣传册。") == []
    assert [variant for variant, _ in rejected_variants("减少非正规移民")] == ["非正规移民"]


@pytest.mark.django_db
def test_translation_status_flags_chinese_using_a_rejected_variant(admin_client):
    event = EventFactory(phase=PhaseFactory(), title_zh_hans="海南培训班", summary_zh_hans="发言人名单")

    assert terminology_issues(event) == {"title_zh_hans": ["培训班"], "summary_zh_hans": ["发言人"]}
    page = admin_client.get(reverse("admin:activities_event_changelist"))
    assert "培训班" in page.content.decode() and "translation-state--terminology" in page.content.decode()


@pytest.mark.django_db
def test_translators_see_the_glossary_in_the_admin(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    page = admin_client.get(reverse("admin:glossary"))

    assert reverse("admin:glossary") in index
    assert page.status_code == 200
    assert "发言嘉宾" in page.content.decode() and "驻华代表处" in page.content.decode()


@pytest.mark.django_db
def test_the_glossary_page_is_for_staff_only(client):
    response = client.get(reverse("admin:glossary"))

    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Can translate the texts of phases", "可翻译项目期的文本"),
        ("Can translate the texts of pillars", "可翻译支柱领域的文本"),
        ("Can translate the texts of participants", "可翻译参与人员的文本"),
        ("EU Member State or Schengen embassy", "欧盟成员国或申根国家使馆"),
        ("description classified by the project team", "描述由项目团队归类"),
    ],
)
def test_the_second_catalogue_review_is_applied(msgid, msgstr):
    entries = [entry for entry in polib.pofile(str(CATALOGUE)) if entry.msgid == msgid]

    assert entries and all(entry.msgstr == msgstr for entry in entries)


def test_the_catalogue_names_phases_pillars_and_sections_one_way():
    """项目期 (never 阶段), 支柱领域 (never a bare 支柱), and the events section as its label says."""
    catalogue = polib.pofile(str(CATALOGUE))
    wrong = [
        entry.msgid
        for entry in catalogue
        for text in _msgstrs(entry)
        if "阶段" in text or text.count("支柱") != text.count("支柱领域") or "活动动态" in text
    ]
    events_label = next(entry.msgstr for entry in catalogue if entry.msgid == "Events")

    assert wrong == []
    assert events_label == "活动"
