"""Reads for the newsletter pages and exports: everything a page shows, joined or prefetched."""

import hashlib

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from activities.models import Event, Photo
from core.enums import Status

from .models import Newsletter, NewsletterSection, SectionEvent


def _published_events_q(prefix=""):
    """The published() rule of activities, for a query that reaches events through a relation."""
    now = timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now})
    )


def newsletter_list(*, include_drafts=False):
    """Issues for the archive, newest first, with their phase."""
    queryset = Newsletter.objects.all() if include_drafts else Newsletter.objects.published()
    return queryset.select_related("phase").order_by("-number")


def newsletter_get(*, number, include_drafts=False):
    """One issue, light (no sections): enough to decide access and to find a cached export.

    Raises Newsletter.DoesNotExist when the number is unknown or not visible.
    """
    return newsletter_list(include_drafts=include_drafts).get(number=number)


def newsletter_reload(*, newsletter):
    """The issue as the database has it now, with its phase (an export never uses stale state)."""
    return Newsletter.objects.select_related("phase").get(pk=newsletter.pk)


def newsletter_is_public(newsletter):
    """Whether the public may see this issue now (the rule of PublishableQuerySet.published)."""
    return newsletter.status == Status.PUBLISHED and (
        newsletter.published_at is None or newsletter.published_at <= timezone.now()
    )


def newsletter_edition(*, newsletter):
    """The issue with its sections, each with its linked published activities and their lead photo.

    Sections come in order as ``newsletter.ordered_sections``; each section's activities as
    ``section.links`` (SectionEvent with ``event`` joined and ``event.lead_photos`` holding at most
    the first photo by order). Draft activities are left out even in a staff preview, so what staff
    preview is what the public will get; sections left with neither text nor activity are dropped.
    Three queries whatever the size of the issue.
    """
    lead_photo = Prefetch(
        "event__photos",
        queryset=Photo.objects.order_by("order", "id")[:1],
        to_attr="lead_photos",
    )
    links = (
        SectionEvent.objects.filter(_published_events_q("event__"))
        .select_related("event")
        .prefetch_related(lead_photo)
        .order_by("order", "id")
    )
    sections = NewsletterSection.objects.order_by("order", "id").prefetch_related(
        Prefetch("section_events", queryset=links, to_attr="links")
    )
    prefetch_related_objects(
        [newsletter], Prefetch("sections", queryset=sections, to_attr="ordered_sections")
    )
    # A section with no text and no activity the public may see would print as a bare heading.
    newsletter.ordered_sections = [
        section for section in newsletter.ordered_sections if section.body or section.links
    ]
    return newsletter


def newsletter_fingerprint(*, newsletter):
    """A cheap digest of everything an export shows, so a changed record means a new export.

    One query: the issue's own ``updated_at`` (sections and links touch it through signals), the
    latest ``updated_at`` of its linked activities (photos touch their activity), and how many of
    them the public may see now (an activity scheduled for later appears without being edited).
    """
    stats = SectionEvent.objects.filter(section__newsletter=newsletter).aggregate(
        latest=Max("event__updated_at"),
        links=Count("id"),
        visible=Count("id", filter=_published_events_q("event__")),
        sections=Count("section", distinct=True),
    )
    parts = [
        newsletter.updated_at.isoformat() if newsletter.updated_at else "",
        stats["latest"].isoformat() if stats["latest"] else "",
        str(stats["links"]),
        str(stats["visible"]),
        str(stats["sections"]),
        "public" if newsletter_is_public(newsletter) else "draft",
        settings.SITE_URL,  # every link in an export is absolute
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def events_in_period(*, start, end):
    """Published activities that start within a period, in date order."""
    return Event.objects.published().filter(start_date__gte=start, start_date__lte=end).order_by(
        "start_date", "end_date", "id"
    )
