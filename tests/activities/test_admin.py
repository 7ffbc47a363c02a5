import datetime
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from activities.enums import AgencyRole, EventType
from activities.models import Attachment, Event, EventAgency, Participant, Phase, Photo, Pillar
from core.enums import DatePrecision, Status
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

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def admin_models(*app_labels):
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in app_labels),
        key=lambda model: model._meta.label,
    )


@pytest.fixture
def world(superuser):
    """One record of every activities and auth model, linked the way staff enter them."""
    event = EventFactory()
    PillarFactory(phase=event.phase)
    event.pillars.set([PillarFactory(phase=event.phase)])
    EventAgencyFactory(event=event)
    ParticipantFactory(event=event, agency=PartnerAgencyFactory())
    PhotoFactory(event=event)
    AttachmentFactory(event=event)
    Group.objects.get_or_create(name="Editors")  # made by a data migration; ensured here
    return event


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# --- Registration and pages -------------------------------------------------------------


def test_every_activities_and_partners_model_is_in_the_admin():
    models = list(apps.get_app_config("activities").get_models()) + list(
        apps.get_app_config("partners").get_models()
    )
    # Revision history is shown on each record's own history page, not as models of their own.
    recorded = [model for model in models if not hasattr(model, "instance_type")]
    missing = [model._meta.label for model in recorded if not admin.site.is_registered(model)]
    assert missing == []
    assert len(recorded) < len(models)


LANGUAGES = {
    "en": ({"HTTP_ACCEPT_LANGUAGE": "en"}, None, 'lang="en"', "Welcome,"),
    "zh-header": (ZH, None, 'lang="zh-hans"', "欢迎，"),
    "zh-cookie": ({"HTTP_ACCEPT_LANGUAGE": "en"}, "zh-hans", 'lang="zh-hans"', "欢迎，"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("view", ["changelist", "add", "change"])
@pytest.mark.parametrize("model", admin_models("activities", "auth"), ids=lambda m: m._meta.label)
def test_admin_page_answers_in_each_language(admin_client, settings, world, model, view, language):
    headers, cookie, html_lang, welcome = LANGUAGES[language]
    if cookie:
        admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    obj = model.objects.order_by("pk").first()
    url = admin_url(model, view, obj.pk) if view == "change" else admin_url(model, view)

    response = admin_client.get(url, **headers)

    assert response.status_code == 200
    content = response.content.decode()
    assert html_lang in content
    assert welcome in content
    if view == "change":
        lang = "zh-hans" if language.startswith("zh") else "en"
        with translation.override(lang):
            assert escape(str(obj)) in content


def test_admin_index_in_chinese_shows_django_chinese_strings(admin_client):
    response = admin_client.get(reverse("admin:index"), **ZH)

    content = response.content.decode()
    assert "修改密码" in content  # Django's own "Change password"
    # The interface's switcher names each language in its own script, apart from the content tabs.
    assert "界面语言：中文" in content and "Interface: English" in content


def test_admin_header_carries_site_title_and_language_switcher(admin_client):
    response = admin_client.get(reverse("admin:index"), **EN)

    content = response.content.decode()
    assert "MMSP Activity Portal administration" in content
    assert f'action="{reverse("set_language")}"' in content
    assert 'name="language" value="zh-hans"' in content
    assert 'value="en" lang="en" data-content-name="English" aria-current="true"' in content


def test_language_switcher_turns_the_admin_chinese(admin_client):
    response = admin_client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("admin:index")}, **EN
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")

    page = admin_client.get(reverse("admin:index"), **EN)

    content = page.content.decode()
    assert 'lang="zh-hans"' in content
    assert "欢迎，" in content


def test_login_page_offers_the_language_switcher(client):
    response = client.get(reverse("admin:login"), **ZH)

    content = response.content.decode()
    assert "登录" in content  # Django's "Log in"
    assert 'name="language" value="en"' in content


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        admin_url(Event, "changelist"),
        admin_url(Event, "add"),
        admin_url(Phase, "changelist"),
        admin_url(Participant, "changelist"),
    ],
)
def test_anonymous_user_is_sent_to_admin_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_staff_without_permissions_cannot_open_events(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(admin_url(Event, "changelist"))

    assert response.status_code == 403


# --- Assets: nothing from a CDN ------------------------------------------------------------

ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"')


@pytest.mark.parametrize("view", ["add", "change"])
def test_event_form_loads_only_local_assets(admin_client, world, view):
    url = admin_url(Event, "change", world.pk) if view == "change" else admin_url(Event, "add")

    content = admin_client.get(url).content.decode()

    assets = ASSET.findall(content)
    assert any("jquery-ui.tabs.js" in src for src in assets)
    assert any("tabbed_translation_fields.js" in src for src in assets)
    for src in assets:
        assert src.startswith("/") and not src.startswith("//"), src
        if src.startswith("/static/"):
            assert finders.find(src.removeprefix("/static/")), f"{src} is not in the static files"


def test_translated_fields_are_marked_for_tabs(admin_client, world):
    content = admin_client.get(admin_url(Event, "change", world.pk)).content.decode()

    assert 'name="title_en"' in content and 'name="title_zh_hans"' in content
    assert "mt-field-title-en" in content and "mt-field-title-zh_hans" in content
    # Inline rows are tabbed too: the participant's name in both languages.
    assert 'name="participants-0-name_zh_hans"' in content


# --- Changelist ---------------------------------------------------------------------------


def test_event_changelist_shows_dates_with_their_precision_and_chinese_status(admin_client):
    phase = PhaseFactory(start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2024, 12, 31))
    EventFactory(
        phase=phase,
        title_en="Director General's visit",
        title_zh_hans="",
        start_date=datetime.date(2023, 4, 1),
        end_date=datetime.date(2023, 4, 30),
        date_precision=DatePrecision.MONTH,
    )
    EventFactory(phase=phase, title_en="Hainan field visit", title_zh_hans="海南实地考察")

    content = admin_client.get(admin_url(Event, "changelist"), **EN).content.decode()

    assert "April 2023" in content
    assert "10–11 May 2022" in content
    # Only the visit lacks its Chinese title: the translation column names it, by its verbose name.
    assert content.count("translation-state--missing") == 1
    assert "Chinese: missing: title" in content


