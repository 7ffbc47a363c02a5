from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from activities.api.docs import docs_asset
from activities.api.endpoints import api
from activities.open_data_views import IATIActivitiesView
from activities.page_cache import cache_page_for_anonymous as cached
from activities.sitemaps import SITEMAPS, sitemap_index
from activities.views import RobotsView
from activities.views_health import HealthView

urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path(
        "sitemap.xml",
        cached(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cached(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("activities.iati.xml", IATIActivitiesView.as_view(), name="iati_activities"),
    path("api/docs/assets/<str:name>", docs_asset, name="api_docs_asset"),
    path("api/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("activities.urls")),
    path("partners/", include("partners.urls")),
    path("newsletters/", include("newsletters.urls")),
)
