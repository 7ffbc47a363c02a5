"""Exports of a newsletter issue: one small class per format, shared by the views and the command.

An export renders under ``translation.override(lang)``, never in the request's language, and is
kept in the cache framework under a key that changes whenever the issue, a section, a linked
activity or its photos change (see ``selectors.newsletter_fingerprint``).
"""

import io
import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.templatetags.portal import HTML_LANG

from .credits import credits_context
from .formatting import absolute
from .selectors import (
    newsletter_edition,
    newsletter_fingerprint,
    newsletter_is_public,
    newsletter_reload,
)
from .templatetags.newsletter_tags import STORED_FILE_SCHEME

logger = logging.getLogger(__name__)

# Bump when a template or its CSS changes, so a persistent cache never serves the old layout.
EXPORT_LAYOUT_VERSION = 2
CACHE_TIMEOUT = 60 * 60 * 24 * 7

FONT_FAMILY = "MMSP Noto Sans SC"
FONT_FILES = {"regular": "fonts/NotoSansSC-Regular.otf", "bold": "fonts/NotoSansSC-Bold.otf"}

# Section text longer than this (in characters of HTML) is set in two columns in the PDF;
# a short paragraph split over two columns reads badly.
LONG_TEXT = 900

# Photos are scaled down before they go into the PDF: a camera original would make the file
# heavy and the rendering slow, and 1600 pixels is plenty for half an A4 page.
MAX_PHOTO_PIXELS = 1600
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}


class ExportError(Exception):
    """An export cannot be produced (unknown format or language)."""


def languages():
    return [code for code, _name in settings.LANGUAGES]


class NewsletterExporter:
    """Common ground of the formats: file naming, context, caching."""

    identifier = ""
    verbose_name = ""
    content_type = ""
    extension = ""
    template_name = ""

    def filename(self, newsletter, lang):
        return f"mmsp-newsletter-{newsletter.number}-{lang}.{self.extension}"

    def get_context(self, newsletter, lang):
        """What the template shows. Called with ``lang`` active; reads the issue afresh."""
        newsletter = newsletter_edition(newsletter=newsletter_reload(newsletter=newsletter))
        urls = {
            "web": absolute(newsletter.get_absolute_url()),
            "pdf": absolute(_reverse("newsletters:pdf", newsletter)),
            "email": absolute(_reverse("newsletters:email", newsletter)),
            "archive": absolute(_reverse("newsletters:list")),
            "home": absolute(_reverse_home()),
        }
        return {
            "newsletter": newsletter,
            "sections": newsletter.ordered_sections,
            "lang": lang,
            "html_lang": HTML_LANG.get(lang, lang),
            "is_draft": not newsletter_is_public(newsletter),
            "urls": urls,
            "site_url": settings.SITE_URL,
            "credits": credits_context(),
            "cover_photo": _first_photo(newsletter.ordered_sections),
            "cover_teasers": _teasers(newsletter.ordered_sections),
            "long_sections": {
                section.pk for section in newsletter.ordered_sections if len(section.body or "") > LONG_TEXT
            },
        }

    def render(self, newsletter, lang):
        """The export as bytes, in ``lang`` whatever language is active."""
        if lang not in languages():
            raise ExportError(gettext("Unknown language: %(lang)s") % {"lang": lang})
        with translation.override(lang):
            return self.render_document(self.get_context(newsletter, lang))

    def render_document(self, context):
        raise NotImplementedError

    def cache_key(self, newsletter, lang):
        fingerprint = newsletter_fingerprint(newsletter=newsletter)
        return (
            f"newsletter-export:v{EXPORT_LAYOUT_VERSION}:{newsletter.number}:{lang}:"
            f"{self.identifier}:{fingerprint}"
        )

    def export(self, newsletter, lang):
        """The export from the cache, rendered only when something it shows has changed."""
        key = self.cache_key(newsletter, lang)
        content = cache.get(key)
        if content is None:
            content = self.render(newsletter, lang)
            cache.set(key, content, CACHE_TIMEOUT)
        return content


class PdfExporter(NewsletterExporter):
    """The designed A4 edition, made with WeasyPrint, fonts embedded."""

    identifier = "pdf"
    verbose_name = _("PDF")
    content_type = "application/pdf"
    extension = "pdf"
    template_name = "newsletters/newsletter_pdf.html"

    def get_context(self, newsletter, lang):
        context = super().get_context(newsletter, lang)
        context["fonts"] = font_faces()
        context["font_family"] = FONT_FAMILY
        return context

    def render_document(self, context):
        html = render_to_string(self.template_name, context)
        # Relative links are the portal's: they resolve against its address, never against a
        # folder on the server (a base of file:// made "/etc/passwd" a link to a local file).
        # Photos and fonts are given as absolute file:// or stored: addresses.
        document = HTML(
            string=html, base_url=f"{settings.SITE_URL}/", url_fetcher=LocalFilesFetcher()
        ).render(font_config=FontConfiguration(), optimize_images=True)
        for page in document.pages:
            page.links[:] = [link for link in page.links if _pdf_link_allowed(link)]
        return document.write_pdf(optimize_images=True)


