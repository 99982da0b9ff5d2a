"""Dates and shares written one way everywhere: the window, the reports, their exports.

"3 Dec 2026" for a day, "3 Dec 2026, 14:02" for a moment, "52%" for a share. Relative words
("in 12 days", "overdue 3 days") live beside them in relative_dates. ISO dates stay where a
program reads them (JSON, file names, fields a person types a date into).
"""

from __future__ import annotations

from datetime import date, datetime


def day_text(day: date) -> str:
    """A day as people write it: "3 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"


def optional_day(day: date | None, missing: str = "") -> str:
    """day_text, or `missing` when there is no day."""
    return missing if day is None else day_text(day)


def weekday_text(day: date) -> str:
    """A day with its weekday, for what falls this week or next: "Thu 3 Dec 2026"."""
    return f"{day:%a} {day_text(day)}"


def week_text(week: date) -> str:
    """A week by its first day: "week of 30 Nov 2026"."""
    return f"week of {day_text(week)}"


def moment_text(when: datetime) -> str:
    """A moment: "3 Dec 2026, 14:02" (local time as given)."""
    return f"{day_text(when.date())}, {when:%H:%M}"


def percent_text(share: float | None, missing: str = "—") -> str:
    """A share of one as a percent: 0.52 → "52%"; `missing` when there is none."""
    return missing if share is None else f"{share * 100:.0f}%"


def percent_of_hundred(value: float) -> str:
    """A value already in percent (a confidence of 70): "70%"."""
    return f"{value:.0f}%"
