"""Display helpers shared by the public pages and the newsletter exports."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext

from core.enums import DatePrecision

from ..formatting import (
    format_date_range,
    format_participants,
    format_phase_dates,
    format_place,
    label_colon,
)
from ..richtext import clean_html, text_paragraphs

register = template.Library()

HTML_LANG = {"en": "en", "zh-hans": "zh-Hans"}


def field_in_language(obj, field, lang):
    return getattr(obj, f"{field}_{lang.replace('-', '_')}", "") or ""


def resolve_translation(obj, field):
    """The text to show for obj.field and the language it is really in."""
    active = get_language() or settings.LANGUAGE_CODE
    value = field_in_language(obj, field, active)
    if value:
        return value, active
    for code, _name in settings.LANGUAGES:
        value = field_in_language(obj, field, code)
        if value:
            return value, code
    return "", active


def fallback_label(lang):
    if lang == "en":
        return gettext("English only")
    return gettext("Chinese only")


@register.simple_tag
def tr(obj, field, html=False, label=True, paragraphs=False):
    """A translated field; text shown in the other language is marked and labelled.

    Usage: {% tr event "title" %}, {% tr event "body" html=True %}, or for plain text kept in
    its paragraphs (a summary) {% tr event "summary" paragraphs=True %} inside a <div>.
    """
    value, lang = resolve_translation(obj, field)
    if paragraphs:
        html = True
        value = mark_safe(text_paragraphs(value))  # noqa: S308 -- text_paragraphs escapes the text
    elif html:
        value = mark_safe(clean_html(value))  # noqa: S308 -- cleaned by nh3 just above
    active = get_language() or settings.LANGUAGE_CODE
    if lang == active or not value:
        return value if html else format_html("{}", value)
    tag = "div" if html else "span"
    badge = (
        format_html(' <span class="lang-fallback">{}</span>', fallback_label(lang)) if label else ""
    )
    return format_html(
        '<{tag} lang="{lang}" class="fallback-text">{value}</{tag}>{badge}',
        tag=tag,
        lang=HTML_LANG.get(lang, lang),
        value=value,
        badge=badge,
    )


@register.simple_tag
def tr_text(obj, field):
    """A translated field as plain text, for attributes and titles (no markup)."""
    return resolve_translation(obj, field)[0]


@register.filter
def is_fallback(obj, field):
    """True when obj.field is shown in another language than the page's."""
    value, lang = resolve_translation(obj, field)
    return bool(value) and lang != (get_language() or settings.LANGUAGE_CODE)


@register.simple_tag
def event_dates(event):
    return format_date_range(event.start_date, event.end_date, event.date_precision)


@register.filter
def richtext(value):
    return mark_safe(clean_html(value))  # noqa: S308 -- cleaned by nh3 just above


@register.simple_tag
def event_datetime(event):
    """The machine-readable start of an activity for <time datetime>, no more precise than known."""
    start = event.start_date
    if start is None or event.date_precision == DatePrecision.UNKNOWN:
        return ""
    if event.date_precision == DatePrecision.YEAR:
        return f"{start:%Y}"
    if event.date_precision == DatePrecision.MONTH:
        return f"{start:%Y-%m}"
    return start.isoformat()


@register.simple_tag
def event_place(event):
    """Venue, city, other places and country, punctuated for the page's language."""
    return format_place(event)


@register.simple_tag
def participants_figure(event):
    return format_participants(event)


@register.simple_tag
def phase_dates(phase):
    return format_phase_dates(phase)


@register.simple_tag
def parenthesized(text):
    """" (IOM)" on English pages, "（IOM）" on Chinese ones."""
    if not text:
        return ""
    # Translators: a parenthesis after a name (" (IOM)"); Chinese uses full-width "（IOM）" without a space.
    return pgettext("parenthesis after text", " (%(text)s)") % {"text": text}


@register.simple_tag
def colon():
    """": " after a label on English pages, "：" on Chinese ones."""
    return label_colon()


@register.simple_tag
def list_separator():
    """", " on English pages, "、" on Chinese ones."""
    from ..formatting import list_separator as separator

    return separator()
