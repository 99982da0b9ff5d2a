"""One fixed "today" for the tests and the app they drive (the `today` fixture uses it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

import time_machine

# A Wednesday in the middle of a quarter: weeks, months and quarters all have room both ways.
FIXED_TODAY = date(2026, 11, 18)


@contextmanager
def on_fixed_day() -> Iterator[date]:
    """The clock starts at noon of FIXED_TODAY and runs on: no wall clock, so neither
    midnight nor a week's or a quarter's end can fail a test."""
    noon = datetime.combine(FIXED_TODAY, time(12)).astimezone()
    with time_machine.travel(noon, tick=True):
        yield FIXED_TODAY
