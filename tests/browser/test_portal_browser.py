"""The portal in a real browser: switching language, filtering the list, opening an activity."""

import re

from playwright.sync_api import expect


def test_browser_language_switch_keeps_the_page(page, demo_server):
    page.goto(f"{demo_server.url}/en/activities/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^en"))
    page.locator(".language-switcher a[hreflang^='zh']").click()
    page.wait_for_url(re.compile(r"/zh-hans/activities/"))
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^zh"))
    expect(page.locator("h1")).to_have_count(1)
    assert page.external_requests == []


def test_browser_filter_then_open_activity(page, demo_server):
    page.goto(f"{demo_server.url}/zh-hans/activities/")
    search = page.locator("#filters input[name='q']")
    search.fill("海南")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=%E6%B5%B7%E5%8D%97|q=海南"))
    results = page.locator("#results")
    expect(results).to_contain_text("海南")
    results.locator("a", has_text="海南").first.click()
    page.wait_for_url(re.compile(r"/zh-hans/activities/[\w-]*hainan[\w-]*/"))
    expect(page.locator("h1")).to_contain_text("海南")
    expect(page.locator("main")).to_contain_text("2023年2月20")
    assert page.external_requests == []


def test_browser_keyboard_reaches_main_content(page, demo_server):
    page.goto(f"{demo_server.url}/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.external_requests == []


def test_browser_phone_width_has_no_horizontal_scroll(browser, demo_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{demo_server.url}/")
    page.wait_for_url(re.compile(r"/zh-hans/"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_browser_every_kind_of_page_is_served_from_localhost_only(page, demo_server):
    paths = [
        "/en/",
        "/zh-hans/activities/?year=2023",
        "/en/activities/field-visit-hainan-2023/",
        "/zh-hans/phases/2/",
        "/en/partners/",
        "/zh-hans/partners/nia/",
        "/zh-hans/newsletters/11/",
        "/en/dashboard/",
    ]
    for path in paths:
        response = page.goto(f"{demo_server.url}{path}")
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        broken = page.evaluate(
            "[...document.images].filter(img => img.complete && img.naturalWidth === 0).length"
        )
        assert broken == 0, path
    assert page.external_requests == []
