"""Known XSS payloads in every content field, both languages, leave nothing executable in any output."""

import csv
import io
import json
import xml.etree.ElementTree as ET  # noqa: S405 -- parsing our own output, not untrusted input

import pytest

from activities.services import event_save
from core.richtext import clean_html
from tests.factories import EventFactory

from .checks import executable_markup
from .conftest import build_world
from .xss_payloads import PAYLOADS

GROUP = 8
GROUPS = [PAYLOADS[i : i + GROUP] for i in range(0, len(PAYLOADS), GROUP)]
HTML_KEYS = ("body",)  # the API serves HTML only in "body"; other strings are plain text
HTML_XML_TAGS = ("description", "content", "summary", "encoded")


def test_there_are_at_least_50_payloads():
    assert len(set(PAYLOADS)) >= 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_clean_html_leaves_nothing_executable(payload):
    assert executable_markup(clean_html(payload)) == []


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            for found_key, text in _strings(item):
                yield found_key or key, text
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield None, value


def _check(url, kind, text):
    if kind == "html":
        return executable_markup(text)
    problems = []
    if kind == "json":
        for key, value in _strings(json.loads(text)):
            if any(part in (key or "") for part in HTML_KEYS):
                problems += executable_markup(value)
    elif kind == "xml":
        root = ET.fromstring(text.encode("utf-8"))  # noqa: S314 -- our own output
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag in HTML_XML_TAGS and element.text:
                problems += executable_markup(element.text)
    elif kind == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows, url
        for row in rows[1:]:
            for cell in row:
                # A spreadsheet would run a cell that starts with a formula character.
                if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not cell[1:2].isdigit()):
                    problems.append(f"formula cell {cell[:40]!r}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("round_", range(len(GROUPS)))
def test_payloads_in_every_field_are_inert_in_every_output(public_outputs, round_):
    labels = {}

    def text(label):
        index = (len(labels) + round_) % len(GROUPS)
        labels[label] = index
        return "\n".join(GROUPS[index])

    world = build_world(text)
    problems = []
    for url, kind, body in public_outputs(world):
        problems += [f"{url}: {problem}" for problem in _check(url, kind, body)]
    assert problems == []


@pytest.mark.django_db
def test_rich_text_is_cleaned_on_save():
    event = EventFactory(body_en="<p>ok</p><script>alert(1)</script><img src=x onerror=alert(1)>")
    event_save(event=event, user=None)
    event.refresh_from_db()
    assert "<script" not in event.body_en
    assert "onerror" not in event.body_en
    assert "<p>ok</p>" in event.body_en


def test_the_checker_flags_the_raw_payloads():
    """The checks above would be worthless if the finder missed live markup."""
    flagged = [payload for payload in PAYLOADS if executable_markup(payload)]
    assert len(flagged) >= 50
