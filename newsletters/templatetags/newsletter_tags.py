"""Display helpers for the newsletter's web edition and its PDF and e-mail exports."""

import re

from django import template
from django.utils.safestring import mark_safe

from core.formatting import format_place
from core.pdf import file_uri as pdf_file_uri
from core.templatetags.portal import resolve_translation

from ..formatting import absolute, period_text

register = template.Library()


@register.filter
def absolute_url(path):
    return absolute(str(path))


@register.filter
def file_uri(field_file):
    return pdf_file_uri(field_file)


@register.filter
def css_string(value):
    """A value quoted for a CSS string (content: "...") inside <style>: it can close neither."""
    escaped = []
    for char in str(value):
        if char in {'"', "'", "\\", "<", ">", "&"} or ord(char) < 0x20 or char == "\x7f":
            escaped.append(f"\\{ord(char):06x}")
        else:
            escaped.append(char)
    return mark_safe('"' + "".join(escaped) + '"')  # noqa: S308 -- every special character escaped


@register.simple_tag
def newsletter_period(newsletter):
    return period_text(newsletter.period_start, newsletter.period_end)


@register.simple_tag
def event_place(event):
    """Venue, city and country of an activity in the reader's language, as one line."""
    return format_place(event)


@register.simple_tag
def section_eyebrow(section):
    """The kind of a section ("Events") shown above it, only when the section has no title of its own:
    the document's heading is then not doubled by the interface's label."""
    title = resolve_translation(section, "title")[0]
    return "" if title else str(section.get_kind_display())


_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/[^"/][^"]*|/)"')


@register.filter(is_safe=True)
def absolutize_links(html):
    """Rich text with its site-relative links made absolute, for mail clients and PDF readers."""
    return mark_safe(  # noqa: S308 -- only prefixes attribute values of already-cleaned HTML
        _RELATIVE_URL.sub(lambda match: f'{match[1]}{absolute(match[2])}"', str(html))
    )


# Mail clients ignore stylesheets, so the rich text of a section gets its styles inline too.
EMAIL_RICHTEXT_STYLES = {
    "p": "margin:0 0 12px;font-size:15px;line-height:23px;",
    "a": "color:#003399;text-decoration:underline;",
    "ul": "margin:0 0 12px;padding-left:22px;",
    "ol": "margin:0 0 12px;padding-left:22px;",
    "li": "margin:0 0 6px;font-size:15px;line-height:23px;",
    "h2": "margin:16px 0 8px;font-size:19px;line-height:25px;color:#003399;",
    "h3": "margin:16px 0 8px;font-size:17px;line-height:23px;",
    "h4": "margin:12px 0 6px;font-size:15px;line-height:21px;",
    "blockquote": "margin:0 0 12px;padding-left:12px;border-left:3px solid #ffcc00;",
    "table": "border-collapse:collapse;margin:0 0 12px;",
    "th": "border:1px solid #c9d3e6;padding:4px 8px;text-align:left;",
    "td": "border:1px solid #c9d3e6;padding:4px 8px;",
    "figcaption": "font-size:12px;color:#5b6b82;",
}
_STYLABLE_TAG = re.compile(r"<(" + "|".join(EMAIL_RICHTEXT_STYLES) + r")(?=[\s>])")


@register.filter(is_safe=True)
def email_inline_styles(html):
    """Cleaned rich text with an inline style on each element (nh3 has removed any other style)."""
    return mark_safe(  # noqa: S308 -- adds constant attributes to already-cleaned HTML
        _STYLABLE_TAG.sub(lambda match: f'<{match[1]} style="{EMAIL_RICHTEXT_STYLES[match[1]]}"', str(html))
    )
