"""Reads for the public partner pages."""

from django.db.models import Prefetch
from django.utils.translation import get_language

from .models import PartnerAgency


def name_ordering():
    """Agencies by pinyin in Chinese (the way Chinese readers look them up), by name in English."""
    if (get_language() or "en") == "zh-hans":
        return ("pinyin_sort", "name_en")
    return ("name_en",)


def agency_for_detail(slug):
    children = PartnerAgency.objects.order_by(*name_ordering())
    return (
        PartnerAgency.objects.select_related("parent")
        .prefetch_related(Prefetch("children", queryset=children))
        .filter(slug=slug)
        .first()
    )

