"""Reads for the API: published records only, with everything an answer shows prefetched.

Each list runs a fixed number of queries whatever its length (a count, a page, its prefetches).
"""

from django.db.models import Count, Prefetch

from activities.enums import SPEAKING_ROLES
from activities.models import Event, EventAgency, Participant, Phase, Photo, Pillar
from activities.selectors import ordered_pillars, published_in
from newsletters.selectors import newsletter_edition, newsletter_list
from partners.models import PartnerAgency


def phases():
    return Phase.objects.prefetch_related(
        Prefetch("pillars", queryset=Pillar.objects.order_by("order"))
    ).order_by("number")


def phase(number):
    return phases().filter(number=number).first()


def pillars(*, phase_number=None):
    queryset = (
        ordered_pillars()
        .annotate(published=Count("events", filter=published_in("events"), distinct=True))
        .order_by("phase__number", "order", "id")
    )
    if phase_number is not None:
        queryset = queryset.filter(phase__number=phase_number)
    return queryset


def pillar(slug):
    return pillars().filter(slug=slug).first()


def activities():
    """Published activities with their phase, pillars and agencies (no participant is loaded)."""
    return (
        Event.objects.published()
        .select_related("phase")
        .prefetch_related(
            Prefetch("pillars", queryset=ordered_pillars()),
            Prefetch(
                "agency_roles",
                queryset=EventAgency.objects.select_related("agency").order_by("order", "id"),
            ),
        )
        .order_by("-start_date", "-id")
    )


def activity(slug):
    """One published activity; its only people are the speakers who consented to be named."""
    speakers = Participant.objects.filter(role__in=SPEAKING_ROLES, consent_to_publish=True).select_related(
        "agency"
    )
    return (
        activities()
        .prefetch_related(
            Prefetch("participants", queryset=speakers, to_attr="speakers"),
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id"), to_attr="photo_list"),
            "attachments",
        )
        .filter(slug=slug)
        .first()
    )


def agencies(*, side=None):
    queryset = (
        PartnerAgency.objects.select_related("parent")
        .annotate(published=Count("events", filter=published_in("events"), distinct=True))
        .order_by("name_en", "id")
    )
    if side:
        queryset = queryset.filter(side=side)
    return queryset


def agency(slug):
    return agencies().filter(slug=slug).first()


def newsletters():
    return newsletter_list()


def newsletter(number):
    """One published issue with its sections and their published activities, or None."""
    issue = newsletter_list().filter(number=number).first()
    if issue is None:
        return None
    return newsletter_edition(newsletter=issue)
