"""View pieces every app's public pages share."""

from django.conf import settings

from core.page_cache import CachedCountPaginator


class PaginatedListMixin:
    """A ListView paginated by ACTIVITIES_PER_PAGE, with a short page range (1 … 4 5 6 … 20).

    An out-of-range or malformed ``?page=`` answers 404, as Django's ListView does. The count
    is remembered until content changes (CachedCountPaginator): it reads every matching row.
    """

    paginator_class = CachedCountPaginator

    def get_paginate_by(self, queryset):
        return settings.ACTIVITIES_PER_PAGE

    def count_label(self):
        """What names this list's filter state for the remembered count (None: its SQL does)."""
        return None

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, count_label=self.count_label(), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = context["paginator"].get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        context.setdefault("query_without_page", "")
        return context
