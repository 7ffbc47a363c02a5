"""The review of changes under races and odd states: a clear message, never a 500, nothing lost.

Runs on SQLite and on PostgreSQL (DATABASE_URL): the race is simulated by letting the look-up
for the pending revision miss the one another editor committed just before the insert.
"""

from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from activities.models import Event, Photo
from core import revisions
from core.enums import RevisionStatus, Status
from core.models import PendingRevision
from tests.core.test_revisions import EN, ZH, _post_new_photo, review_url, submit
from tests.core.test_workflow import change_url
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    PhaseFactory,
    PillarFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def _change(event, **fields):
    return {
        "fields": {name: {"old": getattr(event, name), "new": value} for name, value in fields.items()},
        "inlines": {},
    }


def _missing_the_first_look_up():
    """Patch: the first look-up for the pending revision finds none, as when another editor's
    revision is committed between this editor's look-up and insert."""
    real = revisions._pending_for_update
    calls = []

    def look_up(content_type, object_id):
        calls.append(object_id)
        return None if len(calls) == 1 else real(content_type, object_id)

    return mock.patch.object(revisions, "_pending_for_update", side_effect=look_up)


# --- 1. two editors make the first revision of a record at the same moment -------------------


def test_a_simultaneous_first_revision_merges_into_the_one_that_won():
    event = EventFactory(title_en="Old title", city_en="Beijing")
    first, second = StaffFactory(group="Editors"), StaffFactory(group="Translators")
    won = revisions.revision_submit(obj=event, user=first, changes=_change(event, title_en="New title"))

    with _missing_the_first_look_up():
        merged = revisions.revision_submit(obj=event, user=second, changes=_change(event, city_en="Tianjin"))

    assert merged.pk == won.pk
    pending = PendingRevision.objects.get(status=RevisionStatus.PENDING)
    assert pending.changes["fields"] == {
        "title_en": {"old": "Old title", "new": "New title"},
        "city_en": {"old": "Beijing", "new": "Tianjin"},
    }
    assert set(pending.authors.all()) == {first, second}
    assert Event.objects.get(pk=event.pk).title_en == "Old title"


def test_the_second_editor_of_a_simultaneous_save_is_told_it_waits_not_a_500(client):
    event = EventFactory(title_en="Old title", city_en="Beijing")
    revisions.revision_submit(
        obj=event, user=StaffFactory(group="Editors"), changes=_change(event, title_en="New title")
    )

    with _missing_the_first_look_up():
        response = submit(client, StaffFactory(group="Editors"), event, city_en="Tianjin")

    assert response.status_code == 302
    page = client.get(response.url, **EN).content.decode()
    assert "waiting for a publisher’s review" in page
    fields = PendingRevision.objects.get(status=RevisionStatus.PENDING).changes["fields"]
    assert fields["title_en"]["new"] == "New title" and fields["city_en"]["new"] == "Tianjin"


# --- 2. publishing checks the pillars against the phase as it is now ------------------------


@pytest.mark.parametrize(("language", "expected"), [(EN, "Phase 52"), (ZH, "第52期")])
def test_publishing_pillars_after_the_phase_changed_is_refused_by_name(client, language, expected):
    first_phase = PhaseFactory(number=51)
    event = EventFactory(phase=first_phase)
    pillar = PillarFactory(phase=first_phase, name_en="Labour mobility", name_zh_hans="劳动力流动")
    submit(client, StaffFactory(group="Editors"), event, pillars=[str(pillar.pk)])
    # A publisher moves the activity to another phase meanwhile (the revision's pillars: untouched).
    Event.objects.filter(pk=event.pk).update(phase=PhaseFactory(number=52))

    client.force_login(StaffFactory(group="Publishers"))
    response = client.post(review_url(event), {"_publish": "1"}, **language)

    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page
    assert ("51 · Labour mobility" if language is EN else "51 · 劳动力流动") in page
    assert list(Event.objects.get(pk=event.pk).pillars.all()) == []
    assert PendingRevision.objects.get().status == RevisionStatus.PENDING


