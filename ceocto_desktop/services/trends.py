"""The facts the trends page and the dashboard draw on, read from the journal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics import records
from ceocto_desktop.models import (
    RATINGS,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentStatus,
    Decision,
    Goal,
    GoalUpdate,
    Obstacle,
)


@dataclass(frozen=True)
class Period:
    first: date | None = None
    last: date | None = None

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


def checkin_answers(session: Session, period: Period = Period()) -> list[coop.Answer]:
    """The ratings of every week both partners answered, as plain values, in the period."""
    # A week one partner alone has answered is still blind: its ratings are their author's,
    # seen on the check-in page only, never in a chart, the dashboard or a report.
    revealed = (
        select(CheckInAnswer.checkin_id)
        .group_by(CheckInAnswer.checkin_id)
        .having(func.count(CheckInAnswer.id) >= 2)
    )
    query = (
        select(
            CheckIn.week_start, CheckInAnswer.seat, *(getattr(CheckInAnswer, n) for n in RATINGS)
        )
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .where(CheckIn.id.in_(revealed))
        .order_by(CheckIn.week_start)
    )
    if period.first is not None:
        query = query.where(CheckIn.week_start >= period.first)
    if period.last is not None:
        query = query.where(CheckIn.week_start <= period.last)
    return [
        coop.Answer(week, seat.value, dict(zip(RATINGS, ratings, strict=True)))
        for week, seat, *ratings in session.execute(query)
    ]


def _within(column: Any, period: Period) -> Any:
    """The SQL condition that a date column falls in the period (either bound may be open)."""
    condition = true()
    if period.first is not None:
        condition = condition & (column >= period.first)
    if period.last is not None:
        condition = condition & (column <= period.last)
    return condition


def obstacle_facts(session: Session, period: Period = Period()) -> list[records.ObstacleFacts]:
    """Obstacles opened or resolved in the period (filtered in SQL), as plain values."""
    rows = session.execute(
        select(Obstacle.category, Obstacle.opened_on, Obstacle.resolved_on).where(
            _within(Obstacle.opened_on, period)
            | (Obstacle.resolved_on.is_not(None) & _within(Obstacle.resolved_on, period))
        )
    )
    return [
        records.ObstacleFacts(category.value, opened, resolved)
        for category, opened, resolved in rows
    ]


def decision_facts(session: Session, period: Period = Period()) -> list[records.DecisionFacts]:
    """Decisions taken in the period (filtered in SQL), as plain values."""
    rows = session.execute(
        select(
            Decision.decided_on, Decision.decided_by, Decision.confidence, Decision.verdict
        ).where(_within(Decision.decided_on, period))
    )
    return [
        records.DecisionFacts(day, by.value, confidence, verdict.value if verdict else None)
        for day, by, confidence, verdict in rows
    ]


def commitment_facts(session: Session, period: Period = Period()) -> list[records.CommitmentFacts]:
    """Commitments made or kept in the period, as plain values (a request not yet taken on
    is no commitment yet)."""
    rows = session.execute(
        select(Commitment.owed_by, Commitment.created_at, Commitment.done_on).where(
            Commitment.status != CommitmentStatus.PROPOSED
        )
    )
    facts = [
        records.CommitmentFacts(seat.value, created.date(), done_on)
        for seat, created, done_on in rows
    ]
    return [
        c
        for c in facts
        if period.holds(c.made_on) or (c.done_on is not None and period.holds(c.done_on))
    ]


def goal_facts(session: Session) -> list[records.GoalFacts]:
    updates: dict[str, list[tuple[date, float]]] = {}
    for goal_id, day, progress in session.execute(
        select(GoalUpdate.goal_id, GoalUpdate.on_date, GoalUpdate.progress).order_by(
            GoalUpdate.on_date, GoalUpdate.created_at
        )
    ):
        updates.setdefault(goal_id, []).append((day, progress))
    goals = session.execute(select(Goal.id, Goal.title, Goal.target_date, Goal.status))
    return [
        records.GoalFacts(title, target, status.value, tuple(updates.get(goal_id, ())))
        for goal_id, title, target, status in goals
    ]


@dataclass(frozen=True)
class CooperationSeries:
    """The weekly cooperation index of both partners over a period, with what the charts
    and reports draw from it: 4-week means, the perception gap and whether it widens."""

    points: tuple[coop.WeekPoint, ...]
    rolling: Mapping[str, tuple[float | None, ...]]
    gaps: tuple[float | None, ...]
    widening: bool

    def mean(self, seat: str | None = None) -> float | None:
        """The mean index over the period, of one partner or of both."""
        values = [
            v
            for p in self.points
            for s, v in p.values.items()
            if v is not None and seat in (None, s)
        ]
        return sum(values) / len(values) if values else None

    def mean_gap(self) -> float | None:
        """The mean size of the perception gap (its sign left aside)."""
        sizes = [abs(g) for g in self.gaps if g is not None]
        return sum(sizes) / len(sizes) if sizes else None


def cooperation_series(
    session: Session, period: Period = Period(), dimension: str | None = None
) -> CooperationSeries:
    """One read of the check-ins in the period (in SQL) and the one chain of analytics the
    Trends page and the retrospective both draw on."""
    points = coop.weekly_index(checkin_answers(session, period), dimension)
    gaps = coop.perception_gap(points)
    return CooperationSeries(
        tuple(points),
        {seat: tuple(coop.rolling_mean(points, seat)) for seat in ("A", "B")},
        tuple(gaps),
        coop.gap_widening(gaps),
    )


def period_facts(session: Session, period: Period, dimension: str | None = None) -> dict[str, Any]:
    """What the Trends page charts for a period: cooperation, obstacles, decisions, goals."""
    return {
        "series": cooperation_series(session, period, dimension),
        "obstacles": obstacle_facts(session, period),
        "decisions": decision_facts(session, period),
        "commitments": commitment_facts(session, period),
        "period": period,
        "goals": [
            g
            for g in goal_facts(session)
            if g.target_date is not None and period.holds(g.target_date)
        ],
    }
