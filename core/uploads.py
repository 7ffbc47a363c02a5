"""Safe uploads: photos and attachments are checked by their content, never by their name.

The validators run on the model fields, so the admin, its inlines and any form built on the
models refuse the same files with the same messages. Photos also get two scaled copies
(``image_small`` for cards, ``image_large`` for pages), re-encoded as JPEG: a reader never
downloads a 10 MB original, and the copies carry no camera metadata.
"""

import io
import logging
import re
import uuid
import zipfile
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps

logger = logging.getLogger(__name__)

PHOTO_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
# Decoding needs about 3 bytes a pixel in memory, whatever the file size: 50 megapixels is more
# than any camera of the project's photographers and far below Pillow's own bomb limit.
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
# The extension a stored image gets, from its format as Pillow reads it (never from its name).
IMAGE_SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# WebP has no "keep the original quality": a re-saved lossy WebP is encoded this finely.
WEBP_QUALITY = 95

# Boxes the scaled copies fit within; small images are never enlarged.
SMALL_BOX = (480, 960)
LARGE_BOX = (1600, 1600)
RENDITION_QUALITY = 82

HEAD_BYTES = 4096
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt and encrypted Office files
OFFICE_FOLDERS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe")

# Translators: %(size)s and %(limit)s are file sizes such as "12.4 MB".
PHOTO_TOO_LARGE = _("This image is %(size)s; a photo may be at most %(limit)s.")
NOT_AN_IMAGE = _("This file is not a JPEG, PNG or WebP image (it could not be read as an image).")
SVG_REFUSED = _(
    "SVG images are not accepted, because they can carry scripts. Upload a JPEG, PNG or WebP image."
)
# Translators: %(format)s is an image format such as GIF, BMP or TIFF.
WRONG_IMAGE_FORMAT = _("This is a %(format)s image; only JPEG, PNG and WebP images are accepted.")
IMAGE_DAMAGED = _("This image is damaged or incomplete and could not be read.")
TOO_MANY_PIXELS = _("This image has too many pixels to be processed safely (at most %(limit)s megapixels).")

# Translators: %(size)s and %(limit)s are file sizes such as "27.1 MB".
ATTACHMENT_TOO_LARGE = _("This file is %(size)s; a document may be at most %(limit)s.")
NOT_A_DOCUMENT = _("This file is not a PDF, DOCX, PPTX or XLSX document (its content is of another kind).")
MARKUP_REFUSED = _(
    "HTML and SVG files are not accepted, because they can carry scripts. "
    "Upload a PDF, DOCX, PPTX or XLSX document."
)
OLD_OFFICE_FORMAT = _(
    "Older Office files (DOC, XLS, PPT) and password-protected Office files are not accepted. "
    "Save the document as DOCX, XLSX or PPTX without a password."
)
MACROS_REFUSED = _("Documents with macros are not accepted. Save the document as DOCX, PPTX or XLSX.")
PDF_ACTIVE_CONTENT = _(
    "PDF files with JavaScript or actions that open programs or run when the file is opened are not "
    "accepted. Print the document to a new PDF and upload that file."
)
# Translators: %(kind)s is PDF, DOCX, PPTX or XLSX; %(extension)s is .pdf, .docx, .pptx or .xlsx.
WRONG_EXTENSION = _(
    "This file is a %(kind)s document, but its name does not end in %(extension)s. "
    "Rename it and upload it again."
)


def validate_photo(file):
    """Refuse anything but a decodable JPEG, PNG or WebP of at most 10 MB."""
    if _already_stored(file):
        return
    _check_size(file, PHOTO_MAX_BYTES, PHOTO_TOO_LARGE, "photo_too_large")
    try:
        if _suffix(file) in {".svg", ".svgz"} or _markup_kind(_read_head(file)) == "svg":
            raise ValidationError(SVG_REFUSED, code="svg")
        _decode_image(file)
    finally:
        file.seek(0)


def validate_attachment(file):
    """Refuse anything but a PDF, DOCX, PPTX or XLSX of at most 25 MB, checked by content."""
    if _already_stored(file):
        return
    _check_size(file, ATTACHMENT_MAX_BYTES, ATTACHMENT_TOO_LARGE, "attachment_too_large")
    try:
        kind = _document_kind(file)
    finally:
        file.seek(0)
    if _suffix(file) != f".{kind}":
        raise ValidationError(
            WRONG_EXTENSION, code="wrong_extension", params={"kind": kind.upper(), "extension": f".{kind}"}
        )


