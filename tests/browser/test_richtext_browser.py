"""Staff write an activity's body in the rich-text editor, in both language tabs, and the public sees it.

Run in the English admin and in the Chinese one (interface language zh-hans).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
TEXTS = {
    "en": {"heading": "Visa facilitation", "bold": "Key result", "item": "Shorter waiting times",
           "link": "IOM China", "href": "https://china.iom.int/"},
    "zh_hans": {"heading": "签证便利化", "bold": "主要成果", "item": "缩短等待时间",
                "link": "国际移民组织中国", "href": "https://china.iom.int/zh"},
}


def write_body(page, lang, text):
    """Type a heading, a bold phrase, a list and a link into one language tab's editor."""
    page.locator(f'a.ui-tabs-anchor[href="#tab_id_body_{lang}"]').click()
    editor_box = page.locator(f".prose-editor:has(#id_body_{lang})")
    editor = editor_box.locator(".tiptap.ProseMirror")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.type(f"## {text['heading']}")  # Markdown-style shortcut: a level-2 heading
    page.keyboard.press("Enter")
    editor_box.locator('button[data-name="bold"]').click()
    page.keyboard.type(text["bold"])
    editor_box.locator('button[data-name="bold"]').click()
    page.keyboard.type(" ")
    page.keyboard.press("Enter")
    editor_box.locator('button[data-name="bulletList"]').click()
    page.keyboard.type(text["item"])
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    page.keyboard.type(text["link"])
    for _ in text["link"]:
        page.keyboard.press("Shift+ArrowLeft")
    editor_box.locator('button[data-name="link"]').click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input").first.fill(text["href"])
    dialog.locator("button[type=submit], button[value=submit]").first.click()
    expect(editor.locator("a")).to_have_text(text["link"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("locale", ["en-GB", "zh-CN"])
def test_rich_text_typed_in_both_tabs_shows_on_the_public_page(browser, demo_server, locale):
    from activities.models import Event
    from tests.factories import SuperUserFactory

    event = Event.objects.published().order_by("pk").first()
    SuperUserFactory(username="writer")
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    base = demo_server.url
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{base}/admin/activities/event/{event.pk}/change/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans" if locale == "zh-CN" else "en")

    for lang, text in TEXTS.items():
        write_body(page, lang, text)
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    event.refresh_from_db()
    for lang, text in TEXTS.items():
        body = getattr(event, f"body_{lang}")
        assert f"<h2>{text['heading']}</h2>" in body
        assert f"<strong>{text['bold']}</strong>" in body
        assert re.search(rf"<ul><li><p>{text['item']}</p></li></ul>", body)
        assert f'<a href="{text["href"]}" rel="noopener noreferrer">{text["link"]}</a>' in body

    for lang, text in TEXTS.items():
        page.goto(f"{base}/{lang.replace('_', '-')}/activities/{event.slug}/")
        prose = page.locator("section.prose")
        expect(prose.locator("h2")).to_have_text(text["heading"])
        expect(prose.locator("strong")).to_have_text(text["bold"])
        expect(prose.locator("ul li")).to_have_text(text["item"])
        expect(prose.locator(f'a[href="{text["href"]}"]')).to_have_text(text["link"])
    context.close()