def test_event_changelist_in_chinese_shows_chinese_titles_and_falls_back(admin_client):
    EventFactory(title_en="Hainan field visit", title_zh_hans="海南实地考察")
    EventFactory(title_en="Untranslated seminar", title_zh_hans="")

    content = admin_client.get(admin_url(Event, "changelist"), **ZH).content.decode()

    assert "海南实地考察" in content
    assert "Untranslated seminar" in content


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"q": "海南"}, "Hainan field visit", "Border seminar"),
        ({"q": "Hainan"}, "Hainan field visit", "Border seminar"),
        ({"q": "三亚"}, "Hainan field visit", "Border seminar"),
        ({"year": "2021"}, "Border seminar", "Hainan field visit"),
        ({"type": EventType.FIELD_VISIT}, "Hainan field visit", "Border seminar"),
        ({"status__exact": Status.DRAFT}, "Border seminar", "Hainan field visit"),
        ({"chinese": "missing"}, "Border seminar", "Hainan field visit"),
        ({"chinese": "complete"}, "Hainan field visit", "Border seminar"),
    ],
)
def test_event_changelist_search_and_filters(admin_client, query, expected, absent):
    EventFactory(
        title_en="Hainan field visit",
        title_zh_hans="海南实地考察",
        type=EventType.FIELD_VISIT,
        city_en="Sanya",
        city_zh_hans="三亚",
    )
    EventFactory(
        title_en="Border seminar",
        title_zh_hans="",
        status=Status.DRAFT,
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 3, 2),
    )

    response = admin_client.get(admin_url(Event, "changelist"), query)

    content = response.content.decode()
    assert expected in content
    assert absent not in content


