"""The PDF and e-mail exports, read back: text, fonts, links, and the cache that spares a render."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from activities.models import Photo
from core.enums import Status
from newsletters.exporters import (
    EmailExporter,
    ExportError,
    LocalFilesFetcher,
    PdfExporter,
    get_exporter,
)
from newsletters.models import SectionEvent
from tests.factories import PhotoFactory
from tests.newsletters.helpers import pdf_text, squeeze

pytestmark = pytest.mark.django_db


def _fonts(reader):
    """Every font dictionary used on any page, descendants of Type0 fonts included."""
    fonts = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts.append(font)
            for descendant in font.get("/DescendantFonts") or []:
                fonts.append(descendant.get_object())
    return fonts


def _is_embedded(font):
    if font["/Subtype"] == "/Type0":
        return True  # its glyphs live in the descendant font, checked on its own
    descriptor = font["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        ("en", ["MMSP II: a successful completion", "Seminar on Migrant Integration", "Policy corner"],
         "第二期项目圆满结束"),
        ("zh-hans", ["第二期项目圆满结束", "移民融合研讨会", "政策角", "打击跨国有组织犯罪跨国合作研讨会"],
         "MMSP II: a successful completion"),
    ],
)
def test_pdf_holds_the_titles_in_the_requested_language(issue, lang, expected, absent):
    content = PdfExporter().render(issue, lang)

    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    for title in expected:
        assert squeeze(title) in text
    assert squeeze(absent) not in text
    assert "11" in text


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_pdf_page_count_is_sane_and_every_font_is_embedded(issue, lang):
    reader = PdfReader(io.BytesIO(PdfExporter().render(issue, lang)))

    assert 3 <= len(reader.pages) <= 40
    fonts = _fonts(reader)
    assert fonts
    not_embedded = [str(font.get("/BaseFont")) for font in fonts if not _is_embedded(font)]
    assert not_embedded == []
    # The committed font, not whatever the machine has installed.
    names = {str(font.get("/BaseFont")) for font in fonts}
    assert all("MMSP-Noto-Sans-SC" in name for name in names), names


def test_pdf_is_a4_with_page_numbers_and_a_contents_page(issue):
    content = PdfExporter().render(issue, "en")
    reader = PdfReader(io.BytesIO(content))

    width, height = (float(value) for value in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    pages = len(reader.pages)
    second = squeeze(reader.pages[1].extract_text())
    assert "Inthisissue" in second
    assert f"2/{pages}" in second
    assert "FundedbytheEuropeanUnion" in pdf_text(content)


def test_pdf_links_point_to_the_portal_in_its_language(issue):
    reader = PdfReader(io.BytesIO(PdfExporter().render(issue, "zh-hans")))

    uris = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                uris.add(str(action["/URI"]))
    assert f"{settings.SITE_URL}/zh-hans/activities/seminar-migrant-integration-2023/" in uris
    assert "mailto:iombeijingMMSP@iom.int" in uris


def test_pdf_credits_and_contact_block_are_there(issue):
    text = pdf_text(PdfExporter().render(issue, "en"))

    assert "ImplementedbytheInternationalOrganizationforMigration(IOM)" in text
    assert "iombeijingMMSP@iom.int" in text
    assert "IOMLiaisonOfficeinChina" in text


def test_pdf_renders_under_the_requested_language_whatever_is_active(issue):
    with translation.override("en"):
        text = pdf_text(PdfExporter().render(issue, "zh-hans"))
    assert "第二期项目圆满结束" in text


def test_draft_activities_stay_out_of_the_export(issue):
    link = SectionEvent.objects.select_related("event").get(event__slug="seminar-migrant-integration-2023")
    link.event.status = Status.DRAFT
    link.event.save()

    text = pdf_text(PdfExporter().render(issue, "en"))
    assert "SeminaronMigrantIntegration" not in text


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_email_is_self_contained_with_absolute_links(issue, lang):
    html = EmailExporter().render(issue, lang).decode()
    collector = _Collector()
    collector.feed(html)
    tags = collector.tags

    assert not [tag for tag, _attrs in tags if tag in {"script", "style", "link", "iframe"}]
    urls = [attrs[name] for _tag, attrs in tags for name in ("href", "src") if name in attrs]
    assert urls
    assert all(url.startswith(("http://", "https://", "mailto:")) for url in urls), urls
    assert any(url.startswith(settings.SITE_URL) and "/media/" in url for url in urls)
    assert f'{settings.SITE_URL}/{lang}/activities/seminar-migrant-integration-2023/' in urls
    styled = [attrs for tag, attrs in tags if tag in {"td", "p", "h1", "h2", "h3", "a"}]
    assert all(attrs.get("style") for attrs in styled)
    tables = [attrs for tag, attrs in tags if tag == "table"]
    assert tables and all(attrs.get("role") == "presentation" for attrs in tables)
    assert any("max-width:600px" in attrs.get("style", "") for attrs in tables)
    html_lang = {"en": "en", "zh-hans": "zh-Hans"}[lang]
    assert re.search(rf'<html lang="{html_lang}"', html)


def test_email_preheader_and_titles_in_chinese(issue):
    html = EmailExporter().render(issue, "zh-hans").decode()

    assert "第二期项目圆满结束" in html
    assert "display:none" in html  # the preheader shown by mail clients beside the subject
    assert "MMSP II: a successful completion" not in html


def test_email_makes_relative_links_in_rich_text_absolute(issue):
    section = issue.sections.get(kind="policy_corner")
    section.body_en = '<p>See <a href="/en/activities/">all activities</a>.</p>'
    section.save()

    html = EmailExporter().render(issue, "en").decode()
    assert f'href="{settings.SITE_URL}/en/activities/"' in html


def test_filenames_and_unknown_format_or_language(issue):
    assert PdfExporter().filename(issue, "zh-hans") == "mmsp-newsletter-11-zh-hans.pdf"
    assert EmailExporter().filename(issue, "en") == "mmsp-newsletter-11-en.html"
    with pytest.raises(ExportError):
        get_exporter("docx")
    with pytest.raises(ExportError):
        PdfExporter().render(issue, "fr")


def _count_renders(monkeypatch, exporter_class):
    calls = []
    original = exporter_class.render_document

    def counting(self, context):
        calls.append(context["lang"])
        return original(self, context)

    monkeypatch.setattr(exporter_class, "render_document", counting)
    return calls


def test_second_export_comes_from_the_cache(issue, monkeypatch):
    calls = _count_renders(monkeypatch, PdfExporter)

    first = PdfExporter().export(issue, "en")
    second = PdfExporter().export(issue, "en")
    PdfExporter().export(issue, "zh-hans")

    assert first == second
    assert calls == ["en", "zh-hans"]


def test_cache_is_rebuilt_when_a_linked_activity_changes(issue, monkeypatch):
    calls = _count_renders(monkeypatch, PdfExporter)
    PdfExporter().export(issue, "en")
    event = SectionEvent.objects.get(event__slug="seminar-migrant-integration-2023").event
    event.title_en = "Seminar on Migrant Integration in Hangzhou"
    event.save()

    text = pdf_text(PdfExporter().export(issue, "en"))

    assert len(calls) == 2
    assert "SeminaronMigrantIntegrationinHangzhou" in text


def test_cache_is_rebuilt_when_a_section_or_a_photo_changes(issue, monkeypatch):
    calls = _count_renders(monkeypatch, EmailExporter)
    EmailExporter().export(issue, "en")

    section = issue.sections.get(kind="policy_corner")
    section.title_en = "Policy corner: new rules"
    section.save()
    issue.refresh_from_db()
    assert b"Policy corner: new rules" in EmailExporter().export(issue, "en")

    event = SectionEvent.objects.get(event__slug="iom-director-general-visit-2023").event
    PhotoFactory(event=event, caption_en="The Director General in Beijing")
    assert b"The Director General in Beijing" in EmailExporter().export(issue, "en")
    assert len(calls) == 3


def test_pdf_fetcher_reads_only_local_media_and_static_files(tmp_path, settings):
    fetcher = LocalFilesFetcher()
    with pytest.raises(ValueError, match="only local"):
        fetcher.fetch("https://example.org/tracker.png")
    outside = tmp_path / "secret.txt"
    outside.write_text("no")
    with pytest.raises(ValueError, match="outside"):
        fetcher.fetch(outside.as_uri())


def test_pdf_fetcher_scales_camera_photos_down(settings):
    photo = PhotoFactory(
        image__width=2400, image__height=1600, image__format="JPEG", image__filename="big.jpg"
    )

    response = LocalFilesFetcher().fetch(Path(photo.image.path).resolve().as_uri())

    with Image.open(io.BytesIO(response.read())) as image:
        assert max(image.size) == 1600
        assert image.format == "JPEG"


def test_pdf_fonts_are_the_committed_files():
    from newsletters.exporters import font_faces

    faces = font_faces()

    assert set(faces) == {"regular", "bold"}
    for uri in faces.values():
        path = Path(uri.removeprefix("file://"))
        assert path.is_file()
        assert path.parent == Path(settings.BASE_DIR, "static", "fonts").resolve()


IN_MEMORY = "tests.newsletters.test_exporters.ObjectStorage"


class ObjectStorage(Storage):
    """Files with no disk behind them, like S3 through django-storages: names, never a path."""

    files = {}

    def _save(self, name, content):
        self.files[name] = content.read()
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def delete(self, name):
        self.files.pop(name, None)

    def size(self, name):
        return len(self.files[name])

    def url(self, name):
        return f"https://media.example.org/{name}"


def _pdf_images(content):
    """How many pictures the PDF's pages draw."""
    reader = PdfReader(io.BytesIO(content))
    return sum(len(page.images) for page in reader.pages)


