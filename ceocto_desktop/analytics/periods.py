"""Quarters and weeks: the periods the pair reviews their journal by."""

from __future__ import annotations

import re
from datetime import date, timedelta

_QUARTER = re.compile(r"^\s*(\d{4})-?[Qq]([1-4])\s*$")


def parse_quarter(text: str) -> tuple[date, date]:
    """First and last day of a quarter written like 2026-Q3; ValueError otherwise."""
    match = _QUARTER.match(text or "")
    if not match:
        raise ValueError(f"'{text}' is not a quarter; write it like 2026-Q3.")
    year, number = int(match.group(1)), int(match.group(2))
    first = date(year, 3 * number - 2, 1)
    if number == 4:  # not the day before 1 January next year: 9999-Q4 has no next year
        return first, date(year, 12, 31)
    return first, date(year, 3 * number + 1, 1) - timedelta(days=1)


def quarter_of(day: date) -> str:
    """The quarter a day falls in, like 2026-Q4."""
    # Four digits always, so that parse_quarter reads it back (year 26 is 0026-Q1).
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week holding day, weeks starting on first_weekday (0 = Monday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