def test_event_changelist_pillar_filter_names_the_phase(admin_client):
    phase = PhaseFactory(number=2, name_en="Phase II")
    pillar = PillarFactory(phase=phase, name_en="Mobility")
    EventFactory(phase=phase, title_en="Mobility forum", pillars=[pillar])
    EventFactory(phase=phase, title_en="Other forum")

    response = admin_client.get(admin_url(Event, "changelist"), {"pillar": pillar.pk})

    content = response.content.decode()
    assert "II · Mobility" in content
    assert "Mobility forum" in content and "Other forum" not in content


def _events(count):
    phase = PhaseFactory()
    pillar = PillarFactory(phase=phase)
    for _ in range(count):
        event = EventFactory(phase=phase, pillars=[pillar])
        EventAgencyFactory(event=event)
        ParticipantFactory(event=event, agency=PartnerAgencyFactory())
        PhotoFactory(event=event)
        AttachmentFactory(event=event)


def _changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "model", [Event, EventAgency, Participant, Photo, Attachment, Pillar, Phase], ids=lambda m: m.__name__
)
def test_changelist_queries_do_not_grow_with_records(admin_client, model):
    _events(1)
    few = _changelist_queries(admin_client, model)
    _events(4)

    many = _changelist_queries(admin_client, model)

    assert model.objects.count() >= 2
    assert many == few


@pytest.mark.parametrize("item_count", [1, 5])
def test_event_changelist_query_count(admin_client, django_assert_num_queries, item_count):
    _events(item_count)

    # Session, user, phase and pillar filters, year filter, two counts, the rows, date hierarchy (2).
    with django_assert_num_queries(10):
        response = admin_client.get(admin_url(Event, "changelist"))

    assert response.content.decode().count('class="action-select"') == item_count


# --- The event form -----------------------------------------------------------------------

INLINES = ("agency_roles", "participants", "photos", "attachments")


def event_post_data(phase, **overrides):
    data = {
        "phase": phase.pk,
        "type": EventType.SEMINAR,
        "title_en": "Seminar on labour migration",
        "title_zh_hans": "劳务移民研讨会",
        "slug": "seminar-on-labour-migration",
        "summary_en": "Experts met.",
        "summary_zh_hans": "",
        "body_en": '<p>Experts met.</p><script>alert("x")</script>',
        "body_zh_hans": "",
        "start_date": "2022-05-10",
        "end_date": "2022-05-11",
        "date_precision": DatePrecision.DAY,
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "participants_total": "40",
        "participants_women": "18",
        "participants_men": "22",
        "participants_eu": "",
        "participants_china": "",
        "participants_qualifier": "exact",
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "_save": "Save",
    }
    for prefix in INLINES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def agency_row(index, agency, role=AgencyRole.ORGANISER):
    return {
        f"agency_roles-{index}-agency": agency.pk,
        f"agency_roles-{index}-role": role,
        f"agency_roles-{index}-order": "0",
    }


def test_valid_event_post_creates_event_with_its_author(admin_client, superuser):
    phase = PhaseFactory()
    pillar = PillarFactory(phase=phase)
    agency = PartnerAgencyFactory()
    data = event_post_data(
        phase,
        pillars=[pillar.pk],
        **{"agency_roles-TOTAL_FORMS": "1"},
        **agency_row(0, agency),
        **{
            "participants-TOTAL_FORMS": "1",
            "participants-0-name_en": "Ms Example Speaker",
            "participants-0-role": "speaker",
            "participants-0-order": "0",
        },
    )

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="seminar-on-labour-migration")
    assert event.created_by == superuser and event.updated_by == superuser
    assert event.title_zh_hans == "劳务移民研讨会"
    assert list(event.pillars.all()) == [pillar]
    assert "<script>" not in event.body_en and "<p>Experts met.</p>" in event.body_en
    assert event.agency_roles.get().agency == agency
    assert event.participants.get().consent_to_publish is False


