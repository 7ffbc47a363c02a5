"""The RSS 2.0 feed of the latest published activities, honouring the activity list's filters."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext

from core.enums import DatePrecision
from core.formatting import format_date_range
from core.site import site_url

from .calendar import place_text
from .syndication_views import (
    feed_link,
    select_events,
    selection_description,
    selection_title,
)

FEED_SIZE = 50


class ActivityFeed(Feed):
    """``?pillar=<slug>`` (or any filter of the list) gives that pillar's feed.

    The language is the request's (the URL prefix); content falls back to English where the
    Chinese text is missing, as on the pages. Links are absolute on SITE_URL: Django would
    otherwise put the request's host in front of them.
    """

    feed_type = Rss201rev2Feed

    def get_object(self, request):
        return select_events(request)

    def title(self, selection):
        return selection_title(selection)

    def description(self, selection):
        return selection_description()

    def link(self, selection):
        return site_url(feed_link(selection))

    def feed_url(self, selection):
        return site_url(reverse("activities:feed") + selection.suffix())

    def items(self, selection):
        return selection.events[:FEED_SIZE]

    def item_link(self, event):
        return site_url(event.get_absolute_url())

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        dates = format_date_range(event.start_date, event.end_date, event.date_precision)
        place = place_text(event, with_venue=False)
        if place:
            # Translators: the first line of a feed entry: "27 June 2023, Beijing, China".
            heading = gettext("%(dates)s, %(place)s") % {"dates": dates, "place": place}
        else:
            heading = dates
        # Feed readers show the description as HTML; format_html escapes the record's text.
        if event.summary:
            return format_html("<p>{}</p><p>{}</p>", heading, event.summary)
        return format_html("<p>{}</p>", heading)

    def item_pubdate(self, event):
        if event.published_at:
            return event.published_at
        if event.date_precision == DatePrecision.UNKNOWN:
            return event.created_at  # the activity's date is not known: never a made-up one
        return timezone.make_aware(datetime.datetime.combine(event.start_date, datetime.time.min))

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [str(event.get_type_display()), *(pillar.name for pillar in event.pillars.all())]
