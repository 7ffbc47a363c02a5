"""500s found by the security tests, each fixed and pinned here."""

import pytest

from tests.factories import EventFactory


@pytest.mark.django_db
def test_event_calendar_with_a_line_break_in_the_title(client):
    """The title becomes the calendar's one-line NAME: a typed line break used to crash icalendar."""
    event = EventFactory(title_en="Seminar\non migration\r\nday two")
    response = client.get(f"/en/activities/{event.slug}/calendar.ics")
    assert response.status_code == 200
    assert b"NAME:Seminar on migration day two" in response.content
