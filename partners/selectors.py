"""Reads for the public partner pages."""

from django.db.models import Count, Prefetch
from django.utils.translation import get_language

from activities.models import EventAgency
from activities.selectors import published_events, published_in

from .models import PartnerAgency


def name_ordering():
    """Agencies by pinyin in Chinese (the way Chinese readers look them up), by name in English."""
    if (get_language() or "en") == "zh-hans":
        return ("pinyin_sort", "name_en")
    return ("name_en",)


def agencies_for_list():
    """Every agency with its parent and its number of published activities, in one query."""
    return (
        PartnerAgency.objects.select_related("parent")
        .annotate(published_events=Count("events", filter=published_in("events"), distinct=True))
        .order_by(*name_ordering())
    )


def agency_for_detail(slug):
    children = PartnerAgency.objects.order_by(*name_ordering())
    return (
        PartnerAgency.objects.select_related("parent")
        .prefetch_related(Prefetch("children", queryset=children))
        .filter(slug=slug)
        .first()
    )


def events_of_agency(agency):
    """The agency's published activities, each with the roles this agency held in it."""
    roles = EventAgency.objects.filter(agency=agency).order_by("order", "id")
    return (
        published_events()
        .filter(pk__in=EventAgency.objects.filter(agency=agency).values("event"))
        .prefetch_related(Prefetch("agency_roles", queryset=roles, to_attr="roles_of_agency"))
    )
