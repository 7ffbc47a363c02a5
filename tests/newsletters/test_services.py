"""Fill from period: the issue's events section gathers the period's published activities."""

import datetime

import pytest
from django.utils import timezone

from core.enums import Status
from newsletters.enums import SectionKind
from newsletters.models import NewsletterSection, SectionEvent
from newsletters.services import newsletter_fill_from_period
from tests.factories import EventFactory, NewsletterFactory, NewsletterSectionFactory, SectionEventFactory

pytestmark = pytest.mark.django_db


def linked_slugs(section):
    return list(section.section_events.order_by("order", "id").values_list("event__slug", flat=True))


@pytest.fixture
def newsletter():
    return NewsletterFactory(period_start=datetime.date(2022, 5, 1), period_end=datetime.date(2023, 6, 30))


def event(newsletter, slug, start, **kwargs):
    return EventFactory(phase=newsletter.phase, slug=slug, start_date=start, end_date=start, **kwargs)


def test_fill_adds_published_activities_of_the_period_in_date_order(newsletter):
    section = NewsletterSectionFactory(newsletter=newsletter, kind=SectionKind.EVENTS, order=2)
    already = event(newsletter, "already", datetime.date(2023, 3, 1))
    SectionEventFactory(section=section, event=already, order=0)
    event(newsletter, "june", datetime.date(2023, 6, 27))
    event(newsletter, "may", datetime.date(2022, 5, 1))
    event(newsletter, "february", datetime.date(2023, 2, 20))
    event(newsletter, "draft", datetime.date(2023, 1, 5), status=Status.DRAFT)
    event(newsletter, "scheduled", datetime.date(2023, 1, 6),
          published_at=timezone.now() + datetime.timedelta(days=2))
    event(newsletter, "before", datetime.date(2022, 4, 30))
    event(newsletter, "after", datetime.date(2023, 7, 1))

    added = newsletter_fill_from_period(newsletter=newsletter)

    assert added == 3
    assert linked_slugs(section) == ["already", "may", "february", "june"]
    assert newsletter_fill_from_period(newsletter=newsletter) == 0
    assert SectionEvent.objects.filter(section__newsletter=newsletter).count() == 4


def test_fill_skips_activities_already_in_another_section(newsletter):
    highlights = NewsletterSectionFactory(newsletter=newsletter, kind=SectionKind.HIGHLIGHTS, order=0)
    featured = event(newsletter, "featured", datetime.date(2023, 5, 9))
    SectionEventFactory(section=highlights, event=featured)
    event(newsletter, "other", datetime.date(2023, 4, 12))

    assert newsletter_fill_from_period(newsletter=newsletter) == 1
    events_section = newsletter.sections.get(kind=SectionKind.EVENTS)
    assert linked_slugs(events_section) == ["other"]


def test_fill_creates_the_events_section_when_missing(newsletter):
    NewsletterSectionFactory(newsletter=newsletter, kind=SectionKind.FOREWORD, order=4)
    event(newsletter, "only", datetime.date(2023, 4, 12))

    assert newsletter_fill_from_period(newsletter=newsletter) == 1

    section = NewsletterSection.objects.get(newsletter=newsletter, kind=SectionKind.EVENTS)
    assert section.order == 5
    assert section.title_en == "Events"
    assert section.title_zh_hans  # titled in Chinese too (from the catalogue, else the English)
    assert linked_slugs(section) == ["only"]


def test_fill_with_nothing_to_add_returns_zero(newsletter):
    assert newsletter_fill_from_period(newsletter=newsletter) == 0
