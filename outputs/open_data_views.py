"""Insight and open data: the statistics dashboard, the activity downloads and the IATI export."""

from contextlib import closing

from django import forms
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from activities.filters import EventFilter, PhaseChoiceField
from activities.models import Event, Phase

from . import stats
from .charts import dashboard_charts, number
from .exporters import CSVExporter, IATIExporter, XLSXExporter


class DashboardFilterForm(forms.Form):
    phase = PhaseChoiceField(
        label=pgettext_lazy("filter", "Phase"),
        queryset=Phase.objects.order_by("number"),
        to_field_name="number",
        required=False,
        empty_label=_("All phases"),
    )


class DashboardView(TemplateView):
    """Figures of the published activities, for all phases or one (``?phase=<number>``).

    A phase that does not exist is reported on the page, which then shows all phases.
    """

    template_name = "activities/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DashboardFilterForm(self.request.GET or None)
        phase = form.cleaned_data["phase"] if form.is_valid() else None
        figures = stats.dashboard(phase)
        overall = figures.participants.overall
        context.update(
            form=form,
            phase=phase,
            figures=figures,
            charts=dashboard_charts(figures),
            headline=[
                (gettext("Published activities"), number(figures.activities)),
                (gettext("Participants (recorded)"), number(overall.known_total)),
                (gettext("Activities without participant figures"), number(overall.without_total)),
                (gettext("Partner agencies involved"), number(figures.agencies.engaged)),
                (gettext("Cities"), number(figures.cities.total_cities)),
            ],
            years=_year_span(figures.years),
            export_query=f"phase={phase.number}" if phase else "",
        )
        return context


def _year_span(years):
    if not years:
        return ""
    if years[0] == years[-1]:
        return str(years[0])
    return f"{years[0]}–{years[-1]}"


class ActivityExportView(View):
    """The activity list's current selection (same query parameters) as a download.

    Filters that do not validate are ignored, exactly as the list page ignores them, so the
    download always holds what the list shows.
    """

    exporter_class = None

    def get(self, request, *args, **kwargs):
        filterset = EventFilter(request.GET or None, queryset=Event.objects.published(), request=request)
        exporter = self.exporter_class(filterset.qs, lang=get_language(), description=_describe(filterset))
        return exporter_response(exporter)


def _describe(filterset):
    """The active filters in words ("Phase: Phase 3 …; Year: 2023") for the file's notes."""
    if not filterset.is_bound:
        return ""
    cleaned = getattr(filterset.form, "cleaned_data", {})
    parts = []
    for name in filterset.active_filters():
        field = filterset.form.fields[name]
        value = cleaned[name]
        if hasattr(field, "label_from_instance"):
            value = field.label_from_instance(value)
        elif getattr(field, "choices", None):
            value = dict(field.choices).get(value, value)
        parts.append(f"{field.label}: {value}")
    return "; ".join(parts)


def exporter_response(exporter):
    """The export as a download: whole if it fits in one piece, streamed piece by piece if not.

    A small selection goes out with its length. A large one starts at once and never sits whole
    in memory; its first pieces are made here, so a failing query is still an error page rather
    than a cut-off file.
    """
    chunks = exporter.chunks()
    first = next(chunks)
    second = next(chunks, None)
    if second is None:
        response = HttpResponse(first, content_type=exporter.content_type)
    else:
        response = StreamingHttpResponse(_stream(first, second, chunks), content_type=exporter.content_type)
    response["Content-Disposition"] = f'{exporter.disposition}; filename="{exporter.filename}"'
    return response


def _stream(first, second, rest):
    # Closing the response (the client went away) closes the export and its database cursor.
    with closing(rest):
        yield first
        yield second
        yield from rest


class ActivityCSVView(ActivityExportView):
    exporter_class = CSVExporter


class ActivityXLSXView(ActivityExportView):
    exporter_class = XLSXExporter


class IATIActivitiesView(View):
    """Every published activity as an IATI ``iati-activities`` document (standard 2.03)."""

    def get(self, request, *args, **kwargs):
        return exporter_response(IATIExporter(Event.objects.published().order_by("start_date", "id")))
