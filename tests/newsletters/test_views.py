"""The archive, the web edition and the export URLs, for the public and for staff."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.enums import Status
from newsletters.exporters import PdfExporter
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    NewsletterSectionFactory,
    PhotoFactory,
    SectionEventFactory,
)
from tests.newsletters.helpers import pdf_text

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(f"newsletters:{name}", kwargs=kwargs or None)


def test_archive_lists_published_issues_only(client):
    published = NewsletterFactory(number=10, title_en="Spring issue", title_zh_hans="春季刊")
    NewsletterFactory(number=12, title_en="Unfinished issue", status=Status.DRAFT)
    NewsletterFactory(
        number=13, title_en="Scheduled issue", published_at=timezone.now() + datetime.timedelta(days=3)
    )

    response = client.get(url("list"))

    assert response.status_code == 200
    assert list(response.context["newsletters"]) == [published]
    content = response.content.decode()
    assert "Spring issue" in content
    assert "Unfinished issue" not in content and "Scheduled issue" not in content
    assert url("pdf", number=10) in content


def test_archive_in_chinese_shows_chinese_titles(client):
    NewsletterFactory(number=10, title_en="Spring issue", title_zh_hans="春季刊")

    content = client.get(url("list", "zh-hans")).content.decode()

    assert "春季刊" in content
    assert 'lang="zh-Hans"' in content


def test_empty_archive_says_so(client):
    response = client.get(url("list"))
    assert response.status_code == 200
    assert "No issue has been published yet." in response.content.decode()


def test_web_edition_draws_activities_from_the_records(client, issue):
    response = client.get(url("detail", number=11))

    assert response.status_code == 200
    content = response.content.decode()
    sections = [section.title_en for section in response.context["sections"]]
    assert sections == ["Foreword", "Project highlights", "MMSP II events", "Policy corner",
                        "Infobites: IOM China news"]
    assert "Seminar on Migrant Integration" in content
    assert "9–10 May 2023" in content
    assert "Hangzhou" in content
    assert "/en/activities/seminar-migrant-integration-2023/" in content
    assert "/media/photos/" in content
    assert "The 11th issue of the newsletter" in content  # the foreword's rich text
    assert f'{url("pdf", number=11)}?download=1' in content
    assert "Draft preview" not in content


def test_web_edition_in_chinese(client, issue):
    content = client.get(url("detail", "zh-hans", number=11)).content.decode()

    assert "第二期项目圆满结束" in content
    assert "移民融合研讨会" in content
    assert "/zh-hans/activities/seminar-migrant-integration-2023/" in content


def test_web_edition_leaves_out_draft_activities(client, issue):
    link = issue.sections.get(kind="highlights").section_events.get()
    link.event.status = Status.DRAFT
    link.event.save()

    content = client.get(url("detail", number=11)).content.decode()
    assert "Seminar on Migrant Integration" not in content


def test_unknown_issue_is_404(client):
    assert client.get(url("detail", number=999)).status_code == 404
    assert client.get(url("pdf", number=999)).status_code == 404
    assert client.get(url("email", number=999)).status_code == 404


@pytest.mark.parametrize("name", ["detail", "pdf", "email"])
def test_draft_is_404_for_the_public(client, name):
    NewsletterFactory(number=20, status=Status.DRAFT)
    assert client.get(url(name, number=20)).status_code == 404


@pytest.mark.parametrize("name", ["detail", "pdf", "email"])
def test_draft_is_shown_to_staff_as_a_preview(staff_client, name):
    draft = NewsletterFactory(number=20, title_en="Summer issue", status=Status.DRAFT)
    NewsletterSectionFactory(newsletter=draft, title_en="Events")

    response = staff_client.get(url(name, number=20))

    assert response.status_code == 200
    body = pdf_text(response.content) if name == "pdf" else response.content.decode()
    assert ("Draftpreview" if name == "pdf" else "Draft preview") in body
    assert response.get("Cache-Control", "").startswith("private") or name == "detail"


def test_staff_is_not_required_for_a_published_issue_and_no_banner(client, issue):
    response = client.get(url("email", number=11))
    assert response.status_code == 200
    assert b"Draft preview" not in response.content


def test_pdf_response(client, issue):
    response = client.get(url("pdf", "zh-hans", number=11))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="mmsp-newsletter-11-zh-hans.pdf"'
    assert "第二期项目圆满结束" in pdf_text(response.content)

    download = client.get(url("pdf", "zh-hans", number=11), {"download": "1"})
    assert download["Content-Disposition"] == 'attachment; filename="mmsp-newsletter-11-zh-hans.pdf"'


def test_email_response_and_download(client, issue):
    response = client.get(url("email", number=11))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Content-Disposition" not in response
    download = client.get(url("email", number=11), {"download": "1"})
    assert download["Content-Disposition"] == 'attachment; filename="mmsp-newsletter-11-en.html"'


def test_second_pdf_request_is_not_rendered_again(client, issue, monkeypatch):
    calls = []
    original = PdfExporter.render_document
    monkeypatch.setattr(
        PdfExporter, "render_document", lambda self, context: calls.append(1) or original(self, context)
    )

    first = client.get(url("pdf", number=11))
    second = client.get(url("pdf", number=11))

    assert first.content == second.content
    assert len(calls) == 1


def test_pdf_request_after_an_activity_changed_is_rendered_again(client, issue):
    client.get(url("pdf", number=11))
    link = issue.sections.get(kind="highlights").section_events.get()
    link.event.title_en = "Seminar on Migrant Integration, renamed"
    link.event.save()

    assert "SeminaronMigrantIntegration,renamed" in pdf_text(client.get(url("pdf", number=11)).content)


def _issue_with(number, sections, events_per_section):
    newsletter = NewsletterFactory(number=number)
    for order in range(sections):
        section = NewsletterSectionFactory(newsletter=newsletter, order=order, body_en="<p>Text</p>")
        for position in range(events_per_section):
            event = EventFactory(phase=newsletter.phase)
            PhotoFactory(event=event)
            PhotoFactory(event=event)
            SectionEventFactory(section=section, event=event, order=position)
    return newsletter


def _queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_web_edition_queries_do_not_grow_with_sections_and_activities(client, django_assert_max_num_queries):
    _issue_with(31, sections=1, events_per_section=1)
    _issue_with(33, sections=3, events_per_section=3)

    small = _queries(client, url("detail", number=31))
    large = _queries(client, url("detail", number=33))

    assert small == large
    with django_assert_max_num_queries(6):
        client.get(url("detail", number=33))


def test_archive_queries_do_not_grow_with_issues(client, django_assert_max_num_queries):
    _issue_with(31, sections=1, events_per_section=1)
    one = _queries(client, url("list"))
    _issue_with(32, sections=1, events_per_section=1)
    _issue_with(33, sections=1, events_per_section=1)

    assert _queries(client, url("list")) == one
    with django_assert_max_num_queries(3):
        client.get(url("list"))


def test_cached_export_costs_two_queries(client, issue, django_assert_num_queries):
    client.get(url("pdf", number=11))
    with django_assert_num_queries(2):  # the issue, then the fingerprint of its activities
        client.get(url("pdf", number=11))


@pytest.mark.parametrize("name", ["detail", "pdf", "email"])
def test_out_of_range_issue_number_is_404_not_500(client, name):
    assert client.get(url(name, number=99999999999999999999)).status_code == 404


def _issue_with_two_items():
    """One item whose activity has a full text in English only, one with a summary only."""
    newsletter = NewsletterFactory(number=30)
    section = NewsletterSectionFactory(newsletter=newsletter, kind="events", title_en="Events")
    full = EventFactory(
        title_en="Seminar with a full text",
        summary_en="A digest of the seminar.",
        summary_zh_hans="研讨会摘要。",
        body_en="<p>The seminar was carried out to contribute to cross-border cooperation.</p>",
        body_zh_hans="",
    )
    short = EventFactory(title_en="Visit with a summary", summary_en="Only a summary.", body_en="")
    SectionEventFactory(section=section, event=full, order=0)
    SectionEventFactory(section=section, event=short, order=1)
    return newsletter


def test_web_edition_item_carries_its_activitys_text_not_the_digest(client):
    _issue_with_two_items()

    content = client.get(url("detail", number=30)).content.decode()

    assert "The seminar was carried out to contribute to cross-border cooperation." in content
    assert "A digest of the seminar." not in content
    assert "Only a summary." in content  # no text: the summary stands in


def test_web_edition_in_chinese_shows_an_untranslated_text_in_english_marked(client):
    _issue_with_two_items()

    content = client.get(url("detail", "zh-hans", number=30)).content.decode()

    assert '<div lang="en" class="fallback-text"><p>The seminar was carried out' in content
    assert "仅提供英文" in content
    assert "研讨会摘要。" not in content


def test_pdf_item_carries_its_activitys_text(client):
    _issue_with_two_items()

    text = pdf_text(client.get(url("pdf", number=30)).content)

    assert "Theseminarwascarriedouttocontributetocross-bordercooperation." in text
    assert "Adigestoftheseminar." not in text
    assert "Onlyasummary." in text
