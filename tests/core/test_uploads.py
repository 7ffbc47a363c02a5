"""Uploads are checked by content, photos get scaled copies, and the pages show those copies."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFile

from activities.models import Attachment, Photo
from core import uploads
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    NewsletterSectionFactory,
    PhotoFactory,
    SectionEventFactory,
)

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
TEXT = b"Minutes of the meeting, typed in a text editor.\n" * 20
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(image_format="JPEG", size=(64, 48), mode="RGB", color="blue", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


def office_bytes(folder, *extra):
    """A zip with the parts that make it an Office package of one kind: [Content_Types].xml and its folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        for name in (f"{folder}document.xml", *extra):
            archive.writestr(name, '<?xml version="1.0"?><root/>')
    return buffer.getvalue()


def xlsx_bytes():
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Participants"
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def refusal(validator, file):
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value


def stored_files(settings):
    media = Path(settings.MEDIA_ROOT)
    return sorted(path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file())


def width_of(field_file):
    with field_file.open("rb"), Image.open(field_file) as image:
        return image.width


# The photo validator


@pytest.mark.parametrize(
    ("name", "image_format"), [("photo.jpg", "JPEG"), ("photo.png", "PNG"), ("photo.webp", "WEBP")]
)
def test_validate_photo_accepts_jpeg_png_and_webp(name, image_format):
    file = upload(name, image_bytes(image_format))

    uploads.validate_photo(file)

    assert file.tell() == 0


def test_validate_photo_refuses_text_renamed_jpg():
    error = refusal(uploads.validate_photo, upload("photo.jpg", TEXT))

    assert error.code == "not_an_image"
    assert "not a JPEG, PNG or WebP image" in error.messages[0]


def test_validate_photo_refuses_svg_whatever_its_name():
    for name in ("logo.svg", "logo.png"):
        error = refusal(uploads.validate_photo, upload(name, SVG))

        assert error.code == "svg"
        assert error.messages[0].startswith("SVG images are not accepted")


def test_validate_photo_refuses_html_renamed_jpg():
    assert refusal(uploads.validate_photo, upload("photo.jpg", HTML)).code == "not_an_image"


def test_validate_photo_refuses_image_over_10_mb():
    # A real JPEG that decodes fine, padded past the limit after its end marker.
    content = image_bytes("JPEG") + bytes(uploads.PHOTO_MAX_BYTES)

    error = refusal(uploads.validate_photo, upload("photo.jpg", content))

    assert error.code == "photo_too_large"
    assert "10.0\xa0MB" in error.messages[0]


def test_validate_photo_refuses_gif_naming_its_format():
    error = refusal(uploads.validate_photo, upload("animation.jpg", image_bytes("GIF")))

    assert error.code == "wrong_image_format"
    assert error.messages[0].startswith("This is a GIF image")


@pytest.mark.parametrize("load_truncated_images", [False, True])
def test_validate_photo_refuses_truncated_jpeg(monkeypatch, load_truncated_images):
    # WeasyPrint turns this Pillow setting on when the PDF export is imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated_images)
    content = image_bytes("JPEG", size=(400, 300), color="red")

    error = refusal(uploads.validate_photo, upload("photo.jpg", content[: len(content) // 2]))

    assert error.code == "damaged_image"


def test_validate_photo_refuses_too_many_pixels(monkeypatch):
    monkeypatch.setattr(uploads, "PHOTO_MAX_PIXELS", 100 * 100)

    error = refusal(uploads.validate_photo, upload("photo.png", image_bytes("PNG", size=(200, 100))))

    assert error.code == "too_many_pixels"


def test_validate_photo_skips_a_stored_file_even_when_missing(db):
    photo = PhotoFactory()
    photo.image.storage.delete(photo.image.name)

    photo.refresh_from_db()
    photo.full_clean()


def test_photo_form_field_says_why_a_file_is_refused():
    field = uploads.PhotoFormField()

    with pytest.raises(ValidationError) as svg:
        field.clean(upload("logo.svg", SVG))
    with pytest.raises(ValidationError) as text:
        field.clean(upload("photo.jpg", TEXT))

    assert svg.value.messages[0].startswith("SVG images are not accepted")
    assert text.value.messages[0].startswith("This file is not a JPEG, PNG or WebP image")
    assert field.clean(upload("photo.png", image_bytes("PNG"))).image.format == "PNG"


# The attachment validator


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", PDF),
        ("report.docx", office_bytes("word/")),
        ("slides.pptx", office_bytes("ppt/")),
        ("figures.xlsx", xlsx_bytes()),
        ("FIGURES.XLSX", xlsx_bytes()),
    ],
)
def test_validate_attachment_accepts_each_kind(name, content):
    file = upload(name, content)

    uploads.validate_attachment(file)

    assert file.tell() == 0


def test_validate_attachment_refuses_text_renamed_pdf():
    error = refusal(uploads.validate_attachment, upload("agenda.pdf", TEXT))

    assert error.code == "not_a_document"
    assert "not a PDF, DOCX, PPTX or XLSX document" in error.messages[0]


@pytest.mark.parametrize(("name", "content"), [("page.html", HTML), ("agenda.pdf", HTML), ("logo.svg", SVG)])
def test_validate_attachment_refuses_html_and_svg(name, content):
    error = refusal(uploads.validate_attachment, upload(name, content))

    assert error.code == "markup"
    assert error.messages[0].startswith("HTML and SVG files are not accepted")


def test_validate_attachment_refuses_file_over_25_mb():
    content = PDF + bytes(uploads.ATTACHMENT_MAX_BYTES)

    error = refusal(uploads.validate_attachment, upload("report.pdf", content))

    assert error.code == "attachment_too_large"
    assert "25.0\xa0MB" in error.messages[0]


def test_validate_attachment_refuses_docx_named_pdf():
    error = refusal(uploads.validate_attachment, upload("agenda.pdf", office_bytes("word/")))

    assert error.code == "wrong_extension"
    assert error.messages[0].startswith("This file is a DOCX document, but its name does not end in .docx")


def test_validate_attachment_refuses_plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/notes.txt", "not an Office package")

    assert refusal(uploads.validate_attachment, upload("report.docx", buffer.getvalue())).code == (
        "not_a_document"
    )


def test_validate_attachment_refuses_old_office_format():
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)

    assert refusal(uploads.validate_attachment, upload("report.doc", content)).code == "old_office_format"


