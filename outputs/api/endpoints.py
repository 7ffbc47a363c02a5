"""The API's operations: read-only, published records only, paginated, cached and throttled."""

import hashlib
import json
import math
from typing import Literal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag, urlencode
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.throttling import AnonRateThrottle

from activities.filters import EventFilter
from core.clients import client_ip
from core.limits import limits_cache
from core.page_cache import generation, pages_cache
from partners.enums import Side

from . import queries, serializers
from . import schemas as s
from .docs import LocalSwagger
from .language import LANGUAGES, Lang, requested_language

COLLECTIONS = ("phases", "pillars", "activities", "agencies", "newsletters")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Defaults for settings the integrator may set: API_CACHE_SECONDS, API_ANON_RATE.
CACHE_SECONDS = 60
# Clients and shared caches may keep an answer but must ask again before each use: a withdrawn
# record leaves every answer at once. Asking again is cheap: 304 while the ETag still matches.
CACHE_CONTROL = "no-cache"
ANON_RATE = "120/min"

LANG_DESCRIPTION = (
    "en or zh-hans: every text as a plain string in that language (English where the Chinese is "
    "missing); all: both languages. Without it, an Accept-Language header naming English or Chinese "
    "chooses; otherwise both languages."
)


class AnonymousClientThrottle(AnonRateThrottle):
    """Per-address limit for anonymous clients, counted in the "limits" cache.

    The address is the one every limit of the portal uses (``clients.client_ip``): REMOTE_ADDR,
    or behind TRUSTED_PROXY_COUNT proxies the address the first of them saw. A forged
    X-Forwarded-For never picks another budget.
    """

    cache = limits_cache

    def get_ident(self, request):
        return client_ip(request)


class UnicodeJSONRenderer(JSONRenderer):
    """Chinese as characters, not \\u escapes: a third of the size and readable."""

    json_dumps_params = {"ensure_ascii": False}


throttle = AnonymousClientThrottle(getattr(settings, "API_ANON_RATE", ANON_RATE))

api = NinjaAPI(
    title="MMSP open data API",
    version="1",
    description=(
        "Read-only data of the EU-China Dialogue on Migration and Mobility Support Project: phases, "
        "pillars, activities, partner agencies and newsletters. Only published records; no personal "
        "data. Texts come in English and Simplified Chinese (see the lang parameter). Requests from "
        f"anonymous clients are limited per address ({throttle.rate}); over the limit the API answers "
        "429 with a Retry-After header."
    ),
    urls_namespace="api",
    docs=LocalSwagger(),
    throttle=[throttle],
    renderer=UnicodeJSONRenderer(),
)

ERRORS = {404: s.Error, 422: s.FieldErrors, 429: s.ThrottledError}
LIST_ERRORS = {422: s.FieldErrors, 429: s.ThrottledError}


@api.exception_handler(Throttled)
def too_many_requests(request, exc):
    wait = math.ceil(exc.wait) if exc.wait is not None else None
    detail = f"Too many requests: anonymous clients are limited to {throttle.rate} per address."
    if wait is not None:
        detail += f" Retry in {wait} seconds."
    return api.create_response(request, {"detail": detail, "retry_after": wait}, status=429)


class InvalidFilters(Exception):
    """A filter value the list page's form refuses (a pillar or city with no published activity)."""

    def __init__(self, form):
        super().__init__("invalid filters")
        self.errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}


@api.exception_handler(InvalidFilters)
def invalid_filters(request, exc):
    return api.create_response(
        request, {"detail": "Some filters are not valid.", "errors": exc.errors}, status=422
    )


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """422 with the refused parameters by name, in the same shape as the filter errors."""
    errors = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "filters")]
        errors.setdefault(".".join(location) or "request", []).append(error.get("msg", "Invalid value."))
    return api.create_response(
        request, {"detail": "Some parameters are not valid.", "errors": errors}, status=422
    )


def _cache_seconds():
    return getattr(settings, "API_CACHE_SECONDS", CACHE_SECONDS)


