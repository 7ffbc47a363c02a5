"""Composing an issue in the admin: the list, its Chinese flag, fill from period, previews."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from core.enums import Status
from newsletters.enums import SectionKind
from newsletters.models import SectionEvent
from tests.factories import EventFactory, NewsletterFactory, NewsletterSectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:newsletters_newsletter_changelist"


def _issue(number, chinese_complete=True):
    newsletter = NewsletterFactory(number=number)
    NewsletterSectionFactory(newsletter=newsletter, kind=SectionKind.FOREWORD, body_en="<p>Hello</p>",
                             body_zh_hans="<p>你好</p>" if chinese_complete else "")
    NewsletterSectionFactory(newsletter=newsletter, kind=SectionKind.EVENTS)
    return newsletter


def test_changelist_flags_issues_whose_chinese_is_incomplete(admin_client):
    complete = _issue(40)
    incomplete = _issue(41, chinese_complete=False)
    no_title = _issue(42)
    no_title.title_zh_hans = ""
    no_title.save()

    response = admin_client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    admin = response.context["cl"].model_admin
    flags = {obj.number: admin.chinese_complete(obj) for obj in response.context["cl"].result_list}
    assert flags == {complete.number: True, incomplete.number: False, no_title.number: False}
    content = response.content.decode()
    assert "May 2022 – June 2023" in content  # the period, as readers write it

    missing = admin_client.get(reverse(CHANGELIST), {"chinese": "missing"})
    assert {obj.number for obj in missing.context["cl"].result_list} == {41, 42}


def test_changelist_queries_do_not_grow_with_issues(admin_client, django_assert_max_num_queries):
    _issue(40)
    admin_client.get(reverse(CHANGELIST))  # warm the session
    with django_assert_max_num_queries(9) as few:
        admin_client.get(reverse(CHANGELIST))
    for number in range(41, 46):
        _issue(number, chinese_complete=number % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(reverse(CHANGELIST))


def test_fill_from_period_action(admin_client):
    newsletter = _issue(40)
    EventFactory(phase=newsletter.phase, slug="in-period", start_date=datetime.date(2022, 6, 1),
                 end_date=datetime.date(2022, 6, 1))
    EventFactory(phase=newsletter.phase, slug="draft", start_date=datetime.date(2022, 6, 2),
                 end_date=datetime.date(2022, 6, 2), status=Status.DRAFT)

    response = admin_client.post(
        reverse(CHANGELIST), {"action": "fill_from_period", "_selected_action": [newsletter.pk]}
    )

    assert response.status_code == 302
    assert list(SectionEvent.objects.values_list("event__slug", flat=True)) == ["in-period"]
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Issue 40: 1 activity added to the events section."
    ]


def test_change_page_links_to_the_previews_and_shows_sections(admin_client):
    newsletter = _issue(40)
    newsletter.status = Status.DRAFT
    newsletter.save()

    response = admin_client.get(reverse("admin:newsletters_newsletter_change", args=[newsletter.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    for path in ("/en/newsletters/40/", "/en/newsletters/40/pdf/", "/zh-hans/newsletters/40/email/"):
        assert f'href="{path}"' in content
    assert "sections-TOTAL_FORMS" in content
    assert 'value="2"' in content  # both sections in the inline


def test_add_page_explains_where_previews_appear(admin_client):
    response = admin_client.get(reverse("admin:newsletters_newsletter_add"))
    assert response.status_code == 200
    assert "Save the issue first" in response.content.decode()


def test_section_page_links_activities_with_autocomplete(admin_client):
    section = NewsletterSectionFactory()

    response = admin_client.get(reverse("admin:newsletters_newslettersection_change", args=[section.pk]))

    assert response.status_code == 200
    assert "admin-autocomplete" in response.content.decode()


def test_section_text_is_cleaned_when_saved_in_the_admin(admin_client):
    section = NewsletterSectionFactory(kind=SectionKind.FOREWORD)
    path = reverse("admin:newsletters_newslettersection_change", args=[section.pk])
    data = {
        "newsletter": section.newsletter.pk,
        "kind": SectionKind.FOREWORD,
        "order": 0,
        "title_en": "Foreword",
        "title_zh_hans": "前言",
        "body_en": '<p onclick="steal()">Welcome<script>alert(1)</script></p>',
        "body_zh_hans": "<p>欢迎</p>",
        "section_events-TOTAL_FORMS": 0,
        "section_events-INITIAL_FORMS": 0,
    }

    response = admin_client.post(path, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    section.refresh_from_db()
    assert section.body_en == "<p>Welcome</p>"
    assert section.body_zh_hans == "<p>欢迎</p>"