class PhotoFormField(forms.ImageField):
    """A form's photo field that says why a file is refused.

    Django's own form field answers every file Pillow cannot open (a text file, an SVG) with
    the same "Upload a valid image", before the model's validator can give its reason.
    """

    def to_python(self, data):
        if data and hasattr(data, "read"):
            validate_photo(data)
        return super().to_python(data)


def _already_stored(file):
    # A file already in storage was checked when it came in. Checking it again would read it
    # back on every save of the record, and fail for records whose file is missing.
    return getattr(file, "_committed", False)


def _check_size(file, limit, message, code):
    if file.size > limit:
        raise ValidationError(
            message, code=code, params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )


def _suffix(file):
    return PurePosixPath(file.name or "").suffix.lower()


def _read_head(file):
    file.seek(0)
    return file.read(HEAD_BYTES)


def _markup_kind(head):
    """Either "svg" or "html" for text that a browser would run as markup, else None."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not text.startswith(b"<"):
        return None
    if b"<svg" in text:
        return "svg"
    if any(marker in text for marker in HTML_MARKERS):
        return "html"
    return None
    return None


def _decode_image(file):
    # Pillow raises many kinds of exception on malformed input (OSError, SyntaxError, ValueError,
    # struct.error...): any of them means the file is not an image, or a damaged one.
    file.seek(0)
    try:
        image = Image.open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    with image:
        if image.format not in PHOTO_FORMATS:
            raise ValidationError(
                WRONG_IMAGE_FORMAT, code="wrong_image_format", params={"format": image.format}
            )
        if image.width * image.height > PHOTO_MAX_PIXELS:
            raise _too_many_pixels()
        try:
            image.verify()
        except Exception:
            raise ValidationError(IMAGE_DAMAGED, code="damaged_image") from None
    # verify() reads the structure but not every pixel: a truncated file only shows on load().
    # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process, and load() then
    # fills a cut-off image with grey, so running out of data is watched for here instead.
    file.seek(0)
    source = _EndOfDataWatcher(file)
    try:
        with Image.open(source) as image:
            source.ran_out = False  # trying other formats on the way may read past a small file
            image.load()
    except Exception:
        raise ValidationError(IMAGE_DAMAGED, code="damaged_image") from None
    if source.ran_out:
        raise ValidationError(IMAGE_DAMAGED, code="damaged_image")


class _EndOfDataWatcher:
    """A file as Pillow reads it, noting whether Pillow asked for data beyond its end."""

    def __init__(self, file):
        self._file = file
        self.ran_out = False

    def read(self, size=-1):
        data = self._file.read(size)
        if size != 0 and not data:
            self.ran_out = True
        return data

    def __getattr__(self, name):
        return getattr(self._file, name)


def _too_many_pixels():
    return ValidationError(
        TOO_MANY_PIXELS, code="too_many_pixels", params={"limit": PHOTO_MAX_PIXELS // 1_000_000}
    )


def _document_kind(file):
    """The kind of document the content is (pdf, docx, pptx or xlsx), or a ValidationError saying why not."""
    head = _read_head(file)
    if head.startswith(PDF_MAGIC):
        if _pdf_has_active_content(file):
            raise ValidationError(PDF_ACTIVE_CONTENT, code="pdf_active_content")
        return "pdf"
    if head.startswith(OLE_MAGIC):
        raise ValidationError(OLD_OFFICE_FORMAT, code="old_office_format")
    if _markup_kind(head) or _suffix(file) in {".svg", ".svgz", ".htm", ".html", ".xhtml"}:
        raise ValidationError(MARKUP_REFUSED, code="markup")
    if head.startswith(ZIP_MAGIC):
        names = _zip_names(file)
        if "[Content_Types].xml" in names:
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(MACROS_REFUSED, code="macros")
            for kind, folder in OFFICE_FOLDERS.items():
                if any(name.startswith(folder) for name in names):
                    return kind
    raise ValidationError(NOT_A_DOCUMENT, code="not_a_document")


# PDF names that run something: JavaScript (in actions, in the document's name tree, in an
# /OpenAction), launching a program, and actions on events (/AA). A name may be written with
# #xx escapes (/J#61vaScript), so names are decoded before they are compared.
PDF_ACTIVE_NAMES = {b"/JS", b"/JavaScript", b"/Launch", b"/AA"}
PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM_DATA = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)


def _pdf_has_active_content(file):
    """Whether the PDF holds JavaScript, a launch action or an action on an event.

    Two readings, so that neither compression nor damage hides a script: pypdf walks every
    object reachable from the trailer (objects packed in compressed object streams included),
    and the bytes outside stream data are scanned for the names too (a file pypdf cannot read,
    objects no table points to). Stream data itself is not scanned as bytes: compressed data
    would match a short name such as /JS by chance.
    """
    file.seek(0)
    data = file.read()
    return bool((_raw_pdf_names(PDF_STREAM_DATA.sub(b"", data)) | _pypdf_names(data)) & PDF_ACTIVE_NAMES)


def _raw_pdf_names(data):
    decode = PDF_NAME_ESCAPE.sub
    return {decode(lambda match: bytes([int(match[1], 16)]), name) for name in PDF_NAME.findall(data)}


def _pypdf_names(data):
    """The dictionary keys and name values of every object pypdf reaches from the trailer."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    found, seen = set(), set()
    try:
        pending = [PdfReader(io.BytesIO(data), strict=False).trailer]
        while pending:
            obj = pending.pop()
            if isinstance(obj, IndirectObject):
                if (obj.idnum, obj.generation) in seen:
                    continue
                seen.add((obj.idnum, obj.generation))
                obj = obj.get_object()
            if isinstance(obj, DictionaryObject):
                found.update(str(key).encode() for key in obj)
                pending.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                pending.extend(obj)
            elif isinstance(obj, NameObject):
                found.add(str(obj).encode())
    except Exception:  # noqa: BLE001 -- what pypdf cannot read was still scanned as bytes
        logger.info("pypdf could not read an uploaded PDF in full; its bytes were scanned instead.")
    return found


