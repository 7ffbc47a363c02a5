"""The admin at a working day's width and in the officer's language (issue 14, "Staff at work").

Chromium at 1280 px, in the English and the Chinese admin: the lists fit without scrolling
sideways, with the status and both languages' state in sight; switching the interface language
asks before it throws a changed form away (and only then); the activity form offers the pillars
of the chosen phase; and a Chinese-speaking officer meets no code, "None" or English interface
word on any page of their day.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from activities.models import Event, Phase, Pillar
from tests.factories import StaffFactory

PASSWORD = "correct horse battery staple"
ADMIN = f"/{settings.ADMIN_URL}"
LISTS = {
    "activities/event": ("column-status", "column-translation_state"),
    "newsletters/newsletter": ("column-status", "column-translation_state"),
    "partners/partneragency": ("column-translation_state",),
    "activities/participant": ("column-consent_to_publish",),
}
# snake_case codes (in_review, title_zh_hans, co_organiser) and words of an English interface.
CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ENGLISH_UI = re.compile(
    r"\b(None|Access (?:attempts?|failures?|logs?)|Axes|Show counts|Add another|Filter|Search|Save|"
    r"Delete|History|Import|Export|Submit|Format|Bold|Italic|Undo|Redo|missing|complete|out of date|"
    r"Draft|In review|Published|Archived|Seminar|Workshop|Organiser|Speaker|Yes|No|Today|Now|"
    r"Choose|Select|Change|Add)\b"
)


def officer(username="officer"):
    """A staff member with every right on the portal's records, none on users: not a superuser."""
    user = StaffFactory(username=username)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["activities", "partners", "newsletters", "axes"]
        )
    )
    return user