def test_publishing_pillars_that_fit_the_phase_applies_them(client):
    event = EventFactory()
    pillar = PillarFactory(phase=event.phase)
    submit(client, StaffFactory(group="Editors"), event, pillars=[str(pillar.pk)])

    client.force_login(StaffFactory(group="Publishers"))
    assert client.post(review_url(event), {"_publish": "1"}, **EN).status_code == 302

    assert list(Event.objects.get(pk=event.pk).pillars.all()) == [pillar]


# --- 3. the list of changes waiting names each record without a query per row ---------------


def test_the_list_of_changes_waiting_runs_the_same_queries_for_one_row_or_many(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    editor = StaffFactory(group="Editors")
    first = EventFactory(title_en="First seminar")
    revisions.revision_submit(obj=first, user=editor, changes=_change(first, city_en="Tianjin"))
    client.force_login(StaffFactory(group="Publishers"))
    url = reverse("admin:core_pendingrevision_changelist")
    client.get(url, **EN)  # warm the caches (content types, permissions of the session)
    with CaptureQueriesContext(connection) as one_row:
        assert "First seminar" in client.get(url, **EN).content.decode()

    for number in range(6):
        event = EventFactory(title_en=f"Seminar {number}")
        revisions.revision_submit(obj=event, user=editor, changes=_change(event, city_en="Tianjin"))
    newsletter = NewsletterFactory(title_en="Issue on skills")
    revisions.revision_submit(obj=newsletter, user=editor, changes=_change(newsletter, title_en="Skills"))

    # One more query at most: the newsletters, a second kind of record, fetched all at once.
    with django_assert_max_num_queries(len(one_row) + 1):
        page = client.get(url, **EN).content.decode()
    assert all(f"Seminar {number}" in page for number in range(6))
    assert "Issue on skills" in page
    assert review_url(first) in page


def test_a_change_left_by_a_deleted_record_is_named_and_not_linked(client):
    event = EventFactory()
    revisions.revision_submit(
        obj=event, user=StaffFactory(group="Editors"), changes=_change(event, city_en="Tianjin")
    )
    revision = PendingRevision.objects.get()
    revision.status = RevisionStatus.REJECTED  # a decided one stays, for the record's history
    revision.save()
    event_pk = event.pk
    Event.objects.filter(pk=event_pk).delete()

    client.force_login(StaffFactory(group="Publishers"))
    response = client.get(reverse("admin:core_pendingrevision_changelist"), **ZH)

    assert response.status_code == 200
    assert f"#{event_pk}（已删除）" in response.content.decode()


# --- 4. the history tells a published review in the reader's language -----------------------


def test_the_history_shows_a_published_review_with_the_publishers_comment(client):
    event = EventFactory(title_en="Old title")
    submit(client, StaffFactory(group="Editors"), event, title_en="New title")
    revision = PendingRevision.objects.get()
    client.force_login(StaffFactory(group="Publishers"))
    client.post(review_url(event), {"_publish": "1", "comment": "Checked with the agency."}, **EN)
    history = reverse("admin:activities_event_history", args=[event.pk])

    english = client.get(history, **EN).content.decode()
    chinese = client.get(history, **ZH).content.decode()

    assert f"Published from review #{revision.pk}: Checked with the agency." in english
    assert f"发布自审核 #{revision.pk}：Checked with the agency." in chinese
    assert f"review #{revision.pk}</td>" not in english.replace("\n", "").replace(" ", "")


def test_the_history_shows_a_published_review_without_comment(client):
    event = EventFactory(title_en="Old title")
    submit(client, StaffFactory(group="Editors"), event, title_en="New title")
    revision = PendingRevision.objects.get()
    client.force_login(StaffFactory(group="Publishers"))
    client.post(review_url(event), {"_publish": "1"}, **EN)

    page = client.get(reverse("admin:activities_event_history", args=[event.pk]), **ZH).content.decode()

    assert f"发布自审核 #{revision.pk}" in page
    assert f"发布自审核 #{revision.pk}：" not in page


# --- the hostile review ---------------------------------------------------------------------


def test_a_bulk_unpublish_then_a_direct_edit_makes_the_waiting_change_a_conflict(client):
    event = EventFactory(title_en="Published title")
    submit(client, StaffFactory(group="Editors"), event, title_en="Waiting title")
    publisher = StaffFactory(group="Publishers")
    client.force_login(publisher)
    changelist = reverse("admin:activities_event_changelist")
    response = client.post(changelist, {"action": "unpublish", "_selected_action": [event.pk]}, **EN)
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == Status.DRAFT
    # The draft is edited directly now (no review for drafts)...
    submit(client, StaffFactory(group="Editors"), Event.objects.get(pk=event.pk), title_en="Draft title")

    # ...and the change waiting since before is not laid over it silently.
    client.force_login(publisher)
    page = client.post(review_url(event), {"_publish": "1"}, **EN)
    assert page.status_code == 200
    assert "the record changed since these changes were made" in page.content.decode()
    assert Event.objects.get(pk=event.pk).title_en == "Draft title"


def test_deleting_a_published_record_discards_its_waiting_change_and_upload(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    name = _post_new_photo(client, event)
    assert default_storage.exists(name)
    client.force_login(StaffFactory(group="Publishers"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:activities_event_delete", args=[event.pk]), {"post": "yes"}, **EN
        )

    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not PendingRevision.objects.filter(status=RevisionStatus.PENDING).exists()
    assert not default_storage.exists(name)
    index = client.get(reverse("admin:index"), **EN).content.decode()
    assert "changes to published records" in index
    assert client.get(review_url(event), **EN).status_code == 404


def test_publishing_a_photo_whose_upload_is_gone_is_refused_not_a_500(client):
    event = EventFactory()
    name = _post_new_photo(client, event)
    default_storage.delete(name)

    client.force_login(StaffFactory(group="Publishers"))
    response = client.post(review_url(event), {"_publish": "1"}, **EN)

    assert response.status_code == 200
    assert "no longer stored" in response.content.decode()
    assert not Photo.objects.filter(event=event).exists()
    assert PendingRevision.objects.get().status == RevisionStatus.PENDING


def test_the_review_page_of_a_record_without_changes_or_of_no_record_is_no_500(client):
    event = EventFactory()
    client.force_login(StaffFactory(group="Publishers"))

    assert client.get(review_url(event), **EN).status_code == 302
    assert client.post(review_url(event), {"_publish": "1"}, **EN).status_code == 302
    missing = reverse("admin:activities_event_review", args=[event.pk + 1000])
    assert client.get(missing, **EN).status_code == 404
    assert (
        client.get(reverse("admin:activities_event_review", args=["not-a-number"]), **EN).status_code == 404
    )
    assert client.get(change_url(event), **EN).status_code == 200


def test_the_authors_of_a_change_are_listed_with_the_chinese_separator(client):
    event = EventFactory()
    first, second = StaffFactory(group="Editors"), StaffFactory(group="Translators")
    revisions.revision_submit(obj=event, user=first, changes=_change(event, city_en="Tianjin"))
    revisions.revision_submit(obj=event, user=second, changes=_change(event, title_en="New title"))
    client.force_login(StaffFactory(group="Publishers"))

    review = client.get(review_url(event), **ZH).content.decode()
    listing = client.get(reverse("admin:core_pendingrevision_changelist"), **ZH).content.decode()

    names = sorted([str(first), str(second)])
    assert "、".join(names) in review or "、".join(reversed(names)) in review
    assert "、".join(names) in listing or "、".join(reversed(names)) in listing
