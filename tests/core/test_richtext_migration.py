"""The data migrations that turn stored rich text into clean paragraphs keep every text intact."""

import importlib
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from activities.models import Event
from newsletters.models import NewsletterSection
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

MIGRATIONS = (
    "activities.migrations.0008_richtext_paragraphs",
    "newsletters.migrations.0004_richtext_paragraphs",
)
BODY = Template('{% load portal %}{% tr obj "body" html=True label=False %}')
CJK = "\u2e80-\u9fff\uff00-\uffef"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text_content(html):
    """The text a reader sees: whitespace runs as one space, none between Chinese characters."""
    parser = _Text()
    parser.feed(html)
    text = re.sub(r"\s+", " ", " ".join(parser.parts)).strip()
    return re.sub(rf"(?<=[{CJK}]) (?=[{CJK}])", "", text)


def rendered_bodies():
    """Each record's body as the public pages render it, in both languages."""
    bodies = {}
    for model in (Event, NewsletterSection):
        for obj in model.objects.order_by("pk"):
            for lang in ("en", "zh-hans"):
                with translation.override(lang):
                    bodies[model.__name__, obj.pk, lang] = BODY.render(Context({"obj": obj}))
    return bodies


def migrate_bodies():
    for name in MIGRATIONS:
        importlib.import_module(name).bodies_to_paragraphs(apps, None)


def stored(model):
    return list(model.objects.order_by("pk").values_list("pk", "body_en", "body_zh_hans"))


def test_every_demo_record_renders_the_same_text_after_the_migration():
    call_command("load_demo", verbosity=0)
    before, rows = rendered_bodies(), (stored(Event), stored(NewsletterSection))
    assert len(before) >= 2 * 7 and any("国际移民组织" in html for html in before.values())

    migrate_bodies()

    after = rendered_bodies()
    assert {key: text_content(html) for key, html in after.items()} == {
        key: text_content(html) for key, html in before.items()
    }
    # The demo content is clean already: the migration leaves its rows as they were.
    assert (stored(Event), stored(NewsletterSection)) == rows


def test_demo_records_stored_as_typed_text_convert_to_the_same_text():
    # The demo bodies as staff would have typed them in the old HTML box: paragraphs as blank lines.
    call_command("load_demo", verbosity=0)
    originals = {}
    for event in Event.objects.exclude(body_en=""):
        originals[event.pk] = (event.body_en, event.body_zh_hans)
        typed = {
            name: re.sub(r"</p>\s*<p>", "\n\n", value).removeprefix("<p>").removesuffix("</p>")
            for name, value in (("body_en", event.body_en), ("body_zh_hans", event.body_zh_hans))
        }
        Event.objects.filter(pk=event.pk).update(**typed)
    assert originals

    migrate_bodies()

    for pk, bodies in originals.items():
        event = Event.objects.get(pk=pk)
        assert (event.body_en, event.body_zh_hans) == bodies


def test_plain_text_becomes_paragraphs_with_no_stray_space_in_chinese():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(
        body_en="First line,\nsame paragraph.\n\nSecond paragraph & more.",
        body_zh_hans="第一段第一行，\n第一段第二行。\n\n第二段。",
    )

    migrate_bodies()

    event.refresh_from_db()
    assert event.body_en == "<p>First line, same paragraph.</p><p>Second paragraph &amp; more.</p>"
    assert event.body_zh_hans == "<p>第一段第一行，第一段第二行。</p><p>第二段。</p>"


def test_loose_html_in_a_newsletter_section_is_tidied_and_keeps_its_text():
    call_command("load_demo", verbosity=0)
    section = NewsletterSection.objects.order_by("pk").first()
    loose = "<div>Intro</div><b>Bold</b> text\n\n<ul><li>one</li></ul><h4>Small heading</h4>"
    NewsletterSection.objects.filter(pk=section.pk).update(body_en=loose)

    migrate_bodies()

    section.refresh_from_db()
    assert section.body_en == (
        "<p>Intro</p><p><strong>Bold</strong> text</p><ul><li>one</li></ul><h3>Small heading</h3>"
    )
    assert text_content(section.body_en) == text_content(loose)
