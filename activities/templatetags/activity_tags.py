"""The activity cards, for every page that lists activities: {% load activity_tags %}."""

from django import template
from django.utils.safestring import mark_safe

from ..cards import activity_cards as render_activity_cards
from ..search import highlight_card

register = template.Library()


@register.simple_tag
def activity_cards(events, heading_level=3, highlight=""):
    """The cards of ``events`` (a queryset or a list), each remembered until content changes;
    the words of the search ``highlight`` marked in their titles and summaries."""
    cards = render_activity_cards(events, heading_level=heading_level)
    if highlight:
        cards = [highlight_card(card, highlight) for card in cards]
    return mark_safe("".join(cards))  # noqa: S308