def _zip_names(file):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []


def generated_name(folder, filename):
    """A random name under ``folder/YYYY/MM/`` with the suffix of ``filename``.

    The suffix is the portal's own: an upload is renamed after its detected format before it is
    stored (``name_upload_by_content``), so a client's file name is never kept.
    """
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def logo_upload_to(instance, filename):
    return generated_name("partners/logos", filename)


def without_metadata(file):
    """The image in ``file`` saved again without EXIF, XMP, IPTC or comments, as (bytes, suffix).

    Camera files carry the place (GPS), the camera's serial number and the time; none of it
    may reach the public. What the picture needs stays: its orientation and colour profile.
    A JPEG keeps its own quantisation tables and subsampling (``quality="keep"``), so saving it
    again costs next to nothing; PNG is lossless; WebP has no such option and is encoded at
    WEBP_QUALITY.
    """
    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.format not in IMAGE_SUFFIXES:
                raise ValidationError(
                    WRONG_IMAGE_FORMAT, code="wrong_image_format", params={"format": image.format}
                )
            image_format = image.format
            options = {}
            if icc_profile := image.info.get("icc_profile"):
                options["icc_profile"] = icc_profile
            orientation = image.getexif().get(ExifTags.Base.Orientation)
            if orientation and orientation != 1:
                exif = Image.Exif()
                exif[ExifTags.Base.Orientation] = orientation
                options["exif"] = exif.tobytes()
            if image_format == "JPEG":
                options.update(quality="keep", comment=b"")
            elif image_format == "WEBP":
                options.update(quality=WEBP_QUALITY)
            if getattr(image, "is_animated", False):
                options["save_all"] = True
            buffer = io.BytesIO()
            image.save(buffer, image_format, **options)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    finally:
        file.seek(0)
    return buffer.getvalue(), IMAGE_SUFFIXES[image_format]


def carries_metadata(file):
    """Whether the image holds anything ``without_metadata`` removes (EXIF beyond the orientation,
    XMP, comments, PNG text)."""
    file.seek(0)
    try:
        with Image.open(file) as image:
            exif = image.getexif()
            kept = {
                "exif",  # read above, through getexif()
                "icc_profile",
                "dpi",
                "jfif",
                "jfif_version",
                "jfif_unit",
                "jfif_density",
                "progressive",
                "progression",
                "transparency",
                "gamma",
                "interlace",
                "adobe",
                "adobe_transform",
                "duration",
                "loop",
                "background",
                "srgb",
                "aspect",
                "default_image",
                "timestamp",
            }
            return bool(set(exif) - {ExifTags.Base.Orientation}) or bool(set(image.info) - kept)
    finally:
        file.seek(0)


