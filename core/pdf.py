"""The PDF machinery the portal's printed documents share: the newsletter and the fact sheets.

WeasyPrint renders a template's HTML with the committed Noto Sans SC embedded, reads only our own
media and static files (never the network), and keeps only links a reader may follow.
"""

import io
import logging
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

FONT_FAMILY = "MMSP Noto Sans SC"
FONT_FILES = {"regular": "fonts/NotoSansSC-Regular.otf", "bold": "fonts/NotoSansSC-Bold.otf"}

# Photos are scaled down before they go into the PDF: a camera original would make the file
# heavy and the rendering slow, and 1600 pixels is plenty for half an A4 page.
MAX_PHOTO_PIXELS = 1600
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}

# Files kept in object storage (S3) have no path on disk: the PDF's fetcher opens them through
# the storage, from addresses "stored:<name>".
STORED_FILE_SCHEME = "stored"


def file_uri(field_file):
    """Where the PDF renderer reads a stored file: its file:// address on disk, or, when the
    storage has no disk (S3), a ``stored:`` address that the PDF's fetcher opens through it."""
    if not field_file:
        return ""
    try:
        return Path(field_file.path).resolve().as_uri()
    except NotImplementedError:
        return f"{STORED_FILE_SCHEME}:{quote(field_file.name)}"
    except ValueError:
        return ""


def render_pdf(html):
    """The PDF of a rendered template, links limited to those a reader may follow."""
    # Relative links are the portal's: they resolve against its address, never against a
    # folder on the server (a base of file:// made "/etc/passwd" a link to a local file).
    # Photos and fonts are given as absolute file:// or stored: addresses.
    document = HTML(string=html, base_url=f"{settings.SITE_URL}/", url_fetcher=LocalFilesFetcher()).render(
        font_config=FontConfiguration(), optimize_images=True
    )
    for page in document.pages:
        page.links[:] = [link for link in page.links if _pdf_link_allowed(link)]
    return document.write_pdf(optimize_images=True)


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