def test_validate_attachment_refuses_document_with_macros():
    content = office_bytes("word/", "word/vbaProject.bin")

    assert refusal(uploads.validate_attachment, upload("report.docx", content)).code == "macros"


# Scaled versions


def test_photo_renditions_fit_within_480_and_1600_pixels(db):
    photo = PhotoFactory(image=ContentFile(image_bytes("JPEG", size=(2400, 1200)), name="wide.jpg"))

    photo.refresh_from_db()
    assert photo.image_small.name != photo.image_large.name
    assert re.fullmatch(r"photos/\d{4}/\d\d/[0-9a-f]{32}\.jpg", photo.image_small.name)
    assert width_of(photo.image_small) == 480
    assert width_of(photo.image_large) == 1600
    assert width_of(photo.image) == 2400


def test_photo_renditions_follow_exif_orientation(db):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees: the camera was held upright
    content = image_bytes("JPEG", size=(600, 300), exif=exif.tobytes())

    photo = PhotoFactory(image=ContentFile(content, name="upright.jpg"))

    with photo.image_small.open("rb"), Image.open(photo.image_small) as small:
        assert small.size == (300, 600)


def test_photo_renditions_put_transparency_on_white(db):
    content = image_bytes("PNG", size=(40, 40), mode="RGBA", color=(255, 0, 0, 0))

    photo = PhotoFactory(image=ContentFile(content, name="logo.png"))

    with photo.image_small.open("rb"), Image.open(photo.image_small) as small:
        assert small.format == "JPEG"
        assert small.getpixel((20, 20)) == (255, 255, 255)


def test_photo_without_its_file_keeps_renditions_empty(db):
    photo = Photo.objects.create(event=EventFactory(), image="photos/load/missing.jpg")

    photo.caption_en = "Saved again"
    photo.save()

    photo.refresh_from_db()
    assert not photo.image_small and not photo.image_large


def test_photo_saved_without_new_image_keeps_its_renditions(db):
    photo = PhotoFactory()
    photo.refresh_from_db()
    names = (photo.image_small.name, photo.image_large.name)

    photo.caption_en = "New caption"
    photo.save()

    photo.refresh_from_db()
    assert (photo.image_small.name, photo.image_large.name) == names


