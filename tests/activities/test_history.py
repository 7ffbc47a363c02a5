"""Revision history: every change recorded with who, when and what, and restorable from the admin."""

import pytest
from django.urls import reverse

from activities.models import Event, Participant, Phase, Pillar
from activities.services import event_save
from core.enums import Status
from newsletters.models import Newsletter
from partners.models import PartnerAgency
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    ParticipantFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PillarFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize(
    ("factory", "field", "value"),
    [
        (EventFactory, "title_en", "Renamed seminar"),
        (ParticipantFactory, "position_en", "Director"),
        (PartnerAgencyFactory, "name_zh_hans", "新名称"),
        (PillarFactory, "description_en", "New description"),
        (PhaseFactory, "summary_zh_hans", "新的摘要"),
        (NewsletterFactory, "title_en", "Renamed issue"),
    ],
)
def test_every_change_is_recorded_field_by_field(factory, field, value):
    obj = factory()
    setattr(obj, field, value)
    obj.save()

    records = obj.history.order_by("history_date")
    assert [record.history_type for record in records] == ["+", "~"]
    delta = records[1].diff_against(records[0])
    assert delta.changed_fields == [field]
    assert delta.changes[0].new == value


def test_history_records_the_staff_member(client):
    editor = StaffFactory(group="Editors", username="li.wei")
    client.force_login(editor)
    event = EventFactory(status=Status.DRAFT)  # a published one waits for review
    page = client.get(reverse("admin:activities_event_change", args=[event.pk]), **EN)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data["pillars"] = []
    data["title_en"] = "Seminar on irregular migration"
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()

    response = client.post(reverse("admin:activities_event_change", args=[event.pk]), data)

    assert response.status_code == 302
    latest = event.history.latest()
    assert latest.history_user == editor
    assert latest.title_en == "Seminar on irregular migration"


def test_admin_history_page_shows_the_changes(admin_client):
    event = EventFactory(title_en="First title")
    event.title_en = "Second title"
    event_save(event=event, user=None)

    url = reverse("admin:activities_event_history", args=[event.pk])
    content = admin_client.get(url, **EN).content.decode()

    assert "First title" in content and "Second title" in content
    assert "title_en" in content or "Title" in content


def test_restore_an_earlier_version_from_the_admin(admin_client):
    event = EventFactory(title_en="Original title", summary_en="Original summary.")
    original = event.history.latest()
    event.title_en = "Mistaken title"
    event.summary_en = "Mistaken summary."
    event.save()

    url = reverse("admin:activities_event_simple_history", args=[event.pk, original.history_id])
    page = admin_client.get(url, **EN)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data["pillars"] = []
    response = admin_client.post(url, data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Original title" and event.summary_en == "Original summary."
    assert event.history.count() == 3


def test_history_keeps_both_languages():
    historical = Event.history.model
    names = {field.name for field in historical._meta.get_fields()}
    assert {"title_en", "title_zh_hans", "summary_zh_hans", "body_zh_hans"} <= names
    for model in (Participant, PartnerAgency, Pillar, Phase, Newsletter):
        assert hasattr(model, "history")