def _answer(request, response, lang, build):
    """The answer for this URL and language, from the cache when another client just asked.

    Answers vary with Accept-Language (it may choose the language), so the key holds the language
    actually served, and the response says so. The key also holds the page cache's generation:
    any change of content (a withdrawal) makes every remembered answer stale at once.
    The ETag is a digest of the answer; a client that sends it back gets 304 Not Modified.
    """
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"api:v1:{generation()}:{lang or 'all'}:{digest}"
    # One entry per URL: with the pages, apart from the values every visitor needs.
    remembered = pages_cache.get(key)
    if remembered is None:
        payload = build()
        encoded = json.dumps(payload, cls=DjangoJSONEncoder, sort_keys=True).encode()
        remembered = (quote_etag(hashlib.sha256(encoded).hexdigest()[:32]), payload)
        pages_cache.set(key, remembered, _cache_seconds())
    etag, payload = remembered
    headers = {
        "ETag": etag,
        "Vary": "Accept-Language",
        "Cache-Control": CACHE_CONTROL,
        "Content-Language": lang or ", ".join(LANGUAGES),
    }
    not_modified = get_conditional_response(request, etag=etag)
    target = not_modified if not_modified is not None else response
    for name, value in headers.items():
        target[name] = value
    return not_modified if not_modified is not None else payload


def _page(request, queryset, serialize, lang, limit, offset):
    """A page of ``queryset`` with links to its neighbours (same parameters, other offset)."""
    count = queryset.count()
    items = [serialize(item, lang) for item in queryset[offset : offset + limit]]

    def link(new_offset):
        params = request.GET.copy()
        params["offset"] = new_offset
        params["limit"] = limit
        return f"{request.path}?{urlencode(sorted(params.items()))}"

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "items": items,
    }


def _not_found(what):
    raise HttpError(404, f"No published {what} with this identifier.")


def _one(request, response, language, find, key, serialize, what):
    """The answer for one record: ``find(key)``, 404 when it is not published, else serialise it."""

    def build():
        record = find(key)
        if record is None:
            _not_found(what)
        return serialize(record, language)

    return _answer(request, response, language, build)


NumberPath = Path(..., ge=0, le=32767)
SlugPath = Path(..., max_length=160, pattern=r"^[-a-zA-Z0-9_]+$")
FiltersQuery = Query(...)
LangParam = Query(None, description=LANG_DESCRIPTION)
LimitParam = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")
OffsetParam = Query(0, ge=0, le=1_000_000, description="Number of records to skip.")


@api.get("/", response={200: s.Index, 429: s.ThrottledError}, tags=["index"])
def index(request: HttpRequest):
    """Where everything is: the documentation, the OpenAPI schema and the collections."""
    root = request.path
    return {
        "title": api.title,
        "version": api.version,
        "documentation": reverse("api:openapi-view"),
        "openapi": reverse("api:openapi-json"),
        "collections": {name: f"{root}{name}" for name in COLLECTIONS},
    }


@api.get("/phases", response={200: s.PhasePage, **LIST_ERRORS}, by_alias=True, tags=["phases"])
def list_phases(
    request: HttpRequest,
    response: HttpResponse,
    lang: Lang | None = LangParam,
    limit: int = LimitParam,
    offset: int = OffsetParam,
):
    """The project's phases, in order, with their pillars."""
    language = requested_language(request, lang)
    return _answer(
        request,
        response,
        language,
        lambda: _page(request, queries.phases(), serializers.phase, language, limit, offset),
    )


@api.get("/phases/{number}", response={200: s.Phase, **ERRORS}, by_alias=True, tags=["phases"])
def get_phase(
    request: HttpRequest, response: HttpResponse, number: int = NumberPath, lang: Lang | None = LangParam
):
    language = requested_language(request, lang)
    return _one(request, response, language, queries.phase, number, serializers.phase, "phase")


@api.get("/pillars", response={200: s.PillarPage, **LIST_ERRORS}, by_alias=True, tags=["pillars"])
def list_pillars(
    request: HttpRequest,
    response: HttpResponse,
    phase: int | None = Query(None, ge=1, le=32767, description="Only the pillars of this phase number."),
    lang: Lang | None = LangParam,
    limit: int = LimitParam,
    offset: int = OffsetParam,
):
    """Focus areas (phases I and II) and key areas (phase III), with their number of activities."""
    language = requested_language(request, lang)
    return _answer(
        request,
        response,
        language,
        lambda: _page(
            request, queries.pillars(phase_number=phase), serializers.pillar, language, limit, offset
        ),
    )


