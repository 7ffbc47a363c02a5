"""Subscriptions to the activities: the calendar files, and the filtered selection the feed shares.

The feed and the calendar honour the activity list's filters, so a reader can subscribe to one
pillar, one year or one search. A filter value that does not validate answers 404: a subscriber
to ``?pillar=<a slug that no longer exists>`` is better told than quietly sent every activity.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, ngettext
from django.views import View

from activities.filters import EventFilter
from activities.models import Event, Pillar
from core.site import site_url

from .calendar import EventCalendarExporter

# The parameter that sorts rather than selects: a subscription is always newest first.
ORDERING_PARAMETER = "sort"
# Activities in a subscribed calendar at most. Calendar applications fetch the whole file at every
# refresh: the whole portal (100,000 activities at the scale we plan for) is 60 MB and a minute to
# build, far more than Google Calendar or Outlook will take, while a reader looks at the months
# around today. 1,000 are 0.7 MB, under a second; the CSV download has the rest.
CALENDAR_LIMIT = 1000


@dataclass
class Selection:
    """The published activities a subscription holds, with what describes it to a reader."""

    events: object
    query: str
    label: str

    def suffix(self):
        return f"?{self.query}" if self.query else ""


def syndication_events():
    """Published activities with what the feed and the calendar show, newest first."""
    pillars = Pillar.objects.order_by("phase__number", "order")
    return (
        Event.objects.published()
        .prefetch_related(Prefetch("pillars", queryset=pillars))
        .order_by("-start_date", "-id")
    )


def select_events(request):
    """The published activities matching the list's filters in ``request.GET``; 404 if invalid."""
    filterset = EventFilter(request.GET, queryset=syndication_events(), request=request)
    if not filterset.is_valid():
        raise Http404(gettext("These filters are not valid."))
    names = [name for name in filterset.form.fields if name != ORDERING_PARAMETER]
    params = [(name, value) for name in names for value in request.GET.getlist(name) if value]
    return Selection(
        events=filterset.qs.order_by("-start_date", "-id"),
        query=urlencode(params),
        label=_describe(filterset),
    )


def _describe(filterset):
    """The active filters in words, in the active language: "Labour migration, 2022"."""
    parts = []
    for name in filterset.active_filters():
        value = filterset.form.cleaned_data[name]
        field = filterset.form.fields[name]
        if name == "q":
            # Translators: a free-text search in the title of a feed or calendar, with its quotes.
            parts.append(gettext("“%(query)s”") % {"query": value})
        elif hasattr(field, "label_from_instance"):
            parts.append(str(field.label_from_instance(value)))
        else:
            parts.append(str(dict(field.choices).get(value, value)))
    return ", ".join(parts)


def selection_title(selection):
    """The title of a feed or calendar: the portal's activities, then the filters if any."""
    if selection.label:
        # Translators: the title of a feed or calendar limited by filters (a pillar, a year...).
        return gettext("MMSP activities: %(filters)s") % {"filters": selection.label}
    return gettext("MMSP activities")


def selection_description():
    return gettext("Activities of the EU-China Dialogue on Migration and Mobility Support Project (MMSP).")


def calendar_response(exporter):
    response = HttpResponse(exporter.render(), content_type=exporter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename}"'
    return response


class ActivityCalendarView(View):
    """The published activities matching the list's filters, as one calendar to subscribe to.

    At most CALENDAR_LIMIT of them, the latest by start date; the calendar's description says so
    when the selection holds more, and links the CSV download of the same selection.
    """

    def get(self, request):
        selection = select_events(request)
        # One more than the limit tells whether the selection was cut, without counting it.
        events = list(selection.events[: CALENDAR_LIMIT + 1])
        description = selection_description()
        if len(events) > CALENDAR_LIMIT:
            events = events[:CALENDAR_LIMIT]
            export = site_url(reverse("activities:export_csv") + selection.suffix())
            note = ngettext(
                # Translators: ends the description of a subscribed calendar that holds only part of
                # its selection; the address is the CSV download of the whole selection.
                "This calendar holds only the %(count)s activity of this selection with the latest start "
                "date. The CSV download lists them all: %(url)s",
                "This calendar holds only the %(count)s activities of this selection with the latest "
                "start dates. The CSV download lists them all: %(url)s",
                CALENDAR_LIMIT,
            ) % {"count": number_format(CALENDAR_LIMIT, force_grouping=True), "url": export}
            description = f"{description}\n\n{note}"
        exporter = EventCalendarExporter(
            events,
            lang=get_language(),
            base_url=site_url("/"),
            name=selection_title(selection),
            description=description,
        )
        return calendar_response(exporter)


class EventCalendarView(View):
    """One published activity as a calendar file to add to one's own calendar."""

    def get(self, request, slug):
        event = syndication_events().filter(slug=slug).first()
        if event is None:
            raise Http404(gettext("No activity found."))
        exporter = EventCalendarExporter(
            [event],
            lang=get_language(),
            base_url=site_url("/"),
            name=event.title,
            filename_stem=event.slug,
        )
        return calendar_response(exporter)


def feed_link(selection):
    """The activity list the feed mirrors, with the same filters."""
    return reverse("activities:list") + selection.suffix()
