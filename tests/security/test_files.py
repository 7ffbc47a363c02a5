"""Uploaded files: no camera metadata in public, logos checked like photos, names follow the
content, no PDF with scripts, files gone with their records, and a newsletter PDF that links
only to the web and reads only the portal's own files."""

import io
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript

from activities.models import Attachment, Photo
from core import uploads
from newsletters.exporters import LocalFilesFetcher, PdfExporter
from partners.models import PartnerAgency
from tests.factories import AttachmentFactory, EventFactory, PartnerAgencyFactory, PhotoFactory

pytestmark = pytest.mark.django_db

SERIAL = "SN-4711-CAMERA"
COMMENT = b"shot at the ministry"


def camera_jpeg(size=(64, 48), orientation=6):
    """A JPEG as a phone writes it: GPS position, camera serial number, a comment, a rotation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.Exif] = {ExifTags.Base.BodySerialNumber: SERIAL}
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (39.0, 54.0, 27.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (116.0, 23.0, 50.0),
    }
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "JPEG", exif=exif, comment=COMMENT)
    return buffer.getvalue()


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 255, 128)).save(buffer, "PNG")
    return buffer.getvalue()


def stored(field_file):
    with field_file.open("rb"):
        return field_file.read()


def assert_no_camera_metadata(data):
    assert SERIAL.encode() not in data
    assert COMMENT not in data
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif


# --- Originals lose their metadata; the public sees the re-encoded copies ------------------------


def test_camera_jpeg_fixture_carries_gps_and_serial():
    data = camera_jpeg()
    assert SERIAL.encode() in data and uploads.carries_metadata(io.BytesIO(data))


def test_photo_original_is_stored_without_gps_serial_or_comment(admin_client):
    event = EventFactory()
    response = admin_client.post(
        reverse("admin:activities_photo_add"),
        {
            "event": event.pk,
            "image": SimpleUploadedFile("IMG_0001.JPG", camera_jpeg()),
            "caption_en": "Delegates",
            "caption_zh_hans": "代表团",
            "credit_en": "",
            "credit_zh_hans": "",
            "order": 0,
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get(event=event)

    original = stored(photo.image)
    assert_no_camera_metadata(original)
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif()[ExifTags.Base.Orientation] == 6  # the picture still stands upright
    for copy in (photo.image_small, photo.image_large):
        assert_no_camera_metadata(stored(copy))


def test_api_gives_the_re_encoded_copy_never_the_original(client, settings):
    photo = PhotoFactory(image=ContentFile(camera_jpeg(), name="camera.jpg"))

    response = client.get(f"/api/activities/{photo.event.slug}")

    assert response.status_code == 200, response.content[:300]
    urls = [item["url"] for item in response.json()["photos"]]
    assert urls == [f"http://127.0.0.1:8000{photo.image_large.url}"] or urls[0].endswith(
        photo.image_large.url
    )
    assert photo.image.url not in response.content.decode()


def test_command_strips_metadata_of_originals_stored_before(settings, django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    agency = PartnerAgencyFactory()
    # Files stored before the upload stripped them: written past the model's save.
    storage = photo.image.storage
    old_photo = storage.save("photos/old/camera.jpg", ContentFile(camera_jpeg()))
    old_logo = storage.save("partners/logos/old-logo.jpg", ContentFile(camera_jpeg()))
    Photo.objects.filter(pk=photo.pk).update(image=old_photo)
    PartnerAgency.objects.filter(pk=agency.pk).update(logo=old_logo)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata", stdout=io.StringIO())

    photo.refresh_from_db()
    agency.refresh_from_db()
    assert photo.image.name != old_photo and agency.logo.name != old_logo
    assert not storage.exists(old_photo) and not storage.exists(old_logo)
    assert_no_camera_metadata(stored(photo.image))
    assert_no_camera_metadata(stored(agency.logo))
    again = io.StringIO()
    call_command("strip_image_metadata", stdout=again)
    assert "1 saved" not in again.getvalue()


# --- Logos are checked as photos are, and every stored name follows the content ----------------


def agency_form(logo, **extra):
    return {
        "name_en": "Ministry of Logos",
        "name_zh_hans": "标志部",
        "acronym_en": "",
        "acronym_zh_hans": "",
        "slug": "ministry-of-logos",
        "side": "china",
        "kind": "government",
        "country": "",
        "website": "",
        "logo": logo,
        "description_en": "",
        "description_zh_hans": "",
        **extra,
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.gif", None, "This is a GIF image; only JPEG, PNG and WebP images are accepted."),
        ("logo.png", b"not an image at all" * 10, "This file is not a JPEG, PNG or WebP image"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG images",
        ),
    ],
)
def test_logo_refuses_what_a_photo_refuses(admin_client, name, content, message):
    if content is None:
        buffer = io.BytesIO()
        Image.new("P", (10, 10)).save(buffer, "GIF")
        content = buffer.getvalue()

    response = admin_client.post(
        reverse("admin:partners_partneragency_add"), agency_form(SimpleUploadedFile(name, content))
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PartnerAgency.objects.filter(slug="ministry-of-logos").exists()


def test_logo_refuses_too_many_pixels(monkeypatch):
    monkeypatch.setattr(uploads, "PHOTO_MAX_PIXELS", 100)
    agency = PartnerAgencyFactory.build(logo=SimpleUploadedFile("big.png", png_bytes((20, 20))))

    with pytest.raises(ValidationError) as caught:
        agency.full_clean()

    assert caught.value.error_dict["logo"][0].code == "too_many_pixels"


def test_logo_name_is_generated_and_follows_the_format(admin_client):
    response = admin_client.post(
        reverse("admin:partners_partneragency_add"),
        agency_form(SimpleUploadedFile("Secret Strategy Draft.pdf", camera_jpeg())),
    )

    assert response.status_code == 302
    logo = PartnerAgency.objects.get(slug="ministry-of-logos").logo
    assert logo.name.startswith("partners/logos/") and logo.name.endswith(".jpg")
    assert "Secret" not in logo.name
    assert_no_camera_metadata(stored(logo))


def test_photo_sent_with_a_pdf_name_is_stored_as_jpg():
    photo = PhotoFactory(image=SimpleUploadedFile("holiday.pdf", camera_jpeg()))
    assert photo.image.name.endswith(".jpg")
    png = PhotoFactory(image=SimpleUploadedFile("scan.jpg", png_bytes()))
    assert png.image.name.endswith(".png")


def test_attachment_saved_past_the_validator_is_named_after_its_content():
    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(pdf)

    attachment = AttachmentFactory(file=ContentFile(pdf.getvalue(), name="minutes.exe"))

    assert attachment.file.name.endswith(".pdf")


# --- PDFs with scripts or launch actions are refused ---------------------------------------------


def pdf_with(*, js=None, raw_catalog_extra=b""):
    if raw_catalog_extra:
        return (
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R " + raw_catalog_extra + b" >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        )
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    if js:
        writer.add_open_action(JavaScript(js))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def object_stream_pdf(catalog_extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"):
    """A PDF 1.5 whose catalog sits in a compressed object stream: no byte of it shows /JS."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    header, body = b"", b""
    for number, obj in enumerate(objects, 1):
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    packed = zlib.compress(header + body)
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    stream_at = out.tell()
    out.write(
        b"3 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(packed))
    )
    out.write(packed + b"\nendstream\nendobj\n")
    xref_at = out.tell()
    # Cross-reference stream, /W [1 2 1]: free; in stream 3 at 0 and 1; at stream_at; at xref_at.
    rows = [b"\x00\x00\x00\xff", b"\x02\x00\x03\x00", b"\x02\x00\x03\x01"]
    rows += [b"\x01" + stream_at.to_bytes(2, "big") + b"\x00", b"\x01" + xref_at.to_bytes(2, "big") + b"\x00"]
    data = b"".join(rows)
    out.write(b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n" % len(data))
    out.write(data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    content = out.getvalue()
    assert b"/JS" not in content
    return content


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(pdf_with(js="app.alert('hi')"), id="javascript-name-tree"),
        pytest.param(
            pdf_with(raw_catalog_extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
            id="open-action-js",
        ),
        pytest.param(pdf_with(raw_catalog_extra=b"/OpenAction << /S /Launch /F (calc.exe) >>"), id="launch"),
        pytest.param(
            pdf_with(raw_catalog_extra=b"/AA << /O << /S /J#61vaScript /J#53 (x) >> >>"), id="aa-escaped"
        ),
        pytest.param(object_stream_pdf(), id="in-a-compressed-object-stream"),
    ],
)
def test_attachment_refuses_pdf_with_scripts_or_launch_actions(content):
    with pytest.raises(ValidationError) as caught:
        uploads.validate_attachment(SimpleUploadedFile("agenda.pdf", content))
    assert caught.value.code == "pdf_active_content"


def test_attachment_accepts_a_plain_pdf_and_one_opening_at_a_page():
    uploads.validate_attachment(SimpleUploadedFile("agenda.pdf", pdf_with()))
    uploads.validate_attachment(
        SimpleUploadedFile("agenda.pdf", pdf_with(raw_catalog_extra=b"/OpenAction [3 0 R /Fit]"))
    )
    uploads.validate_attachment(SimpleUploadedFile("agenda.pdf", object_stream_pdf(catalog_extra=b"")))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "PDF files with JavaScript"), ("zh-hans", "不接受含有 JavaScript")],
)
def test_pdf_script_refusal_is_explained_in_both_languages(lang, expected):
    with pytest.raises(ValidationError) as caught:
        uploads.validate_attachment(SimpleUploadedFile("agenda.pdf", pdf_with(js="app.alert(1)")))
    with translation.override(lang):
        assert expected in " ".join(caught.value.messages)


