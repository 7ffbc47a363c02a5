"""The public pages of the activities: home, the activity list and pages, phases and pillars."""

import functools

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext
from django.views import View
from django.views.generic import ListView, TemplateView

from core.page_cache import cached_count, cached_value
from core.views import PaginatedListMixin

from . import selectors
from .factsheets import FactSheetExporter
from .filters import EventFilter

PHASE_PAGE_EVENTS = 12


class HomeView(TemplateView):
    template_name = "activities/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = selectors.home_overview()
        return context


class EventListView(PaginatedListMixin, ListView):
    """The activity list: filtered (django-filter), sorted, paginated; the state lives in the URL."""

    template_name = "activities/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        if not self.filtered():
            # Nothing to select or sort: no filter set to build (it copies every filter).
            return selectors.listed_events()
        return self.filterset.qs

    @functools.cached_property
    def query_without_page(self):
        return _query_without_page(self.request)

    def filtered(self):
        """Whether the query string holds anything besides the page number."""
        return bool(self.query_without_page)

    @functools.cached_property
    def filterset(self):
        return EventFilter(self.request.GET or None, queryset=selectors.listed_events(), request=self.request)

    def count_label(self):
        # The query string is the filter state: the same one always selects the same rows.
        return f"activities:{self.query_without_page}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A filter that did not validate still deserves a way back to the whole list.
        active = self.filterset.active_filters() if self.filtered() else []
        context["active_filter_count"] = len(active)
        context["filter_errors"] = self.filtered() and bool(self.filterset.form.errors)
        context["has_filters"] = bool(active) or context["filter_errors"]
        context["query_without_page"] = query = self.query_without_page
        # Drawing the form (its selects hold every year, city and agency) takes longer than
        # finding the page's activities: it is the same on every page of a filter state.
        context["filter_form"] = cached_value(
            f"filter-form:{get_language()}:{query}",
            lambda: render_to_string(
                "includes/activity_filters.html",
                {"filter": self.filterset, "has_filters": context["has_filters"]},
            ),
        )
        return context


def _query_without_page(request):
    """The current filters as a query string for pagination links (page dropped, empties too)."""
    params = request.GET.copy()
    params.pop("page", None)
    for key in list(params):
        values = [value for value in params.getlist(key) if value]
        if values:
            params.setlist(key, values)
        else:
            del params[key]
    return params.urlencode()


class EventDetailView(TemplateView):
    """One activity; staff may preview a draft, which everyone else is told does not exist."""

    template_name = "activities/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = selectors.event_for_detail(self.kwargs["slug"], include_drafts=self.request.user.is_staff)
        if event is None:
            raise Http404(gettext("No activity found."))
        context["event"] = event
        context["is_preview"] = not selectors.is_public(event)
        context["agency_roles"] = event.agency_roles.all()
        context["related"] = selectors.related_events(event)
        return context


class PhaseDetailView(TemplateView):
    template_name = "activities/phase_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        phase = selectors.phase_for_detail(self.kwargs["number"])
        if phase is None:
            raise Http404(gettext("No phase found."))
        events = selectors.events_of_phase(phase)
        event_count = cached_count(events, label="phase")
        pillars = list(phase.pillars.all())
        # Counting reads every activity of the phase: remembered until content changes.
        counts = cached_value(
            f"published-by-pillar:{phase.pk}", lambda: selectors.count_published_by_pillar(pillars)
        )
        context.update(
            phase=phase,
            pillars=[(pillar, counts.get(pillar.pk, 0)) for pillar in pillars],
            # The cards read only the ids (the phase's index) and load the cards not remembered.
            events=events[:PHASE_PAGE_EVENTS],
            event_count=event_count,
            shown=min(event_count, PHASE_PAGE_EVENTS),
            implementers=phase.implementing_organisations.all(),
        )
        return context


class PhaseFactSheetView(View):
    """The phase's fact sheet (PDF) in the page's language, from the cache when nothing changed."""

    def get(self, request, *args, **kwargs):
        phase = selectors.phase_for_detail(self.kwargs["number"])
        if phase is None:
            raise Http404(gettext("No phase found."))
        exporter = FactSheetExporter()
        lang = request.LANGUAGE_CODE
        response = HttpResponse(exporter.export(phase, lang), content_type=exporter.content_type)
        response["Content-Disposition"] = f'inline; filename="{exporter.filename(phase, lang)}"'
        return response


class PillarDetailView(PaginatedListMixin, ListView):
    template_name = "activities/pillar_detail.html"
    context_object_name = "events"

    def get_queryset(self):
        self.pillar = selectors.pillar_for_detail(self.kwargs["slug"])
        if self.pillar is None:
            raise Http404(gettext("No pillar found."))
        return selectors.events_of_pillar(self.pillar)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pillar"] = self.pillar
        return context

