"""The outputs' addresses under the activities namespace ("activities:feed", "activities:dashboard"...).

mmsp/urls.py joins ``activity_outputs`` in front of activities.urls, so the fixed paths under
activities/ (feed/, calendar.ics, export.csv) are matched before activities/<slug>/.
"""

from django.urls import path

from activities.filters import EventFilter
from core.downloads import cached_download
from core.page_cache import cache_page_for_anonymous as cached

from . import open_data_views, pages, syndication_views
from .feeds import ActivityFeed

# The downloads of a selection read the activity list's filters, and nothing else.
selection_download = cached_download(params=tuple(EventFilter.base_filters))

activity_outputs = [
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
    path(
        "activities/<slug:slug>/calendar.ics",
        syndication_views.EventCalendarView.as_view(),
        name="event_ics",
    ),
    path("dashboard/", cached(open_data_views.DashboardView.as_view()), name="dashboard"),
    path("about/", cached(pages.AboutView.as_view()), name="about"),
    path("contact/", cached(pages.ContactView.as_view()), name="contact"),
    path("documents/", cached(pages.DocumentsView.as_view()), name="documents"),
]
