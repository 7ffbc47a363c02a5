from django.urls import path

from activities import partner_views as views
from core.page_cache import SITE, agency_tag
from core.page_cache import cache_page_for_anonymous as cached

app_name = "partners"

urlpatterns = [
    path("", cached(views.AgencyListView.as_view()), name="list"),
    # A partner's page lists its own activities only: an edit elsewhere leaves it fresh.
    path(
        "<slug:slug>/",
        cached(views.AgencyDetailView.as_view(), tags=lambda kwargs: (SITE, agency_tag(kwargs["slug"]))),
        name="detail",
    ),
]
