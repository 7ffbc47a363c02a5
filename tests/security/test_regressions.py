"""500s found by the security tests, each fixed and pinned here."""

import io

import pytest
from openpyxl import load_workbook

from tests.factories import EventFactory


@pytest.mark.django_db
def test_event_calendar_with_a_line_break_in_the_title(client):
    """The title becomes the calendar's one-line NAME: a typed line break used to crash icalendar."""
    event = EventFactory(title_en="Seminar\non migration\r\nday two")
    response = client.get(f"/en/activities/{event.slug}/calendar.ics")
    assert response.status_code == 200
    assert b"NAME:Seminar on migration day two" in response.content


@pytest.mark.django_db
def test_a_control_character_in_the_search_is_refused_not_a_500(client):
    """``?q=%01`` reached the feed's XML and the XLSX download, which cannot carry it."""
    EventFactory(title_en="Seminar on migration")
    client.raise_request_exception = True

    assert client.get("/en/activities/feed/?q=%01").status_code == 404
    assert client.get("/en/activities/calendar.ics?q=mig%0Bration").status_code == 404
    download = client.get("/en/activities/export.xlsx?q=%01")
    assert download.status_code == 200
    # The download ignores a search it refuses, as it ignores any filter that does not validate.
    content = b"".join(download.streaming_content) if download.streaming else download.content
    book = load_workbook(io.BytesIO(content))
    assert "Seminar on migration" in {cell for row in book.active.iter_rows(values_only=True) for cell in row}
    for lang, message in (
        ("en", "The search may not contain control characters."),
        ("zh-hans", "搜索内容不能包含控制字符。"),
    ):
        page = client.get(f"/{lang}/activities/?q=%01")
        assert page.status_code == 200
        assert message in page.content.decode()
