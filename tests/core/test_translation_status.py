"""Translation status: missing texts per language and stale translations, field by field."""

import pytest
from django.urls import reverse

from activities.models import Event, Pillar
from core.translation_status import missing_fields, stale_fields
from partners.models import PartnerAgency
from tests.factories import EventFactory, PartnerAgencyFactory, PillarFactory, StaffFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def saved(obj, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return type(obj).objects.get(pk=obj.pk)


def test_new_record_in_both_languages_is_up_to_date():
    event = EventFactory()
    assert stale_fields(event) == []
    assert event.translation_out_of_date is False
    assert set(event.translation_fingerprints["summary"]) == {"en", "zh-hans"}


def test_changing_the_english_marks_the_chinese_out_of_date_field_by_field():
    event = EventFactory()

    event = saved(event, summary_en="A seminar on visa facilitation.")

    assert stale_fields(event) == ["summary_zh_hans"]
    assert event.translation_out_of_date is True
    assert Event.objects.filter(translation_out_of_date=True).get() == event


def test_changing_the_chinese_marks_the_english_out_of_date():
    agency = PartnerAgencyFactory(description_en="A ministry.", description_zh_hans="一个部委。")

    agency = saved(agency, description_zh_hans="负责出入境管理的部委。")

    assert stale_fields(agency) == ["description_en"]


def test_editing_the_translation_clears_the_mark():
    event = saved(EventFactory(), title_en="Seminar on labour migration")
    assert stale_fields(event) == ["title_zh_hans"]

    event = saved(event, title_zh_hans="劳务移民研讨会")

    assert stale_fields(event) == []
    assert event.translation_out_of_date is False
    # And a later change of the Chinese, now in step, is a change the English must follow.
    event = saved(event, title_zh_hans="劳务移民专题研讨会")
    assert stale_fields(event) == ["title_en"]


def test_editing_both_languages_at_once_leaves_both_up_to_date():
    event = saved(EventFactory(), summary_en="New English.", summary_zh_hans="新的中文。")
    assert stale_fields(event) == []


def test_adding_the_first_translation_is_not_out_of_date():
    event = EventFactory(summary_zh_hans="")
    assert missing_fields(event)["zh-hans"] == ["summary"]

    event = saved(event, summary_zh_hans="关于移民的研讨会。")

    assert stale_fields(event) == [] and missing_fields(event)["zh-hans"] == []


def test_record_from_before_fingerprints_starts_in_step():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(translation_fingerprints={}, translation_out_of_date=False)
    event = Event.objects.get(pk=event.pk)

    event = saved(event, city_en="Shanghai")

    assert stale_fields(event) == ["city_zh_hans"]


def test_missing_fields_per_language():
    pillar = PillarFactory(
        description_en="Mobility.", description_zh_hans="", name_zh_hans="流动", name_en=""
    )
    assert missing_fields(pillar) == {"en": ["name"], "zh-hans": ["description"]}


def test_admin_filter_lists_out_of_date_and_missing(admin_client):
    fresh = EventFactory(title_en="Fresh seminar")
    stale = saved(EventFactory(title_en="Stale seminar"), summary_en="Changed English.")
    untranslated = EventFactory(title_en="Untranslated seminar", summary_zh_hans="")
    url = reverse("admin:activities_event_changelist")

    stale_page = admin_client.get(url + "?translation=stale", **EN).content.decode()
    missing_page = admin_client.get(url + "?translation=missing_zh", **EN).content.decode()
    ok_page = admin_client.get(url + "?translation=ok", **EN).content.decode()

    assert stale.title_en in stale_page and fresh.title_en not in stale_page
    assert untranslated.title_en in missing_page and fresh.title_en not in missing_page
    assert fresh.title_en in ok_page
    assert stale.title_en not in ok_page and untranslated.title_en not in ok_page
    assert "out of date: summary" in stale_page
    assert "missing: summary" in missing_page


def test_confirm_action_clears_the_mark(client):
    client.force_login(StaffFactory(group="Translators"))
    agency = saved(PartnerAgencyFactory(name_en="Old name"), name_en="New name")
    assert agency.translation_out_of_date

    client.post(
        reverse("admin:partners_partneragency_changelist"),
        {"action": "confirm_translations", "_selected_action": [agency.pk]},
    )

    agency = PartnerAgency.objects.get(pk=agency.pk)
    assert agency.translation_out_of_date is False and stale_fields(agency) == []


def test_admin_index_shows_the_translation_queue(admin_client):
    EventFactory(summary_zh_hans="")
    EventFactory(summary_zh_hans="")
    saved(PillarFactory(), name_en="Renamed pillar")

    content = admin_client.get(reverse("admin:index"), **EN).content.decode()

    assert 'id="translation-queue"' in content
    assert f'<a href="{reverse("admin:activities_event_changelist")}?translation=missing_zh">2</a>' in content
    assert f'<a href="{reverse("admin:activities_pillar_changelist")}?translation=stale">1</a>' in content
    assert Pillar.objects.filter(translation_out_of_date=True).count() == 1


def test_admin_index_queue_in_chinese(admin_client):
    content = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "翻译待办" in content
