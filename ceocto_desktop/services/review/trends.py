"""The facts the trends page and the dashboard draw on, read from the journal."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics import records, takeaways
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
from ceocto_desktop.services.review.trend_types import (
    Chart,
    ChartOptions,
    CommitmentFacts,
    CooperationSeries,
    DecisionFacts,
    GoalQuarterFacts,
    ObstacleFlowFacts,
    Period,
    TrendFacts,
)

__all__ = [  # the trend types are re-exported: services.review.trends stays the one door
    "ALL_TIME",
    "FACTS",
    "TAKEAWAYS",
    "Chart",
    "ChartOptions",
    "CommitmentFacts",
    "CooperationSeries",
    "DecisionFacts",
    "GoalQuarterFacts",
    "ObstacleFlowFacts",
    "Period",
    "TrendFacts",
    "chart_facts",
    "checkin_answers",
    "commitment_facts",
    "commitments_kept_facts",
    "cooperation_series",
    "decision_calibration_facts",
    "decision_facts",
    "goal_facts",
    "goal_quarter_facts",
    "obstacle_facts",
    "obstacle_flow_facts",
    "takeaway",
]

ALL_TIME = Period()  # no bounds: the whole journal


def checkin_answers(session: Session, period: Period = ALL_TIME) -> list[coop.Answer]:
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


def obstacle_facts(session: Session, period: Period = ALL_TIME) -> list[records.ObstacleFacts]:
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


def decision_facts(session: Session, period: Period = ALL_TIME) -> list[records.DecisionFacts]:
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


def commitment_facts(session: Session, period: Period = ALL_TIME) -> list[records.CommitmentFacts]:
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


def cooperation_series(
    session: Session, period: Period = ALL_TIME, dimension: str | None = None
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


def obstacle_flow_facts(session: Session, period: Period, today: date) -> ObstacleFlowFacts:
    """The obstacle flow of a period, its open obstacles' median age as of today."""
    found = obstacle_facts(session, period)
    return ObstacleFlowFacts(
        tuple(records.obstacle_flow(found)),
        records.median_open_age(found, today),
        records.median_days_to_resolve(found),
        sum(1 for o in found if o.resolved_on is None),
    )


def goal_quarter_facts(session: Session, period: Period, today: date) -> GoalQuarterFacts:
    """The goals whose target date falls in the period, by quarter."""
    due = [
        g for g in goal_facts(session) if g.target_date is not None and period.holds(g.target_date)
    ]
    return GoalQuarterFacts(tuple(records.goals_by_quarter(due, today)))


def decision_calibration_facts(session: Session, period: Period) -> DecisionFacts:
    """The decisions of a period by month, and each decider's confident calls."""
    found = decision_facts(session, period)
    calls = {
        seat: records.confident_calls([d for d in found if d.decided_by == seat])
        for seat in ("A", "B", "joint")
    }
    return DecisionFacts(tuple(records.decisions_per_month(found)), calls)


def commitments_kept_facts(session: Session, period: Period) -> CommitmentFacts:
    """The commitments made and kept in a period, per month and per partner."""
    found = commitment_facts(session, period)
    return CommitmentFacts(tuple(records.commitments_per_month(found, period.first, period.last)))


FACTS: Mapping[Chart, Callable[[Session, Period, date, str | None], TrendFacts]] = {
    Chart.COOPERATION: lambda s, period, _today, dimension: cooperation_series(
        s, period, dimension
    ),
    Chart.GAP: lambda s, period, _today, dimension: cooperation_series(s, period, dimension),
    Chart.OBSTACLE_FLOW: lambda s, period, today, _dimension: obstacle_flow_facts(s, period, today),
    Chart.GOAL_QUARTERS: lambda s, period, today, _dimension: goal_quarter_facts(s, period, today),
    Chart.DECISIONS: lambda s, period, _today, _dimension: decision_calibration_facts(s, period),
    Chart.COMMITMENTS: lambda s, period, _today, _dimension: commitments_kept_facts(s, period),
}


def chart_facts(
    session: Session, chart: Chart, period: Period, today: date, dimension: str | None = None
) -> TrendFacts:
    """What one chart of the Trends page draws for a period (dimension: one rating, or None)."""
    return FACTS[chart](session, period, today, dimension)


def _cooperation_takeaway(
    facts: TrendFacts, names: Mapping[str, str], options: ChartOptions
) -> str:
    assert isinstance(facts, CooperationSeries)
    shown = {s: v for s, v in facts.rolling.items() if s in options.seats}
    return takeaways.cooperation(list(facts.points), shown, names, options.topic)


def _gap_takeaway(facts: TrendFacts, names: Mapping[str, str], options: ChartOptions) -> str:
    assert isinstance(facts, CooperationSeries)
    return takeaways.gap(list(facts.points), list(facts.gaps), names, options.topic)


def _obstacle_takeaway(facts: TrendFacts, _names: Mapping[str, str], _o: ChartOptions) -> str:
    assert isinstance(facts, ObstacleFlowFacts)
    return takeaways.obstacle_flow(list(facts.flow), facts.median_open_age, facts.still_open)


def _goal_takeaway(facts: TrendFacts, _names: Mapping[str, str], _o: ChartOptions) -> str:
    assert isinstance(facts, GoalQuarterFacts)
    return takeaways.goal_quarters(list(facts.quarters))


def _decision_takeaway(facts: TrendFacts, names: Mapping[str, str], _o: ChartOptions) -> str:
    assert isinstance(facts, DecisionFacts)
    return takeaways.confident_calls(facts.confident_calls, names)


def _commitment_takeaway(facts: TrendFacts, names: Mapping[str, str], _o: ChartOptions) -> str:
    assert isinstance(facts, CommitmentFacts)
    return takeaways.commitments_kept(list(facts.per_month), names)


TAKEAWAYS: Mapping[Chart, Callable[[TrendFacts, Mapping[str, str], ChartOptions], str]] = {
    Chart.COOPERATION: _cooperation_takeaway,
    Chart.GAP: _gap_takeaway,
    Chart.OBSTACLE_FLOW: _obstacle_takeaway,
    Chart.GOAL_QUARTERS: _goal_takeaway,
    Chart.DECISIONS: _decision_takeaway,
    Chart.COMMITMENTS: _commitment_takeaway,
}


def takeaway(
    chart: Chart, facts: TrendFacts, names: Mapping[str, str], options: ChartOptions
) -> str:
    """The chart's point in a sentence, said above it (names: each seat's first name)."""
    return TAKEAWAYS[chart](facts, names, options)
