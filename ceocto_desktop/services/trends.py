"""The facts the trends page and the dashboard draw on, read from the journal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics import records
from ceocto_desktop.models import (
    RATINGS,
    CheckIn,
    CheckInAnswer,
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
        select(CheckIn.week_start, CheckInAnswer)
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .where(CheckIn.id.in_(revealed))
        .order_by(CheckIn.week_start)
    )
    return [
        coop.Answer(week, answer.seat.value, {n: getattr(answer, n) for n in RATINGS})
        for week, answer in session.execute(query)
        if period.holds(week)
    ]


def obstacle_facts(session: Session, period: Period = Period()) -> list[records.ObstacleFacts]:
    rows = session.execute(select(Obstacle.category, Obstacle.opened_on, Obstacle.resolved_on))
    return [
        records.ObstacleFacts(category.value, opened, resolved)
        for category, opened, resolved in rows
        if period.holds(opened) or (resolved is not None and period.holds(resolved))
    ]


def decision_facts(session: Session, period: Period = Period()) -> list[records.DecisionFacts]:
    rows = session.execute(
        select(Decision.decided_on, Decision.decided_by, Decision.confidence, Decision.verdict)
    )
    return [
        records.DecisionFacts(day, by.value, confidence, verdict.value if verdict else None)
        for day, by, confidence, verdict in rows
        if period.holds(day)
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