class EmailExporter(NewsletterExporter):
    """One self-contained HTML file for mailing lists: tables, inline styles, absolute links."""

    identifier = "email"
    verbose_name = _("E-mail HTML")
    content_type = "text/html; charset=utf-8"
    extension = "html"
    template_name = "newsletters/newsletter_email.html"

    def get_context(self, newsletter, lang):
        context = super().get_context(newsletter, lang)
        context["s"] = EMAIL_STYLES
        return context

    def render_document(self, context):
        return render_to_string(self.template_name, context).encode("utf-8")


_FONT = "'Helvetica Neue', Helvetica, Arial, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans SC', sans-serif"
_BLUE = "#003399"
_GREY = "#5b6b82"
_INK = "#1d2633"

# Mail clients drop <style> blocks and external stylesheets: every rule is inlined from here.
EMAIL_STYLES = {
    "body": "margin:0;padding:0;background-color:#eef2f9;-webkit-text-size-adjust:100%;",
    "preheader": "display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;font-size:1px;"
    "line-height:1px;color:#eef2f9;mso-hide:all;",
    "outer": "background-color:#eef2f9;width:100%;",
    "outer_cell": "padding:24px 12px;",
    "container": "width:100%;max-width:600px;background-color:#ffffff;border-collapse:collapse;"
    f"font-family:{_FONT};color:{_INK};",
    "draft": "background-color:#b00020;color:#ffffff;padding:10px 24px;font-weight:bold;"
    f"font-family:{_FONT};font-size:14px;",
    "masthead": f"background-color:{_BLUE};color:#ffffff;padding:28px 24px 22px;font-family:{_FONT};",
    "project": "margin:0 0 14px;font-size:13px;line-height:18px;color:#dfe6f5;",
    "masthead_title": "margin:0;font-size:34px;line-height:40px;font-weight:bold;color:#ffffff;",
    "issue": "margin:6px 0 0;font-size:16px;line-height:22px;color:#ffcc00;",
    "intro": f"padding:24px 24px 8px;font-family:{_FONT};",
    "h1": f"margin:0 0 10px;font-size:24px;line-height:30px;color:{_BLUE};",
    "h1_link": f"color:{_BLUE};text-decoration:none;",
    "facts": f"margin:0 0 16px;font-size:14px;line-height:20px;color:{_GREY};",
    "links": "margin:0 0 8px;font-size:14px;line-height:20px;",
    "button": f"display:inline-block;background-color:{_BLUE};color:#ffffff;padding:10px 18px;"
    "border-radius:3px;text-decoration:none;font-weight:bold;",
    "link": f"color:{_BLUE};text-decoration:underline;",
    "contents": f"padding:8px 24px 16px;font-family:{_FONT};border-bottom:1px solid #dfe5f0;",
    "contents_title": "margin:0 0 6px;font-size:13px;font-weight:bold;text-transform:uppercase;"
    f"color:{_GREY};",
    "contents_item": "margin:0 0 4px;font-size:15px;line-height:21px;",
    "section": f"padding:24px 24px 8px;font-family:{_FONT};",
    "eyebrow": f"margin:0 0 2px;font-size:12px;letter-spacing:1px;text-transform:uppercase;color:{_GREY};",
    "h2": f"margin:0 0 14px;font-size:21px;line-height:27px;color:{_BLUE};border-bottom:1px solid #c9d3e6;"
    "padding-bottom:6px;",
    "text": f"font-size:15px;line-height:23px;color:{_INK};margin:0 0 12px;",
    "activity": "margin:0 0 20px;border-collapse:collapse;",
    "photo_cell": "padding:0 0 8px;",
    "photo_link": "display:block;text-decoration:none;border:0;",
    "photo": "display:block;width:100%;max-width:552px;height:auto;border:0;",
    "caption": f"margin:4px 0 0;font-size:12px;line-height:16px;color:{_GREY};",
    "activity_text": "padding:0;",
    "h3": "margin:0 0 4px;font-size:18px;line-height:24px;",
    "h3_link": f"color:{_INK};text-decoration:none;",
    "meta": f"margin:0 0 8px;font-size:13px;line-height:18px;color:{_GREY};",
    "summary": "margin:0 0 8px;font-size:15px;line-height:23px;",
    "more": "margin:0;font-size:14px;line-height:20px;",
    "credits": f"padding:16px 24px;background-color:#eef2f9;font-family:{_FONT};"
    "border-top:3px solid #ffcc00;",
    "credit_line": "margin:0 0 4px;font-size:14px;line-height:20px;",
    "footer": f"padding:16px 24px 24px;background-color:{_BLUE};font-family:{_FONT};",
    "footer_office": "margin:0 0 4px;font-size:14px;font-weight:bold;color:#ffffff;",
    "footer_text": "margin:0 0 6px;font-size:13px;line-height:19px;color:#dfe6f5;",
    "footer_link": "color:#ffffff;text-decoration:underline;",
    "disclaimer": "margin:12px 0 0;font-size:11px;line-height:16px;color:#b9c6e4;",
}


