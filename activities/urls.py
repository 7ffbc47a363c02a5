from django.urls import path

from . import open_data_views, syndication_views, views
from .downloads import cached_download
from .feeds import ActivityFeed
from .filters import EventFilter
from .page_cache import cache_page_for_anonymous as cached

app_name = "activities"

# The downloads of a selection read the activity list's filters, and nothing else.
selection_download = cached_download(params=tuple(EventFilter.base_filters))

urlpatterns = [
    path("", cached(views.HomeView.as_view()), name="home"),
    path(
        "activities/",
        cached(views.EventListView.as_view()),
        name="list",
    ),
    path("activities/feed/", ActivityFeed(), name="feed"),
    path(
        "activities/calendar.ics",
        selection_download(syndication_views.ActivityCalendarView.as_view()),
        name="calendar",
    ),
    path(
        "activities/export.csv",
        selection_download(open_data_views.ActivityCSVView.as_view()),
        name="export_csv",
    ),
    path(
        "activities/export.xlsx",
        selection_download(open_data_views.ActivityXLSXView.as_view()),
        name="export_xlsx",
    ),
    # Fixed paths under activities/ (feed/, calendar.ics) go above this line: "feed" is a slug.
    path(
        "activities/<slug:slug>/calendar.ics",
        syndication_views.EventCalendarView.as_view(),
        name="event_ics",
    ),
    path("activities/<slug:slug>/", cached(views.EventDetailView.as_view()), name="detail"),
    path("dashboard/", cached(open_data_views.DashboardView.as_view()), name="dashboard"),
    path("phases/<int:number>/", cached(views.PhaseDetailView.as_view()), name="phase_detail"),
    path("pillars/<slug:slug>/", cached(views.PillarDetailView.as_view()), name="pillar_detail"),
]
