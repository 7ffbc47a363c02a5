"""The history's version page restores only what the user's change form would let them change.

Every model with history in the admin, against every group, through crafted POSTs: the data
is what the version page offers a superuser (every field, with the old version's values),
posted as each user. See core.admin_history.
"""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone

from activities.enums import AgencyRole
from activities.models import Event
from core.admin_history import GuardedHistoryAdmin
from core.enums import Status
from newsletters.models import Newsletter
from tests.factories import (
    AttachmentFactory,
    EventAgencyFactory,
    EventFactory,
    NewsletterFactory,
    NewsletterSectionFactory,
    ParticipantFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PhotoFactory,
    PillarFactory,
    StaffFactory,
    SuperUserFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

# (factory, field, value in the old version, value now).
MODELS = {
    "event": (EventFactory, "title_en", "Seminar on labour mobility", "Renamed seminar"),
    "phase": (PhaseFactory, "name_en", "Phase two", "Renamed phase"),
    "pillar": (PillarFactory, "slug", "mobility", "moved-pillar"),
    "participant": (ParticipantFactory, "name_en", "Wang Fang", "Someone Else"),
    "photo": (PhotoFactory, "caption_en", "Opening session", "Another caption"),
    "attachment": (AttachmentFactory, "title_en", "Agenda", "Programme"),
    "eventagency": (EventAgencyFactory, "role", AgencyRole.ORGANISER, AgencyRole.HOST),
    "partneragency": (PartnerAgencyFactory, "name_en", "Ministry of Public Security", "Renamed ministry"),
    "newsletter": (NewsletterFactory, "title_en", "Issue on mobility", "Renamed issue"),
    "newslettersection": (NewsletterSectionFactory, "title_en", "Events", "Renamed section"),
}
# What the staff groups' migration lets editors and publishers change; phases and pillars they only read.
CHANGED_BY_EDITORS = {
    "event", "participant", "photo", "attachment", "eventagency", "partneragency", "newsletter",
    "newslettersection",
}
# The factories make published activities and issues: these records are, or belong to, one.
ON_PUBLISHED_RECORDS = {
    "event", "participant", "photo", "attachment", "eventagency", "newsletter", "newslettersection",
}
GROUPS = ("Editors", "Publishers", "Translators", "view-only", "superuser")


def make_user(group):
    if group == "superuser":
        return SuperUserFactory()
    if group == "view-only":
        user = StaffFactory()
        user.user_permissions.set(
            Permission.objects.filter(
                codename__startswith="view_",
                content_type__app_label__in=("activities", "partners", "newsletters"),
            )
        )
        return user
    return StaffFactory(group=group)


def version_url(obj, version):
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_simple_history"
    return reverse(name, args=[obj.pk, version.history_id])


def form_data(form):
    """What a browser would post back from ``form``, split date-times and all."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.SplitDateTimeWidget):
            if value:
                local = timezone.localtime(value)
                data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), local.strftime("%H:%M:%S")
            continue
        if value is None or value is False or isinstance(value, FieldFile):
            continue
        data[name] = value
    return data


def crafted_post(client, url):
    """Every field the version page offers a superuser, with the old version's values."""
    client.force_login(SuperUserFactory(username="crafter"))
    page = client.get(url, **EN)
    assert page.status_code == 200
    return {**form_data(page.context["adminform"].form), "_save": "Revert"}


def changed_record(key):
    """A record of the model ``key`` with two versions: the old value, then the current one."""
    factory, field, old, new = MODELS[key]
    obj = factory(**{field: old})
    old_version = obj.history.latest()
    setattr(obj, field, new)
    obj.save()
    return obj, old_version


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("key", MODELS)
def test_restore_needs_the_change_permission_for_every_model_and_group(client, key, group):
    obj, old_version = changed_record(key)
    field, old, new = MODELS[key][1:]
    url = version_url(obj, old_version)
    data = crafted_post(client, url)
    versions = obj.history.count()

    client.force_login(make_user(group))
    response = client.post(url, data, **EN)

    # Translators' POST carries fields other than texts: refused, as on the change form. An
    # editor's restore of a published record (or of a row of one) would change what the public
    # sees without review (core.revisions): refused too.
    allowed = (
        group == "superuser"
        or (group == "Publishers" and key in CHANGED_BY_EDITORS)
        or (group == "Editors" and key in CHANGED_BY_EDITORS - ON_PUBLISHED_RECORDS)
    )
    obj.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert getattr(obj, field) == old
        assert obj.history.count() == versions + 1
    else:
        assert response.status_code == 403
        assert getattr(obj, field) == new
        assert obj.history.count() == versions


@pytest.mark.parametrize("key", MODELS)
def test_view_only_user_sees_a_version_without_a_revert_button(client, key):
    obj, old_version = changed_record(key)
    client.force_login(make_user("view-only"))

    page = client.get(version_url(obj, old_version), **EN)

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    old = MODELS[key][2]
    assert str(getattr(old, "label", old)) in page.content.decode()


def test_editor_cannot_rename_a_phase_or_move_its_end_date_through_history(client):
    phase = PhaseFactory(name_en="Phase two", end_date=datetime.date(2023, 6, 30))
    old_version = phase.history.latest()
    url = version_url(phase, old_version)
    data = crafted_post(client, url)
    data.update(name_en="Hijacked phase", end_date="2030-01-01")

    client.force_login(StaffFactory(group="Editors"))
    response = client.post(url, data, **EN)

    assert response.status_code == 403
    phase.refresh_from_db()
    assert (phase.name_en, phase.end_date) == ("Phase two", datetime.date(2023, 6, 30))


def test_editor_cannot_change_a_pillar_slug_through_history(client):
    pillar = PillarFactory(slug="mobility")
    url = version_url(pillar, pillar.history.latest())
    data = {**crafted_post(client, url), "slug": "hijacked"}

    client.force_login(StaffFactory(group="Editors"))

    assert client.post(url, data, **EN).status_code == 403
    pillar.refresh_from_db()
    assert pillar.slug == "mobility"


def test_translator_cannot_change_agency_roles_through_history(client):
    role = EventAgencyFactory(role=AgencyRole.ORGANISER)
    url = version_url(role, role.history.latest())
    other_agency = PartnerAgencyFactory()
    data = {**crafted_post(client, url), "role": AgencyRole.HOST, "agency": other_agency.pk}

    client.force_login(StaffFactory(group="Translators"))

    assert client.post(url, data, **EN).status_code == 403
    role.refresh_from_db()
    assert (role.role, role.agency_id) == (AgencyRole.ORGANISER, role.agency_id)
    assert role.agency != other_agency


def test_translator_restores_texts_only_and_the_figures_keep_their_current_values(client):
    # In review: a restore of a published record by a translator is refused (core.revisions).
    event = EventFactory(
        status=Status.IN_REVIEW,
        title_zh_hans="旧标题",
        participants_total=10,
        start_date=datetime.date(2022, 5, 1),
    )
    old_version = event.history.latest()
    event.title_zh_hans = "新标题"
    event.participants_total = 20
    event.start_date = datetime.date(2022, 5, 3)
    event.save()
    url = version_url(event, old_version)
    crafted = crafted_post(client, url)

    client.force_login(StaffFactory(group="Translators"))
    page = client.get(url, **EN)
    texts = {**form_data(page.context["adminform"].form), "_save": "Revert"}
    refused = client.post(url, crafted, **EN)
    restored = client.post(url, texts, **EN)

    assert "participants_total" not in texts and "status" not in texts
    assert refused.status_code == 403
    assert restored.status_code == 302
    event.refresh_from_db()
    assert event.title_zh_hans == "旧标题"
    assert (event.participants_total, event.start_date) == (20, datetime.date(2022, 5, 3))
    assert event.status == Status.IN_REVIEW


def _embargoed(factory):
    """A record published a month ago, then scheduled by a publisher a year ahead (an embargo)."""
    now = timezone.now().replace(microsecond=0)  # the admin's time field has whole seconds
    obj = factory(status=Status.PUBLISHED, published_at=now - datetime.timedelta(days=30))
    public_version = obj.history.latest()
    obj.published_at = now + datetime.timedelta(days=365)
    obj.save()
    return obj, public_version


@pytest.mark.parametrize(("factory", "model"), [(EventFactory, Event), (NewsletterFactory, Newsletter)])
def test_editor_cannot_lift_an_embargo_by_restoring_an_old_version(client, factory, model):
    obj, public_version = _embargoed(factory)
    embargo = obj.published_at
    url = version_url(obj, public_version)
    data = crafted_post(client, url)
    assert "published_at_0" in data  # the old, past publication date is in the crafted POST

    client.force_login(StaffFactory(group="Editors"))
    response = client.post(url, data, **EN)

    # A restore of a published record by a non-publisher is refused whole (core.revisions).
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.published_at == embargo
    assert not model.objects.published().filter(pk=obj.pk).exists()


def test_editor_restore_keeps_the_current_status(client):
    event = EventFactory(status=Status.DRAFT)
    draft_version = event.history.latest()
    event.status = Status.PUBLISHED
    event.save()
    url = version_url(event, draft_version)
    data = crafted_post(client, url)
    assert data["status"] == Status.DRAFT

    client.force_login(StaffFactory(group="Editors"))
    response = client.post(url, data, **EN)

    # Published -> draft is a publisher's move, and a published record is restored by publishers
    # only: refused, nothing is saved.
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED


def test_publisher_restores_with_a_reason_recorded_as_a_restore(client):
    obj, public_version = _embargoed(EventFactory)
    obj.title_en = "Mistaken title"
    obj.save()
    url = version_url(obj, public_version)
    data = {**crafted_post(client, url), "_restore-reason": "Embargo lifted by the donor"}
    publisher = StaffFactory(group="Publishers", username="publisher.zhang")

    client.force_login(publisher)
    response = client.post(url, data, **EN)

    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.published_at == public_version.published_at
    assert obj.title_en == public_version.title_en
    assert Event.objects.published().filter(pk=obj.pk).exists()
    latest = obj.history.latest()
    assert latest.history_user == publisher
    reason = f"restore #{public_version.history_id}: Embargo lifted by the donor"
    assert latest.history_change_reason == reason
    listing = client.get(reverse("admin:activities_event_history", args=[obj.pk]), **EN).content.decode()
    assert f"Restored from version {public_version.history_id}" in listing
    assert "Embargo lifted by the donor" in listing


def test_a_restore_without_a_reason_still_names_its_version(client):
    obj, old_version = changed_record("newsletter")
    url = version_url(obj, old_version)
    data = crafted_post(client, url)

    client.force_login(StaffFactory(group="Publishers"))
    client.post(url, data, **EN)

    assert obj.history.latest().history_change_reason == f"restore #{old_version.history_id}"


def test_a_too_long_reason_is_a_form_error_and_nothing_is_saved(client):
    obj, old_version = changed_record("event")
    url = version_url(obj, old_version)
    data = {**crafted_post(client, url), "_restore-reason": "x" * 71}

    client.force_login(StaffFactory(group="Publishers"))
    response = client.post(url, data, **EN)

    assert response.status_code == 200
    assert response.context["restore_reason_form"].errors
    obj.refresh_from_db()
    assert obj.title_en == MODELS["event"][3]


def test_a_deleted_record_cannot_be_brought_back_through_its_history(client):
    obj, old_version = changed_record("participant")
    url = version_url(obj, old_version)
    data = crafted_post(client, url)
    model, pk = type(obj), obj.pk
    obj.delete()

    client.force_login(StaffFactory(group="Publishers"))

    assert client.get(url, **EN).status_code == 200
    assert client.post(url, data, **EN).status_code == 403
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("version", ["abc", "999999"])
def test_an_unknown_version_is_not_found(admin_client, version):
    event = EventFactory()
    url = reverse("admin:activities_event_simple_history", args=[event.pk, version])

    assert admin_client.get(url, **EN).status_code == 404
    assert admin_client.post(url, {}, **EN).status_code == 404


def test_every_admin_of_a_model_with_history_guards_its_restore():
    with_history = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]

    assert {model._meta.model_name for model, _ in with_history} == set(MODELS)
    for model, model_admin in with_history:
        assert isinstance(model_admin, GuardedHistoryAdmin), model


def test_a_restore_the_services_refuse_is_an_error_on_the_page_and_saves_nothing(client):
    event = EventFactory(status=Status.DRAFT, title_zh_hans="")
    untranslated = event.history.latest()
    event.title_zh_hans = "劳动力流动研讨会"
    event.status = Status.PUBLISHED
    event.save()
    url = version_url(event, untranslated)
    versions = event.history.count()

    client.force_login(StaffFactory(group="Publishers"))  # only publishers restore published records
    page = client.get(url, **EN)
    data = {**form_data(page.context["adminform"].form), "status": Status.PUBLISHED, "_save": "Revert"}
    response = client.post(url, data, **EN)

    # A published activity keeps its Chinese title: event_save refuses, the page says why.
    assert response.status_code == 200
    assert "cannot be published until its texts are complete" in response.content.decode()
    event.refresh_from_db()
    assert event.title_zh_hans == "劳动力流动研讨会"
    assert event.history.count() == versions
