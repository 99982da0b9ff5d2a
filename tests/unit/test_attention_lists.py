"""Needs attention's goals at risk and obstacles (issue 21 split each query in two, so that
each reads its index): the same records, in the same order, as the one query gave."""

from __future__ import annotations

from datetime import timedelta

from ceocto_desktop.models import GoalStatus, ObstacleCategory, Seat, Severity
from ceocto_desktop.services.records import goals, obstacles
from ceocto_desktop.services.review.attention import needs_attention


def test_goals_at_risk_without_a_date_come_first_then_the_soonest(session, today):
    goals.create_goal(
        session, Seat.A, "Later", status=GoalStatus.AT_RISK, target_date=today + timedelta(days=30)
    )
    goals.create_goal(session, Seat.A, "No date", status=GoalStatus.OFF_TRACK)
    goals.create_goal(
        session, Seat.A, "Soon", status=GoalStatus.OFF_TRACK, target_date=today + timedelta(days=3)
    )
    goals.create_goal(
        session, Seat.A, "Past", status=GoalStatus.AT_RISK, target_date=today - timedelta(days=1)
    )
    goals.create_goal(session, Seat.A, "Fine", status=GoalStatus.ON_TRACK)
    shown = [item.text for item in needs_attention(session, today).goals_at_risk]
    assert [text.split("”")[0].split("“")[1] for text in shown] == ["No date", "Soon", "Later"]


def test_old_obstacles_and_young_critical_ones_by_the_day_they_opened(session, today):
    def raise_one(title: str, days_ago: int, severity: Severity) -> None:
        obstacles.create_obstacle(
            session,
            Seat.B,
            title,
            ObstacleCategory.EXTERNAL,
            opened_on=today - timedelta(days=days_ago),
            severity=severity,
        )

    raise_one("Young critical", 2, Severity.CRITICAL)
    raise_one("Old", 90, Severity.MEDIUM)
    raise_one("Young", 3, Severity.HIGH)
    raise_one("Older critical", 120, Severity.CRITICAL)
    shown = [item.text for item in needs_attention(session, today).old_obstacles]
    assert [text.split("“")[1].split("”")[0] for text in shown] == [
        "Older critical",
        "Old",
        "Young critical",
    ]
