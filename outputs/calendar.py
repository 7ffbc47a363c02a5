"""iCalendar export of activities, shared by the public views and any management command.

Every activity is an all-day event: the sources give days, not hours. DTEND is exclusive in
iCalendar, so it is the day after the last day. Where the sources give only the month or the
year (``date_precision``), the stored dates already run from the first to the last day of that
month or year; the entry spans that whole period and its description says, first, that the day
is not known, so no calendar shows an invented day as fact. Entries are transparent: a past or
future activity of the project never marks a subscriber as busy.
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from core.enums import DatePrecision
from core.formatting import format_date_range, format_place
from core.templatetags.portal import HTML_LANG, resolve_translation

PRODUCT_ID = "-//EU-China Dialogue on Migration and Mobility Support Project//MMSP portal//EN"
UID_DOMAIN = "mmsp-portal"


def place_text(event, *, with_venue=True):
    """Venue, city and country in the active language: "Diaoyutai State Guesthouse, Beijing, China"."""
    return format_place(event, with_venue=with_venue)


def event_uid(event):
    """The same activity keeps the same UID in every export and language, so updates replace it."""
    return f"event-{event.pk}@{UID_DOMAIN}"


class EventCalendarExporter:
    """Renders activities as an iCalendar file in one language.

    ``events`` should come with ``pillars`` prefetched (they become CATEGORIES); ``base_url`` is
    the scheme and host the links start with (``https://example.org``, no trailing slash).
    """

    content_type = "text/calendar; charset=utf-8"
    extension = "ics"

    def __init__(self, events, *, lang, base_url, name, description="", filename_stem="mmsp-activities"):
        self.events = events
        self.lang = lang
        self.base_url = base_url.rstrip("/")
        self.name = name
        self.description = description
        self.filename_stem = filename_stem

    @property
    def filename(self):
        return f"{self.filename_stem}.{self.extension}"

    def render(self):
        """The calendar as bytes, written in ``self.lang`` whatever language is active."""
        with translation.override(self.lang):
            calendar = Calendar()
            calendar.add("prodid", PRODUCT_ID)
            calendar.add("version", "2.0")
            calendar.add("calscale", "GREGORIAN")
            # NAME is a one-line property: a title typed with a line break must not break the file.
            name = " ".join(str(self.name).split())
            calendar.add("name", name)
            calendar.add("x-wr-calname", name)
            if self.description:
                calendar.add("description", str(self.description))
                # icalendar writes an X- property unescaped, where a line break would end it: TEXT.
                calendar.add("x-wr-caldesc", vText(str(self.description)))
            # Subscribed calendars ask again once a day: activities change rarely.
            calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
            calendar.add("x-published-ttl", "P1D")
            for event in self.events:
                if event.date_precision == DatePrecision.UNKNOWN:
                    continue  # no date to put in a calendar
                calendar.add_component(self._component(event))
            return calendar.to_ical()

    def _component(self, event):
        component = CalendarEvent()
        component.add("uid", event_uid(event))
        # Without a METHOD, DTSTAMP is when the record was last revised (RFC 5545, 3.8.7.2).
        component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
        component.add("created", event.created_at.astimezone(datetime.UTC))
        component.add("last-modified", event.updated_at.astimezone(datetime.UTC))
        component.add("dtstart", event.start_date)
        component.add("dtend", event.end_date + datetime.timedelta(days=1))
        title, title_lang = resolve_translation(event, "title")
        component.add("summary", title, parameters={"LANGUAGE": HTML_LANG.get(title_lang, title_lang)})
        location = place_text(event)
        url = self.base_url + event.get_absolute_url()
        component.add("description", self._description(event, location, url))
        if location:
            component.add("location", location)
        component.add("url", url)
        categories = [event.get_type_display(), *(pillar.name for pillar in event.pillars.all())]
        component.add("categories", [str(category) for category in categories])
        component.add("status", "CONFIRMED")
        component.add("transp", "TRANSPARENT")
        return component

    def _description(self, event, location, url):
        dates = format_date_range(event.start_date, event.end_date, event.date_precision)
        paragraphs = []
        if event.date_precision == DatePrecision.MONTH:
            paragraphs.append(
                gettext(
                    "The sources give only the month of this activity (%(dates)s), not the day: "
                    "this entry covers that whole period."
                )
                % {"dates": dates}
            )
        elif event.date_precision == DatePrecision.YEAR:
            paragraphs.append(
                gettext(
                    "The sources give only the year of this activity (%(dates)s), not the day: "
                    "this entry covers that whole period."
                )
                % {"dates": dates}
            )
        if event.summary:
            paragraphs.append(event.summary)
        details = [gettext("Dates: %(dates)s") % {"dates": dates}]
        if location:
            details.append(gettext("Place: %(place)s") % {"place": location})
        details.append(url)
        paragraphs.append("\n".join(details))
        return "\n\n".join(paragraphs)
