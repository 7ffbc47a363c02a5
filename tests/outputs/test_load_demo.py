"""`load_demo` loads the real MMSP content from outputs.demo_data, and a second run changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import translation

from activities.enums import AgencyRole, ParticipantsQualifier
from activities.models import Event, EventAgency, Participant, Phase, Pillar
from core.enums import DatePrecision, Status
from core.glossary import quotes_its_source
from newsletters.enums import SectionKind
from newsletters.models import Newsletter, NewsletterSection, SectionEvent
from outputs import demo_data
from partners.models import PartnerAgency

MODELS = [PartnerAgency, Phase, Pillar, Event, EventAgency, Participant]
MODELS += [Newsletter, NewsletterSection, SectionEvent]


def _load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _snapshot():
    """Every row of every model the command writes, with all its field values and timestamps."""
    rows = {}
    for model in MODELS:
        rows[model.__name__] = {
            obj.pk: {**model_to_dict(obj), **{f: getattr(obj, f) for f in ("created_at", "updated_at")
                                               if hasattr(obj, f)}}
            for obj in model.objects.all()
        }
    return rows


@pytest.fixture
def demo(db):
    _load()


def test_load_demo_hainan_field_visit_with_its_dates_in_both_languages(demo):
    event = Event.objects.get(slug__contains="hainan")

    assert event.slug == "field-visit-hainan-2023"
    assert (event.start_date, event.end_date) == (datetime.date(2023, 2, 20), datetime.date(2023, 2, 23))
    assert event.date_precision == DatePrecision.DAY
    assert event.phase.number == 2
    assert "Hainan" in event.title_en
    assert "海南" in event.title_zh_hans
    assert event.status == Status.PUBLISHED
    with translation.override("zh-hans"):
        assert "海南" in Event.objects.get(pk=event.pk).title
    embassies = event.agency_roles.filter(agency__kind="embassy").values_list("agency__country", flat=True)
    assert set(embassies) == {"AT", "BE", "HR", "DK", "FI", "DE", "HU", "IS", "NL", "PT", "ES", "SE"}


def test_load_demo_director_general_visit_has_month_precision_and_no_invented_day(demo):
    event = Event.objects.get(slug="iom-director-general-visit-china-2023")

    assert event.date_precision == DatePrecision.MONTH
    assert (event.start_date, event.end_date) == (datetime.date(2023, 4, 1), datetime.date(2023, 4, 30))
    assert not event.agency_roles.filter(role=AgencyRole.FUNDER).exists()


def test_load_demo_phase_two_launch_date_is_not_known(demo):
    """The press release is undated: no year is asserted, and the page says the date is not known."""
    event = Event.objects.get(slug="launch-mmsp-phase-2")

    assert event.date_precision == DatePrecision.UNKNOWN
    assert (event.start_date, event.end_date) == (event.phase.start_date, event.phase.end_date)
    assert event.participants_total == 43
    assert event.participants_qualifier == ParticipantsQualifier.EXACT


def test_load_demo_newsletter_11_sections_in_order_with_linked_events(demo):
    newsletter = Newsletter.objects.get(number=11)

    assert newsletter.phase.number == 2
    assert newsletter.period_start == datetime.date(2022, 5, 1)
    assert newsletter.period_end == datetime.date(2023, 6, 30)
    assert newsletter.publication_date is None
    assert newsletter.status == Status.PUBLISHED
    sections = list(newsletter.sections.order_by("order"))
    assert [section.kind for section in sections] == [
        SectionKind.FOREWORD,
        SectionKind.HIGHLIGHTS,
        SectionKind.EVENTS,
        SectionKind.POLICY_CORNER,
        SectionKind.INFOBITES,
    ]
    assert [section.title_en for section in sections] == [
        "Foreword", "Project highlights", "MMSP II events", "Policy corner", "Infobites: IOM China news",
    ]
    foreword, highlights, events, policy, infobites = sections
    assert "11th issue" in foreword.body_en and foreword.body_zh_hans == ""
    linked = [link.event.slug for link in highlights.section_events.order_by("order")]
    assert linked == ["seminar-migrant-integration-2023"]
    links = events.section_events.select_related("event").order_by("order")
    linked_events = [link.event for link in links]
    # The DG's visit is not filed as an "MMSP II event": the document does not say it is one.
    assert {event.slug for event in linked_events} == {
        "field-visit-hainan-2023",
        "seminar-trafficking-organized-crime-2023",
        "seminar-border-management-systems-2023",
    }
    assert [link.event.slug for link in infobites.section_events.all()] == [
        "iom-director-general-visit-china-2023"
    ]
    starts = [event.start_date for event in linked_events]
    assert starts == sorted(starts)
    assert policy.body_en.count("<li>") == 6 and policy.body_zh_hans == ""
    assert "8 January 2023" in policy.body_en


# The newsletter's own words, which the first digests had dropped or reworded: each item carries
# the document's text, paragraph for paragraph (newsletter 11, seeds/003).
NEWSLETTER_11_TEXT = {
    "seminar-migrant-integration-2023": (6, [
        "focusing on IOM approaches and programming.",
        "The seminar also covered and addressed experience and practical knowledge on migrant integration",
        "contributed by sharing their views and perspectives on EU countries' experience on migrant",
        "immigration is seen as important driving force for global development.",
    ]),
    "field-visit-hainan-2023": (4, [
        "Participants included Consuls, Visa Officers and Immigration Liaison Officers",
        "to jointly maintain and further promote regular and orderly international mobility.",
        "in the context of the ongoing dialogue on migration and mobility between China and the EU.",
    ]),
    "seminar-trafficking-organized-crime-2023": (5, [
        "to better prevent this form of irregular movement of people.",
        "Using the communication platform provided by the seminar, counterparts have discussed",
        "in order to effectively curb illegal activities at transnational level.",
        "The seminar had also provided experts with an opportunity to re-establish existing",
    ]),
    "seminar-border-management-systems-2023": (6, [
        "Keynote speakers stressed the overall importance of the MMSP",
        "European and Chinese speakers introduced current approaches and measures taken to strengthen",
        "established in Sri Lanka as a result of close cooperation of the government and IOM.",
        "Discussions and exchanges carried out during the seminar significantly increased familiarity",
        "laid a good foundation for further cooperation among the parties in the future.",
    ]),
    "iom-director-general-visit-china-2023": (3, [
        "During his second visit to China since 2019, Director General held talks",
        "commended China's commitment to the GCM and the strong support to IOM's work",
    ]),
}


def test_load_demo_newsletter_11_items_carry_the_documents_own_text(demo):
    """Word for word, in English only: no source gives the newsletter in Chinese, so none is made up."""
    for slug, (paragraphs, sentences) in NEWSLETTER_11_TEXT.items():
        event = Event.objects.get(slug=slug)
        assert event.body_en.count("<p>") == paragraphs, slug
        assert [s for s in sentences if s not in event.body_en] == [], slug
        assert event.body_zh_hans == "", slug
        assert "word for word" in event.sources
        # Only the English is the document's: the Chinese title and summary are the project's and
        # stay under the glossary's check (a "quoted verbatim" record would be exempt).
        assert not quotes_its_source(event), slug
    sections = NewsletterSection.objects.filter(newsletter__number=11)
    foreword = sections.get(kind=SectionKind.FOREWORD)
    assert "will continue to provide technical supports to Chinese" in foreword.body_en
    policy = sections.get(kind=SectionKind.POLICY_CORNER)
    assert "Resumed the issuance of port visas, implement the 24/72/144-hour" in policy.body_en
    assert not sections.exclude(body_zh_hans="").exists()
    assert not sections.filter(title_zh_hans="").exists()  # headings are translated


def test_load_demo_every_event_inside_its_phase_with_pillars_of_its_phase(demo):
    events = Event.objects.published().select_related("phase").prefetch_related("pillars")

    assert len(events) == len(demo_data.EVENTS)
    for event in events:
        assert event.phase.start_date <= event.start_date <= event.end_date <= event.phase.end_date
        assert all(pillar.phase_id == event.phase_id for pillar in event.pillars.all())
        event.full_clean()


def test_load_demo_every_record_passes_validation(demo):
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()


def test_load_demo_phases_and_pillars(demo):
    phases = {phase.number: phase for phase in Phase.objects.prefetch_related("implementing_organisations")}

    assert sorted(phases) == [1, 2, 3]
    assert {agency.slug for agency in phases[1].implementing_organisations.all()} == {"iom", "ilo"}
    assert {agency.slug for agency in phases[3].implementing_organisations.all()} == {"iom"}
    assert "NDICI" in phases[3].funding_instrument_en
    assert phases[3].name_zh_hans.startswith("第三期支持中欧人员往来和移民领域对话项目")
    assert phases[2].end_date == datetime.date(2023, 6, 30)
    for number in (1, 2, 3):
        assert phases[number].pillars.count() == 4
    assert Pillar.objects.get(slug="p1-regular-migration").name_zh_hans == "组织和促进合法移民和人口流动"
    assert Pillar.objects.get(slug="p3-border-management").name_zh_hans == "移民和边境管理"
    assert set(Pillar.objects.filter(phase__number=3).values_list("kind", flat=True)) == {"key_area"}


def test_load_demo_agencies_have_chinese_names_and_parents(demo):
    assert PartnerAgency.objects.get(acronym_en="NIA").name_zh_hans == "国家移民管理局"
    oct_ = PartnerAgency.objects.get(slug="mps-oct")
    assert oct_.name_zh_hans == "公安部打拐办"
    assert oct_.parent.slug == "mps" and oct_.parent.name_zh_hans == "公安部"
    assert PartnerAgency.objects.get(slug="nia-dbc").parent.slug == "nia"
    assert PartnerAgency.objects.get(slug="eurojust").name_zh_hans == "欧洲司法合作部"
    # Named only in English in the sources, with no confirmed Chinese name: English, for translators.
    missing_chinese = PartnerAgency.objects.filter(name_zh_hans="").values_list("slug", flat=True)
    assert set(missing_chinese) == {
        "yuanmeng", "empact", "at-bmi", "pt-sef", "mpi-europe", "svr", "mrtc", "emet-arco-iris",
        "entraide-pierre-valdo",
    }
    with translation.override("zh-hans"):
        assert PartnerAgency.objects.get(slug="yuanmeng").name == "Beijing Yuanmeng Foundation"


def test_load_demo_figures_as_the_documents_give_them(demo):
    def figures(slug):
        event = Event.objects.get(slug=slug)
        return (event.participants_total, event.participants_china, event.participants_qualifier)

    assert figures("forum-eu-china-migration-mobility-2018") == (100, None, "about")  # "around one hundred"
    assert figures("seminar-migrant-integration-2023") == (None, 30, "over")  # "Over 30 representatives"
    assert figures("seminar-border-management-systems-2023") == (None, 25, "exact")  # "25 Chinese ..."
    assert figures("field-visit-hainan-2023") == (None, None, "exact")  # no count given
    assert not Event.objects.filter(participants_total=0).exists()
    assert not Event.objects.exclude(participants_women=None).exists()


def test_load_demo_every_record_notes_its_source_document(demo):
    for model in (PartnerAgency, Phase, Pillar, Event, Newsletter):
        assert not model.objects.filter(sources="").exists(), model.__name__


def test_load_demo_phase_dates_only_as_precise_as_the_documents(demo):
    phases = {phase.number: phase for phase in Phase.objects.all()}

    assert (phases[1].start_precision, phases[1].end_precision) == ("year", "year")
    assert (phases[2].start_precision, phases[2].end_precision) == ("unknown", "month")
    assert (phases[3].start_precision, phases[3].end_precision) == ("year", "year")
    assert phases[2].objectives_label_en == "Expectations voiced at the launch"


def test_load_demo_hainan_visit_has_one_city_and_more_places(demo):
    event = Event.objects.get(slug="field-visit-hainan-2023")

    assert (event.city_en, event.city_zh_hans) == ("Haikou", "海口")
    assert (event.places_en, event.places_zh_hans) == ("Yangpu, Sanya", "洋浦、三亚")


def test_load_demo_names_ranks_and_offices_as_the_sources_give_them(demo):
    participants = Participant.objects.all()

    # No characters invented: the Chinese page shows the document's own spelling.
    for name in ("Yang Tao", "Wang Haixing", "Lin Zhaonan", "Liu Shibin", "Pär Liljert"):
        assert participants.filter(name_en=name).first().name_zh_hans == name
    liu = participants.get(name_en="Liu Shibin")
    assert "副局长" not in liu.position_zh_hans and "National State Immigration" in liu.position_en
    texts = []
    for event in Event.objects.all():
        texts += [event.body_zh_hans, event.summary_zh_hans]
    texts += list(participants.values_list("position_zh_hans", flat=True))
    texts += list(NewsletterSection.objects.values_list("title_zh_hans", flat=True))
    assert not [text for text in texts if "驻华代表处" in text]  # one name: 驻华联络处 (brochure)
    assert sum("驻华联络处" in text for text in texts) > 5


def test_load_demo_editorial_pillars_are_marked(demo):
    assert Event.objects.get(slug="field-visit-hainan-2023").pillars_editorial
    assert not Event.objects.get(slug="launch-mmsp-phase-2").pillars_editorial
    assert set(Pillar.objects.filter(phase__number=2).values_list("name_en", flat=True)) == {
        "Regular migration", "Irregular migration", "Migration policy", "Research",
    }
    assert Pillar.objects.get(slug="p1-regular-migration").description_editorial


def test_load_demo_participants_are_consenting_speakers_without_personal_details(demo):
    participants = Participant.objects.all()

    assert participants.filter(name_en="Mao Xu", agency__slug="nia-dfa").exists()
    assert participants.get(name_en="Xu Ganlu").name_zh_hans == "许甘露"
    assert all(person.consent_to_publish for person in participants)
    assert not participants.exclude(gender="").exists()
    assert not participants.exclude(email="").exists()
    assert not participants.exclude(phone="").exists()


def test_load_demo_every_event_of_the_project_is_funded_by_the_eu(demo):
    without_funder = Event.objects.exclude(agency_roles__role=AgencyRole.FUNDER)

    assert [event.slug for event in without_funder] == ["iom-director-general-visit-china-2023"]
    funders = EventAgency.objects.filter(role=AgencyRole.FUNDER).values_list("agency__slug", flat=True)
    assert set(funders) == {"eu"}


def test_load_demo_second_run_changes_nothing(demo):
    before = _snapshot()

    output = _load()

    assert _snapshot() == before
    assert "created 0, updated 0" in output and "deleted 0" in output


def test_load_demo_restores_edited_and_removes_surplus_linked_rows(demo):
    event = Event.objects.get(slug="field-visit-hainan-2023")
    Event.objects.filter(pk=event.pk).update(title_en="Changed", participants_total=0)
    event.agency_roles.filter(agency__slug="embassy-se").delete()
    mfa = PartnerAgency.objects.get(slug="mfa")
    EventAgency.objects.create(event=event, agency=mfa, role=AgencyRole.HOST)
    NewsletterSection.objects.create(newsletter=Newsletter.objects.get(number=11), kind="news", order=99)
    counts = {model.__name__: model.objects.count() for model in MODELS}

    _load()

    event.refresh_from_db()
    assert event.title_en.startswith("Field visit") and event.participants_total is None
    assert event.agency_roles.filter(agency__slug="embassy-se").exists()
    assert not event.agency_roles.filter(agency__slug="mfa").exists()
    assert Newsletter.objects.get(number=11).sections.count() == 5
    assert EventAgency.objects.count() == counts["EventAgency"]
    assert NewsletterSection.objects.count() == counts["NewsletterSection"] - 1


def test_load_demo_leaves_records_it_does_not_know_alone(demo):
    from tests.factories import EventFactory

    other = EventFactory(slug="staff-entered-event")

    _load()

    assert Event.objects.filter(pk=other.pk).exists()


def test_load_demo_prints_a_one_line_summary(db):
    output = _load()

    assert output.count("\n") == 1
    assert f"agencies {len(demo_data.AGENCIES)}," in output and "phases 3," in output


def test_load_demo_restores_pillars_through_the_activities_service(demo):
    event = Event.objects.get(slug="field-visit-hainan-2023")
    event.pillars.set([Pillar.objects.get(slug="p2-irregular-migration")])

    output = _load()

    assert [pillar.slug for pillar in event.pillars.all()] == ["p2-regular-migration"]
    assert "updated 1," in output


def test_load_demo_if_empty_loads_into_an_empty_database(db):
    call_command("load_demo", "--if-empty", stdout=StringIO())

    assert Event.objects.filter(slug="field-visit-hainan-2023").exists()


def test_load_demo_if_empty_leaves_existing_content_alone(demo):
    Event.objects.filter(slug="field-visit-hainan-2023").update(title_en="Edited by staff")
    out = StringIO()

    call_command("load_demo", "--if-empty", stdout=out)

    assert Event.objects.get(slug="field-visit-hainan-2023").title_en == "Edited by staff"
    assert "nothing loaded" in out.getvalue()