# The fields whose new files are renamed after their content, and images among them stripped.
IMAGE_UPLOADS = {"activities.Photo": "image", "partners.PartnerAgency": "logo"}
DOCUMENT_UPLOADS = {"activities.Attachment": "file"}


def name_upload_by_content(sender, instance, raw, update_fields=None, **kwargs):
    """Before a new file is stored: an image loses its metadata, and every file is named
    after the format its content has (a JPEG sent as "report.pdf" is stored as .jpg).

    The validators have refused what is not a photo or a document by then; a save that
    skipped them (code, a script) is refused here with the same messages.
    """
    label = sender._meta.label
    field_name = IMAGE_UPLOADS.get(label) or DOCUMENT_UPLOADS[label]
    field_file = getattr(instance, field_name)
    if raw or not field_file or field_file._committed:
        return
    if update_fields is not None and field_name not in update_fields:
        return
    if label in IMAGE_UPLOADS:
        content, suffix = without_metadata(field_file)
        setattr(instance, field_name, ContentFile(content, name=f"image{suffix}"))
    else:
        try:
            kind = _document_kind(field_file)
        finally:
            field_file.seek(0)
        field_file.name = f"document.{kind}"


for _label in (*IMAGE_UPLOADS, *DOCUMENT_UPLOADS):
    pre_save.connect(name_upload_by_content, sender=_label, dispatch_uid=f"name_upload_by_content_{_label}")


def make_photo_renditions(photo):
    """Build ``image_small`` and ``image_large`` from ``photo.image``; False if it cannot be read.

    The copies are stored under new generated names and written with a queryset update, so the
    photo's save signals do not run a second time. Replaced copies are deleted once the
    transaction commits (until then the database still points to them).
    """
    try:
        with photo.image.open("rb") as source, Image.open(source) as original:
            original.draft("RGB", LARGE_BOX)  # JPEG only: decode at a reduced scale, much faster
            large = _flattened(ImageOps.exif_transpose(original))
            large.thumbnail(LARGE_BOX, Image.Resampling.LANCZOS)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        # Records loaded without their files exist (generate_load_data): they keep the original.
        logger.warning("No scaled versions for photo %s: %s cannot be read.", photo.pk, photo.image.name)
        return False
    small = large.copy()
    small.thumbnail(SMALL_BOX, Image.Resampling.LANCZOS)

    replaced = [name for name in (photo.image_small.name, photo.image_large.name) if name]
    photo.image_small.save("small.jpg", _jpeg(small), save=False)
    photo.image_large.save("large.jpg", _jpeg(large), save=False)
    type(photo)._default_manager.filter(pk=photo.pk).update(
        image_small=photo.image_small.name, image_large=photo.image_large.name
    )
    if replaced:
        storage = photo.image_small.storage
        transaction.on_commit(lambda: _delete_files(storage, replaced))
    return True


def _delete_files(storage, names):
    for name in names:
        storage.delete(name)


def _flattened(image):
    """RGB, with transparent areas on white rather than on whatever colour their pixels hold."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=RENDITION_QUALITY, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue())


def note_photo_image_change(sender, instance, raw, update_fields=None, **kwargs):
    """Note, before a photo is saved, whether it brings an image the copies were not made from.

    That is a new upload, an image without copies yet, or another stored image (a version
    restored from the history): only the last costs a query, to read the name stored before.
    """
    image = instance.image
    if raw or not image or (update_fields is not None and "image" not in update_fields):
        stale = False
    elif not image._committed or not instance.image_small:
        stale = True
    elif instance.pk is None:
        stale = False
    else:
        stored = sender._default_manager.filter(pk=instance.pk).values_list("image", flat=True).first()
        stale = stored is not None and stored != image.name
    instance._renditions_stale = stale


def refresh_photo_renditions(sender, instance, **kwargs):
    """Make the scaled copies after a save that brought a new image (see note_photo_image_change)."""
    if getattr(instance, "_renditions_stale", False):
        instance._renditions_stale = False
        make_photo_renditions(instance)


def connect_renditions(photo_model):
    """Keep the scaled copies of ``photo_model`` (image, image_small, image_large) up to date."""
    uid = f"renditions-{photo_model}"
    pre_save.connect(note_photo_image_change, sender=photo_model, dispatch_uid=f"{uid}-note")
    post_save.connect(refresh_photo_renditions, sender=photo_model, dispatch_uid=uid)
