"""Turn a lost database connection into a friendly 503 instead of a 500; say how long answers keep."""

import logging

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


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
