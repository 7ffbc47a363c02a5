"""Whole-page caching for anonymous readers; an edit makes stale only what it touched.

Every entry (a page, a remembered count, figure or card) records the versions of the "tags" it
was built from: ``site`` (every public page), ``events`` (anything that lists or counts
activities), ``event:<pk>`` (one activity's card) and ``agency:<slug>`` (one partner's page).
Versions live in the shared cache (Redis): correct across processes and machines. Each tag has
two counters:

- soft: any edit of what the tag covers. A soft-stale entry is still served ("stale while
  revalidate"): the one request that takes the entry's lock rebuilds it AFTER its response has
  gone out (Django's request_finished, which gunicorn sends once the response is written), every
  other reader meanwhile gets the previous page at once.
- hard: a withdrawal (an activity unpublished, scheduled for later, deleted or renamed) and any
  edit outside activities (pillars, partners, newsletters...). A hard-stale entry is never
  served: the reader builds the page. Hard bumps happen twice: when the change is made and once
  its transaction commits, so a page built from rows read before the commit is never served.

Only anonymous GET/HEAD requests are served from the cache, and only 200 responses that set no
cookie and do not vary on the session or cookies are stored. Staff, who may preview drafts,
always get a fresh page. An entry is fresh for PAGE_TIMEOUT (which also bounds how late an
activity scheduled for a future publication time appears); a page whose rebuild keeps failing is
served stale at most STALE_FOR longer, then built by the reader.
"""

import functools
import hashlib
import logging
import re
import threading
import time
from datetime import datetime

from django.core.cache import cache, caches
from django.core.paginator import Paginator
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.cache import cc_delim_re
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# Pages are one entry per URL, which any outsider can multiply: they live in a cache of their own
# ("pages"), so a flood of new URLs evicts old pages, never the versions, the remembered values
# or the newsletter PDFs of the default cache.
pages_cache = ConnectionProxy(caches, "pages")

SITE = "site"
EVENTS = "events"
CONTENT_TAGS = (SITE, EVENTS)
PAGE_TIMEOUT = 60 * 10
COUNT_TIMEOUT = 60 * 10
STALE_FOR = 60 * 2  # how much longer than its freshness a stale entry may be served
LOCK_TIMEOUT = 30  # one rebuild of an entry at a time; a crashed worker's lock expires
# Rebuilds of stale pages running at once, site-wide: with edits every few seconds every list page
# is stale, and rebuilding each one visited would keep every worker busy; past this, readers get
# the previous page and the rebuild waits for a later visit (staleness grows, waiting does not).
REBUILD_SLOTS = 2
DATETIME_TEXT = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:")
_MISSING = object()  # a remembered value may be None
_local = threading.local()  # per request: rebuilds to run after the response, "rebuilding" flag


def event_tag(pk):
    return f"event:{pk}"


def agency_tag(slug):
    return f"agency:{slug}"


# Versions ----------------------------------------------------------------------------------------


def _version_key(tag, kind):
    return f"page-cache:version:{kind}:{tag}"


