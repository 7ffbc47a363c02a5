"""The review of changes to published records: services and the admin (core.revisions)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import Event, Photo
from core import revisions
from core.enums import RevisionStatus, Status
from core.models import PendingRevision
from newsletters.models import Newsletter, NewsletterSection
from tests.core import test_workflow
from tests.core.test_workflow import change_url
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    NewsletterSectionFactory,
    PhotoFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def form_data(client, obj, **changes):
    """test_workflow's form data, with the inline rows' order 0 (which it takes for empty) put back."""
    data = test_workflow.form_data(client, obj)
    for key in list(data):
        if key.endswith("-id") and f"{key[:-3]}-order" not in data:
            data[f"{key[:-3]}-order"] = "0"
    return {**data, **changes}


def review_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[obj.pk])


def public_text(client, event, language="en"):
    client.logout()
    prefix = "/zh-hans" if language == "zh-hans" else ""
    response = client.get(prefix + event.get_absolute_url().removeprefix("/zh-hans"))
    return response.content.decode()


def submit(client, user, obj, **changes):
    client.force_login(user)
    response = client.post(change_url(obj), form_data(client, obj, **changes), **EN)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return response


def test_translator_change_to_a_published_activity_waits_and_the_public_keeps_the_old_text(client):
    event = EventFactory(summary_zh_hans="关于移民的研讨会。")
    submit(client, StaffFactory(group="Translators"), event, summary_zh_hans="关于签证便利化的研讨会。")

    assert Event.objects.get(pk=event.pk).summary_zh_hans == "关于移民的研讨会。"
    revision = revisions.pending_revision(event)
    assert revision.changes["fields"] == {
        "summary_zh_hans": {"old": "关于移民的研讨会。", "new": "关于签证便利化的研讨会。"}
    }
    assert "关于签证便利化" not in public_text(client, event, "zh-hans")

    client.force_login(StaffFactory(group="Translators"))
    page = client.get(change_url(event), **EN).content.decode()
    assert "Changes waiting for review" in page


def test_publisher_sees_the_difference_and_publishing_makes_it_public(client):
    event = EventFactory(title_en="Seminar on labour mobility")
    submit(client, StaffFactory(group="Editors"), event, title_en="Seminar on skills mobility")

    publisher = StaffFactory(group="Publishers")
    client.force_login(publisher)
    page = client.get(review_url(event), **EN).content.decode()
    assert "Title (English)" in page
    assert "<del>labour</del>" in page and "<ins>skills</ins>" in page

    response = client.post(review_url(event), {"_publish": "1"}, **EN)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Seminar on skills mobility"
    assert event.updated_by == publisher
    assert event.history.latest().history_change_reason.startswith("review #")
    assert PendingRevision.objects.get().status == RevisionStatus.PUBLISHED
    assert "Seminar on skills mobility" in public_text(client, event)


def test_chinese_difference_is_marked_by_character(client):
    before, after = revisions.word_diff("关于移民的研讨会", "关于签证的研讨会", chinese=True)
    assert before == "关于<del>移民</del>的研讨会"
    assert after == "关于<ins>签证</ins>的研讨会"


def test_reject_needs_a_comment_and_the_author_reads_it(client):
    event = EventFactory()
    editor = StaffFactory(group="Editors")
    submit(client, editor, event, city_en="Shanghai")
    client.force_login(StaffFactory(group="Publishers"))

    refused = client.post(review_url(event), {"_reject": "1", "comment": "  "}, **EN)
    assert refused.status_code == 200
    assert revisions.pending_revision(event) is not None

    client.post(review_url(event), {"_reject": "1", "comment": "The venue was in Beijing."}, **EN)

    assert Event.objects.get(pk=event.pk).city_en == "Beijing"
    assert PendingRevision.objects.get().status == RevisionStatus.REJECTED
    client.force_login(editor)
    page = client.get(change_url(event), **EN).content.decode()
    assert "Your last changes were rejected" in page and "The venue was in Beijing." in page


def test_a_second_change_merges_into_the_pending_revision(client):
    event = EventFactory(title_en="Old title", city_en="Beijing")
    submit(client, StaffFactory(group="Editors"), event, title_en="New title")
    submit(client, StaffFactory(group="Translators"), event, title_zh_hans="新标题")
    submit(client, StaffFactory(group="Editors"), event, city_en="Shanghai")

    revision = PendingRevision.objects.get()
    assert set(revision.changes["fields"]) == {"title_en", "title_zh_hans", "city_en"}
    assert revision.authors.count() == 3
    # Changed back to the published value: that field no longer waits.
    submit(client, StaffFactory(group="Editors"), event, city_en="Beijing")
    assert set(PendingRevision.objects.get().changes["fields"]) == {"title_en", "title_zh_hans"}


def test_publish_is_refused_when_the_record_changed_meanwhile_in_a_touched_field(client):
    event = EventFactory(title_en="Old title")
    submit(client, StaffFactory(group="Editors"), event, title_en="Editor's title")
    publisher = StaffFactory(group="Publishers")
    submit(client, publisher, event, title_en="Publisher's title")  # a publisher's change goes live

    assert Event.objects.get(pk=event.pk).title_en == "Publisher's title"
    response = client.post(review_url(event), {"_publish": "1"}, **EN)

    assert response.status_code == 200
    assert "the record changed since these changes were made" in response.content.decode()
    assert Event.objects.get(pk=event.pk).title_en == "Publisher's title"
    assert revisions.pending_revision(event) is not None


def test_deleting_and_captioning_photos_of_a_published_activity_wait_for_review(client):
    event = EventFactory()
    kept = PhotoFactory(event=event, caption_en="Opening")
    gone = PhotoFactory(event=event, caption_en="Closing")
    client.force_login(StaffFactory(group="Editors"))
    data = form_data(client, event)
    prefix = next(
        key[: -len("-TOTAL_FORMS")] for key in data if key.endswith("-TOTAL_FORMS") and "photo" in key
    )
    for index in range(2):
        if data[f"{prefix}-{index}-id"] == str(gone.pk):
            data[f"{prefix}-{index}-DELETE"] = "on"
        else:
            data[f"{prefix}-{index}-caption_en"] = "Opening session"
    assert client.post(change_url(event), data, **EN).status_code == 302

    assert Photo.objects.filter(pk=gone.pk).exists()
    assert Photo.objects.get(pk=kept.pk).caption_en == "Opening"
    entry = revisions.pending_revision(event).changes["inlines"]["activities.photo"]
    assert [row["pk"] for row in entry["deleted"]] == [gone.pk]

    client.force_login(StaffFactory(group="Publishers"))
    page = client.get(review_url(event), **EN).content.decode()
    assert "Deleted:" in page and "<ins> session</ins>" in page
    client.post(review_url(event), {"_publish": "1"}, **EN)
    assert not Photo.objects.filter(pk=gone.pk).exists()
    assert Photo.objects.get(pk=kept.pk).caption_en == "Opening session"


def test_newsletter_section_change_waits_and_publishes(client):
    newsletter = NewsletterFactory()
    section = NewsletterSectionFactory(newsletter=newsletter, title_en="Events")
    client.force_login(StaffFactory(group="Editors"))
    data = form_data(client, newsletter)
    key = next(k for k, v in data.items() if k.endswith("-title_en") and v == "Events")
    data[key] = "Events of the quarter"
    assert client.post(change_url(newsletter), data, **EN).status_code == 302
    assert NewsletterSection.objects.get(pk=section.pk).title_en == "Events"

    client.force_login(StaffFactory(group="Publishers"))
    client.post(review_url(newsletter), {"_publish": "1"}, **EN)
    assert NewsletterSection.objects.get(pk=section.pk).title_en == "Events of the quarter"


def test_changes_to_drafts_are_saved_at_once(client):
    event = EventFactory(status=Status.DRAFT, title_en="Draft title")
    submit(client, StaffFactory(group="Editors"), event, title_en="Better draft title")
    assert Event.objects.get(pk=event.pk).title_en == "Better draft title"
    assert not PendingRevision.objects.exists()


def test_services_refuse_a_non_publisher_and_a_second_decision():
    event = EventFactory()
    editor = StaffFactory(group="Editors")
    revision = revisions.revision_submit(
        obj=event,
        user=editor,
        changes={"fields": {"city_en": {"old": "Beijing", "new": "Xi'an"}}, "inlines": {}},
    )
    with pytest.raises(ValidationError):
        revisions.revision_publish(revision=revision, user=editor, save_record=lambda obj, m2m: obj.save())
    publisher = StaffFactory(group="Publishers")
    revisions.revision_reject(revision=revision, user=publisher, comment="No.")
    with pytest.raises(ValidationError):
        revisions.revision_publish(revision=revision, user=publisher, save_record=lambda obj, m2m: obj.save())
    assert Event.objects.get(pk=event.pk).city_en == "Beijing"


def test_admin_index_shows_what_waits_for_each_role(client):
    event = EventFactory()
    EventFactory(status=Status.IN_REVIEW)
    EventFactory(status=Status.DRAFT, summary_zh_hans="")
    submit(client, StaffFactory(group="Editors"), event, city_en="Tianjin")

    client.force_login(StaffFactory(group="Publishers"))
    page = client.get(reverse("admin:index"), **EN).content.decode()
    assert "Waiting for review (2)" in page
    content_type = ContentType.objects.get_for_model(Event)
    pending_url = (
        reverse("admin:core_pendingrevision_changelist")
        + f"?status__exact=pending&amp;content_type__id__exact={content_type.pk}"
    )
    assert pending_url in page
    assert client.get(pending_url.replace("&amp;", "&"), **EN).status_code == 200

    client.force_login(StaffFactory(group="Translators"))
    page = client.get(reverse("admin:index"), **ZH).content.decode()
    assert "等待翻译" in page
    assert "?translation=todo" in page
    assert "Waiting for review" not in page and "等待审核" not in page
    listed = client.get(reverse("admin:activities_event_changelist") + "?translation=todo", **EN)
    assert [obj.summary_zh_hans for obj in listed.context["cl"].result_list] == [""]


def test_newsletter_publish_applies_through_the_review_page(client):
    newsletter = NewsletterFactory(title_en="Issue on mobility")
    submit(client, StaffFactory(group="Editors"), newsletter, title_en="Issue on skills")
    assert Newsletter.objects.get(pk=newsletter.pk).title_en == "Issue on mobility"
    client.force_login(StaffFactory(group="Publishers"))
    client.post(review_url(newsletter), {"_publish": "1"}, **EN)
    assert Newsletter.objects.get(pk=newsletter.pk).title_en == "Issue on skills"


def test_the_form_opens_on_the_changes_waiting_for_non_publishers_only(client):
    event = EventFactory(title_en="Published title")
    submit(client, StaffFactory(group="Editors"), event, title_en="Waiting title")

    client.force_login(StaffFactory(group="Editors"))
    assert (
        client.get(change_url(event), **EN).context["adminform"].form["title_en"].value() == "Waiting title"
    )
    client.force_login(StaffFactory(group="Publishers"))
    page = client.get(change_url(event), **EN)
    assert page.context["adminform"].form["title_en"].value() == "Published title"
    assert review_url(event) in page.content.decode()


def test_the_refused_publish_names_the_fields_in_chinese(client):
    event = EventFactory(title_zh_hans="旧标题", city_zh_hans="北京")
    submit(client, StaffFactory(group="Translators"), event, title_zh_hans="新标题", city_zh_hans="上海")
    Event.objects.filter(pk=event.pk).update(title_zh_hans="别的标题", city_zh_hans="天津")

    client.force_login(StaffFactory(group="Publishers"))
    page = client.post(review_url(event), {"_publish": "1"}, **ZH).content.decode()

    assert "标题（中文）、城市（中文）" in page or "城市（中文）、标题（中文）" in page
    assert Event.objects.get(pk=event.pk).title_zh_hans == "别的标题"


def _post_new_photo(client, event):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.core.test_uploads import image_bytes

    client.force_login(StaffFactory(group="Editors"))
    data = form_data(client, event)
    prefix = next(
        key[: -len("-TOTAL_FORMS")] for key in data if key.endswith("-TOTAL_FORMS") and "photo" in key
    )
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data.update(
        {
            f"{prefix}-0-image": SimpleUploadedFile("forum.jpg", image_bytes(), content_type="image/jpeg"),
            f"{prefix}-0-caption_en": "Forum opening",
            f"{prefix}-0-caption_zh_hans": "论坛开幕",
            f"{prefix}-0-order": "0",
        }
    )
    assert client.post(change_url(event), data, **EN).status_code == 302
    return revisions.pending_revision(event).changes["inlines"]["activities.photo"]["added"][0]["fields"][
        "image"
    ]


def test_a_rejected_photo_upload_leaves_no_file_behind(client):
    from django.core.files.storage import default_storage

    event = EventFactory()
    name = _post_new_photo(client, event)
    assert default_storage.exists(name)

    client.force_login(StaffFactory(group="Publishers"))
    client.post(review_url(event), {"_reject": "1", "comment": "Not this photo."}, **EN)

    assert not default_storage.exists(name)
    assert not Photo.objects.filter(event=event).exists()


def test_a_photo_added_to_a_published_activity_waits_then_arrives_with_its_renditions(client):
    event = EventFactory()
    image = _post_new_photo(client, event)
    assert not Photo.objects.filter(event=event).exists()
    assert image.endswith(".jpg")

    client.force_login(StaffFactory(group="Publishers"))
    client.post(review_url(event), {"_publish": "1"}, **EN)

    photo = Photo.objects.get(event=event)
    assert (photo.caption_zh_hans, photo.image.name) == ("论坛开幕", image)
    assert photo.image_small and photo.image_large
