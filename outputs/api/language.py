"""Which language an API client asked for, and the texts in it.

``?lang=en`` or ``?lang=zh-hans`` (or, without it, an ``Accept-Language`` header naming one of the
two) gives every text as a plain string in that language, falling back to English where the
Chinese is missing. Without either, or with ``?lang=all``, every text comes in both languages:
``{"en": "...", "zh-hans": "..."}``, with ``null`` where a translation is missing.
"""

from enum import StrEnum

from django.conf import settings
from django.utils import translation

LANGUAGES = ("en", "zh-hans")
SOURCE_LANGUAGE = "en"


class Lang(StrEnum):
    EN = "en"
    ZH_HANS = "zh-hans"
    ALL = "all"


def _from_accept_language(header):
    """The supported language the header prefers most, or None (q=0 excluded)."""
    choices = []
    for position, item in enumerate(header.split(",")):
        tag, _sep, params = item.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        language = {"en": "en", "zh": "zh-hans"}.get(primary)
        if language and quality > 0:
            choices.append((-quality, position, language))
    return min(choices)[2] if choices else None


def requested_language(request, lang=None):
    """'en', 'zh-hans', or None for both languages."""
    if lang is not None:
        value = lang.value if isinstance(lang, Lang) else str(lang)
        return None if value == Lang.ALL.value else value
    return _from_accept_language(request.headers.get("Accept-Language", ""))


def _field(obj, name, lang):
    return getattr(obj, f"{name}_{lang.replace('-', '_')}", None) or ""


def text(obj, name, lang):
    """A translated field: a string in ``lang`` (English where missing), or both languages."""
    if lang is None:
        return {
            code: _field(obj, name, code) or (None if code != SOURCE_LANGUAGE else "") for code in LANGUAGES
        }
    return _field(obj, name, lang) or _field(obj, name, SOURCE_LANGUAGE) or _field(obj, name, "zh-hans")


def label(choices, value, lang):
    """A choice's label (lazily translated enum) in ``lang``, or in both languages."""

    def in_language(code):
        with translation.override(code):
            return str(choices(value).label)

    if lang is None:
        return {code: in_language(code) for code in LANGUAGES}
    return in_language(lang)


def url(obj, lang):
    """The public page of ``obj``: one URL, or one per language (the pages are under /en/, /zh-hans/)."""

    def in_language(code):
        with translation.override(code):
            return f"{settings.SITE_URL}{obj.get_absolute_url()}"

    if lang is None:
        return {code: in_language(code) for code in LANGUAGES}
    return in_language(lang)
