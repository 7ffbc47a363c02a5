"""Roles, review and publishing: what each group may do, checked on the server."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.models import Event
from activities.services import event_save, event_transition
from core.admin_workflow import translatable_names
from core.enums import Status
from core.models import PendingRevision
from core.workflow import allowed_statuses, may_move
from newsletters.models import Newsletter, SectionEvent
from tests.factories import EventFactory, NewsletterFactory, PhaseFactory, PillarFactory, StaffFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def form_data(client, obj, **changes):
    """The admin change form of ``obj`` as the browser would post it back, with ``changes``."""
    response = client.get(change_url(obj), **EN)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, datetime.datetime):
            # The form shows (and reads back) the portal's local time, not UTC.
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), local.time().isoformat()
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value not in (None, False):
                    data[f"{inline_form.prefix}-{name}"] = str(value)
    data.update(changes)
    return data


def test_groups_exist_with_their_permissions():
    editors, translators, publishers = (
        Group.objects.get(name=n) for n in ("Editors", "Translators", "Publishers")
    )
    codes = {
        g.name: set(g.permissions.values_list("codename", flat=True))
        for g in (editors, translators, publishers)
    }

    assert {"add_event", "change_event", "change_partneragency", "change_newsletter"} <= codes["Editors"]
    assert "publish_event" not in codes["Editors"] and "publish_newsletter" not in codes["Editors"]
    assert {"translate_event", "translate_partneragency", "view_event"} <= codes["Translators"]
    assert not {"change_event", "add_event", "delete_event"} & codes["Translators"]
    assert codes["Editors"] | {"publish_event", "publish_newsletter"} == codes["Publishers"]


@pytest.mark.parametrize(
    ("group", "current", "target", "allowed"),
    [
        ("Editors", Status.DRAFT, Status.IN_REVIEW, True),
        ("Editors", Status.IN_REVIEW, Status.DRAFT, True),
        ("Editors", Status.DRAFT, Status.PUBLISHED, False),
        ("Editors", Status.IN_REVIEW, Status.PUBLISHED, False),
        ("Editors", Status.PUBLISHED, Status.DRAFT, False),
        ("Editors", Status.PUBLISHED, Status.ARCHIVED, False),
        ("Translators", Status.DRAFT, Status.IN_REVIEW, False),
        ("Publishers", Status.DRAFT, Status.IN_REVIEW, True),
        ("Publishers", Status.IN_REVIEW, Status.PUBLISHED, True),
        ("Publishers", Status.DRAFT, Status.PUBLISHED, True),
        ("Publishers", Status.PUBLISHED, Status.DRAFT, True),
        ("Publishers", Status.PUBLISHED, Status.ARCHIVED, True),
        ("Publishers", Status.ARCHIVED, Status.PUBLISHED, True),
        ("Publishers", Status.PUBLISHED, Status.IN_REVIEW, False),
    ],
)
def test_status_transition_per_group(group, current, target, allowed):
    user = StaffFactory(group=group)
    assert may_move(user, Event, current, target) is allowed
    assert may_move(user, Newsletter, current, target) is allowed


def test_editor_is_offered_only_draft_and_review():
    editor = StaffFactory(group="Editors")
    assert allowed_statuses(editor, Event, Status.DRAFT) == [Status.DRAFT, Status.IN_REVIEW]


def test_publishing_needs_both_languages_title_and_summary():
    publisher = StaffFactory(group="Publishers")
    event = EventFactory(status=Status.IN_REVIEW, summary_zh_hans="")

    with pytest.raises(ValidationError, match="Chinese summary"):
        event_transition(event=event, user=publisher, status=Status.PUBLISHED)

    assert Event.objects.get(pk=event.pk).status == Status.IN_REVIEW
    event.summary_zh_hans = "关于移民的研讨会。"
    event_transition(event=event, user=publisher, status=Status.PUBLISHED)
    assert Event.objects.published().filter(pk=event.pk).exists()


def test_every_transition_of_the_publishers_path():
    publisher = StaffFactory(group="Publishers")
    event = EventFactory(status=Status.DRAFT, published_at=None)

    for status in (Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED, Status.PUBLISHED, Status.DRAFT):
        event_transition(event=event, user=publisher, status=status)
        event.refresh_from_db()
        assert event.status == status
        assert Event.objects.published().filter(pk=event.pk).exists() is (status == Status.PUBLISHED)


def test_editor_cannot_publish_through_the_service():
    editor = StaffFactory(group="Editors")
    event = EventFactory(status=Status.IN_REVIEW)

    with pytest.raises(ValidationError, match="may not change the status"):
        event_transition(event=event, user=editor, status=Status.PUBLISHED)
    assert Event.objects.get(pk=event.pk).status == Status.IN_REVIEW


def test_scheduled_publication_is_public_from_its_time_only():
    publisher = StaffFactory(group="Publishers")
    later = timezone.now() + datetime.timedelta(days=3)
    event = EventFactory(status=Status.IN_REVIEW, published_at=later)

    event_transition(event=event, user=publisher, status=Status.PUBLISHED)

    event.refresh_from_db()
    assert event.status == Status.PUBLISHED and event.published_at == later
    assert not Event.objects.published().filter(pk=event.pk).exists()
    Event.objects.filter(pk=event.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert Event.objects.published().filter(pk=event.pk).exists()


def test_scheduled_activity_answers_404_to_the_public_until_its_time(client):
    event = EventFactory(status=Status.PUBLISHED, published_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(event.get_absolute_url()).status_code == 404
    Event.objects.filter(pk=event.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(event.get_absolute_url()).status_code == 200


def test_archived_activity_is_not_public(client):
    event = EventFactory(status=Status.ARCHIVED)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_as_the_public_will_see_it(client):
    event = EventFactory(status=Status.DRAFT, title_en="Draft seminar on visas")
    client.force_login(StaffFactory(group="Editors"))

    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert "Draft seminar on visas" in response.content.decode()


# --- Through the admin -----------------------------------------------------------------------


def test_editor_can_edit_and_send_for_review_but_not_publish(client):
    editor = StaffFactory(group="Editors")
    client.force_login(editor)
    event = EventFactory(status=Status.DRAFT, title_en="Old title")

    response = client.post(
        change_url(event), form_data(client, event, title_en="New title", status="in_review")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "New title" and event.status == Status.IN_REVIEW

    response = client.post(change_url(event), form_data(client, event, status="published"), **EN)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Event.objects.get(pk=event.pk).status == Status.IN_REVIEW


def test_editor_publish_action_is_not_offered_and_a_crafted_one_is_refused(client):
    client.force_login(StaffFactory(group="Editors"))
    event = EventFactory(status=Status.IN_REVIEW)

    page = client.get(changelist_url(Event), **EN).content.decode()
    assert 'value="submit_for_review"' in page
    assert 'value="publish"' not in page

    client.post(changelist_url(Event), {"action": "publish", "_selected_action": [event.pk]}, **EN)
    assert Event.objects.get(pk=event.pk).status == Status.IN_REVIEW


def test_publisher_publish_action_refuses_an_untranslated_activity(client):
    client.force_login(StaffFactory(group="Publishers"))
    ready = EventFactory(status=Status.IN_REVIEW)
    untranslated = EventFactory(status=Status.IN_REVIEW, title_zh_hans="")

    response = client.post(
        changelist_url(Event),
        {"action": "publish", "_selected_action": [ready.pk, untranslated.pk]},
        follow=True,
        **EN,
    )

    content = response.content.decode()
    assert "1 record moved to “Published”." in content
    assert "Chinese title" in content
    assert Event.objects.get(pk=ready.pk).status == Status.PUBLISHED
    assert Event.objects.get(pk=untranslated.pk).status == Status.IN_REVIEW


def test_publisher_form_refuses_publication_without_chinese(client):
    client.force_login(StaffFactory(group="Publishers"))
    event = EventFactory(status=Status.IN_REVIEW, summary_zh_hans="")

    response = client.post(change_url(event), form_data(client, event, status="published"), **EN)

    assert response.status_code == 200
    assert "cannot be published until its texts are complete" in response.content.decode()
    assert Event.objects.get(pk=event.pk).status == Status.IN_REVIEW


def test_translator_edits_chinese_text(client):
    client.force_login(StaffFactory(group="Translators"))
    event = EventFactory(summary_zh_hans="", status=Status.DRAFT)  # a published one waits for review
    data = form_data(client, event, summary_zh_hans="关于签证的研讨会。")

    assert "start_date" not in data  # read-only for translators: not in the form at all
    response = client.post(change_url(event), data)

    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).summary_zh_hans == "关于签证的研讨会。"


def test_translator_crafted_post_changing_a_date_is_refused(client):
    client.force_login(StaffFactory(group="Translators"))
    event = EventFactory(summary_zh_hans="旧摘要")
    data = form_data(client, event, summary_zh_hans="新摘要", start_date="2022-05-09", status="draft")

    response = client.post(change_url(event), data)

    assert response.status_code == 403
    assert "start date" in response.content.decode()  # the field's name, not its code
    event.refresh_from_db()
    assert event.start_date == datetime.date(2022, 5, 10)
    assert event.summary_zh_hans == "旧摘要" and event.status == Status.PUBLISHED


def test_translator_cannot_add_or_delete(client):
    client.force_login(StaffFactory(group="Translators"))
    event = EventFactory()

    assert client.get(reverse("admin:activities_event_add")).status_code == 403
    assert (
        client.post(reverse("admin:activities_event_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Event.objects.filter(pk=event.pk).exists()


def test_editor_cannot_change_phases(client):
    client.force_login(StaffFactory(group="Editors"))
    phase = PhaseFactory()

    response = client.post(change_url(phase), {"number": 9, "name_en": "Changed"})

    assert response.status_code == 403
    phase.refresh_from_db()
    assert phase.number != 9


def test_newsletter_publication_needs_a_publisher_and_a_chinese_title(client):
    newsletter = NewsletterFactory(status=Status.IN_REVIEW, title_zh_hans="")
    client.force_login(StaffFactory(group="Editors"))
    client.post(changelist_url(Newsletter), {"action": "publish", "_selected_action": [newsletter.pk]})
    assert Newsletter.objects.get(pk=newsletter.pk).status == Status.IN_REVIEW

    client.force_login(StaffFactory(group="Publishers"))
    response = client.post(
        changelist_url(Newsletter),
        {"action": "publish", "_selected_action": [newsletter.pk]},
        follow=True,
        **EN,
    )
    assert "Chinese title" in response.content.decode()
    assert Newsletter.objects.get(pk=newsletter.pk).status == Status.IN_REVIEW

    Newsletter.objects.filter(pk=newsletter.pk).update(title_zh_hans="第42期")
    client.post(changelist_url(Newsletter), {"action": "publish", "_selected_action": [newsletter.pk]})
    assert Newsletter.objects.get(pk=newsletter.pk).status == Status.PUBLISHED


def test_event_save_by_the_system_may_publish():
    """The demo loader and other system writes (user None) are not bound by the groups."""
    event = EventFactory.build(phase=PhaseFactory(), status=Status.PUBLISHED)
    event_save(event=event, user=None)
    assert Event.objects.published().filter(pk=event.pk).exists()


def test_editor_deletes_drafts_but_not_public_records(client):
    client.force_login(StaffFactory(group="Editors"))
    draft = EventFactory(status=Status.DRAFT)
    public = EventFactory(status=Status.PUBLISHED)

    refused = client.post(reverse("admin:activities_event_delete", args=[public.pk]), {"post": "yes"})
    client.post(
        changelist_url(Event),
        {"action": "delete_selected", "_selected_action": [public.pk], "post": "yes"},
    )
    client.post(reverse("admin:activities_event_delete", args=[draft.pk]), {"post": "yes"})

    assert refused.status_code == 403
    assert Event.objects.filter(pk=public.pk).exists()
    assert not Event.objects.filter(pk=draft.pk).exists()


def test_publisher_may_delete_a_public_record(client):
    client.force_login(StaffFactory(group="Publishers"))
    public = EventFactory(status=Status.PUBLISHED)

    client.post(reverse("admin:activities_event_delete", args=[public.pk]), {"post": "yes"})

    assert not Event.objects.filter(pk=public.pk).exists()


# --- Paths around the limits (found in review) ------------------------------------------------


def test_translator_restores_only_the_texts_of_an_earlier_version(client):
    event = EventFactory(
        status=Status.DRAFT,  # a published one is restored by publishers only
        title_zh_hans="旧",
        start_date=datetime.date(2022, 5, 1),
        end_date=datetime.date(2022, 5, 11),
    )
    first = event.history.earliest()
    event.start_date = datetime.date(2022, 5, 10)
    event.title_zh_hans = "新"
    event.save()
    client.force_login(StaffFactory(group="Translators"))
    url = reverse("admin:activities_event_simple_history", args=[event.pk, first.history_id])
    page = client.get(url)
    form = page.context["adminform"].form
    texts = {name: form[name].value() for name in form.fields if form[name].value() is not None}

    # A restore writes back what the translator's change form edits, the texts, and nothing else.
    assert page.status_code == 200
    assert set(texts) <= translatable_names(Event) | {"loaded_version"}
    assert client.post(url, {**texts, "start_date": "2022-05-01"}).status_code == 403
    assert client.post(url, texts).status_code == 302
    event.refresh_from_db()
    assert (event.title_zh_hans, event.start_date) == ("旧", datetime.date(2022, 5, 10))


def test_translator_opens_a_phase_with_its_pillars(client):
    phase = PhaseFactory()
    PillarFactory(phase=phase)
    client.force_login(StaffFactory(group="Translators"))

    assert client.get(change_url(phase), **EN).status_code == 200


def test_translator_cannot_fill_a_newsletter_from_its_period(client):
    year = (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))
    newsletter = NewsletterFactory(period_start=year[0], period_end=year[1], status=Status.DRAFT)
    EventFactory(phase=newsletter.phase)
    fill = {"action": "fill_from_period", "_selected_action": [newsletter.pk]}

    client.force_login(StaffFactory(group="Translators"))
    client.post(changelist_url(Newsletter), fill)
    assert not SectionEvent.objects.filter(section__newsletter=newsletter).exists()

    client.force_login(StaffFactory(group="Editors"))
    client.post(changelist_url(Newsletter), fill)
    assert SectionEvent.objects.filter(section__newsletter=newsletter).count() == 1


def test_a_published_activity_cannot_lose_its_chinese(client):
    client.force_login(StaffFactory(group="Editors"))
    event = EventFactory(status=Status.PUBLISHED)

    response = client.post(change_url(event), form_data(client, event, summary_zh_hans=""), **EN)

    assert response.status_code == 200
    assert "Chinese summary" in response.content.decode()
    assert Event.objects.get(pk=event.pk).summary_zh_hans == "关于移民的研讨会。"


def test_editor_cannot_move_the_publication_date(client):
    later = timezone.now() + datetime.timedelta(days=30)
    event = EventFactory(status=Status.PUBLISHED, published_at=later)
    client.force_login(StaffFactory(group="Editors"))
    data = form_data(client, event, title_en="Edited title")
    assert "published_at_0" not in data  # read-only for editors
    data["published_at_0"], data["published_at_1"] = "2022-01-01", "00:00:00"

    client.post(change_url(event), data)

    event.refresh_from_db()
    # The title waits for review (core.revisions); the crafted date is not among the changes.
    assert set(PendingRevision.objects.get().changes["fields"]) == {"title_en"}
    assert event.published_at == later
    assert not Event.objects.published().filter(pk=event.pk).exists()


def test_translator_emptying_the_chinese_title_of_a_published_activity_gets_a_form_error(client):
    # The status is read-only for a translator, so the form must check the record's own status.
    client.force_login(StaffFactory(group="Translators"))
    event = EventFactory(status=Status.PUBLISHED)
    data = form_data(client, event, title_zh_hans="")
    assert "status" not in data

    response = client.post(change_url(event), data, **EN)

    assert response.status_code == 200
    assert "Chinese title" in response.content.decode()
    event.refresh_from_db()
    assert event.title_zh_hans and event.status == Status.PUBLISHED


def test_translator_emptying_the_chinese_title_of_a_published_newsletter_gets_a_form_error(client):
    client.force_login(StaffFactory(group="Translators"))
    newsletter = NewsletterFactory(status=Status.PUBLISHED)
    assert newsletter.title_zh_hans
    data = form_data(client, newsletter, title_zh_hans="")

    response = client.post(change_url(newsletter), data, **EN)

    assert response.status_code == 200
    assert "Chinese title" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.title_zh_hans and newsletter.status == Status.PUBLISHED
