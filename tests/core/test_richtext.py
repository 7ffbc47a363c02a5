"""Rich text: the editor and the server agree on what it may hold, and text keeps its paragraphs."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django_prose_editor.config import allowlist_from_extensions

from core.richtext import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EDITOR_EXTENSIONS,
    clean_html,
    text_paragraphs,
)
from tests.factories import EventFactory

# What Word puts on the clipboard (trimmed), and what WeChat's editor does.
WORD_PASTE = (
    '<p class="MsoNormal" style="margin:0cm;mso-line-height-alt:12pt"><b><span lang="EN-GB" '
    'style="font-family:Calibri">Seminar</span></b><span lang="EN-GB"> on <i>visas</i><o:p></o:p>'
    "</span></p>\n<!--[if !supportLists]--><p class=MsoListParagraph>·&nbsp; first point</p>"
    "<style>p.MsoNormal{margin:0}</style>"
)
WECHAT_PASTE = (
    '<section style="font-size:15px"><div data-tools="135"><span style="color:#3e3e3e">'
    "第一段文字</span></div><div><br></div><div><strong>第二段</strong>文字</div></section>"
)


def kept_tags(html):
    return set(re.findall(r"<([a-z0-9]+)", html))


def test_server_keeps_exactly_the_tags_and_attributes_the_editor_makes():
    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)
    assert ALLOWED_TAGS == editor["tags"]
    # rel is not taken from the input: nh3 sets it on every link.
    assert ALLOWED_ATTRIBUTES == {tag: names - {"rel"} for tag, names in editor["attributes"].items()}
    every_tag = "".join(f"<{tag}>x</{tag}>" for tag in sorted(ALLOWED_TAGS | {"b", "table", "span", "h4"}))
    assert kept_tags(clean_html(every_tag)) == set(ALLOWED_TAGS)


def test_the_editor_offers_what_the_issue_asks_for():
    assert {"h2", "h3", "strong", "em", "ul", "ol", "li", "a", "blockquote", "p"} <= ALLOWED_TAGS


def test_the_admin_editor_is_configured_with_the_same_extensions(admin_client):
    event = EventFactory()
    response = admin_client.get(f"/admin/activities/event/{event.pk}/change/")
    form = response.context["adminform"].form
    for name in ("body_en", "body_zh_hans"):
        widget = form.fields[name].widget
        assert widget.config["extensions"] == EDITOR_EXTENSIONS
        assert "mt" in widget.attrs["class"]  # still one of modeltranslation's language tabs
    html = response.content.decode()
    assert html.count("data-django-prose-editor-configurable") == 2
    assert "/static/django_prose_editor/editor.js" in html
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in html


def test_summary_is_not_a_rich_text_field(admin_client):
    event = EventFactory()
    form = admin_client.get(f"/admin/activities/event/{event.pk}/change/").context["adminform"].form
    assert "data-django-prose-editor-configurable" not in str(form["summary_en"])


def test_blank_lines_make_paragraphs():
    assert clean_html("First line\nsame paragraph\n\nSecond paragraph") == (
        "<p>First line same paragraph</p><p>Second paragraph</p>"
    )


def test_chinese_lines_join_without_a_space():
    joined = "<p>中欧人员往来和移民领域对话，项目。</p>"
    assert clean_html("<p>中欧人员往来\n和移民领域对话，\n项目。</p>") == joined
    assert clean_html("第一段\n第一段续\n\n第二段") == "<p>第一段第一段续</p><p>第二段</p>"


def test_loose_text_around_blocks_becomes_paragraphs():
    assert clean_html("Intro\n<ul><li>one</li></ul>\nafter <b>this</b>\n\nend") == (
        "<p>Intro</p><ul><li>one</li></ul><p>after <strong>this</strong></p><p>end</p>"
    )


def test_word_paste_arrives_clean():
    cleaned = clean_html(WORD_PASTE)
    assert cleaned == "<p><strong>Seminar</strong> on <em>visas</em></p><p>·&nbsp; first point</p>"


def test_wechat_paste_arrives_clean():
    assert clean_html(WECHAT_PASTE) == "<p>第一段文字</p><p><strong>第二段</strong>文字</p>"


@pytest.mark.parametrize(
    "value", ["<p>a</p><p>b</p>", "plain\n\ntext", WORD_PASTE, WECHAT_PASTE, "<h1>T</h1>x<br>y"]
)
def test_cleaning_clean_html_changes_nothing(value):
    once = clean_html(value)
    assert clean_html(once) == once


def test_links_keep_only_safe_addresses():
    assert clean_html('<a href="javascript:alert(1)" target="_blank">x</a>') == (
        '<p><a rel="noopener noreferrer">x</a></p>'
    )
    assert clean_html('<a href="https://eu.int" title="" onclick="x()">eu</a>') == (
        '<p><a href="https://eu.int" rel="noopener noreferrer">eu</a></p>'
    )


def test_summary_keeps_its_paragraphs_escaped():
    assert text_paragraphs("A & <b>\nnext\n\n第一行\n第二行") == (
        "<p>A &amp; &lt;b&gt; next</p><p>第一行第二行</p>"
    )


@pytest.mark.django_db
def test_summary_on_the_public_page_keeps_its_paragraphs(client):
    event = EventFactory(summary_en="First paragraph.\n\nSecond paragraph.", summary_zh_hans="第一行\n第二行")
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<div class="lead"><p>First paragraph.</p><p>Second paragraph.</p></div>' in html
    with translation.override("zh-hans"):
        url = event.get_absolute_url()
    assert url.startswith("/zh-hans/")
    html = client.get(url).content.decode()
    assert '<div class="lead"><p>第一行第二行</p></div>' in html


@pytest.mark.django_db
def test_summary_shown_in_the_other_language_is_labelled():
    event = EventFactory(summary_en="One.\n\nTwo.", summary_zh_hans="")
    with translation.override("zh-hans"):
        out = Template('{% load portal %}{% tr event "summary" paragraphs=True %}').render(
            Context({"event": event})
        )
    assert out.startswith('<div lang="en" class="fallback-text"><p>One.</p><p>Two.</p></div>')


def test_the_editor_dialogs_speak_chinese_in_the_chinese_admin(admin_client):
    # django-prose-editor asks window.gettext: the admin's JavaScript catalogue must hold them.
    response = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    catalogue = response.content.decode("unicode_escape")
    assert '"Edit Link": "编辑链接"' in catalogue
    assert '"Cancel": "取消"' in catalogue