def test_pdf_shows_the_same_photos_from_disk_and_from_object_storage(issue, settings):
    on_disk = _pdf_images(PdfExporter().render(issue, "en"))
    files = {
        stored.name: stored.read()
        for photo in Photo.objects.all()
        for stored in (photo.image, photo.image_small, photo.image_large)
    }
    # Object storage keeps no file on disk: no photo has a path any more.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": IN_MEMORY}}
    for name, content in files.items():
        assert default_storage.save(name, ContentFile(content)) == name
    with pytest.raises(NotImplementedError):
        Path(Photo.objects.first().image.path)

    in_storage = _pdf_images(PdfExporter().render(issue, "en"))

    assert on_disk > 0
    assert in_storage == on_disk


def test_pdf_fetcher_reads_only_photos_from_object_storage(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": IN_MEMORY}}

    default_storage.save("documents/report.pdf", ContentFile(b"%PDF-1.4"))

    with pytest.raises(ValueError, match="only photos"):
        LocalFilesFetcher().fetch("stored:documents/report.pdf")


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_email_shows_the_eu_emblem_with_its_funding_line(issue, lang):
    html = EmailExporter().render(issue, lang).decode()
    funded = {"en": "Funded by the European Union", "zh-hans": "欧盟资助"}[lang]

    # A PNG: most e-mail programs do not show SVG.
    emblem = re.search(r'<img src="([^"]+)" width="48" height="32" alt="[^"]+"[^>]*><strong>([^<]+)<', html)
    assert emblem and emblem.group(2) == funded
    assert emblem.group(1) == f"{settings.SITE_URL}/static/img/eu-emblem.png"
