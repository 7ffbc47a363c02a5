from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from activities import urls as activities_urls
from core import media
from core.downloads import cached_download
from core.health import HealthView
from outputs.api.docs import docs_asset
from outputs.api.endpoints import api
from outputs.open_data_views import IATIActivitiesView
from outputs.sitemaps import SITEMAPS, sitemap_index
from outputs.urls import activity_outputs
from outputs.views import RobotsView

urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path(
        "sitemap.xml",
        cached_download(rate_limited=False)(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<slug:section>.xml",
        # Only ?p= (the page of a long section) names another file.
        cached_download(params=("p",), rate_limited=False)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("activities.iati.xml", cached_download()(IATIActivitiesView.as_view()), name="iati_activities"),
    path("api/docs/assets/<str:name>", docs_asset, name="api_docs_asset"),
    path("api/", api.urls),
]

# Uploaded files, in development and production alike; with MEDIA_STORAGE=s3 pages link the bucket.
if settings.MEDIA_STORAGE == "filesystem":
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"))

urlpatterns += i18n_patterns(
    # The activities namespace holds the domain pages and, in front of them, the outputs' addresses.
    path("", include((activity_outputs + activities_urls.urlpatterns, activities_urls.app_name))),
    path("partners/", include("activities.partner_urls")),
    path("newsletters/", include("newsletters.urls")),
)
