"""Writes for newsletters: keyword-only, atomic, validated before saving."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from core import workflow
from core.enums import Status
from core.workflow import stored_status

from .enums import SectionKind
from .models import Newsletter, NewsletterSection, SectionEvent
from .selectors import events_in_period


def _events_section(newsletter):
    """The issue's events section, created (titled in every language) at the end when missing."""
    section = newsletter.sections.filter(kind=SectionKind.EVENTS).order_by("order", "id").first()
    if section is not None:
        return section
    next_order = (newsletter.sections.aggregate(last=Max("order"))["last"] or 0) + 1
    titles = {}
    for code in ("en", "zh-hans"):
        with translation.override(code):
            titles[f"title_{code.replace('-', '_')}"] = str(SectionKind.EVENTS.label)
    section = NewsletterSection(newsletter=newsletter, kind=SectionKind.EVENTS, order=next_order, **titles)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def newsletter_fill_from_period(*, newsletter):
    """Add every published activity of the issue's period to its events section.

    Activities come in date order after those already linked; an activity already anywhere in
    the issue is not added again, so running it twice adds nothing. Returns how many were added.
    """
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    section = _events_section(newsletter)
    already = SectionEvent.objects.filter(section__newsletter=newsletter).values("event_id")
    events = events_in_period(start=newsletter.period_start, end=newsletter.period_end).exclude(
        pk__in=already
    )
    next_order = (section.section_events.aggregate(last=Max("order"))["last"] or -1) + 1
    links = []
    for position, event in enumerate(events, start=next_order):
        link = SectionEvent(section=section, event=event, order=position)
        link.full_clean()
        links.append(link)
    SectionEvent.objects.bulk_create(links)
    if links:
        newsletter_touch(newsletter_id=newsletter.pk)
    return len(links)


def newsletter_touch(*, newsletter_id):
    """Mark an issue as changed, so its cached exports are rebuilt (sections have no timestamp)."""
    Newsletter.objects.filter(pk=newsletter_id).update(updated_at=timezone.now())


@transaction.atomic
def newsletter_transition(*, newsletter, user, status):
    """Move an issue to another status; publishing needs the permission and a title in both languages."""
    workflow.check_transition(user=user, obj=newsletter, current=stored_status(newsletter), target=status)
    newsletter.status = status
    if status == Status.PUBLISHED and newsletter.published_at is None:
        newsletter.published_at = timezone.now()
    newsletter.full_clean()
    newsletter.save()
    return newsletter
