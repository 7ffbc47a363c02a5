"""The public partner pages: the agencies grouped by side, and one agency with its activities."""

from django.http import Http404
from django.utils.translation import gettext
from django.views.generic import ListView, TemplateView

from core.views import PaginatedListMixin
from partners.enums import Side
from partners.selectors import agency_for_detail

from .selectors import agencies_for_list, event_ids_of_agency, events_of_agency


class AgencyListView(TemplateView):
    template_name = "partners/partneragency_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {side: [] for side in Side}
        for agency in agencies_for_list():
            groups[Side(agency.side)].append(agency)
        context["groups"] = [(side, agencies) for side, agencies in groups.items() if agencies]
        context["total"] = sum(len(agencies) for agencies in groups.values())
        return context


class AgencyDetailView(PaginatedListMixin, ListView):
    """An agency, its parent and children, and its published activities (paginated)."""

    template_name = "partners/partneragency_detail.html"
    context_object_name = "events"

    def get_queryset(self):
        self.agency = agency_for_detail(self.kwargs["slug"])
        if self.agency is None:
            raise Http404(gettext("No partner agency found."))
        # The ids, remembered: the paginator counts and slices them without a query.
        return event_ids_of_agency(self.agency)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = events_of_agency(self.agency, list(context["page_obj"].object_list))
        context["agency"] = self.agency
        context["children"] = self.agency.children.all()
        return context
