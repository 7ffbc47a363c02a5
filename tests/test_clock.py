"""The suite's clock: MMSP_TEST_CLOCK really moves it, and dates compare in the portal's zone."""

import datetime
import os

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import CLOCK_VARIABLE, clock_destination


def test_clock_destination_is_today_at_that_time_in_utc():
    destination = clock_destination("23:30", today=datetime.date(2026, 3, 4))

    assert destination == datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize("value", ["", "23h30", "25:00", "now"])
def test_clock_destination_refuses_what_is_not_a_time(value):
    with pytest.raises(pytest.UsageError, match=CLOCK_VARIABLE):
        clock_destination(value)


def test_late_evening_utc_is_already_tomorrow_in_the_portal(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    with time_machine.travel(clock_destination("23:30", today=datetime.date(2026, 3, 4)), tick=False):
        assert datetime.datetime.now(datetime.UTC).date() == datetime.date(2026, 3, 4)
        assert timezone.localdate() == datetime.date(2026, 3, 5)


def test_session_clock_is_where_MMSP_TEST_CLOCK_sent_it(session_clock):
    requested = os.environ.get(CLOCK_VARIABLE, "").strip()
    if not requested:
        # The real clock: nothing travelled.
        assert session_clock is None
        return
    assert session_clock == clock_destination(requested, today=session_clock.date())
    now = datetime.datetime.now(datetime.UTC)
    # The clock ticks on from the destination: a whole run takes minutes, not an hour.
    assert session_clock <= now < session_clock + datetime.timedelta(hours=1), now
    assert timezone.now() - now < datetime.timedelta(seconds=5)
