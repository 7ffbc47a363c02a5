"""Uploaded files under /media/: the public's files of public records, staff's any (core.media)."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from core.enums import Status
from tests.factories import AttachmentFactory, EventFactory, PartnerAgencyFactory, PhotoFactory, StaffFactory

pytestmark = pytest.mark.django_db
YEAR = "public, max-age=31536000, immutable"


def body(response):
    return b"".join(response.streaming_content)


def stored(field_file):
    return Path(settings.MEDIA_ROOT, field_file.name).read_bytes()


@pytest.fixture
def editor_client(client):
    client.force_login(StaffFactory(group="Editors"))
    return client


def test_published_photo_rendition_is_served_for_a_year(client):
    photo = PhotoFactory()
    for rendition in (photo.image_small, photo.image_large):
        response = client.get(rendition.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == YEAR
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("inline;")  # shown, not downloaded
        # A shared cache may keep it for everyone: the answer does not depend on the session.
        assert "Cookie" not in response.get("Vary", "")
        assert body(response) == stored(rendition)


def test_original_photo_is_for_staff_only(client, editor_client):
    photo = PhotoFactory()
    assert photo.image.url.startswith("/media/photos/")
    anonymous = type(client)()
    assert anonymous.get(photo.image.url).status_code == 404
    response = editor_client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == stored(photo.image)


@pytest.mark.parametrize(
    "event_state",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + datetime.timedelta(days=3)},
    ],
    ids=["draft", "in review", "scheduled"],
)
def test_files_of_a_record_the_public_cannot_see_are_404(client, editor_client, event_state):
    event = EventFactory(**event_state)
    photo = PhotoFactory(event=event)
    attachment = AttachmentFactory(event=event)
    anonymous = type(client)()
    for url in (photo.image_small.url, photo.image_large.url, photo.image.url, attachment.file.url):
        assert anonymous.get(url).status_code == 404
        response = editor_client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_attachment_is_a_download_named_after_its_title(client):
    attachment = AttachmentFactory(title_en="Final report 2024", title_zh_hans="最终报告")
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="final-report-2024.pdf"'
    assert response["Cache-Control"] == YEAR
    assert response["X-Content-Type-Options"] == "nosniff"
    chinese = client.get(attachment.file.url, headers={"accept-language": "zh-hans"})
    assert body(chinese) == b"%PDF-1.4 test"


def test_partner_logo_is_public(client):
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(png, "PNG")
    agency = PartnerAgencyFactory(logo=ContentFile(png.getvalue(), name="logo.png"))
    response = client.get(agency.logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == YEAR


@pytest.mark.parametrize(
    "path",
    [
        "/media/../mmsp/settings/base.py",
        "/media/photos/../../manage.py",
        "/media/%2e%2e/manage.py",
        "/media/photos/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/media//etc/passwd",
        "/media/photos\\..\\..\\manage.py",
        "/media/photos/",
        "/media/photos/2024/01/unknown.jpg",
    ],
)
def test_traversal_and_unknown_paths_are_404(client, editor_client, path):
    PhotoFactory()
    assert client.get(path).status_code == 404
    assert editor_client.get(path).status_code == 404


def test_a_file_no_record_names_is_404_even_if_it_is_on_disk(client, editor_client):
    stray = Path(settings.MEDIA_ROOT, "photos", "stray.jpg")
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"\xff\xd8\xff")
    assert client.get("/media/photos/stray.jpg").status_code == 404
    assert editor_client.get("/media/photos/stray.jpg").status_code == 404


def test_replaced_and_deleted_files_are_404(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory()
    old_urls = [photo.image_small.url, photo.image_large.url]
    with django_capture_on_commit_callbacks(execute=True):
        photo.image = ContentFile(PhotoFactory.build().image.read(), name="new.png")
        photo.save()
    photo.refresh_from_db()
    assert client.get(photo.image_small.url).status_code == 200
    for url in old_urls:
        assert client.get(url).status_code == 404
    attachment = AttachmentFactory()
    url = attachment.file.url
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert client.get(url).status_code == 404


def test_a_named_file_missing_from_disk_is_404(client):
    photo = PhotoFactory()
    Path(settings.MEDIA_ROOT, photo.image_small.name).unlink()
    assert client.get(photo.image_small.url).status_code == 404


def test_head_answers_without_a_body_and_post_is_refused(client):
    photo = PhotoFactory()
    head = client.head(photo.image_small.url)
    assert head.status_code == 200
    assert head["Cache-Control"] == YEAR
    assert int(head["Content-Length"]) == len(stored(photo.image_small))
    assert client.post(photo.image_small.url).status_code == 405


def test_staff_without_permission_to_view_photos_get_404(client):
    photo = PhotoFactory()
    client.force_login(StaffFactory())  # staff, in no group
    assert client.get(photo.image.url).status_code == 404
