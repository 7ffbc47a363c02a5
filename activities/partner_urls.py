from django.urls import path

from activities import partner_views as views
from core.page_cache import cache_page_for_anonymous as cached

app_name = "partners"

urlpatterns = [
    path("", cached(views.AgencyListView.as_view()), name="list"),
    path("<slug:slug>/", cached(views.AgencyDetailView.as_view()), name="detail"),
]
