"""The pages about the project itself: About, Contact and Documents.

They read every domain app (phases, partners, newsletters), so they live with the other site-wide
outputs; the texts of About are the project's own, from its fact sheet of phase III and brochure.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.views.generic import TemplateView

from activities.models import Phase
from activities.selectors import phases_with_pillars
from core.credits import credits_context

from .documents import DocumentFilterForm, documents

DOCUMENTS_PER_PAGE = 50


class AboutView(TemplateView):
    template_name = "outputs/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["phases"] = list(phases_with_pillars())
        context["credits"] = credits_context()
        return context


class ContactView(TemplateView):
    template_name = "outputs/contact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["credits"] = credits_context()
        return context


class DocumentsView(TemplateView):
    """Every published document, filtered by kind, language and phase; a filter that does not
    validate is named on the page and ignored, never a server error."""

    template_name = "outputs/documents.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        phases = list(Phase.objects.order_by("number"))
        form = DocumentFilterForm(self.request.GET or None, phases=phases)
        filters = {}
        if form.is_bound and form.is_valid():
            filters = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
        paginator = Paginator(documents(**filters), DOCUMENTS_PER_PAGE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage:  # out of range or not a number
            raise Http404("No such page of documents.") from None
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            has_filters=bool(filters),
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            page_range=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            documents=page.object_list,
            query_without_page=query.urlencode(),
        )
        return context
