"""Rich text is HTML from staff: it is cleaned against an allow-list on save and on output.

``EDITOR_EXTENSIONS`` is the one definition of what rich text may hold: the admin's editor
(django-prose-editor) offers exactly these, and the tags and attributes nh3 keeps are derived
from them, so the editor cannot make what the server would drop, nor the server keep what the
editor cannot show.
"""

import re
from html.parser import HTMLParser

import nh3
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import allowlist_from_extensions

EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}

RICH_TEXT_HELP = _("Use the buttons above the text for headings, bold, italic, lists, links and quotes.")

_ALLOWLIST = allowlist_from_extensions(EDITOR_EXTENSIONS)
ALLOWED_TAGS = frozenset(_ALLOWLIST["tags"])
# Links get a fixed rel (nh3's link_rel) rather than whatever the pasted HTML carried.
ALLOWED_ATTRIBUTES = {
    tag: frozenset(names - {"rel"}) for tag, names in _ALLOWLIST["attributes"].items()
}
ALLOWED_URL_SCHEMES = frozenset(_ALLOWLIST["url_schemes"])
INLINE_TAGS = frozenset({"a", "strong", "em", "br"})
BLOCK_TAGS = ALLOWED_TAGS - INLINE_TAGS

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel="noopener noreferrer",
)

# Older markup that means what an allowed tag means (Word, WeChat and hand-typed HTML).
_SYNONYMS = [
    (re.compile(r"<(/?)b(?=[\s>/])", re.I), r"<\1strong"),
    (re.compile(r"<(/?)i(?=[\s>/])", re.I), r"<\1em"),
    (re.compile(r"<(/?)h1(?=[\s>/])", re.I), r"<\1h2"),
    (re.compile(r"<(/?)h[4-6](?=[\s>/])", re.I), r"<\1h3"),
    (re.compile(r"<(/?)div(?=[\s>/])", re.I), r"<\1p"),
]
# Han, kana, hangul and CJK/full-width punctuation: no space belongs between two of them.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_LINE_JOIN = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")
_LINE_JOIN = re.compile(r"[ \t]*\n\s*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_EMPTY_PARAGRAPH = re.compile(r"<p>(\s|<br>)*</p>")
# The editor's link dialog leaves an empty title="" when none is given.
_EMPTY_ATTRIBUTE = re.compile(r'(<[a-z0-9]+[^>]*?) [a-z-]+=""')
_SPACE_AROUND_BLOCKS = re.compile(r">\s+<(?=/?(?:{})\b)".format("|".join(sorted(BLOCK_TAGS))))


def join_lines(text):
    """Lines of one paragraph joined as a browser would, but with no space between Chinese lines."""
    return _LINE_JOIN.sub(" ", _CJK_LINE_JOIN.sub("", text))


class _Paragraphs(HTMLParser):
    """Wraps text and inline markup lying outside any block in paragraphs, split at blank lines.

    Reads nh3's output, which is well formed: every tag closed, attributes quoted.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out, self.loose, self.depth = [], [], 0

    def _emit(self, raw, *, block):
        (self.out if block or self.depth else self.loose).append(raw)

    def _flush(self):
        for chunk in _BLANK_LINE.split("".join(self.loose)):
            if chunk.strip():
                self.out.append(f"<p>{chunk.strip()}</p>")
        self.loose = []

    def handle_starttag(self, tag, attrs):
        block = tag in BLOCK_TAGS
        if block and not self.depth:
            self._flush()
        self._emit(self.get_starttag_text(), block=block)
        if block:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self._emit(self.get_starttag_text(), block=False)

    def handle_endtag(self, tag):
        block = tag in BLOCK_TAGS
        if block:
            self.depth = max(self.depth - 1, 0)
        self._emit(f"</{tag}>", block=block)

    def handle_data(self, data):
        self._emit(data, block=False)

    def handle_entityref(self, name):
        self._emit(f"&{name};", block=False)

    def handle_charref(self, name):
        self._emit(f"&#{name};", block=False)

    def result(self):
        self.close()
        self._flush()
        return "".join(self.out)


def clean_html(value):
    """Safe, tidy HTML from untrusted input: only what the editor makes, text in paragraphs.

    Scripts, event handlers and javascript: URLs are removed; text typed outside any block
    becomes paragraphs at its blank lines; a line break inside a paragraph joins its lines
    (with no space between Chinese characters). Cleaning clean HTML changes nothing.
    """
    if not value:
        return ""
    html = value.replace("\r\n", "\n").replace("\r", "\n")
    for pattern, replacement in _SYNONYMS:
        html = pattern.sub(replacement, html)
    parser = _Paragraphs()
    parser.feed(_CLEANER.clean(html))
    html = _EMPTY_PARAGRAPH.sub("", join_lines(parser.result()))
    html = _EMPTY_ATTRIBUTE.sub(r"\1", html)
    return _SPACE_AROUND_BLOCKS.sub("><", html).strip()


def text_paragraphs(value):
    """Plain text (a summary) as escaped HTML paragraphs, split at blank lines, lines joined."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return "".join(
        f"<p>{join_lines(escape(chunk.strip()))}</p>" for chunk in _BLANK_LINE.split(text) if chunk.strip()
    )


def text_one_line(value):
    """Plain text joined into one line (cards, meta descriptions), with no stray space in Chinese."""
    return join_lines(_BLANK_LINE.sub("\n", (value or "").replace("\r\n", "\n").strip()))


def clean_stored(model, fields=("body", "body_en", "body_zh_hans")):
    """Rewrite a model's stored rich text as clean paragraphs (the data migrations); rows changed.

    Plain text and loose HTML typed before the editor become what the editor makes; text that
    is clean already is left as it is. Written with update(): no signal, no history entry.
    """
    changed = 0
    for row in model._base_manager.values("pk", *fields).iterator():
        values = {name: clean_html(row[name]) for name in fields if row[name] is not None}
        values = {name: value for name, value in values.items() if value != row[name]}
        if values:
            model._base_manager.filter(pk=row["pk"]).update(**values)
            changed += 1
    return changed