@api.get("/pillars/{slug}", response={200: s.Pillar, **ERRORS}, by_alias=True, tags=["pillars"])
def get_pillar(
    request: HttpRequest, response: HttpResponse, slug: str = SlugPath, lang: Lang | None = LangParam
):
    language = requested_language(request, lang)
    return _one(request, response, language, queries.pillar, slug, serializers.pillar, "pillar")


@api.get("/activities", response={200: s.ActivityPage, **LIST_ERRORS}, by_alias=True, tags=["activities"])
def list_activities(
    request: HttpRequest,
    response: HttpResponse,
    filters: s.ActivityFilters = FiltersQuery,
    lang: Lang | None = LangParam,
    limit: int = LimitParam,
    offset: int = OffsetParam,
):
    """Published activities, newest first, with the filters of the public list page.

    A filter value that names nothing (a pillar, city or agency that has no published activity)
    is refused with 422, as the list page refuses it.
    """
    language = requested_language(request, lang)
    data = {name: str(value) for name, value in filters.dict(exclude_none=True).items()}

    def build():
        filterset = EventFilter(data or None, queryset=queries.activities(), request=request)
        if filterset.is_bound and not filterset.is_valid():
            raise InvalidFilters(filterset.form)
        return _page(request, filterset.qs, serializers.activity, language, limit, offset)

    return _answer(request, response, language, build)


@api.get("/activities/{slug}", response={200: s.ActivityDetail, **ERRORS}, by_alias=True, tags=["activities"])
def get_activity(
    request: HttpRequest, response: HttpResponse, slug: str = SlugPath, lang: Lang | None = LangParam
):
    language = requested_language(request, lang)
    return _one(request, response, language, queries.activity, slug, serializers.activity_detail, "activity")


@api.get("/agencies", response={200: s.AgencyPage, **LIST_ERRORS}, by_alias=True, tags=["partner agencies"])
def list_agencies(
    request: HttpRequest,
    response: HttpResponse,
    side: Literal[tuple(Side.values)] | None = Query(None, description="eu, china, international or other."),
    lang: Lang | None = LangParam,
    limit: int = LimitParam,
    offset: int = OffsetParam,
):
    """Partner agencies: ministries, EU bodies, embassies and organisations taking part."""
    language = requested_language(request, lang)
    return _answer(
        request,
        response,
        language,
        lambda: _page(request, queries.agencies(side=side), serializers.agency, language, limit, offset),
    )


@api.get("/agencies/{slug}", response={200: s.Agency, **ERRORS}, by_alias=True, tags=["partner agencies"])
def get_agency(
    request: HttpRequest, response: HttpResponse, slug: str = SlugPath, lang: Lang | None = LangParam
):
    language = requested_language(request, lang)
    return _one(request, response, language, queries.agency, slug, serializers.agency, "partner agency")


@api.get("/newsletters", response={200: s.NewsletterPage, **LIST_ERRORS}, by_alias=True, tags=["newsletters"])
def list_newsletters(
    request: HttpRequest,
    response: HttpResponse,
    lang: Lang | None = LangParam,
    limit: int = LimitParam,
    offset: int = OffsetParam,
):
    """Published newsletter issues, newest first."""
    language = requested_language(request, lang)
    return _answer(
        request,
        response,
        language,
        lambda: _page(request, queries.newsletters(), serializers.newsletter, language, limit, offset),
    )


@api.get(
    "/newsletters/{number}", response={200: s.NewsletterDetail, **ERRORS}, by_alias=True, tags=["newsletters"]
)
def get_newsletter(
    request: HttpRequest, response: HttpResponse, number: int = NumberPath, lang: Lang | None = LangParam
):
    """One issue with its sections and the slugs of the published activities each presents."""
    language = requested_language(request, lang)
    serialize = serializers.newsletter_detail
    return _one(request, response, language, queries.newsletter, number, serialize, "newsletter issue")
