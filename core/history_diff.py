"""The history's changes as staff read them: labels instead of codes, and texts as a word-level
difference in the user's language, whole words and not "Chine[80 chars]ion".

Every piece of a record's content is escaped here before it is marked safe: a title such as
``<script>`` shows as text.
"""

import datetime
import difflib
import html
import re

from django.db.models import ManyToManyField
from django.utils import formats
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from simple_history.template_utils import HistoricalRecordContextHelper

from core.formatting import list_separator

# Latin words (with their digits, apostrophes and hyphens) are one token; anything else, each
# Chinese character and each punctuation mark, is a token of its own; runs of spaces are one.
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_WORD = rf"[^\W_{_CJK}]+"
TOKEN = re.compile(rf"\s+|{_WORD}(?:['’-]{_WORD})*|.", re.S)
# Of an unchanged stretch, about this many characters are kept on each side of a change.
CONTEXT_CHARS = 30


def empty_label():
    # Translators: the history's value of a field that had nothing in it.
    return gettext("(empty)")


def field_label(field):
    """ "Title (Chinese)" for a field of one language (modeltranslation), else the verbose name."""
    language = getattr(field, "language", None)
    base = getattr(field, "translated_field", None)
    if language and base is not None:
        names = {"en": gettext("English"), "zh-hans": gettext("Chinese")}
        return gettext("%(field)s (%(language)s)") % {
            "field": capfirst(base.verbose_name),
            "language": names.get(language, language),
        }
    return capfirst(field.verbose_name)


def display_value(field, value, *, rich=False):
    """A field's value as text in the user's language, or None when it is empty; ``rich``: the
    field holds rich text (HTML), shown as its words."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return list_separator().join(str(item) for item in value)
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else None
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    text = str(value)
    if rich:  # its words, not its markup
        text = html.unescape(strip_tags(text))
    return text


def tokens(text):
    return TOKEN.findall(text)


def _take(words, chars):
    """The first whole words of ``words`` up to about ``chars`` characters."""
    taken, length = [], 0
    for word in words:
        if length >= chars:
            break
        taken.append(word)
        length += len(word)
    return taken


def _shorten(words, *, first, last):
    """An unchanged stretch: whole when short, else only its words next to the changes, the
    rest as "…" (the start of a text keeps its end, the end of a text keeps its start)."""
    text = "".join(words)
    if len(text) <= 2 * CONTEXT_CHARS + 10:
        return escape(text)
    head = "" if first else "".join(_take(words, CONTEXT_CHARS))
    tail = "" if last else "".join(reversed(_take(reversed(words), CONTEXT_CHARS)))
    return format_html("{}…{}", head, tail)


def word_diff(old, new):
    """The change from ``old`` to ``new`` as escaped HTML with <del> and <ins>, by word (by
    character in Chinese); long unchanged stretches are shortened to their ends."""
    before, after = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    parts = []
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if op == "equal":
            parts.append(_shorten(before[i1:i2], first=index == 0, last=index == len(opcodes) - 1))
            continue
        if removed:
            parts.append(format_html("<del>{}</del>", removed))
        if added:
            parts.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 -- every part escaped above


def is_text(field):
    internal = field.get_internal_type()
    return internal in {"CharField", "TextField"} and not getattr(field, "choices", None)


class ReadableChangesHelper(HistoricalRecordContextHelper):
    """simple-history's helper, with each change as: field label, old, new (labels, never
    "None") and, for texts, ``diff``, the word-level difference. ``rich_fields``: the names of
    the rich-text fields (the admin's ``richtext_fields``), compared by their words."""

    def __init__(self, model, historical_record, *, rich_fields=()):
        super().__init__(model, historical_record)
        self.rich_fields = set(rich_fields)

    def context_for_delta_changes(self, delta):
        return [self.readable_change(change) for change in delta.changes]

    def readable_change(self, change):
        field = self.model._meta.get_field(change.field)
        base = getattr(field, "translated_field", field)
        rich = base.name in self.rich_fields
        old = display_value(field, self.prepare_delta_change_value(change, change.old), rich=rich)
        new = display_value(field, self.prepare_delta_change_value(change, change.new), rich=rich)
        diff = None
        if old and new and is_text(field) and not isinstance(field, ManyToManyField):
            diff = word_diff(old, new)
        return {
            "field": field_label(field),
            "old": old if old is not None else empty_label(),
            "new": new if new is not None else empty_label(),
            "diff": diff,
        }
