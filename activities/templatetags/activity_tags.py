"""The activity cards, for every page that lists activities: {% load activity_tags %}."""

from django import template
from django.utils.safestring import mark_safe

from ..cards import activity_cards as render_activity_cards

register = template.Library()


@register.simple_tag
def activity_cards(events, heading_level=3):
    """The cards of ``events`` (a queryset or a list), each remembered until content changes."""
    return mark_safe("".join(render_activity_cards(events, heading_level=heading_level)))  # noqa: S308
