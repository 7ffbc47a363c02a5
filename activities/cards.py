"""Activity cards, each rendered once per language until content changes.

A card (``components/activity_card.html``) looks the same wherever it appears: the activity list,
a pillar or phase page, the home page, an activity's related activities. Building one reads the
activity, its pillars and lead photo and walks a template, which is most of the time a list page
takes. The HTML is remembered under the page cache's generation, so any edit forgets every card,
and a list page not in the page cache yet (a new filter, a deeper page) costs one query for the
ids it shows and one cache read for their cards.
"""

from django.db.models import Prefetch, QuerySet
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.page_cache import SITE, event_tag, remembered_many

from .models import Event, Photo

CARD_TEMPLATE = "components/activity_card.html"
# What the card shows; the rest of an activity (its description, objectives...) is not read.
CARD_FIELDS = (
    "slug",
    "type",
    "title",
    "summary",
    "city",
    "start_date",
    "end_date",
    "date_precision",
)


def card_events():
    """Activities with what a card shows at hand (pillars, lead photo), and nothing more."""
    from .selectors import ordered_pillars

    return Event.objects.only(*CARD_FIELDS).prefetch_related(
        Prefetch("pillars", queryset=ordered_pillars()),
        Prefetch("photos", queryset=Photo.objects.order_by("order", "id"), to_attr="photo_list"),
    )


def activity_cards(events, *, heading_level=3):
    """The cards of ``events``, in their order, as a list of safe HTML strings.

    ``events`` is a queryset (only its ids are read; the activities whose card is not remembered
    are then loaded with ``card_events()``) or a list of activities already loaded with their
    pillars and ``photo_list``.
    """
    if isinstance(events, QuerySet):
        ids = list(events.prefetch_related(None).values_list("pk", flat=True))
        loaded = {}
    else:
        ids = [event.pk for event in events]
        loaded = {event.pk: event for event in events}
    language = get_language()

    def render(missing_ids):
        to_load = [pk for pk in missing_ids if pk not in loaded]
        if to_load:
            loaded.update((event.pk, event) for event in card_events().filter(pk__in=to_load))
        template = get_template(CARD_TEMPLATE)
        return {
            pk: template.render({"event": loaded[pk], "heading_level": heading_level}) for pk in missing_ids
        }

    labels = [f"{language}:{heading_level}:{pk}" for pk in ids]
    # A card shows its activity and the pillars' names: an edit of another activity keeps it.
    cards = remembered_many("card", labels, lambda missing: _by_label(missing, render), tags_of=_card_tags)
    return [mark_safe(cards[label]) for label in labels]  # noqa: S308 -- rendered by our template


def _card_tags(label):
    return (SITE, event_tag(label.rsplit(":", 1)[1]))


def _by_label(labels, render):
    """render() takes ids and returns {id: html}; the cache speaks in labels ("en:3:42")."""
    ids = {int(label.rsplit(":", 1)[1]): label for label in labels}
    return {ids[pk]: html for pk, html in render(list(ids)).items()}