def test_change_keeps_creator_and_records_who_updated(admin_client, superuser):
    author = UserFactory()
    event = EventFactory(created_by=author)
    data = event_post_data(event.phase, slug=event.slug, title_en="Renamed seminar")

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Renamed seminar"
    assert event.created_by == author and event.updated_by == superuser


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2022-05-09"}, "The end date cannot be before the start date."),
        (
            {"start_date": "2024-01-10", "end_date": "2024-01-11"},
            "The activity must take place within its phase",
        ),
        ({"participants_women": "30"}, "Women and men together (52) cannot exceed the total"),
        (
            {"participants_eu": "30", "participants_china": "20"},
            "EU-side and China-side participants together (50) cannot exceed the total",
        ),
        ({"participants_total": ""}, "Enter the total number of participants before its parts."),
        ({"date_precision": DatePrecision.MONTH}, "With month precision, the dates must run from the first"),
        ({"title_en": ""}, "This field is required."),
        ({"end_date": "not a date"}, "Enter a valid date."),
    ],
)
def test_invalid_event_post_saves_nothing_and_shows_the_error(admin_client, overrides, message):
    phase = PhaseFactory()

    response = admin_client.post(admin_url(Event, "add"), event_post_data(phase, **overrides))

    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert Event.objects.count() == 0


