"""Chromium reports no Content-Security-Policy violation on the pages most likely to need inline code.

The public pages, the admin's event change page (modeltranslation tabs, inlines) and Swagger UI.
"""

import pytest

pytestmark = pytest.mark.browser


def _violations(tab, url):
    messages = []
    tab.on("console", lambda message: messages.append(f"{message.text} at {message.location}"))
    tab.on("pageerror", lambda error: messages.append(str(error)))
    tab.evaluate("1")  # the page exists before we listen
    response = tab.goto(url, wait_until="networkidle")
    assert response.status < 400, (url, response.status)
    tab.wait_for_timeout(300)
    return [text for text in messages if "Content Security Policy" in text or "Refused to" in text]


@pytest.mark.django_db(transaction=True)
def test_no_csp_violation_in_chromium(page, demo_server):
    from activities.models import Event
    from newsletters.models import Newsletter
    from tests.factories import SuperUserFactory

    event = Event.objects.published().order_by("pk").first()
    newsletter = Newsletter.objects.order_by("pk").first()
    SuperUserFactory(username="csp-admin")
    base = demo_server.url
    urls = [
        "/en/",
        "/zh-hans/",
        "/en/activities/",
        event.get_absolute_url(),
        "/en/dashboard/",
        "/en/partners/",
        "/en/newsletters/",
        "/api/docs",
    ]
    problems = {}
    for url in urls:
        found = _violations(page, base + url)
        if found:
            problems[url] = found
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    admin_urls = [
        f"/admin/activities/event/{event.pk}/change/",
        f"/admin/activities/event/{event.pk}/history/",
        f"/admin/newsletters/newsletter/{newsletter.pk}/change/",  # rich-text editors in inlines
        "/admin/activities/event/import/",
        "/admin/activities/event/export/",
        f"/admin/activities/event/{event.pk}/history/{event.history.earliest().history_id}/",
        "/admin/",
    ]
    for admin_url in admin_urls:
        found = _violations(page, base + admin_url)
        if found:
            problems[admin_url] = found
    page.goto(base + admin_urls[0])
    assert page.locator("#event_form").count() == 1
    # The rich-text editor did start (its script and styles were not blocked), in both tabs.
    assert page.locator(".prose-editor .tiptap.ProseMirror[contenteditable=true]").count() == 2
    assert problems == {}, "\n".join(f"{u}: {m}" for u, ms in problems.items() for m in ms)
    assert page.external_requests == []
