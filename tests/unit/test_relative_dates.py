"""Relative dates read the way a person says them, overdue marked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ceocto_desktop.analytics.relative_dates import RelativeDay, relative_day

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("offset", "due", "expected"),
    [
        (0, True, RelativeDay("today", False)),
        (1, True, RelativeDay("tomorrow", False)),
        (12, True, RelativeDay("in 12 days", False)),
        (21, True, RelativeDay("in 3 weeks", False)),
        (92, True, RelativeDay("in 3 months", False)),
        (-1, True, RelativeDay("overdue 1 day", True)),
        (-3, True, RelativeDay("overdue 3 days", True)),
        (-1, False, RelativeDay("yesterday", False)),
        (-40, False, RelativeDay("6 weeks ago", False)),
        (365, True, RelativeDay("in 1 year", False)),
        (-548, False, RelativeDay("1.5 years ago", False)),
    ],
)
def test_relative_day(offset: int, due: bool, expected: RelativeDay) -> None:
    assert relative_day(TODAY + timedelta(days=offset), TODAY, due=due) == expected


def test_the_overview_and_agenda_say_long_spans_as_the_tables_do():
    """ "overdue 110 days" on the Overview beside "overdue 4 months" in Decisions: one way."""
    from ceocto_desktop.services.review.attention import due_text, overdue_text

    today = date(2026, 12, 6)
    assert overdue_text(today, date(2026, 8, 18)) == "overdue 4 months"
    assert overdue_text(today, date(2026, 12, 4)) == "overdue 2 days"
    assert overdue_text(today, today) == "due today"
    assert due_text(today, date(2026, 12, 31)) == "in 4 weeks"
    assert due_text(today, date(2026, 12, 7)) == "tomorrow"