def test_pillar_of_another_phase_is_a_form_error_naming_it(admin_client):
    phase = PhaseFactory(number=1, name_en="Phase I")
    other = PillarFactory(phase=PhaseFactory(number=3, name_en="Phase III"), name_en="Key area four")
    own = PillarFactory(phase=phase, name_en="Mobility")

    response = admin_client.post(admin_url(Event, "add"), event_post_data(phase, pillars=[own.pk, other.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "These pillars belong to another phase than Phase I: III · Key area four." in content
    assert Event.objects.count() == 0


def test_pillar_error_in_chinese_names_phases_by_numeral_and_joins_with_the_chinese_separator(admin_client):
    phase = PhaseFactory(number=1, name_en="Phase I")
    other_phase = PhaseFactory(number=3, name_en="Phase III")
    first = PillarFactory(phase=other_phase, name_zh_hans="关键领域四", order=1)
    second = PillarFactory(phase=other_phase, name_zh_hans="关键领域五", order=2)

    response = admin_client.post(
        admin_url(Event, "add"),
        event_post_data(phase, pillars=[first.pk, second.pk]),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 200
    assert "以下支柱领域不属于第一期：三 · 关键领域四、三 · 关键领域五。" in response.content.decode()
    assert Event.objects.count() == 0


def test_moving_an_event_to_another_phase_keeps_its_pillars_checked(admin_client):
    event = EventFactory()
    pillar = PillarFactory(phase=event.phase, name_en="Mobility")
    event.pillars.set([pillar])
    new_phase = PhaseFactory(number=3, name_en="Phase III")
    data = event_post_data(new_phase, slug=event.slug, pillars=[pillar.pk])

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 200
    assert f"another phase than Phase III: {event.phase.number} · Mobility" in response.content.decode()
    event.refresh_from_db()
    assert event.phase_id != new_phase.pk
    assert list(event.pillars.all()) == [pillar]


def test_duplicate_agency_role_is_a_form_error_not_a_crash(admin_client):
    phase = PhaseFactory()
    agency = PartnerAgencyFactory()
    data = event_post_data(
        phase, **{"agency_roles-TOTAL_FORMS": "2"}, **agency_row(0, agency), **agency_row(1, agency)
    )

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert Event.objects.count() == 0
    assert EventAgency.objects.count() == 0


def test_duplicate_agency_role_on_existing_event_is_a_form_error(admin_client):
    role = EventAgencyFactory()
    event = role.event
    data = event_post_data(
        event.phase,
        slug=event.slug,
        **{"agency_roles-TOTAL_FORMS": "1"},
        **agency_row(0, role.agency),
    )

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert EventAgency.objects.count() == 1


def test_invalid_inline_participant_saves_nothing(admin_client):
    phase = PhaseFactory()
    data = event_post_data(
        phase,
        **{
            "participants-TOTAL_FORMS": "1",
            "participants-0-name_en": "",
            "participants-0-position_en": "Director",
            "participants-0-role": "speaker",
            "participants-0-order": "0",
        },
    )

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    assert Event.objects.count() == 0
    assert Participant.objects.count() == 0


def test_form_errors_come_in_the_users_language(admin_client):
    phase = PhaseFactory()

    response = admin_client.post(admin_url(Event, "add"), event_post_data(phase, title_en=""), **ZH)

    assert response.status_code == 200
    assert "这个字段是必填项。" in response.content.decode()
    assert Event.objects.count() == 0


# --- Actions and other admins --------------------------------------------------------------


def test_publish_action_publishes_through_the_service(admin_client, superuser):
    draft = EventFactory(status=Status.DRAFT)

    response = admin_client.post(
        admin_url(Event, "changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert draft.updated_by == superuser
    assert Event.objects.published().filter(pk=draft.pk).exists()


def test_unpublish_action_refuses_an_invalid_record_with_a_message(admin_client):
    broken = EventFactory()
    # A record that went in before its phase was shortened: the admin reports it, it does not crash.
    Phase.objects.filter(pk=broken.phase_id).update(end_date=datetime.date(2020, 1, 1))
    good = EventFactory(phase=PhaseFactory())

    response = admin_client.post(
        admin_url(Event, "changelist"),
        {"action": "unpublish", "_selected_action": [broken.pk, good.pk]},
        follow=True,
    )

    content = response.content.decode()
    assert "1 record moved to “Draft”." in content
    assert escape(str(broken)) in content and "not valid" in content
    assert Event.objects.get(pk=good.pk).status == Status.DRAFT
    assert Event.objects.get(pk=broken.pk).status == Status.PUBLISHED


def test_agency_role_inline_shows_the_iati_role(admin_client):
    role = EventAgencyFactory(role=AgencyRole.FUNDER)

    content = admin_client.get(admin_url(Event, "change", role.event.pk), **EN).content.decode()

    assert "1 Funding" in content


def test_agency_autocomplete_finds_agencies_by_chinese_name(admin_client):
    PartnerAgencyFactory(name_en="National Immigration Administration", name_zh_hans="国家移民管理局")
    PartnerAgencyFactory(name_en="Ministry of Public Security", name_zh_hans="公安部")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "activities", "model_name": "eventagency", "field_name": "agency", "term": "移民"},
    )

    texts = [row["text"] for row in response.json()["results"]]
    assert len(texts) == 1
    assert texts[0].startswith("National Immigration Administration")


def test_phase_change_page_lists_its_pillars_inline(admin_client):
    pillar = PillarFactory(name_en="Mobility and visa")

    content = admin_client.get(admin_url(Phase, "change", pillar.phase.pk)).content.decode()

    assert 'name="pillars-0-name_en"' in content and "Mobility and visa" in content


def test_photo_and_attachment_changelists_show_their_event(admin_client):
    photo = PhotoFactory()
    attachment = AttachmentFactory()

    photos = admin_client.get(admin_url(Photo, "changelist")).content.decode()
    attachments = admin_client.get(admin_url(Attachment, "changelist")).content.decode()

    assert photo.image.url in photos and escape(str(photo.event)) in photos
    assert escape(str(attachment.event)) in attachments


def test_event_changelist_counts_filter_choices(admin_client):
    phase = PhaseFactory()
    pillar = PillarFactory(phase=phase, name_en="Mobility")
    EventFactory(phase=phase, pillars=[pillar])
    EventFactory(phase=phase, title_zh_hans="")

    response = admin_client.get(admin_url(Event, "changelist"), {"_facets": "True"}, **EN)

    content = response.content.decode()
    assert response.status_code == 200
    assert " · Mobility (1)" in content
    assert "Missing (1)" in content and "Complete (1)" in content
