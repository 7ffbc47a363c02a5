"""The public partner pages: the agencies grouped by side, and one agency with its activities."""

from django.http import Http404
from django.utils.translation import gettext
from django.views.generic import ListView, TemplateView

from activities.views import PaginatedListMixin
from partners import selectors
from partners.enums import Side


class AgencyListView(TemplateView):
    template_name = "partners/partneragency_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {side: [] for side in Side}
        for agency in selectors.agencies_for_list():
            groups[Side(agency.side)].append(agency)
        context["groups"] = [(side, agencies) for side, agencies in groups.items() if agencies]
        context["total"] = sum(len(agencies) for agencies in groups.values())
        return context


class AgencyDetailView(PaginatedListMixin, ListView):
    """An agency, its parent and children, and its published activities (paginated)."""

    template_name = "partners/partneragency_detail.html"
    context_object_name = "events"

    def get_queryset(self):
        self.agency = selectors.agency_for_detail(self.kwargs["slug"])
        if self.agency is None:
            raise Http404(gettext("No partner agency found."))
        return selectors.events_of_agency(self.agency)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agency"] = self.agency
        context["children"] = self.agency.children.all()
        return context
