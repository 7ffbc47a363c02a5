"""Hypothesis throws arbitrary query strings, path segments, headers and form data at every public URL.

Whatever comes in, the answer is a deliberate status, never a 500.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.caches import clear_caches

from .conftest import build_world

ALLOWED = {200, 301, 302, 304, 400, 403, 404, 405, 410, 422, 429}
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),  # FUZZ_EXAMPLES=500 for a deeper hunt
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PUBLIC_URLS = [
    "/en/",
    "/zh-hans/",
    "/en/activities/",
    "/zh-hans/activities/",
    "/en/activities/event-x/",
    "/en/activities/event-x/calendar.ics",
    "/en/activities/feed/",
    "/en/activities/calendar.ics",
    "/en/activities/export.csv",
    "/en/activities/export.xlsx",
    "/en/dashboard/",
    "/en/phases/7/",
    "/en/pillars/pillar-x/",
    "/en/partners/",
    "/en/partners/agency-x/",
    "/en/newsletters/",
    "/en/newsletters/42/",
    "/en/newsletters/42/email/",
    "/sitemap.xml",
    "/sitemap-activities.xml",
    "/robots.txt",
    "/activities.iati.xml",
    "/api/",
    "/api/activities",
    "/api/activities/event-x",
    "/api/agencies",
    "/api/phases",
    "/api/pillars",
    "/api/newsletters",
    "/api/newsletters/42",
    "/api/docs",
    "/api/openapi.json",
]
PATH_TEMPLATES = [
    "/en/activities/{}/",
    "/en/activities/{}/calendar.ics",
    "/en/partners/{}/",
    "/en/newsletters/{}/",
    "/en/newsletters/{}/pdf/",
    "/en/phases/{}/",
    "/en/pillars/{}/",
    "/{}/",
    "/en/{}",
    "/api/activities/{}",
    "/api/agencies/{}",
    "/api/newsletters/{}",
    "/api/phases/{}",
    "/api/pillars/{}",
    "/api/docs/assets/{}",
]
PARAMETER_NAMES = [
    "q", "type", "phase", "pillar", "agency", "year", "country", "side", "kind", "sort", "page",
    "per_page", "limit", "offset", "lang", "from", "to", "start", "end", "format", "download", "status",
]  # fmt: skip

# What XML and XLSX cannot carry: control characters, DEL and C1 controls, the non-characters.
# (A lone surrogate cannot be percent-encoded from Python; CONTROL_VALUES sends its bytes.)
control = st.text(
    alphabet=st.one_of(st.characters(max_codepoint=0x9F, categories=["Cc"]), st.sampled_from("\ufffe\uffff")),
    min_size=1,
    max_size=10,
)
text = st.text(max_size=60)
nasty = st.one_of(
    text,
    control,
    control.map(lambda chars: f"migration{chars}dialogue"),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(
        ["", "0", "-1", "9" * 40, "1e309", "NaN", "null", "../../etc/passwd", "%00", "\x00", "' OR 1=1--"]
    ),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
)
query = st.lists(st.tuples(st.one_of(st.sampled_from(PARAMETER_NAMES), text), nasty), max_size=6)


@pytest.fixture
def world(db):
    return build_world(lambda label: f"Value {label}")


def _check(response, what):
    assert response.status_code in ALLOWED, (what, response.status_code)


@pytest.mark.django_db
@FUZZ
@given(url=st.sampled_from(PUBLIC_URLS), params=query)
def test_query_strings(client, world, url, params):
    clear_caches()
    client.raise_request_exception = True
    _check(client.get(url + "?" + urlencode(params)), (url, params))


@pytest.mark.django_db
@FUZZ
@given(template=st.sampled_from(PATH_TEMPLATES), segment=nasty)
def test_path_segments(client, world, template, segment):
    clear_caches()
    url = template.format(quote(segment, safe=""))
    _check(client.get(url), url)


@pytest.mark.django_db
@FUZZ
@given(
    url=st.sampled_from(PUBLIC_URLS),
    language=st.one_of(
        text, st.sampled_from(["zh-Hans-CN;q=0.9,*;q=abc", "en;q=2", ";;;,,,", "x" * 5000, "zh-hans;q=-1"])
    ),
    user_agent=nasty,
    etag=nasty,
    modified=st.one_of(
        text, st.sampled_from(["Sun, 06 Nov 1994 08:49:37 GMT", "Mon, 99 Foo 99999 99:99:99 GMT"])
    ),
)
def test_headers(client, world, url, language, user_agent, etag, modified):
    clear_caches()

    def clean(value):
        # Header values cannot carry line breaks or NULs through a real server.
        return "".join(ch for ch in value if ch not in "\r\n\x00")

    response = client.get(
        url,
        HTTP_ACCEPT_LANGUAGE=clean(language),
        HTTP_USER_AGENT=clean(user_agent),
        HTTP_IF_NONE_MATCH=clean(etag),
        HTTP_IF_MODIFIED_SINCE=clean(modified),
        HTTP_ACCEPT=clean(etag),
    )
    _check(response, (url, language))


@pytest.mark.django_db
@FUZZ
@given(
    url=st.sampled_from(PUBLIC_URLS),
    data=st.dictionaries(st.one_of(st.sampled_from(PARAMETER_NAMES), text), nasty),
)
def test_form_posts(client, world, url, data):
    clear_caches()
    _check(client.post(url, data), (url, data))


# Percent-encoded as a client sends them: NUL, a C0 control, a vertical tab inside a word, DEL, a C1
# control, a lone surrogate (the UTF-8 bytes of U+D800), the non-character U+FFFF.
CONTROL_VALUES = ["%00", "%01", "migration%0Bdialogue", "%7F", "%C2%85", "%ED%A0%80", "%EF%BF%BF"]
# The API answers parameters it refuses with 422 and names them, as its schema documents.
CONTROL_ANSWERS = {200, 400, 404}
API_CONTROL_ANSWERS = CONTROL_ANSWERS | {422}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_control_characters_in_the_query(client, world, url):
    """``?q=%01`` made the feed and the XLSX download fail with a 500; every parameter is tried."""
    client.raise_request_exception = True
    allowed = API_CONTROL_ANSWERS if url.startswith("/api/") else CONTROL_ANSWERS
    for value in CONTROL_VALUES:
        for query in (f"q={value}", "&".join(f"{name}={value}" for name in PARAMETER_NAMES)):
            clear_caches()
            response = client.get(f"{url}?{query}")
            assert response.status_code in allowed, (url, query, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("template", PATH_TEMPLATES)
def test_control_characters_in_the_path(client, world, template):
    client.raise_request_exception = True
    for value in CONTROL_VALUES:
        url = template.format(value)
        allowed = API_CONTROL_ANSWERS if url.startswith("/api/") else CONTROL_ANSWERS
        response = client.get(url)
        assert response.status_code in allowed | {301, 302}, (url, response.status_code)
