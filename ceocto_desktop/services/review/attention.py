"""What needs the pair's attention this week: the dashboard's list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics.relative_dates import relative_day
from ceocto_desktop.models import (
    BoardMeeting,
    CheckIn,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    Note,
    Obstacle,
    ObstacleStatus,
    Seat,
    Severity,
)
from ceocto_desktop.services.review.trends import Period, checkin_answers
from ceocto_desktop.services.weekly.checkins import answered_weeks, current_week, week_as_seen_by

OLD_OBSTACLE_DAYS = 30


@dataclass(frozen=True)
class Item:
    kind: str  # the page that opens it: goals, obstacles, decisions, checkins, trends
    record_id: str
    text: str
    severity: str = "low"  # "high", "medium" or "low": how the dashboard marks it


@dataclass(frozen=True)
class Attention:
    week: date
    answered: frozenset[Seat]
    decisions_due: list[Item]
    goals_at_risk: list[Item]
    old_obstacles: list[Item]
    next_board_meeting: date | None
    gap_widening: bool
    streak: int
    empty: bool


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def overdue_text(today: date, due: date) -> str:
    """ "due today", "overdue 3 days", "overdue 4 months": how late, as the tables say it."""
    return "due today" if due >= today else relative_day(due, today).text


def due_text(today: date, due: date) -> str:
    """ "today", "tomorrow", "in 12 days", "in 6 weeks": a date ahead, as the tables say it."""
    return relative_day(due, today).text


def _obstacle_text(today: date, title: str, opened_on: date, severity: Severity) -> str:
    age = (today - opened_on).days
    if age >= OLD_OBSTACLE_DAYS:
        return f"Obstacle “{title}” has been open {age} days"
    since = {0: "today", 1: "yesterday"}.get(age, f"{_days(age)} ago")
    return f"Critical obstacle “{title}” opened {since}"


def answered_by_both(session: Session) -> list[date]:
    """The weeks both partners answered."""
    return [week for week, count in answered_weeks(session) if count == 2]


def needs_attention(session: Session, today: date | None = None) -> Attention:
    """This week's check-in, decisions due, goals at risk, old obstacles, board, the gap."""
    today = today or date.today()
    week = current_week(session, today)
    recent = checkin_answers(session, Period(today - timedelta(weeks=12), today))
    gaps = coop.perception_gap(coop.weekly_index(recent))
    # Whether anything is written yet: the first row of each, not a count of 100,000.
    anything = any(
        session.scalar(select(model.id).limit(1)) is not None
        for model in (Goal, Obstacle, Decision, CheckIn, Note)
    )
    return Attention(
        week=week,
        answered=week_as_seen_by(session, week, Seat.A).answered,
        decisions_due=_decisions_due(session, today),
        goals_at_risk=_goals_at_risk(session, today),
        old_obstacles=_old_obstacles(session, today),
        next_board_meeting=session.scalar(
            select(func.min(BoardMeeting.held_on)).where(BoardMeeting.held_on >= today)
        ),
        gap_widening=coop.gap_widening(gaps),
        streak=coop.streak(answered_by_both(session), week),
        empty=not anything,
    )


def _decisions_due(session: Session, today: date) -> list[Item]:
    """Decided, with a review date passed: the most overdue first."""
    due = session.execute(
        select(Decision.id, Decision.title, Decision.review_on)
        .where(Decision.status == DecisionStatus.DECIDED, Decision.review_on <= today)
        .order_by(Decision.review_on)
        .limit(20)
    )
    return [
        Item(
            "decisions",
            r.id,
            f"Review the decision “{r.title}” ({overdue_text(today, r.review_on)})",
            "high" if (today - r.review_on).days > 14 else "medium",
        )
        for r in due
    ]


def _goals_at_risk(session: Session, today: date) -> list[Item]:
    """Goals at risk or off track, not yet past their target date, the soonest first."""
    # Two arms, not one OR: each reads the (status, target_date) index for its range, where
    # the OR made SQLite fetch every goal at risk to test its date (0.1-0.2 s at 100,000).
    columns = (Goal.id, Goal.title, Goal.status, Goal.target_date)
    risky = Goal.status.in_((GoalStatus.AT_RISK, GoalStatus.OFF_TRACK))
    arms = union_all(
        select(*columns).where(risky, Goal.target_date.is_(None)),
        select(*columns).where(risky, Goal.target_date >= today),
    ).subquery()
    at_risk = session.execute(select(arms).order_by(arms.c.target_date).limit(20))
    return [
        Item(
            "goals",
            r.id,
            f"Goal “{r.title}” is {r.status.value}"
            + (f", due {due_text(today, r.target_date)}" if r.target_date else ""),
            "high" if r.status is GoalStatus.OFF_TRACK else "medium",
        )
        for r in at_risk
    ]


def _old_obstacles(session: Session, today: date) -> list[Item]:
    """Obstacles open longer than OLD_OBSTACLE_DAYS, and critical ones however young, the
    oldest first."""
    columns = (Obstacle.id, Obstacle.title, Obstacle.opened_on, Obstacle.severity)
    still_open = Obstacle.status.in_((ObstacleStatus.OPEN, ObstacleStatus.IN_PROGRESS))
    cutoff = today - timedelta(days=OLD_OBSTACLE_DAYS)
    # Two arms that never overlap, each on the (status, opened_on) index (see above).
    arms = union_all(
        select(*columns).where(still_open, Obstacle.opened_on <= cutoff),
        # A critical obstacle needs the pair now, however young it is.
        select(*columns).where(
            still_open, Obstacle.opened_on > cutoff, Obstacle.severity == Severity.CRITICAL
        ),
    ).subquery()
    old = session.execute(select(arms).order_by(arms.c.opened_on).limit(20))
    return [
        Item(
            "obstacles",
            r.id,
            _obstacle_text(today, r.title, r.opened_on, r.severity),
            "high" if r.severity in (Severity.HIGH, Severity.CRITICAL) else "medium",
        )
        for r in old
    ]
