"""The read-only open-data API: every endpoint and filter, both languages, drafts, privacy, limits."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.enums import ParticipantRole
from core.enums import Status
from outputs.api import endpoints
from tests.caches import clear_caches
from tests.factories import (
    AttachmentFactory,
    EventAgencyFactory,
    EventFactory,
    NewsletterFactory,
    NewsletterSectionFactory,
    ParticipantFactory,
    PartnerAgencyFactory,
    SectionEventFactory,
)
from tests.outputs.test_stats import build_sample


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Answers and throttling history live in the cache: each test starts without them."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def sample(db):
    data = build_sample()
    seminar = data.events[0]
    ParticipantFactory(
        event=seminar,
        name_en="Zhang Secretname",
        role=ParticipantRole.PARTICIPANT,
        email="zhang@example.org",
        phone="+86 10 1234 5678",
    )
    ParticipantFactory(
        event=seminar, name_en="Hidden Speakername", role=ParticipantRole.SPEAKER, consent_to_publish=False
    )
    ParticipantFactory(
        event=seminar,
        name_en="Anna Publicspeaker",
        name_zh_hans="安娜",
        position_en="Director",
        role=ParticipantRole.SPEAKER,
        consent_to_publish=True,
        agency=data.dgh,
        email="anna@example.org",
    )
    AttachmentFactory(event=seminar)
    issue = NewsletterFactory(number=11, phase=data.early, title_en="Issue eleven", title_zh_hans="第十一期")
    section = NewsletterSectionFactory(
        newsletter=issue, title_en="Events", title_zh_hans="活动", body_en="<p>Hi</p>"
    )
    SectionEventFactory(section=section, event=seminar)
    SectionEventFactory(section=section, event=data.draft)  # never shown
    NewsletterFactory(number=12, phase=data.early, status=Status.DRAFT, title_en="Draft issue")
    NewsletterFactory(
        number=13,
        phase=data.early,
        title_en="Later issue",
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    data.issue = issue
    return data


def get(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, json.loads(response.content)


# --- Languages ----------------------------------------------------------------------------------


def test_texts_come_in_both_languages_by_default(client, sample):
    response, body = get(client, "/api/activities/beijing-seminar-2016")
    assert response.status_code == 200
    assert body["title"] == {"en": "Seminar on labour migration", "zh-hans": "劳务移民研讨会"}
    assert body["city"] == {"en": "Beijing", "zh-hans": "北京"}
    assert body["type"] == {
        "code": "seminar",
        "label": {"en": "Seminar", "zh-hans": body["type"]["label"]["zh-hans"]},
    }
    assert body["url"]["en"].endswith("/en/activities/beijing-seminar-2016/")
    assert body["url"]["zh-hans"].endswith("/zh-hans/activities/beijing-seminar-2016/")
    assert response["Content-Language"] == "en, zh-hans"
    assert "劳务移民研讨会" in response.content.decode()  # characters, not \u escapes
    assert response["Vary"] == "Accept-Language"


@pytest.mark.parametrize(
    ("params", "headers", "title"),
    [
        ("?lang=zh-hans", {}, "劳务移民研讨会"),
        ("?lang=en", {}, "Seminar on labour migration"),
        ("", {"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"}, "劳务移民研讨会"),
        ("", {"accept-language": "en-GB,en;q=0.9"}, "Seminar on labour migration"),
        ("", {"accept-language": "fr;q=1, zh-Hans;q=0.5"}, "劳务移民研讨会"),
        ("?lang=en", {"accept-language": "zh-CN"}, "Seminar on labour migration"),
    ],
)
def test_one_language_as_plain_strings(client, sample, params, headers, title):
    response, body = get(client, f"/api/activities/beijing-seminar-2016{params}", **headers)
    assert body["title"] == title
    assert isinstance(body["summary"], str)
    assert response["Content-Language"] in ("en", "zh-hans")


def test_lang_all_overrides_accept_language(client, sample):
    _response, body = get(
        client, "/api/activities/beijing-seminar-2016?lang=all", **{"accept-language": "zh-CN"}
    )
    assert body["title"] == {"en": "Seminar on labour migration", "zh-hans": "劳务移民研讨会"}


def test_unsupported_accept_language_gives_both(client, sample):
    _response, body = get(client, "/api/phases", **{"accept-language": "fr-FR,de;q=0.5"})
    assert isinstance(body["items"][0]["name"], dict)


def test_missing_chinese_falls_back_to_english(client, sample):
    EventFactory(slug="english-only", title_en="Only in English", title_zh_hans="", phase=sample.early)
    _response, body = get(client, "/api/activities/english-only?lang=zh-hans")
    assert body["title"] == "Only in English"
    _response, body = get(client, "/api/activities/english-only")
    assert body["title"] == {"en": "Only in English", "zh-hans": None}


def test_unknown_lang_is_refused(client, sample):
    response, body = get(client, "/api/activities?lang=fr")
    assert response.status_code == 422
    assert "lang" in body["errors"]


# --- Phases and pillars -------------------------------------------------------------------------


def test_phases_list_and_detail(client, sample):
    response, body = get(client, "/api/phases?lang=en")
    assert response.status_code == 200
    assert [item["number"] for item in body["items"]] == [1, 3]
    assert body["count"] == 2
    assert body["items"][0]["pillars"] == [
        {"slug": "regular-migration", "name": "Regular migration"},
        {"slug": "irregular-migration", "name": "Irregular migration"},
    ]
    _response, phase = get(client, "/api/phases/3?lang=zh-hans")
    assert phase["name"] == "第3期"
    assert phase["start_date"] == "2023-01-01"
    assert get(client, "/api/phases/99")[0].status_code == 404


def test_pillars_list_filter_and_detail(client, sample):
    _response, body = get(client, "/api/pillars?lang=en")
    assert [(item["slug"], item["activities"]) for item in body["items"]] == [
        ("regular-migration", 2),  # the draft under it is not counted
        ("irregular-migration", 1),
        ("key-area-1", 1),  # nor the activity scheduled for later
    ]
    _response, body = get(client, "/api/pillars?phase=3")
    assert [item["slug"] for item in body["items"]] == ["key-area-1"]
    assert body["items"][0]["name"] == {"en": "Migration governance", "zh-hans": "移民治理"}
    _response, pillar = get(client, "/api/pillars/key-area-1?lang=zh-hans")
    assert pillar["phase"] == {"number": 3, "name": "第3期"}
    assert pillar["kind"]["code"] == "focus_area"
    assert get(client, "/api/pillars/nope")[0].status_code == 404


# --- Activities ---------------------------------------------------------------------------------


def slugs(body):
    return [item["slug"] for item in body["items"]]


def test_activity_list_only_published_newest_first(client, sample):
    _response, body = get(client, "/api/activities")
    assert body["count"] == 4
    assert slugs(body) == ["forum-2023", "study-2017", "brussels-workshop-2016", "beijing-seminar-2016"]
    seminar = body["items"][-1]
    assert seminar["participants"] == {"total": 100, "women": 40, "men": 60, "eu_side": 30, "china_side": 70}
    assert body["items"][1]["participants"]["total"] is None  # unknown, not 0
    assert seminar["agencies"][0]["iati_role"] == 3
    assert seminar["agencies"][0]["role"]["code"] == "organiser"
    assert seminar["phase"]["number"] == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase=1", ["study-2017", "brussels-workshop-2016", "beijing-seminar-2016"]),
        ("pillar=irregular-migration", ["brussels-workshop-2016"]),
        ("type=forum", ["forum-2023"]),
        ("year=2016", ["brussels-workshop-2016", "beijing-seminar-2016"]),
        ("city=Brussels", ["brussels-workshop-2016"]),
        ("city=Beijing", ["forum-2023", "beijing-seminar-2016"]),
        ("agency=dg-home", ["forum-2023", "brussels-workshop-2016"]),
        ("q=fraud", ["brussels-workshop-2016"]),
        ("q=论坛", ["forum-2023"]),
        ("year=2016&sort=date", ["beijing-seminar-2016", "brussels-workshop-2016"]),
        ("phase=1&type=seminar", ["study-2017", "beijing-seminar-2016"]),
    ],
)
@pytest.mark.parametrize("lang", ["", "&lang=en", "&lang=zh-hans"])
def test_activity_filters_match_the_list_page(client, sample, query, expected, lang):
    response, body = get(client, f"/api/activities?{query}{lang}")
    assert response.status_code == 200, body
    assert slugs(body) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("pillar=no-such-pillar", "pillar"),
        ("year=1999", "year"),
        ("agency=no-such-agency", "agency"),
        ("phase=42", "phase"),
        ("type=party", "type"),
        ("year=abc", "year"),
        ("pillar=../etc", "pillar"),
        ("sort=price", "sort"),
    ],
)
def test_activity_filter_errors_are_clear_422(client, sample, query, field):
    response, body = get(client, f"/api/activities?{query}")
    assert response.status_code == 422
    assert field in body["errors"]
    assert body["detail"]


def test_activity_detail_names_only_consenting_speakers(client, sample):
    response, body = get(client, "/api/activities/beijing-seminar-2016?lang=en")
    assert response.status_code == 200
    assert body["speakers"] == [
        {
            "name": "Anna Publicspeaker",
            "position": "Director",
            "organisation": "",
            "role": {"code": "speaker", "label": "Speaker"},
            "agency": {"slug": "dg-home", "name": "DG Migration and Home Affairs", "acronym": "DG HOME"},
        }
    ]
    assert body["attachments"][0]["title"] == "Agenda"
    assert body["attachments"][0]["url"].startswith("http")
    text = response.content.decode()
    for private in ("Secretname", "Hidden Speakername", "example.org", "1234 5678", "email", "phone"):
        assert private not in text


def test_no_personal_data_in_any_list(client, sample):
    for path in ("/api/activities", "/api/agencies", "/api/newsletters/11", "/api/phases", "/api/pillars"):
        text = client.get(path).content.decode()
        assert "Secretname" not in text and "example.org" not in text, path


@pytest.mark.parametrize("slug", ["draft-2016", "scheduled-2023", "no-such-activity"])
def test_drafts_and_unknown_activities_are_404(client, sample, slug):
    response, body = get(client, f"/api/activities/{slug}")
    assert response.status_code == 404
    assert body == {"detail": "No published activity with this identifier."}


def test_pagination_limit_offset_and_links(client, sample):
    _response, body = get(client, "/api/activities?limit=3&lang=en")
    assert (body["count"], body["limit"], body["offset"]) == (4, 3, 0)
    assert slugs(body) == ["forum-2023", "study-2017", "brussels-workshop-2016"]
    assert body["previous"] is None
    _response, second = get(client, body["next"])
    assert slugs(second) == ["beijing-seminar-2016"]
    assert second["next"] is None
    assert "lang=en" in body["next"]
    _response, first = get(client, second["previous"])
    assert slugs(first) == slugs(body)


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=abc"])
def test_bad_pagination_is_422(client, sample, query):
    assert client.get(f"/api/activities?{query}").status_code == 422


# --- Agencies and newsletters -------------------------------------------------------------------


def test_agencies_list_filter_and_detail(client, sample):
    _response, body = get(client, "/api/agencies?lang=en")
    assert [(item["slug"], item["activities"]) for item in body["items"]] == [
        ("dg-home", 2),  # its draft and scheduled activities are not counted
        ("iom", 3),
        ("mps", 3),
    ]
    _response, body = get(client, "/api/agencies?side=eu")
    assert [item["slug"] for item in body["items"]] == ["dg-home"]
    assert body["items"][0]["name"] == {
        "en": "DG Migration and Home Affairs",
        "zh-hans": "欧盟委员会移民与内务总司",
    }
    _response, agency = get(client, "/api/agencies/iom?lang=zh-hans")
    assert agency["name"] == "国际移民组织"
    assert agency["side"]["code"] == "international"
    assert get(client, "/api/agencies/nobody")[0].status_code == 404
    assert get(client, "/api/agencies?side=mars")[0].status_code == 422


def test_newsletters_published_only(client, sample):
    _response, body = get(client, "/api/newsletters?lang=en")
    assert [item["number"] for item in body["items"]] == [11]
    assert body["items"][0]["title"] == "Issue eleven"
    assert get(client, "/api/newsletters/12")[0].status_code == 404  # draft
    assert get(client, "/api/newsletters/13")[0].status_code == 404  # public only later
    assert get(client, "/api/newsletters/99")[0].status_code == 404


def test_newsletter_detail_sections_link_published_activities(client, sample):
    _response, body = get(client, "/api/newsletters/11")
    assert body["title"] == {"en": "Issue eleven", "zh-hans": "第十一期"}
    section = body["sections"][0]
    assert section["title"] == {"en": "Events", "zh-hans": "活动"}
    assert section["body"]["en"] == "<p>Hi</p>"
    assert section["activities"] == ["beijing-seminar-2016"]  # the draft is left out
    _response, chinese = get(client, "/api/newsletters/11?lang=zh-hans")
    assert chinese["sections"][0]["title"] == "活动"
    assert chinese["sections"][0]["body"] == "<p>Hi</p>"  # falls back to English


# --- Caching, throttling, schema, docs ----------------------------------------------------------


def test_answers_are_cached_per_url_and_language(client, sample, django_assert_num_queries):
    client.get("/api/phases?lang=en")
    with django_assert_num_queries(0):
        response = client.get("/api/phases?lang=en")
    assert response.status_code == 200
    # Kept on the server; clients revalidate before each use (tests/security/test_withdrawal.py).
    assert response["Cache-Control"] == "no-cache"
    assert response["ETag"]
    # Another language is another answer.
    _response, body = get(client, "/api/phases", **{"accept-language": "zh-CN"})
    assert body["items"][0]["name"] == "第1期"


def test_anonymous_clients_are_throttled_with_a_clear_429(client, sample, monkeypatch):
    monkeypatch.setattr(endpoints.throttle, "num_requests", 2)
    monkeypatch.setattr(endpoints.throttle, "duration", 60)
    assert client.get("/api/phases").status_code == 200
    assert client.get("/api/pillars").status_code == 200
    response, body = get(client, "/api/agencies")
    assert response.status_code == 429
    assert body["detail"].startswith("Too many requests")
    assert body["retry_after"] > 0
    assert int(response["Retry-After"]) > 0
    # Another address is not held back.
    assert client.get("/api/agencies", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_forwarded_for_is_ignored_without_proxy_setting(client, sample, monkeypatch):
    monkeypatch.setattr(endpoints.throttle, "num_requests", 1)
    assert client.get("/api/phases", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    # A client cannot dodge the limit by claiming another address.
    assert client.get("/api/phases", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


def test_index_points_to_docs_schema_and_collections(client, db):
    response, body = get(client, "/api/")
    assert response.status_code == 200
    assert body["documentation"] == "/api/docs"
    assert body["openapi"] == "/api/openapi.json"
    assert body["collections"]["activities"] == "/api/activities"
    for path in body["collections"].values():
        assert client.get(path).status_code == 200


def test_openapi_schema_lists_every_endpoint(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/",
        "/api/phases",
        "/api/phases/{number}",
        "/api/pillars",
        "/api/pillars/{slug}",
        "/api/activities",
        "/api/activities/{slug}",
        "/api/agencies",
        "/api/agencies/{slug}",
        "/api/newsletters",
        "/api/newsletters/{number}",
    }
    parameters = {p["name"] for p in schema["paths"]["/api/activities"]["get"]["parameters"]}
    assert {"phase", "pillar", "type", "year", "city", "agency", "q", "lang", "limit", "offset"} <= parameters
    for path in schema["paths"].values():
        assert "429" in path["get"]["responses"]


def test_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(references) == 4
    assert all(ref.startswith("/") and not ref.startswith("//") for ref in references), references
    assert "cdn" not in html.lower()
    assert '"url": "/api/openapi.json"' in html
    for ref in references:
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        assert b"".join(asset.streaming_content) if asset.streaming else asset.content


def test_docs_assets_only_serve_the_bundled_files(client, db):
    assert client.get("/api/docs/assets/swagger-ui.css").status_code == 200
    assert client.get("/api/docs/assets/..%2Fsettings.py").status_code == 404
    assert client.get("/api/docs/assets/redoc.standalone.js.map").status_code == 404


def count_queries(client, path):
    clear_caches()
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/api/phases",
        "/api/pillars",
        "/api/activities",
        "/api/activities?pillar=regular-migration&year=2016",
        "/api/agencies",
        "/api/newsletters",
        "/api/activities/beijing-seminar-2016",
        "/api/newsletters/11",
    ],
)
def test_api_query_counts_do_not_grow(client, sample, path):
    before = count_queries(client, path)
    for index in range(4):
        event = EventFactory(
            phase=sample.early,
            pillars=[sample.one, sample.two],
            slug=f"extra-{index}",
            start_date=datetime.date(2016, 1, 1 + index),
            end_date=datetime.date(2016, 1, 1 + index),
        )
        EventAgencyFactory(event=event, agency=PartnerAgencyFactory())
        SectionEventFactory(section=sample.issue.sections.first(), event=event)
        ParticipantFactory(event=sample.events[0], role=ParticipantRole.SPEAKER, consent_to_publish=True)
        AttachmentFactory(event=sample.events[0])
    assert count_queries(client, path) == before <= 8
