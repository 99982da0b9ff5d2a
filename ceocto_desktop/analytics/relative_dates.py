"""Dates as a person reads them in a list: "in 12 days", "overdue 3 days", "today"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RelativeDay:
    """How far a day is from today, in words, and whether it is past due."""

    text: str
    overdue: bool


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _span(days: int) -> str:
    # Weeks and months read better than "in 87 days"; a week or two stays exact.
    if days < 14:
        return _days(days)
    if days < 60:
        weeks = round(days / 7)
        return f"{weeks} weeks"
    months = round(days / 30.4)
    if months < 12:
        return f"{months} months"
    years = round(days / 365.25, 1)
    return f"{years:g} year" if years == 1 else f"{years:g} years"


def relative_day(day: date, today: date, *, due: bool = True) -> RelativeDay:
    """Where day stands from today; a past day is "overdue" when due, else "… ago"."""
    delta = (day - today).days
    if delta == 0:
        return RelativeDay("today", False)
    if delta == 1:
        return RelativeDay("tomorrow", False)
    if delta > 0:
        return RelativeDay(f"in {_span(delta)}", False)
    if due:
        return RelativeDay(f"overdue {_span(-delta)}", True)
    if delta == -1:
        return RelativeDay("yesterday", False)
    return RelativeDay(f"{_span(-delta)} ago", False)