# --- Files go with their records, once the transaction commits -----------------------------------


def test_deleting_a_photo_deletes_its_original_and_copies_on_commit(django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    files = [photo.image, photo.image_small, photo.image_large]
    names = [file.name for file in files]
    storage = photo.image.storage
    assert all(storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()

    assert not any(storage.exists(name) for name in names)


def test_deleting_an_activity_deletes_its_photos_and_attachments_files(django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    attachment = AttachmentFactory(event=photo.event)
    names = [photo.image.name, photo.image_small.name, photo.image_large.name, attachment.file.name]
    storage = photo.image.storage

    with django_capture_on_commit_callbacks(execute=True):
        photo.event.delete()

    assert not any(storage.exists(name) for name in names)


def test_replacing_a_logo_or_an_attachment_deletes_the_old_file(django_capture_on_commit_callbacks):
    agency = PartnerAgencyFactory(logo=ContentFile(png_bytes(), name="a.png"))
    attachment = AttachmentFactory()
    old = [agency.logo.name, attachment.file.name]
    storage = agency.logo.storage

    with django_capture_on_commit_callbacks(execute=True):
        agency.logo = ContentFile(png_bytes((8, 8)), name="b.png")
        agency.save()
        attachment.file = ContentFile(pdf_with(), name="new.pdf")
        attachment.save()

    assert not any(storage.exists(name) for name in old)
    assert storage.exists(agency.logo.name) and storage.exists(attachment.file.name)


def test_a_rolled_back_deletion_deletes_no_file():
    photo = PhotoFactory()
    names = [photo.image.name, photo.image_small.name, photo.image_large.name]
    storage = photo.image.storage

    with pytest.raises(RuntimeError), transaction.atomic():
        Photo.objects.get(pk=photo.pk).delete()
        Attachment.objects.all().delete()
        raise RuntimeError("the admin's save failed")

    assert Photo.objects.filter(pk=photo.pk).exists()
    assert all(storage.exists(name) for name in names)


# --- The newsletter PDF links only to the web, and reads only the portal's files ---------------


def pdf_link_targets(content):
    targets = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                targets.append(str(action["/URI"]))
            if "/F" in action or action.get("/S") in ("/Launch", "/GoToR"):
                targets.append(f"{action.get('/S')}:{action.get('/F')}")
    return targets


def test_newsletter_pdf_links_only_to_the_web(settings, tmp_path):
    from tests.newsletters.sample import build_issue_11

    issue = build_issue_11(photo_size=(160, 100))
    section = issue.sections.get(kind="policy_corner")
    section.body_en = (
        '<p><a href="//host/share/x.exe">share</a> <a href="/etc/passwd">passwd</a> '
        '<a href="file:///etc/passwd">file</a> <a href="https://example.org/report">web</a> '
        '<a href="/en/activities/">portal</a></p>'
    )
    section.save()
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)

    targets = pdf_link_targets(PdfExporter().render(issue, "en"))

    assert targets, "the PDF has links"
    assert not [target for target in targets if not target.startswith(("http://", "https://", "mailto:"))]
    assert not [
        target for target in targets if "passwd" in target and not target.startswith(settings.SITE_URL)
    ]
    assert "https://example.org/report" in targets
    assert "http://host/share/x.exe" in targets  # a web address now, no longer a file share
    assert f"{settings.SITE_URL}/en/activities/" in targets


def test_newsletter_pdf_reads_no_file_outside_media_and_static(settings):
    fetcher = LocalFilesFetcher()
    for url in ("file:///etc/passwd", "file://host/share/x.exe", f"{settings.SITE_URL}/etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
