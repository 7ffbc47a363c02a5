"""A lost database connection becomes a friendly 503; searches are counted per client; every answer
says how long it keeps."""

import logging

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from .limits import over_limit, too_many_requests

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


class DatabaseUnavailableMiddleware:
    """Answer 503 with a static bilingual page and ``Retry-After`` when the database is unreachable.

    The page (templates/503.html) renders without a database or a known language, so it shows
    English and Chinese side by side.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s", request.path, exc_info=exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class SearchRateLimitMiddleware:
    """Count every public request with a search (``?q=…``) against its client's SEARCH_RATE.

    A search reads every activity and each new one is a new page to build and cache: a client
    over the limit gets the bilingual 429 page. The API has its own throttle; staff are exempt.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET.get("q", "").strip() and not request.path.startswith(API_PREFIX):
            wait = over_limit(request, "search", settings.SEARCH_RATE)
            if wait is not None:
                return too_many_requests(wait, "search")
        return self.get_response(request)


class RevalidateMiddleware:
    """``Cache-Control: no-cache`` on every answer that does not say how long it keeps.

    Browsers and shared caches may keep a page, feed, sitemap or download but must ask again
    before each use, so a withdrawn activity leaves them as soon as it leaves the portal (left
    unsaid, a cache may guess a lifetime, from Last-Modified for a feed). Answers that say it
    themselves keep their own: the admin's never-cache, the API's, the newsletter editions'.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_cache=True)
        return response