def signed_in(browser, server, language, username="officer"):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": server.url}])
    page = context.new_page()
    page.goto(f"{server.url}{ADMIN}login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    return context, page


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_browser_lists_fit_1280_with_status_and_translation_in_sight(browser, demo_server, language):
    officer()
    context, page = signed_in(browser, demo_server, language)
    try:
        for path, columns in LISTS.items():
            page.goto(f"{demo_server.url}{ADMIN}{path}/")
            assert page.locator("#result_list tbody tr").count() > 0, path
            page_width, view_width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
            assert page_width <= view_width, path
            table_width, box_width = page.evaluate(
                "(() => { const r = document.querySelector('.results');"
                " return [r.scrollWidth, r.clientWidth]; })()"
            )
            assert table_width <= box_width, (
                f"{path}: the list scrolls sideways ({table_width} > {box_width})"
            )
            for column in columns:
                right = page.evaluate(f"document.querySelector('th.{column}').getBoundingClientRect().right")
                assert right <= view_width, f"{path}: {column} out of sight"
    finally:
        context.close()


def test_browser_language_switch_asks_before_losing_a_changed_form(browser, demo_server):
    officer()
    context, page = signed_in(browser, demo_server, "en")
    dialogs = []

    def answer(reply):
        def handler(dialog):
            dialogs.append((dialog.type, dialog.message))
            dialog.accept() if reply else dialog.dismiss()

        return handler

    try:
        add_url = f"{demo_server.url}{ADMIN}activities/event/add/"
        page.goto(add_url)
        # Labelled apart from the content tabs below ("English" / "简体中文").
        assert page.inner_text(".language-switcher button[value=zh-hans]") == "界面语言：中文"
        assert page.inner_text(".language-switcher button[value=en]") == "Interface: English"
        assert "简体中文" in page.locator(".ui-tabs-nav").first.inner_text()

        # Nothing changed: the switch goes ahead without a question.
        page.on("dialog", answer(True))
        page.click(".language-switcher button[value=zh-hans]")
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == "zh-hans"
        assert dialogs == []
    finally:
        context.close()

    context, page = signed_in(browser, demo_server, "en")
    dialogs.clear()
    try:
        page.goto(add_url)
        page.fill("#id_title_en", "A seminar half written")
        handler = answer(False)
        page.on("dialog", handler)
        page.click(".language-switcher button[value=zh-hans]")
        page.wait_for_timeout(300)
        assert [kind for kind, _message in dialogs] == ["confirm"]
        assert "not saved" in dialogs[0][1]
        assert page.url == add_url and page.input_value("#id_title_en") == "A seminar half written"
        assert page.evaluate("document.documentElement.lang") == "en"

        # Leaving by a link asks too (beforeunload); staying keeps the text.
        page.click("#site-name a")
        page.wait_for_timeout(300)
        assert [kind for kind, _message in dialogs] == ["confirm", "beforeunload"]
        assert page.url == add_url and page.input_value("#id_title_en") == "A seminar half written"

        # The officer agrees: the interface turns Chinese, without a second question on unload.
        page.remove_listener("dialog", handler)
        page.on("dialog", answer(True))
        page.click(".language-switcher button[value=zh-hans]")
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == "zh-hans"
        assert [kind for kind, _message in dialogs] == ["confirm", "beforeunload", "confirm"]
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_browser_pillars_follow_the_chosen_phase(browser, demo_server, language):
    officer()
    context, page = signed_in(browser, demo_server, language)
    try:
        page.goto(f"{demo_server.url}{ADMIN}activities/event/add/")
        boxes = page.locator("input[name=pillars]")
        assert boxes.count() == Pillar.objects.count() == 12
        # No phase yet: every pillar, each with its phase's numeral.
        labels = page.locator("#id_pillars label").all_inner_texts()
        numeral = {"en": "II · ", "zh-hans": "二 · "}[language]
        assert sum(label.strip().startswith(numeral) for label in labels) == 4

        phase = Phase.objects.get(number=2)
        page.select_option("#id_phase", str(phase.pk))
        visible = [label.strip() for label in page.locator("#id_pillars label:visible").all_inner_texts()]
        expected = {"en": "II · Regular migration", "zh-hans": "二 · 正常移民"}[language]
        assert len(visible) == 4 and expected in visible
        assert all(label.startswith(numeral) for label in visible)

        page.select_option("#id_phase", str(Phase.objects.get(number=3).pk))
        visible = page.locator("#id_pillars label:visible").all_inner_texts()
        assert len(visible) == 4 and not any(label.strip().startswith(numeral) for label in visible)
    finally:
        context.close()


def _visible_interface_text(page):
    """The page's visible text without the language switcher, whose "Interface: English" is
    meant for the reader of English, and without the icons (ligatures such as "format_bold",
    drawn as a symbol by the icon font)."""
    return page.evaluate(
        """() => {
            const aside = document.querySelectorAll('.language-switcher, .material-icons');
            const shown = Array.from(aside, (el) => el.style.display);
            aside.forEach((el) => { el.style.display = 'none'; });
            const text = document.body.innerText;
            aside.forEach((el, i) => { el.style.display = shown[i]; });
            return text;
        }"""
    )


def test_browser_chinese_officer_meets_no_english_code(browser, demo_server):
    officer()
    event = Event.objects.order_by("pk").first()
    # A record changed once, so that its history shows a change, status and all.
    event.status = "in_review"
    event.title_zh_hans = event.title_zh_hans + "（修订）"
    event.save()
    context, page = signed_in(browser, demo_server, "zh-hans")
    paths = [
        "",
        "activities/event/add/",
        f"activities/event/{event.pk}/change/",
        f"activities/event/{event.pk}/history/",
    ]
    for model in ("activities/event", "activities/participant", "partners/partneragency"):
        paths += [f"{model}/import/", f"{model}/export/"]
    try:
        page.goto(f"{demo_server.url}{ADMIN}")
        changelists = page.eval_on_selector_all(
            "#content-main a[href$='/']", "links => links.map(a => a.getAttribute('href'))"
        )
        changelists = sorted({href for href in changelists if href.count("/") == 4 and "/add/" not in href})
        assert len(changelists) >= 10
        pages = [f"{demo_server.url}{ADMIN}{path}" for path in paths]
        pages += [f"{demo_server.url}{href}" for href in changelists]
        for url in pages:
            page.goto(url)
            page.wait_for_load_state()
            assert page.evaluate("document.documentElement.lang") == "zh-hans", url
            text = _visible_interface_text(page)
            assert not CODE.findall(text), f"{url}: {CODE.findall(text)}"
            assert not ENGLISH_UI.findall(text), f"{url}: {ENGLISH_UI.findall(text)}"

        # The rich-text toolbar's tooltips, read when the mouse rests on a button.
        page.goto(f"{demo_server.url}{ADMIN}activities/event/{event.pk}/change/")
        page.wait_for_selector(".prose-menubar__button", state="attached")
        titles = page.eval_on_selector_all(".prose-menubar__button", "buttons => buttons.map(b => b.title)")
        assert titles and not [title for title in titles if re.search(r"[A-Za-z]{2,}", title)], titles
        assert "粗体" in titles
    finally:
        context.close()
