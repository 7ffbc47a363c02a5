"""A published world whose every content field carries a marker, and every public output it reaches.

``public_outputs`` fetches each public page in both languages, the feed, the calendars, the sitemap,
the API, the CSV/XLSX/IATI exports and the newsletter web, e-mail and PDF editions, and returns
``(url, kind, text)`` with the PDF and XLSX reduced to their text.
"""

import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from activities.models import Event, Phase, Photo, Pillar
from newsletters.models import Newsletter, NewsletterSection
from outputs.sitemaps import SITEMAPS
from partners.models import PartnerAgency
from tests import factories

LANGS = ("en", "zh-hans")


def _fit(value, limit):
    """As many whole lines of ``value`` as fit in ``limit`` characters (payloads are one a line)."""
    if not limit or len(value) <= limit:
        return value
    kept = []
    for line in value.split("\n"):
        if len("\n".join([*kept, line])) > limit:
            break
        kept.append(line)
    return "\n".join(kept) or value[:limit]


def build_world(text):
    """One of each public record, with ``text(field_label)`` in every content field, both languages."""

    def both(field, label):
        return {f"{field}_en": text(f"{label}-en"), f"{field}_zh_hans": text(f"{label}-zh")}

    def fit(model, values):
        """Cut each value to its column's length: PostgreSQL, unlike SQLite, refuses longer text."""
        limits = {f.attname: f.max_length for f in model._meta.concrete_fields if f.max_length}
        return {name: _fit(value, limits.get(name)) for name, value in values.items()}

    phase = factories.PhaseFactory(
        number=7,
        **fit(
            Phase,
            {
                **both("name", "phase-name"),
                **both("summary", "phase-summary"),
                **both("objectives", "phase-objectives"),
                **both("funding_instrument", "phase-funding"),
            },
        ),
    )
    pillar = factories.PillarFactory(
        phase=phase,
        slug="pillar-x",
        **fit(Pillar, {**both("name", "pillar-name"), **both("description", "pillar-desc")}),
    )
    agency = factories.PartnerAgencyFactory(
        slug="agency-x",
        **fit(
            PartnerAgency,
            {
                **both("name", "agency-name"),
                **both("description", "agency-desc"),
                **both("acronym", "agency-acr"),
            },
        ),
    )
    event = factories.EventFactory(
        phase=phase,
        slug="event-x",
        **fit(
            Event,
            {
                **both("title", "event-title"),
                **both("summary", "event-summary"),
                **both("body", "event-body"),
                **both("city", "event-city"),
                **both("venue", "event-venue"),
            },
        ),
    )
    event.pillars.add(pillar)
    factories.EventAgencyFactory(event=event, agency=agency)
    factories.PhotoFactory(event=event, **fit(Photo, both("caption", "photo-caption")))
    newsletter = factories.NewsletterFactory(
        number=42, phase=phase, **fit(Newsletter, both("title", "newsletter-title"))
    )
    section = factories.NewsletterSectionFactory(
        newsletter=newsletter,
        **fit(NewsletterSection, {**both("title", "section-title"), **both("body", "section-body")}),
    )
    section.events.add(event)
    return {"event": event, "agency": agency, "phase": phase, "pillar": pillar, "newsletter": newsletter}


def _urls(world):
    pages = []
    for lang in LANGS:
        with translation.override(lang):
            pages += [
                reverse("activities:home"),
                reverse("activities:list"),
                reverse("activities:list") + "?q=event",
                reverse("activities:detail", kwargs={"slug": "event-x"}),
                reverse("activities:dashboard"),
                reverse("activities:phase_detail", kwargs={"number": 7}),
                reverse("activities:pillar_detail", kwargs={"slug": "pillar-x"}),
                reverse("partners:list"),
                reverse("partners:detail", kwargs={"slug": "agency-x"}),
                reverse("newsletters:list"),
                reverse("newsletters:detail", kwargs={"number": 42}),
                reverse("newsletters:email", kwargs={"number": 42}),
                reverse("newsletters:pdf", kwargs={"number": 42}),
                reverse("activities:feed"),
                reverse("activities:calendar"),
                reverse("activities:event_ics", kwargs={"slug": "event-x"}),
                reverse("activities:export_csv"),
                reverse("activities:export_xlsx"),
            ]
    pages += ["/sitemap.xml", "/activities.iati.xml", "/robots.txt"]
    pages += [f"/sitemap-{section}.xml" for section in SITEMAPS]
    for lang in ("en", "zh-hans"):
        pages += [
            f"/api/activities?lang={lang}",
            f"/api/activities/event-x?lang={lang}",
            f"/api/agencies?lang={lang}",
            f"/api/agencies/agency-x?lang={lang}",
            f"/api/phases?lang={lang}",
            f"/api/phases/7?lang={lang}",
            f"/api/pillars?lang={lang}",
            f"/api/pillars/pillar-x?lang={lang}",
            f"/api/newsletters?lang={lang}",
            f"/api/newsletters/42?lang={lang}",
        ]
    return pages


def _kind(content_type):
    for marker, kind in (
        ("spreadsheet", "xlsx"),
        ("html", "html"),
        ("json", "json"),
        ("xml", "xml"),
        ("rss", "xml"),
        ("atom", "xml"),
        ("calendar", "ics"),
        ("csv", "csv"),
        ("pdf", "pdf"),
    ):
        if marker in content_type:
            return kind
    return "text"


def _text(kind, content):
    if kind == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if kind == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8")


def fetch_public_outputs(client, world):
    outputs = []
    for url in _urls(world):
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        kind = _kind(response["Content-Type"])
        outputs.append((url, kind, _text(kind, content)))
    return outputs


@pytest.fixture
def public_outputs(client):
    return lambda world: fetch_public_outputs(client, world)


def parse_json(text):
    return json.loads(text)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API's throttle counts requests in the cache: every test starts with a clean slate."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()