def versions(tags):
    """{tag: (soft, hard)} in one cache read. A version the cache lost (a restart, an eviction)
    starts again from the clock in milliseconds, above any number used before, so no entry built
    under an earlier version is ever taken for fresh (edits add 1 each, far slower than the clock)."""
    keys = [_version_key(tag, kind) for tag in tags for kind in ("soft", "hard")]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns() // 1_000_000, timeout=None)
            found[key] = cache.get(key, time.time_ns() // 1_000_000)
    return {tag: (found[_version_key(tag, "soft")], found[_version_key(tag, "hard")]) for tag in tags}


def _increment(tags, kinds):
    for tag in tags:
        for kind in kinds:
            try:
                cache.incr(_version_key(tag, kind))
            except ValueError:
                versions([tag])


def content_changed(tags, *, withdrawn=False):
    """Record an edit of what ``tags`` cover, now and again once the transaction commits (a reader
    that read the rows before the commit stores its entry under versions already left behind).
    ``withdrawn``: something the public could see may no longer be shown; no entry built before
    is served again. Otherwise entries are stale: served while one request rebuilds them."""
    tags = tuple(dict.fromkeys(tags))
    kinds = ("soft", "hard") if withdrawn else ("soft",)
    _increment(tags, kinds)
    transaction.on_commit(lambda: _increment(tags, kinds))


def bump_generation(**kwargs):
    """Make every cached page and value unservable (a signal receiver, too): any change outside
    the targeted ones (core.page_cache.content_changed) counts as a withdrawal of everything."""
    content_changed((SITE,), withdrawn=True)


def generation():
    """A text that changes with any edit of public content: for keys of whole answers that are
    rebuilt on every change (API answers, downloads, fact sheets)."""
    state = versions(CONTENT_TAGS)
    return "-".join(f"{state[tag][0]}" for tag in CONTENT_TAGS)


def _key(kind, *parts, current=None):
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"page-cache:{kind}:{current or generation()}:{digest}"


def content_key(kind, *parts):
    """A cache key for something built from the public content: stale after any edit."""
    return _key(kind, *parts)


# Entries: a value with the versions it was built from ----------------------------------------


def _entry(value, state, tags):
    return {
        "value": value,
        "soft": tuple(state[tag][0] for tag in tags),
        "hard": tuple(state[tag][1] for tag in tags),
        "at": time.time(),
    }


def _freshness(entry, state, tags, fresh_for):
    """The entry's state: "fresh"; "stale" (served while one rebuild runs); None (not served)."""
    if not isinstance(entry, dict) or "hard" not in entry:
        return None
    age = time.time() - entry["at"]
    if entry["hard"] != tuple(state[tag][1] for tag in tags) or not 0 <= age < fresh_for + STALE_FOR:
        return None
    if entry["soft"] == tuple(state[tag][0] for tag in tags) and age < fresh_for:
        return "fresh"
    return "stale"


def _take_lock(store, key):
    return store.add(f"{key}:lock", 1, LOCK_TIMEOUT)


def _release_lock(store, key):
    store.delete(f"{key}:lock")


def after_response(job):
    """Run ``job()`` once the current response has been sent (request_finished), or now outside
    a request. Failures are logged, never shown to the reader who already has the page."""
    if getattr(_local, "in_request", False):
        _local.jobs.append(job)
    else:
        _run(job)


def _run(job):
    previous = getattr(_local, "rebuilding", False)
    _local.rebuilding = True
    try:
        job()
    except Exception:
        logger.exception("A stale cache entry could not be rebuilt; the previous one is served meanwhile")
    finally:
        _local.rebuilding = previous


def _request_started(**kwargs):
    _local.in_request = True
    _local.jobs = []


def _request_finished(**kwargs):
    _local.in_request = False
    jobs = getattr(_local, "jobs", [])
    while jobs:
        _run(jobs.pop(0))


request_started.connect(_request_started, dispatch_uid="page-cache-request-started")
request_finished.connect(_request_finished, dispatch_uid="page-cache-request-finished")


# Pages -----------------------------------------------------------------------------------------


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


def cache_page_for_anonymous(view, *, tags=None):
    """Serve anonymous readers a stored copy of the page, per language and full path.

    ``tags(kwargs)`` names what the page shows (default: ``site`` and ``events``, anything that
    lists activities); an edit that touches none of them leaves the page fresh.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        page_tags = tuple(tags(kwargs)) if tags else CONTENT_TAGS
        language = get_language()
        key = page_key(language, request.get_full_path())
        entry = pages_cache.get(key)
        state = versions(page_tags)
        freshness = _freshness(entry, state, page_tags, PAGE_TIMEOUT)
        if freshness == "fresh":
            return entry["value"]
        if freshness == "stale":
            slot = _take_slot()
            if slot is not None and _take_lock(pages_cache, key):
                after_response(
                    lambda: _rebuild_page(view, request, args, kwargs, key, page_tags, language, slot)
                )
            elif slot is not None:
                _release_lock(cache, slot)
            return entry["value"]
        return _build_page(view, request, args, kwargs, key, page_tags, state)

    return wrapper


def _build_page(view, request, args, kwargs, key, tags, state):
    """The page, stored with the versions read BEFORE its rows (a later edit leaves it stale)."""
    _local.used_stale = False
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response.add_post_render_callback(lambda rendered: _store(key, rendered, state, tags))
    else:
        _store(key, response, state, tags)
    return response


def _take_slot():
    """One of REBUILD_SLOTS (a key whose lock is taken), or None when all are busy."""
    for number in range(REBUILD_SLOTS):
        slot = f"page-cache:rebuild-slot:{number}"
        if _take_lock(cache, slot):
            return slot
    return None


def _rebuild_page(view, request, args, kwargs, key, tags, language, slot):
    try:
        with translation.override(language):
            response = _build_page(view, request, args, kwargs, key, tags, versions(tags))
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
    finally:
        _release_lock(pages_cache, key)
        _release_lock(cache, slot)


def page_key(language, full_path):
    """The cache key of a page (the benchmark removes one to have the page built again)."""
    digest = hashlib.sha256(f"{language}|{full_path}".encode()).hexdigest()
    return f"page-cache:page:{digest}"


def _store(key, response, state, tags):
    if _cacheable_response(response):
        entry = _entry(response, state, tags)
        if getattr(_local, "used_stale", False):
            entry["soft"] = None  # built with a value being recomputed: stale from the start
        pages_cache.set(key, entry, PAGE_TIMEOUT + STALE_FOR)


# Remembered values -----------------------------------------------------------------------------


def cached_value(label, compute, *, tags=CONTENT_TAGS):
    """compute(), remembered until what ``tags`` cover changes: figures and filter choices that
    read every published activity. ``label`` names the value; it must not depend on the request's
    language unless the label includes it. After an edit that withdraws nothing, the previous
    value is served while one request recomputes it after its response (stale while revalidate);
    a page being rebuilt computes it at once. A scheduled publication shows within COUNT_TIMEOUT.
    """
    key = f"page-cache:value:{hashlib.sha256(label.encode()).hexdigest()}"
    entry = cache.get(key)
    state = versions(tags)
    freshness = _freshness(entry, state, tags, COUNT_TIMEOUT)
    if freshness == "fresh":
        return entry["value"]
    if freshness == "stale":
        locked = _take_lock(cache, key)
        if locked and not (getattr(_local, "in_request", False) and not getattr(_local, "rebuilding", False)):
            return _compute_value(key, compute, tags, release=True)  # nobody waits on it: now
        if locked:
            after_response(lambda: _compute_value(key, compute, tags, release=True))
        # (Otherwise another request recomputes it.) A page built with the previous value is
        # stored as stale: rebuilt on its next visit.
        _local.used_stale = True
        return entry["value"]
    return _compute_value(key, compute, tags)


def _compute_value(key, compute, tags, *, release=False):
    try:
        state = versions(tags)
        value = compute()
        cache.set(key, _entry(value, state, tags), COUNT_TIMEOUT + STALE_FOR)
        return value
    finally:
        if release:
            _release_lock(cache, key)


def remembered_many(kind, labels, compute_missing, *, tags_of=None):
    """Many remembered values at once: {label: value}, two cache reads for all of them.

    ``compute_missing(labels)`` returns {label: value} for the labels not remembered yet.
    ``tags_of(label)`` names what one value shows (default: ``site`` and ``events``); the value is
    computed again once any of those changed.
    """
    tags_of = tags_of or (lambda label: CONTENT_TAGS)
    label_tags = {label: tuple(tags_of(label)) for label in labels}
    state = versions(sorted({tag for tags in label_tags.values() for tag in tags}))
    keys = {
        label: _key(kind, label, current=".".join(str(state[tag][0]) for tag in tags))
        for label, tags in label_tags.items()
    }
    found = cache.get_many(list(keys.values()))
    values = {label: found[key] for label, key in keys.items() if key in found}
    missing = [label for label in labels if label not in values]
    if missing:
        computed = compute_missing(missing)
        cache.set_many({keys[label]: computed[label] for label in missing}, COUNT_TIMEOUT)
        values.update(computed)
    return values


def cached_count(queryset, *, label=""):
    """queryset.count(), remembered like ``cached_value``; keyed on the query's SQL."""
    sql, params = queryset.query.sql_with_params()
    # published() compares with "now": to the minute, or no two requests would share a key.
    params = [_to_the_minute(value) for value in params]
    return cached_value(f"count:{label}:{sql}:{params}", queryset.count)


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
