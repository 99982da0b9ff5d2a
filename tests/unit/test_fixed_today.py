"""The `today` fixture fixes the day for the test and for the app's own reads of the clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ceocto_desktop.analytics.periods import quarter_of
from ceocto_desktop.services.weekly import checkins
from tests.clock import FIXED_TODAY


def test_the_app_reads_the_same_fixed_day_as_the_test(today, session):
    assert today == FIXED_TODAY == date.today() == datetime.now().date()
    week = checkins.current_week(session)  # the app asks the clock itself
    assert week <= today < week + timedelta(days=7)
    assert quarter_of(date.today()) == "2026-Q4"