EXPORTERS = {exporter.identifier: exporter for exporter in (PdfExporter, EmailExporter)}


def get_exporter(identifier):
    """The exporter for a format name ("pdf", "email")."""
    try:
        return EXPORTERS[identifier]()
    except KeyError:
        raise ExportError(
            gettext("Unknown format: %(format)s (choose from %(choices)s)")
            % {"format": identifier, "choices": ", ".join(EXPORTERS)}
        ) from None


def _teasers(sections, limit=6):
    """The first activities of the issue, for the cover of an issue that has no photo."""
    events = []
    for section in sections:
        for link in section.links:
            if link.event not in events:
                events.append(link.event)
    return events[:limit]


def _first_photo(sections):
    """The lead photo of the first activity that has one: the picture on the cover."""
    for section in sections:
        for link in section.links:
            if link.event.lead_photos:
                return link.event.lead_photos[0]
    return None


def font_faces():
    """The committed font files as file:// URLs, by weight; a missing bold is simply left out."""
    faces = {}
    for weight, relative in FONT_FILES.items():
        path = finders.find(relative)
        if not path and settings.STATIC_ROOT and (Path(settings.STATIC_ROOT) / relative).is_file():
            path = Path(settings.STATIC_ROOT) / relative  # collected, without the source folders
        if path:
            faces[weight] = Path(path).resolve().as_uri()
    if "regular" not in faces:
        logger.error("Font %s not found: the PDF would depend on system fonts.", FONT_FILES["regular"])
    return faces


def _reverse(name, newsletter=None):
    kwargs = {"number": newsletter.number} if newsletter is not None else {}
    return reverse(name, kwargs=kwargs)


def _reverse_home():
    try:
        return reverse("activities:home")
    except NoReverseMatch:
        return f"/{translation.get_language()}/"


# mailto: is the contact address of the credits: it opens a mail, never a file or a program.
PDF_LINK_SCHEMES = {"http", "https", "mailto"}


def _pdf_link_allowed(link):
    """Links within the document, http(s) links to the portal or the web, and mailto:; no other link
    (file:, a network share, javascript:, an embedded attachment) reaches the PDF.
    The text of a dropped link stays."""
    link_type, target = link[0], link[1]
    if link_type == "internal":
        return True
    return link_type == "external" and urlparse(target).scheme.lower() in PDF_LINK_SCHEMES


def _allowed_roots():
    roots = [Path(settings.MEDIA_ROOT)]
    roots += [Path(folder) for folder in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


class LocalFilesFetcher(URLFetcher):
    """Reads only our own media and static files: the PDF renderer never touches the network.

    Media in object storage (``stored:<name>`` addresses, see ``file_uri``) are opened through
    the media storage with its own credentials, never fetched by URL.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data", STORED_FILE_SCHEME})
        self.roots = _allowed_roots()

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme == STORED_FILE_SCHEME:
            return self._stored(url, unquote(parsed.path))
        if parsed.scheme != "file":
            raise ValueError(f"Refusing to fetch {url}: only local media and static files are read.")
        path = Path(unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"Refusing to read {path}: outside the media and static folders.")
        if path.suffix.lower() in PHOTO_SUFFIXES:
            with path.open("rb") as file:
                return self._photo(url, file)
        return super().fetch(url, headers)

    def _stored(self, url, name):
        if Path(name).suffix.lower() not in PHOTO_SUFFIXES:
            raise ValueError(f"Refusing to read {name} from the media storage: only photos are shown.")
        with default_storage.open(name, "rb") as file:
            return self._photo(url, file)

    def _photo(self, url, file):
        with Image.open(file) as image:
            if max(image.size) <= MAX_PHOTO_PIXELS and image.format in {"JPEG", "PNG"}:
                mime = Image.MIME[image.format]
                file.seek(0)
                return URLFetcherResponse(url, file.read(), {"Content-Type": mime})
            image.thumbnail((MAX_PHOTO_PIXELS, MAX_PHOTO_PIXELS))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "JPEG", quality=82)
        return URLFetcherResponse(url, buffer.getvalue(), {"Content-Type": "image/jpeg"})
