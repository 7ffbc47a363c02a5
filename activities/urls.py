from django.urls import path

from core.page_cache import cache_page_for_anonymous as cached

from . import views

app_name = "activities"

# The feed, calendars, downloads and dashboard share this namespace ("activities:feed"...) but
# live in outputs/: mmsp/urls.py puts outputs.urls.activity_outputs in front of these patterns.
urlpatterns = [
    path("", cached(views.HomeView.as_view()), name="home"),
    path(
        "activities/",
        cached(views.EventListView.as_view()),
        name="list",
    ),
    path("activities/<slug:slug>/", cached(views.EventDetailView.as_view()), name="detail"),
    path("phases/<int:number>/", cached(views.PhaseDetailView.as_view()), name="phase_detail"),
    path("phases/<int:number>/factsheet.pdf", views.PhaseFactSheetView.as_view(), name="phase_factsheet"),
    path("pillars/<slug:slug>/", cached(views.PillarDetailView.as_view()), name="pillar_detail"),
]
