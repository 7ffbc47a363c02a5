"""No admin door lets a non-publisher change a published record without review (core.revisions).

Crafted requests, as a browser never sends them: the review page, the child records' own admins,
the bulk actions, the import. (The history restore is in test_history_permissions.)
"""

import pytest
from django.urls import reverse

from activities.models import Event, Phase, Photo
from core.models import PendingRevision
from core.spreadsheets import SafeCSV as CSV
from newsletters.models import NewsletterSection
from tests.core.test_import_export import import_file, preview
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    PhotoFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _pending(event, user, **fields):
    from core import revisions

    changes = {
        "fields": {name: {"old": getattr(event, name), "new": value} for name, value in fields.items()},
        "inlines": {},
    }
    return revisions.revision_submit(obj=event, user=user, changes=changes)


@pytest.mark.parametrize("group", ["Editors", "Translators"])
def test_review_page_is_forbidden_to_non_publishers_even_by_crafted_post(client, group):
    event = EventFactory(title_en="Old")
    _pending(event, StaffFactory(group="Editors"), title_en="New")
    client.force_login(StaffFactory(group=group))
    url = reverse("admin:activities_event_review", args=[event.pk])

    assert client.get(url, **EN).status_code == 403
    assert client.post(url, {"_publish": "1"}, **EN).status_code == 403
    assert client.post(url, {"_reject": "1", "comment": "no"}, **EN).status_code == 403
    assert Event.objects.get(pk=event.pk).title_en == "Old"
    assert PendingRevision.objects.get().status == "pending"


def test_editor_cannot_change_or_delete_a_photo_of_a_published_activity_in_its_own_admin(client):
    photo = PhotoFactory(event=EventFactory(), caption_en="Opening")
    client.force_login(StaffFactory(group="Editors"))
    change = reverse("admin:activities_photo_change", args=[photo.pk])
    delete = reverse("admin:activities_photo_delete", args=[photo.pk])

    client.post(change, {"event": photo.event_id, "caption_en": "Crafted", "order": "0"}, **EN)
    response = client.post(delete, {"post": "yes"}, **EN)

    assert response.status_code == 403
    assert Photo.objects.get(pk=photo.pk).caption_en == "Opening"


def test_editor_cannot_add_a_section_to_a_published_issue_in_its_own_admin(client):
    newsletter = NewsletterFactory()
    client.force_login(StaffFactory(group="Editors"))
    response = client.post(
        reverse("admin:newsletters_newslettersection_add"),
        {
            "newsletter": newsletter.pk,
            "kind": "events",
            "order": "1",
            "title_en": "Crafted",
            "title_zh_hans": "伪造",
            "section_events-TOTAL_FORMS": "0",
            "section_events-INITIAL_FORMS": "0",
        },
        **EN,
    )
    assert response.status_code == 200
    assert "is published" in response.content.decode()
    assert not NewsletterSection.objects.filter(title_en="Crafted").exists()


def test_editor_bulk_fill_of_a_published_issue_is_refused(client):
    newsletter = NewsletterFactory()
    EventFactory(start_date=newsletter.period_start)
    client.force_login(StaffFactory(group="Editors"))
    response = client.post(
        reverse("admin:newsletters_newsletter_changelist"),
        {"action": "fill_from_period", "_selected_action": [newsletter.pk]},
        follow=True,
        **EN,
    )
    assert "only a publisher may fill it" in response.content.decode()
    assert not newsletter.sections.exists()


def _activity_csv(slug, title):
    header = "slug,phase,pillars,type,title_en,title_zh_hans,start_date,end_date,agencies\n"
    return (
        header + f"{slug},{Phase.objects.get().number},,seminar,{title},一,2022-01-10,2022-01-11,\n"
    ).encode()


def test_editor_import_touching_a_published_activity_is_refused_whole(client):
    event = EventFactory(slug="published-one", title_en="Published title")
    client.force_login(StaffFactory(group="Editors"))

    shown = preview(client, "admin:activities_event", _activity_csv("published-one", "Imported title"), CSV)

    assert "is published and only a publisher may change it by an import" in shown.content.decode()
    assert shown.context.get("confirm_form") is None
    assert Event.objects.get(pk=event.pk).title_en == "Published title"


def test_publisher_import_changes_a_published_activity(client):
    event = EventFactory(slug="published-one", title_en="Published title")
    client.force_login(StaffFactory(group="Publishers"))
    import_file(client, "admin:activities_event", _activity_csv("published-one", "Imported title"), CSV)
    assert Event.objects.get(pk=event.pk).title_en == "Imported title"
