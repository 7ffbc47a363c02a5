"""Whole-page caching for anonymous readers, invalidated when any public content changes.

Every cache key includes a "generation" number stored in the cache. Saving or deleting any
content model bumps it, so every cached page (and cached count) becomes unreachable at once
and expires on its own: no list of keys to track, correct across processes and machines
that share the cache (Redis).

Only anonymous GET/HEAD requests are served from the cache, and only 200 responses that set
no cookie and do not vary on the session or cookies are stored. Staff, who may preview
drafts, always get a fresh page. Entries expire after PAGE_TIMEOUT, which also bounds how late
an activity scheduled for a future publication time appears.
"""

import functools
import hashlib
import re
import time
from datetime import datetime

from django.core.cache import cache, caches
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import cc_delim_re
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

# Pages are one entry per URL, which any outsider can multiply: they live in a cache of their own
# ("pages"), so a flood of new URLs evicts old pages, never the generation, the remembered values
# or the newsletter PDFs of the default cache.
pages_cache = ConnectionProxy(caches, "pages")

GENERATION_KEY = "page-cache:generation"
PAGE_TIMEOUT = 60 * 10
COUNT_TIMEOUT = 60 * 10
DATETIME_TEXT = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:")
_MISSING = object()  # a remembered value may be None


def generation():
    """The current generation. If the cache lost it (a restart, an eviction), it starts again
    from the clock in milliseconds, above any number used before, so no entry stored under an
    earlier generation is ever read again (edits add 1 each, far slower than the clock)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1_000_000, timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump_generation(**kwargs):
    """Make every cached page and count stale (a signal receiver, too): now, and again once the
    transaction commits. A reader that started before the commit still sees the old rows (an
    activity being withdrawn is still public to it); whatever it stores goes under a generation
    that the second bump leaves behind, so it is never served."""
    _increment()
    transaction.on_commit(_increment)


def _increment():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        generation()


def _key(kind, *parts, current=None):
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"page-cache:{kind}:{current or generation()}:{digest}"


def content_key(kind, *parts):
    """A cache key for something built from the public content: stale after any edit."""
    return _key(kind, *parts)


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _cacheable_response(response):
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies:
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" not in vary


def cache_page_for_anonymous(view):
    """Serve anonymous readers a stored copy of the page, per language and full path."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(get_language(), request.get_full_path())
        response = pages_cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(lambda rendered: _store(key, rendered))
        else:
            _store(key, response)
        return response

    return wrapper


def page_key(language, full_path):
    """The cache key of a page (the benchmark removes one to have the page built again)."""
    return _key("page", language, full_path)


def _store(key, response):
    if _cacheable_response(response):
        pages_cache.set(key, response, PAGE_TIMEOUT)


def cached_value(label, compute):
    """compute(), remembered until content changes: figures and filter choices that read every
    published activity. ``label`` names the value; it must not depend on the request's language
    unless the label includes it. A scheduled publication shows within COUNT_TIMEOUT."""
    key = _key("value", label)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, COUNT_TIMEOUT)
    return value


def remembered_many(kind, labels, compute_missing):
    """Many remembered values at once: {label: value}, one cache read for all of them.

    ``compute_missing(labels)`` returns {label: value} for the labels not remembered yet; they
    are stored until content changes, like ``cached_value``.
    """
    current = generation()
    keys = {label: _key(kind, label, current=current) for label in labels}
    found = cache.get_many(list(keys.values()))
    values = {label: found[key] for label, key in keys.items() if key in found}
    missing = [label for label in labels if label not in values]
    if missing:
        computed = compute_missing(missing)
        cache.set_many({keys[label]: computed[label] for label in missing}, COUNT_TIMEOUT)
        values.update(computed)
    return values


def cached_count(queryset, *, label=""):
    """queryset.count(), remembered until content changes; keyed on the query's SQL."""
    sql, params = queryset.query.sql_with_params()
    # published() compares with "now": to the minute, or no two requests would share a key.
    params = [_to_the_minute(value) for value in params]
    key = _key("count", label, sql, params)
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_TIMEOUT)
    return count


class CachedCountPaginator(Paginator):
    """A Paginator whose COUNT(*) is computed once per filter state until content changes.

    Staff reach list views uncached, and anonymous readers hit new query strings: the count
    (a scan of every matching row) is the part of a list page that grows with the data.
    ``count_label``, when given, names the filter state (it saves compiling the query to find
    the remembered count); it must change whenever the query would.
    """

    def __init__(self, *args, count_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_label = count_label

    @functools.cached_property
    def count(self):
        if not isinstance(self.object_list, QuerySet):
            return super().count
        if self.count_label is None:
            return cached_count(self.object_list, label="paginator")
        return cached_value(f"count:{self.count_label}", self.object_list.count)


def _to_the_minute(value):
    """A datetime parameter (SQLite passes them as text) cut to the minute."""
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str) and DATETIME_TEXT.match(value):
        return value[:16]
    return value


def connect_invalidation(*labels):
    """Bump the generation whenever a row of these models is saved or deleted.

    Each domain app names its content models (every model whose change can alter a public page,
    automatic link tables included) from its AppConfig.ready; lazy labels, no model import.
    """
    for label in labels:
        for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
            # m2m_changed: relinking pillars in a form saves no row of the link table.
            signal.connect(
                bump_generation, sender=label, weak=False, dispatch_uid=f"page-cache-{name}-{label}"
            )
