"""Whole-portal downloads (CSV, XLSX, IATI, calendar, sitemap files): cached, normalised, bounded.

A download is built once per content state (the page cache's generation: any edit makes every
stored file stale) and per *normalised* filter state: only the parameters the view reads count,
each with its last value, empty ones dropped, in a fixed order. The view is called with exactly
that query, so whatever else a URL carries (``?utm=…``, a random string, another order) changes
neither the file nor its key, and cannot make the portal build it again.

Files are kept in the "downloads" cache (on disk by default, shared by the workers of a machine)
up to DOWNLOAD_CACHE_MAX_BYTES; a larger one is still streamed, and built again next time. A
build holds one of HEAVY_BUILDS slots (``limits.BuildSlot``) until its last byte is made; with
none free, the client gets 503 and ``Retry-After`` at once. Downloads count against each client's
DOWNLOAD_RATE; sitemap files do not (search engines fetch them in bursts, and there are few).
"""

import functools

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.utils.connection import ConnectionProxy
from django.utils.http import urlencode
from django.utils.translation import get_language

from .limits import BuildSlot, busy, over_limit, too_many_requests
from .page_cache import PAGE_TIMEOUT, content_key

downloads_cache = ConnectionProxy(caches, "downloads")
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def normalised_query(query, params):
    """``query`` (a QueryDict) reduced to ``params``: the last value of each, none empty, by name."""
    return urlencode([(name, query[name]) for name in sorted(params) if query.get(name, "") != ""])


def cached_download(params=(), *, rate_limited=True):
    """Decorate a download view: see the module's docstring. ``params``: the parameters it reads."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            if rate_limited:
                wait = over_limit(request, "downloads", settings.DOWNLOAD_RATE)
                if wait is not None:
                    return too_many_requests(wait, "downloads")
            query = normalised_query(request.GET, params)
            request.GET = QueryDict(query)
            key = content_key("download", get_language(), request.path, query)
            stored = downloads_cache.get(key)
            if stored is not None:
                return _from_store(stored)
            slot = BuildSlot(request)
            if not slot.acquire():
                return busy()
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response.render()  # a sitemap is built here, inside the slot
            except BaseException:
                slot.release()
                raise
            if response.streaming:
                pieces = response.streaming_content  # read before it is replaced
                response.streaming_content = _keep_while_streaming(pieces, response, key, slot)
            else:
                slot.release()
                _store(key, response, response.content)
            return response

        return wrapper

    return decorator


def _storable(response):
    return response.status_code == 200 and not response.cookies


def _store(key, response, content):
    if _storable(response) and len(content) <= settings.DOWNLOAD_CACHE_MAX_BYTES:
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        downloads_cache.set(key, {"content": content, "headers": headers}, PAGE_TIMEOUT)


def _from_store(stored):
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def _keep_while_streaming(pieces_in, response, key, slot):
    """The response's pieces, kept to be stored once the last is sent (if the whole fits).

    The build slot is held until then; a client that goes away closes this generator, which
    frees the slot and stores nothing.
    """
    pieces, size = [], 0
    try:
        for piece in pieces_in:
            if pieces is not None:
                size += len(piece)
                if size <= settings.DOWNLOAD_CACHE_MAX_BYTES:
                    pieces.append(piece)
                else:
                    pieces = None  # too large to keep: streamed only
            yield piece
    finally:
        slot.release()
    if pieces is not None:
        _store(key, response, b"".join(pieces))
