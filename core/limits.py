"""Bounds on the work an anonymous client can start: rate limits and slots for heavy builds.

Both live in the "limits" cache: in Redis (CACHE_URL) they hold across every worker and machine;
with the memory cache, each process counts for itself.

- **Rate limits**: a client (its address, ``clients.client_ip``) may make DOWNLOAD_RATE downloads
  and SEARCH_RATE searches per period, counted in fixed windows. Over it, a 429 page in the
  request's language with ``Retry-After``. Staff are never limited.
- **Heavy builds**: at most HEAVY_BUILDS downloads are built at once for anonymous clients. Each
  build holds a slot, a cache key added atomically (Redis SET NX) and deleted when the build
  ends; a worker that dies mid-build frees its slot when the key expires. With every slot taken,
  the portal answers 503 with ``Retry-After`` at once rather than queueing the request behind
  minutes of work.
"""

import math
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

from .clients import client_ip
from .templatetags.portal import HTML_LANG

limits_cache = ConnectionProxy(caches, "limits")

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# A build slot is given back after this long even if its worker died without freeing it.
BUILD_SLOT_SECONDS = 120
# How long a client told "busy" should wait: a download at 100,000 activities takes 10-40 s.
BUSY_RETRY_AFTER = 30


def parse_rate(rate):
    """ "20/min" -> (20, 60): requests per period in seconds (s, min, h, day: the first letter counts)."""
    count, _slash, period = rate.partition("/")
    try:
        return int(count), PERIODS[period.strip()[:1].lower()]
    except (KeyError, ValueError):
        raise ValueError(f"A rate is '<requests>/<s|min|h|day>', not {rate!r}.") from None


def is_staff(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def over_limit(request, bucket, rate):
    """Count this request against ``bucket`` for its client; seconds to wait if over, else None."""
    if is_staff(request):
        return None
    allowed, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    key = f"rate:{bucket}:{client_ip(request)}:{period}:{window}"
    limits_cache.add(key, 0, timeout=period + 1)
    try:
        count = limits_cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens a new window
        limits_cache.add(key, 1, timeout=period + 1)
        count = 1
    if count <= allowed:
        return None
    return max(1, math.ceil((window + 1) * period - now))


class BuildSlot:
    """One of HEAVY_BUILDS slots for a build: ``acquire()`` is False when every one is taken.

    A streamed download holds its slot until its last piece is sent, so ``release()`` is separate.
    Staff are trusted: they take no slot and are never refused.
    """

    def __init__(self, request):
        self.exempt = is_staff(request)
        self.token = uuid.uuid4().hex
        self.key = None

    def acquire(self):
        if self.exempt:
            return True
        for index in range(settings.HEAVY_BUILDS):
            key = f"build-slot:{index}"
            if limits_cache.add(key, self.token, timeout=BUILD_SLOT_SECONDS):
                self.key = key
                return True
        return False

    def release(self):
        # Only our own slot: after an expiry, another build may hold the same key.
        if self.key is not None and limits_cache.get(self.key) == self.token:
            limits_cache.delete(self.key)
        self.key = None


def _limit_page(template, status, retry_after, **context):
    current = get_language() if get_language() in HTML_LANG else settings.LANGUAGE_CODE
    # The reader's language first, then the other one.
    languages = sorted(HTML_LANG.items(), key=lambda item: item[0] != current)
    context.update(retry_after=retry_after, languages=languages, LANGUAGE_CODE=HTML_LANG[current])
    response = HttpResponse(render_to_string(template, context), status=status)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def too_many_requests(retry_after, bucket):
    """The bilingual 429 page: what was limited and when to try again."""
    return _limit_page("limits/too_many_requests.html", 429, retry_after, bucket=bucket)


def busy():
    """The 503 page when every build slot is taken."""
    return _limit_page("limits/busy.html", 503, BUSY_RETRY_AFTER)
