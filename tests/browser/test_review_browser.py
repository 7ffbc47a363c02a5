"""The review of changes to published records in Chromium, in the English and the Chinese admin.

A translator changes a published activity's title: the public page keeps the old one; a
publisher sees the difference on the review page and publishes it: the public page shows the
new one. A second change is rejected with a comment, which the translator reads on the form.
The review page is captured at 1280 px in each language (REVIEW_SCREENSHOTS names a folder).
"""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import translation

from activities.models import Event
from tests.browser.public import assert_public_heading_becomes
from tests.factories import EventFactory, StaffFactory

PASSWORD = "correct horse battery staple"
ROLES = {
    "translator": ["view_event", "translate_event"],
    "publisher": ["view_event", "add_event", "change_event", "publish_event"],
}
TEXTS = {
    "en": {
        "field": "title_en",
        "old": "Seminar on labour mobility",
        "new": "Seminar on skills mobility",
        "second": "Seminar on skills and mobility",
        "waiting": "Changes waiting for review",
        "review": "Review the changes",
        "publish": "Publish the changes",
        "reject": "Reject the changes",
        "rejected": "Your last changes were rejected",
        "label": "Title (English)",
        "box": "Waiting for review (1)",
    },
    "zh-hans": {
        "field": "title_zh_hans",
        "old": "劳务流动研讨会",
        "new": "技能流动研讨会",
        "second": "技能与流动研讨会",
        "waiting": "有等待审核的修改",
        "review": "审核修改",
        "publish": "发布修改",
        "reject": "驳回修改",
        "rejected": "您上次的修改已被驳回",
        "label": "标题（中文）",
        "box": "等待审核（1）",
    },
}


def _user(username, role):
    user = StaffFactory(username=username)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="activities", codename__in=ROLES[role])
    )
    return user


def _login(browser, base, language, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
    page = context.new_page()
    page.goto(f"{base}/{settings.ADMIN_URL}login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    return context, page


def _edit_title(page, base, event, language, value):
    page.goto(f"{base}/{settings.ADMIN_URL}activities/event/{event.pk}/change/")
    field = f"#id_{TEXTS[language]['field']}"
    if language == "zh-hans":
        page.select_option("#modeltranslation-main-switch", index=1)  # the Chinese tab of every field
    page.fill(field, value)
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()


def _public_title(browser, base, event, language):
    with translation.override(language):
        url = event.get_absolute_url()
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + url)
    text = page.inner_text("h1")
    context.close()
    return text


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_browser_translator_change_waits_for_review_then_is_published_or_rejected(
    browser, live_server, language
):
    texts = TEXTS[language]
    event = EventFactory(slug="labour-seminar", **{texts["field"]: texts["old"]})
    _user("translator", "translator")
    _user("publisher", "publisher")
    base = live_server.url

    context, page = _login(browser, base, language, "translator")
    try:
        _edit_title(page, base, event, language, texts["new"])
        assert texts["waiting"] in page.inner_text("#review-banner")
    finally:
        context.close()
    assert getattr(Event.objects.get(pk=event.pk), texts["field"]) == texts["old"]
    assert texts["old"] in _public_title(browser, base, event, language)

    context, page = _login(browser, base, language, "publisher")
    try:
        assert texts["box"] in page.inner_text("#waiting-for-review")
        folder = os.environ.get("REVIEW_SCREENSHOTS")
        if folder:
            page.screenshot(path=os.path.join(folder, f"index-{language}.png"))
        page.goto(f"{base}/{settings.ADMIN_URL}activities/event/{event.pk}/change/")
        page.click(f"#review-banner a:has-text('{texts['review']}')")
        page.wait_for_load_state()
        table = page.inner_text("table.review-diff")
        assert texts["label"] in table
        assert page.locator("table.review-diff ins").count() >= 1
        folder = os.environ.get("REVIEW_SCREENSHOTS")
        if folder:
            page.screenshot(path=os.path.join(folder, f"review-{language}.png"), full_page=True)
        page.click(f"input[value='{texts['publish']}']")
        page.wait_for_load_state()
    finally:
        context.close()
    # Published: the public sees the new title (after at most the previous page, see public.py).
    with translation.override(language):
        url = base + event.get_absolute_url()
    assert_public_heading_becomes(browser, url, texts["old"], texts["new"])

    context, page = _login(browser, base, language, "translator")
    try:
        _edit_title(page, base, event, language, texts["second"])
    finally:
        context.close()
    context, page = _login(browser, base, language, "publisher")
    try:
        page.goto(f"{base}/{settings.ADMIN_URL}activities/event/{event.pk}/review/")
        page.fill("#id_comment", "请保留原标题。" if language == "zh-hans" else "Keep the published title.")
        page.click(f"input[value='{texts['reject']}']")
        page.wait_for_load_state()
    finally:
        context.close()
    assert texts["new"] in _public_title(browser, base, event, language)

    context, page = _login(browser, base, language, "translator")
    try:
        page.goto(f"{base}/{settings.ADMIN_URL}activities/event/{event.pk}/change/")
        rejected = page.inner_text("#review-rejected")
        assert texts["rejected"] in rejected
        assert ("请保留原标题。" if language == "zh-hans" else "Keep the published title.") in rejected
        folder = os.environ.get("REVIEW_SCREENSHOTS")
        if folder:
            page.screenshot(path=os.path.join(folder, f"rejected-{language}.png"))
    finally:
        context.close()
