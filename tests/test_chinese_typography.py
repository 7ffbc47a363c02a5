"""Chinese pages punctuate the Chinese way: no English , : ; ? ! or ( ) against Chinese text.

Every public page, the newsletter's e-mail edition, the HTML its PDF is made from and the text of
the PDF itself (read back with pypdf) are rendered in Chinese with the real demo content
(load_demo), and their visible text is checked.
"""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import strip_tags

from activities.models import Event, Phase, Pillar
from newsletters.exporters import EmailExporter, PdfExporter
from newsletters.models import Newsletter
from partners.models import PartnerAgency
from tests.newsletters.helpers import pdf_pages_text

HAN = r"[\u3400-\u9fff]"
# English punctuation against Chinese text: a Chinese character followed by , : ; ? ! (with or
# without a space), one of them followed by a Chinese character, or an ASCII parenthesis that opens
# on Chinese text or just after it, or closes on it.
WESTERN_IN_CHINESE = re.compile(
    rf"{HAN} ?[,:;?!]|[,:;?!] ?{HAN}|{HAN} ?\(|\( ?{HAN}|{HAN} ?\)"
)

# A Latin name (pinyin or European, written as the source gives it) touching a Chinese character:
# "外交部Yang Tao先生" is written "外交部 Yang Tao 先生". Acronyms (PDF, MMSP) are left alone.
NAME_AGAINST_CHINESE = re.compile(rf"{HAN}[A-Z][a-zà-ÿ]|[a-zà-ÿ]{HAN}")


def _visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Blocks and cells are apart on screen however the markup runs them together.
    html = re.sub(r"</?(?:p|div|li|ul|ol|h[1-6]|t[dhr]|d[tdl]|br|table|section|article|nav|header|footer|"
                  r"figure|figcaption)\b[^>]*>", "\n", html)
    descriptions = re.findall(r'<meta name="description" content="([^"]*)"', html)
    return "\n".join([unescape(strip_tags(html)), *map(unescape, descriptions)])  # "&nbsp;" is no ";"


def _offences(html):
    text = _visible_text(html)
    matches = [*WESTERN_IN_CHINESE.finditer(text), *NAME_AGAINST_CHINESE.finditer(text)]
    return [text[max(0, m.start() - 15): m.end() + 15] for m in matches]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def _public_pages():
    pages = ["/zh-hans/", "/zh-hans/activities/", "/zh-hans/partners/", "/zh-hans/dashboard/",
             "/zh-hans/newsletters/", "/zh-hans/about/", "/zh-hans/contact/", "/zh-hans/documents/"]
    pages += [f"/zh-hans/activities/{slug}/" for slug in Event.objects.values_list("slug", flat=True)]
    pages += [f"/zh-hans/phases/{number}/" for number in Phase.objects.values_list("number", flat=True)]
    pages += [f"/zh-hans/pillars/{slug}/" for slug in Pillar.objects.values_list("slug", flat=True)]
    pages += [f"/zh-hans/partners/{slug}/" for slug in PartnerAgency.objects.values_list("slug", flat=True)]
    pages += [newsletter.get_absolute_url() for newsletter in Newsletter.objects.all()]
    return pages


def test_every_public_chinese_page_punctuates_the_chinese_way(client, demo):
    offences = {}
    pages = _public_pages()
    for page in pages:
        if not page.startswith("/zh-hans/"):
            page = "/zh-hans" + page.removeprefix("/en")
        response = client.get(page)
        assert response.status_code == 200, page
        found = _offences(response.content.decode())
        if found:
            offences[page] = found

    assert len(pages) > 60
    assert offences == {}


def test_the_newsletter_editions_punctuate_the_chinese_way(demo):
    newsletter = Newsletter.objects.get(number=11)
    email = EmailExporter().render(newsletter, "zh-hans").decode()
    with translation.override("zh-hans"):
        exporter = PdfExporter()
        from django.template.loader import render_to_string

        pdf_html = render_to_string(exporter.template_name, exporter.get_context(newsletter, "zh-hans"))

    assert "国际移民组织" in email and "国际移民组织" in pdf_html
    assert _offences(email) == []
    assert _offences(pdf_html) == []


def test_the_newsletter_pdf_itself_punctuates_the_chinese_way(demo):
    """The text a reader copies out of the PDF, not only the HTML it was made from."""
    pdf = PdfExporter().render(Newsletter.objects.get(number=11), "zh-hans")
    text = pdf_pages_text(pdf)

    assert "国际移民组织" in text
    matches = [*WESTERN_IN_CHINESE.finditer(text), *NAME_AGAINST_CHINESE.finditer(text)]
    offences = [text[max(0, m.start() - 15): m.end() + 15] for m in matches]
    assert offences == []


def test_the_check_finds_english_punctuation_between_chinese_characters():
    assert _offences("<p>北京, 中国</p><p>国际移民组织 (IOM)</p>") != []
    assert len(_offences("<p>北京, 中国</p><p>国际移民组织 (IOM)</p>")) == 2
    assert _offences("<p>北京，中国</p><p>国际移民组织（IOM）</p><p>Beijing, China (PRC)</p>") == []


@pytest.mark.parametrize("text", [
    "了解详情: https://example.org", "地点; 北京", "是否?", "欢迎!", "会议 (北京)", "(北京)",
    "Contact: 北京", "国际移民组织(IOM)",
])
def test_the_check_finds_every_english_mark_against_chinese_text(text):
    assert _offences(f"<p>{text}</p>") != []


def test_the_check_leaves_english_and_numbers_alone():
    assert _offences("<p>Beijing: 9:30 (China); why? yes!</p><p>2023年5月9日至10日</p>") == []


def test_the_check_finds_a_latin_name_touching_chinese_text():
    assert len(_offences("<p>外交部Yang Tao先生</p>")) == 2
    assert _offences("<p>外交部 Yang Tao 先生；下载PDF；MMSP III 总体目标</p>") == []
