"""Every public page in both languages: its language, its twin, its frame and its accessibility hooks."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from tests.activities.test_views import portal  # noqa: F401 -- the shared data set, used as a fixture
from tests.factories import EventFactory

HTML_LANG = {"en": "en", "zh-hans": "zh-Hans"}
OTHER = {"en": "zh-hans", "zh-hans": "en"}

PAGES = [
    "",
    "activities/",
    "activities/hainan-study-visit/",
    "phases/2/",
    "pillars/irregular-migration/",
    "partners/",
    "partners/mps/",
]


def text(response):
    return response.content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("page", PAGES)
def test_page_declares_its_language_and_links_its_twin(client, portal, page, lang):  # noqa: F811 -- fixture
    response = client.get(f"/{lang}/{page}")

    assert response.status_code == 200
    html = text(response)
    assert f'<html lang="{HTML_LANG[lang]}">' in html
    assert f'<link rel="canonical" href="{settings.SITE_URL}/{lang}/{page}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}/en/{page}">' in html
    assert f'<link rel="alternate" hreflang="zh-Hans" href="{settings.SITE_URL}/zh-hans/{page}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{settings.SITE_URL}/en/{page}">' in html
    other = OTHER[lang]
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert f'href="/{other}/{page}" hreflang="{HTML_LANG[other]}"' in switcher


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("page", PAGES)
def test_page_has_landmarks_one_h1_and_a_skip_link(client, portal, page, lang):  # noqa: F811 -- fixture
    html = text(client.get(f"/{lang}/{page}"))

    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert html.count('<header class="site-header">') == 1
    assert '<footer class="site-footer">' in html
    assert 'aria-label="' in re.search(r'<nav class="site-nav"[^>]*>', html).group(0)


@pytest.mark.parametrize("page", PAGES)
def test_page_serves_nothing_from_another_host(client, portal, page):  # noqa: F811 -- fixture
    html = text(client.get(f"/en/{page}"))

    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assets = [url for url in sources if re.search(r"\.(css|js|woff2?|svg|png|jpe?g)$", url)]
    assert assets, "the page loads its stylesheet"
    assert all(url.startswith("/") for url in assets)
    assert "<script" not in html


def test_switcher_keeps_the_query_string(client, portal):  # noqa: F811 -- fixture
    html = text(client.get("/en/activities/?pillar=irregular-migration&year=2023"))

    assert 'href="/zh-hans/activities/?pillar=irregular-migration&amp;year=2023" hreflang="zh-Hans"' in html


def test_switcher_on_a_record_leads_to_the_same_record(client, portal):  # noqa: F811 -- fixture
    html = text(client.get("/zh-hans/activities/hainan-study-visit/"))

    assert 'href="/en/activities/hainan-study-visit/" hreflang="en" lang="en"' in html


def test_current_section_is_marked_in_the_navigation(client, portal):  # noqa: F811 -- fixture
    html = text(client.get("/en/activities/hainan-study-visit/"))

    assert '<a href="/en/activities/" aria-current="page">' in html
    assert '<a href="/en/partners/" aria-current="page">' not in html


def test_footer_credits_the_funder_and_implementer(client, portal):  # noqa: F811 -- fixture
    html = text(client.get("/en/"))

    assert "Funded by the European Union" in html
    assert "Implemented by IOM" in html


def test_chinese_page_marks_an_english_fallback_in_a_list(client, portal):  # noqa: F811 -- fixture
    EventFactory(
        phase=portal["phase2"], slug="untranslated", title_en="Untranslated workshop", title_zh_hans=""
    )

    html = text(client.get("/zh-hans/activities/"))

    assert re.search(r'<span lang="en" class="fallback-text">Untranslated workshop</span>', html)
    with translation.override("zh-hans"):
        from core.templatetags.portal import fallback_label

        label = fallback_label("en")
    assert f'<span class="lang-fallback">{label}</span>' in html


def test_english_page_shows_no_fallback_marks_for_complete_records(client, portal):  # noqa: F811 -- fixture
    assert "fallback-text" not in text(client.get("/en/activities/"))


def test_dates_are_written_the_readers_way(client, portal):  # noqa: F811 -- fixture
    english = text(client.get("/en/activities/hainan-study-visit/"))
    chinese = text(client.get("/zh-hans/activities/hainan-study-visit/"))

    assert '<time datetime="2023-06-27">27 June 2023</time>' in english
    assert '<time datetime="2023-06-27">2023年6月27日</time>' in chinese


def test_stylesheet_declares_the_chinese_font_stack_and_print_rules():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/portal.css"), encoding="utf-8").read()

    assert (
        '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"'
        in css
    )
    # No Chinese font for English pages: the slices are declared in a stylesheet of their own.
    assert "@font-face" not in css and "woff2" not in css
    assert "@media print" in css
    assert ":focus-visible" in css
    assert "http" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S).replace('a[href^="http"]', "")


def test_only_chinese_pages_load_the_sliced_chinese_font(client, portal):  # noqa: F811 -- fixture
    from django.contrib.staticfiles import finders

    link = 'href="/static/fonts/noto-sans-sc/noto-sans-sc.css"'
    assert link not in text(client.get("/en/activities/"))
    assert link in text(client.get("/zh-hans/activities/"))
    css = open(finders.find("fonts/noto-sans-sc/noto-sans-sc.css"), encoding="utf-8").read()
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    assert len(faces) > 20
    for face in faces:
        # The reader's own Noto Sans SC or Source Han Sans SC first, then one slice of a few glyphs.
        source = r'src: local\("Noto Sans SC (Regular|Bold)"\).*url\("(regular|bold)-\d+\.woff2"\)'
        assert re.search(source, face)
        assert "unicode-range: U+" in face and "font-display: swap;" in face
        name = re.search(r'url\("([^"]+)"\)', face).group(1)
        assert finders.find(f"fonts/noto-sans-sc/{name}")
