"""The fact sheet of a phase, as the project prints them: a one- or two-page A4 PDF per language.

Seed 000 (the fact sheet of phase III) is the model: background, objective, key areas, main
activities, partners on both sides; the portal adds the figures its records hold. It is made with
the newsletter's machinery (core.pdf: WeasyPrint, the embedded font, the same link rules) and kept
in the cache until any public content changes.
"""

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.credits import credits_context
from core.page_cache import content_key
from core.pdf import FONT_FAMILY, font_faces, render_pdf
from core.site import site_url
from core.templatetags.portal import HTML_LANG

from . import selectors
from .models import Event

# Bump when the template or its CSS changes, so a persistent cache never serves the old layout.
FACT_SHEET_LAYOUT_VERSION = 1
CACHE_TIMEOUT = 60 * 60 * 24 * 7


class FactSheetError(Exception):
    """A fact sheet cannot be produced (unknown language)."""


class FactSheetExporter:
    """The PDF fact sheet of one phase, in the language asked for whatever the request carries."""

    content_type = "application/pdf"
    extension = "pdf"
    template_name = "activities/phase_factsheet.html"

    def filename(self, phase, lang):
        return f"mmsp-phase-{phase.number}-factsheet-{lang}.{self.extension}"

    def get_context(self, phase, lang):
        sheet = selectors.phase_fact_sheet(phase)
        return {
            "sheet": sheet,
            "phase": phase,
            "lang": lang,
            "html_lang": HTML_LANG.get(lang, lang),
            "credits": credits_context(),
            "fonts": font_faces(),
            "font_family": FONT_FAMILY,
            "urls": {
                "phase": site_url(phase.get_absolute_url()),
                "activities": site_url(f"{reverse('activities:list')}?phase={phase.number}"),
                "home": site_url(reverse("activities:home")),
            },
        }

    def render(self, phase, lang):
        if lang not in [code for code, _name in settings.LANGUAGES]:
            raise FactSheetError(gettext("Unknown language: %(lang)s") % {"lang": lang})
        with translation.override(lang):
            return render_pdf(render_to_string(self.template_name, self.get_context(phase, lang)))

    def cache_key(self, phase, lang):
        # Any edit of public content changes the key (content_key); the count of activities the
        # public may see now catches one scheduled for later that appears without being edited.
        visible = Event.objects.published().filter(phase=phase).count()
        return content_key(
            "factsheet", FACT_SHEET_LAYOUT_VERSION, phase.number, lang, visible, settings.SITE_URL
        )

    def export(self, phase, lang):
        """The PDF from the cache, rendered only when something it shows has changed."""
        key = self.cache_key(phase, lang)
        content = cache.get(key)
        if content is None:
            content = self.render(phase, lang)
            cache.set(key, content, CACHE_TIMEOUT)
        return content