def test_photo_new_image_replaces_renditions_and_deletes_old_ones(
    db, settings, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    old = [photo.image_small.name, photo.image_large.name]

    with django_capture_on_commit_callbacks(execute=True):
        photo.image = ContentFile(image_bytes("PNG", size=(900, 600)), name="new.png")
        photo.save()

    photo.refresh_from_db()
    assert width_of(photo.image_small) == 480
    assert width_of(photo.image_large) == 900
    files = stored_files(settings)
    assert photo.image_small.name in files and photo.image_large.name in files
    assert not set(old) & set(files)


def test_photo_given_back_an_older_image_gets_renditions_of_it(db):
    photo = PhotoFactory(image=ContentFile(image_bytes("JPEG", size=(1000, 500)), name="first.jpg"))
    first = photo.image.name
    photo.image = ContentFile(image_bytes("JPEG", size=(300, 150)), name="second.jpg")
    photo.save()

    photo.image = first  # as restoring a version from the history does
    photo.save()

    photo.refresh_from_db()
    assert width_of(photo.image_small) == 480
    assert width_of(photo.image_large) == 1000


# Through the admin


def photo_form(event, image):
    return {
        "event": event.pk,
        "image": image,
        "caption_en": "Delegates at the port",
        "caption_zh_hans": "港口的代表团",
        "credit_en": "",
        "credit_zh_hans": "",
        "order": 0,
    }


def form_errors(response, field):
    assert response.status_code == 200
    return response.context["adminform"].form.errors.get(field, [])


@pytest.mark.parametrize(("name", "content"), [("photo.jpg", TEXT), ("logo.svg", SVG), ("photo.jpg", SVG)])
def test_photo_admin_refuses_text_and_svg(admin_client, settings, name, content):
    event = EventFactory()

    response = admin_client.post(
        reverse("admin:activities_photo_add"), photo_form(event, upload(name, content))
    )

    assert form_errors(response, "image")
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


def test_photo_admin_refuses_image_over_the_limit(admin_client, settings, monkeypatch):
    monkeypatch.setattr(uploads, "PHOTO_MAX_BYTES", 100)
    event = EventFactory()
    content = image_bytes("JPEG")

    response = admin_client.post(
        reverse("admin:activities_photo_add"), photo_form(event, upload("photo.jpg", content))
    )

    errors = form_errors(response, "image")
    assert errors and errors[0].startswith("This image is ") and "100\xa0bytes" in errors[0]
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


def test_photo_admin_accepts_jpeg_and_makes_scaled_versions(admin_client, settings):
    event = EventFactory()
    content = image_bytes("JPEG", size=(2000, 1000))

    response = admin_client.post(
        reverse("admin:activities_photo_add"), photo_form(event, upload("IMG_0001.JPG", content))
    )

    assert response.status_code == 302
    photo = Photo.objects.get(event=event)
    assert "IMG_0001" not in photo.image.name
    assert {photo.image.name, photo.image_small.name, photo.image_large.name} <= set(stored_files(settings))
    assert width_of(photo.image_small) == 480
    assert width_of(photo.image_large) == 1600


def attachment_form(event, file):
    return {
        "event": event.pk,
        "kind": "agenda",
        "title_en": "Agenda",
        "title_zh_hans": "议程",
        "file": file,
        "language": "en",
        "order": 0,
    }


def test_attachment_admin_refuses_text_renamed_pdf(admin_client, settings):
    event = EventFactory()

    response = admin_client.post(
        reverse("admin:activities_attachment_add"), attachment_form(event, upload("agenda.pdf", TEXT))
    )

    errors = form_errors(response, "file")
    assert errors and "not a PDF, DOCX, PPTX or XLSX document" in errors[0]
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_attachment_admin_accepts_xlsx(admin_client, settings):
    event = EventFactory()

    response = admin_client.post(
        reverse("admin:activities_attachment_add"),
        attachment_form(event, upload("figures.xlsx", xlsx_bytes())),
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get(event=event)
    assert attachment.file.name.endswith(".xlsx") and "figures" not in attachment.file.name
    assert stored_files(settings) == [attachment.file.name]


# The pages show the scaled versions


def test_activity_card_shows_small_version(client, db):
    photo = PhotoFactory()

    html = client.get(reverse("activities:list")).content.decode()

    assert f'src="{photo.image_small.url}"' in html
    assert photo.image.url not in html


def test_activity_card_without_scaled_versions_never_shows_the_original(client, db):
    # The original is the camera's file: the public sees only the re-encoded copies.
    photo = Photo.objects.create(event=EventFactory(), image="photos/load/missing.jpg")

    html = client.get(reverse("activities:list")).content.decode()

    assert photo.event.title_en in html
    assert photo.image.url not in html


def test_event_detail_shows_large_version_linking_to_itself_not_the_original(client, db):
    photo = PhotoFactory(caption_en="Officials at the port")

    html = client.get(photo.event.get_absolute_url()).content.decode()

    assert (
        f'<a href="{photo.image_large.url}"><img src="{photo.image_large.url}" alt="Officials at the port"'
        in html
    )
    assert photo.image.url not in html


def test_newsletter_detail_shows_large_version(client, db):
    photo = PhotoFactory()
    newsletter = NewsletterFactory()
    SectionEventFactory(section=NewsletterSectionFactory(newsletter=newsletter), event=photo.event)

    html = client.get(reverse("newsletters:detail", kwargs={"number": newsletter.number})).content.decode()

    assert f'<img src="{photo.image_large.url}"' in html
