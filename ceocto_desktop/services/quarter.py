"""What a quarter held, as it stood at the quarter's end: the retrospective's facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.models import (
    CheckIn,
    CheckInAnswer,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    GoalUpdate,
    KeyResult,
    KeyResultChange,
    Note,
    ObstacleCategory,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Seat,
    Verdict,
)
from ceocto_desktop.services import as_of
from ceocto_desktop.services.errors import ValidationError


@dataclass(frozen=True)
class GoalAtEnd:
    id: str
    title: str
    status: GoalStatus  # at the quarter's end
    progress: float | None  # at the quarter's end
    outcome: str  # achieved, dropped, carried over, missed, or the status while running
    moves: tuple[tuple[str, float, float], ...]  # key result, value at start, value at end


@dataclass(frozen=True)
class ObstacleAtEnd:
    id: str
    title: str
    kind: ObstacleKind
    category: ObstacleCategory
    opened_on: date
    status: ObstacleStatus  # at the quarter's end
    closed_on: date | None  # when it was closed, if closed at the quarter's end
    opened_in_quarter: bool
    closed_in_quarter: bool
    lesson: str
    covered_by: str


@dataclass(frozen=True)
class DecisionInQuarter:
    id: str
    title: str
    decided_on: date
    decided_by: Owner
    confidence: int
    status: DecisionStatus  # at the quarter's end
    verdict: Verdict | None
    outcome: str
    reviewed_in_quarter: bool


@dataclass(frozen=True)
class Voice:
    """One partner's win or appreciation in one week."""

    week: date
    seat: Seat
    text: str


@dataclass(frozen=True)
class QuarterFacts:
    name: str
    first: date
    last: date
    ended: bool
    goals: tuple[GoalAtEnd, ...]
    obstacles: tuple[ObstacleAtEnd, ...]
    decisions: tuple[DecisionInQuarter, ...]
    wins: tuple[Voice, ...]
    appreciations: tuple[Voice, ...]
    weeks_answered: int
    notes: int

    @property
    def opened(self) -> tuple[ObstacleAtEnd, ...]:
        return tuple(o for o in self.obstacles if o.opened_in_quarter)

    @property
    def resolved(self) -> tuple[ObstacleAtEnd, ...]:
        return tuple(o for o in self.obstacles if o.closed_in_quarter)

    @property
    def still_open(self) -> tuple[ObstacleAtEnd, ...]:
        return tuple(o for o in self.obstacles if not o.status.is_closed)

    @property
    def empty(self) -> bool:
        return not (
            self.goals or self.obstacles or self.decisions or self.weeks_answered or self.notes
        )


def quarter_bounds(text: str) -> tuple[str, date, date]:
    """The quarter's canonical name, first and last day; a clear error for a bad one."""
    try:
        first, last = parse_quarter(text)
    except ValueError as exc:
        raise ValidationError("quarter", str(exc)) from None
    return quarter_of(first), first, last


def quarter_facts(session: Session, quarter: str, today: date | None = None) -> QuarterFacts:
    """Goals targeted at the quarter, obstacles and decisions it touched, wins and thanks —
    each with its status at the quarter's end, not today's."""
    name, first, last = quarter_bounds(quarter)
    today = today or date.today()
    return QuarterFacts(
        name,
        first,
        last,
        last < today,
        _goals(session, first, last, today),
        _obstacles(session, first, last),
        _decisions(session, first, last),
        *_voices(session, first, last),
        _weeks(session, first, last),
        _notes(session, first, last),
    )


def _goals(session: Session, first: date, last: date, today: date) -> tuple[GoalAtEnd, ...]:
    goals = list(
        session.scalars(
            select(Goal).where(Goal.target_date.between(first, last)).order_by(Goal.title)
        )
    )
    ids = [g.id for g in goals]
    end = as_of.goal_states(session, goals, last)
    carried = set(
        session.scalars(select(Goal.carried_from_id).where(Goal.carried_from_id.in_(ids)))
    )
    # Journals from before goal lineage was kept: a later goal with the same title.
    carried |= set(
        session.scalars(
            select(Goal.id).where(
                Goal.id.in_(ids),
                Goal.title.in_(select(Goal.title).where(Goal.target_date > last)),
            )
        )
    )
    moves = _moves(session, ids, first, last)
    found = []
    for goal in goals:
        state = end[goal.id]
        if state.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED):
            outcome = state.status.value
        elif goal.id in carried:
            outcome = "carried over"
        elif last < today:
            outcome = "missed"
        else:
            outcome = state.status.value
        found.append(
            GoalAtEnd(goal.id, goal.title, state.status, state.progress, outcome, moves[goal.id])
        )
    return tuple(found)


def _moves(
    session: Session, ids: list[str], first: date, last: date
) -> dict[str, tuple[tuple[str, float, float], ...]]:
    """Per goal, each key result moved in the quarter: its value before and after."""
    spans: dict[str, dict[str, list[float]]] = {goal_id: {} for goal_id in ids}
    for part in as_of._chunks(ids):
        rows = session.execute(
            select(
                GoalUpdate.goal_id,
                KeyResult.title,
                KeyResultChange.value_before,
                KeyResultChange.value_after,
            )
            .join(KeyResultChange, KeyResultChange.update_id == GoalUpdate.id)
            .join(KeyResult, KeyResult.id == KeyResultChange.key_result_id)
            .where(GoalUpdate.goal_id.in_(part), GoalUpdate.on_date.between(first, last))
            .order_by(GoalUpdate.on_date, GoalUpdate.created_at)
        )
        for goal_id, title, before, after in rows:
            spans[goal_id].setdefault(title, [before, after])[1] = after
    return {
        goal_id: tuple((t, a, b) for t, (a, b) in moved.items()) for goal_id, moved in spans.items()
    }


def _obstacles(session: Session, first: date, last: date) -> tuple[ObstacleAtEnd, ...]:
    found = []
    for obstacle, state in as_of.obstacles_touching(session, first, last):
        found.append(
            ObstacleAtEnd(
                obstacle.id,
                obstacle.title,
                obstacle.kind,
                obstacle.category,
                obstacle.opened_on,
                state.status,
                state.closed_on,
                first <= obstacle.opened_on,
                any(first <= day <= last for day in state.closed_between),
                obstacle.lesson,
                obstacle.covered_by,
            )
        )
    return tuple(found)


def _decisions(session: Session, first: date, last: date) -> tuple[DecisionInQuarter, ...]:
    decisions = list(
        session.scalars(
            select(Decision)
            .where(
                or_(
                    Decision.decided_on.between(first, last),
                    Decision.reviewed_on.between(first, last),
                )
            )
            .order_by(Decision.decided_on, Decision.title)
        )
    )
    superseded = as_of.superseding_dates(session, [d.id for d in decisions])
    found = []
    for d in decisions:
        status = as_of.decision_status_on(d, last, superseded.get(d.id, ()))
        if status is DecisionStatus.PROPOSED:
            continue  # not yet taken at the quarter's end
        reviewed = d.reviewed_on is not None and d.reviewed_on <= last
        found.append(
            DecisionInQuarter(
                d.id,
                d.title,
                d.decided_on,
                d.decided_by,
                d.confidence,
                status,
                d.verdict if reviewed else None,
                d.outcome if reviewed else "",
                d.reviewed_on is not None and first <= d.reviewed_on <= last,
            )
        )
    return tuple(found)


def _voices(
    session: Session, first: date, last: date
) -> tuple[tuple[Voice, ...], tuple[Voice, ...]]:
    """Every win and appreciation of weeks both partners answered (blind until then)."""
    complete = (
        select(CheckInAnswer.checkin_id)
        .group_by(CheckInAnswer.checkin_id)
        .having(func.count(CheckInAnswer.id) >= 2)
    )
    rows = session.execute(
        select(
            CheckIn.week_start, CheckInAnswer.seat, CheckInAnswer.wins, CheckInAnswer.appreciation
        )
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .where(CheckIn.week_start.between(first, last), CheckIn.id.in_(complete))
        .order_by(CheckIn.week_start, CheckInAnswer.seat)
    )
    wins, thanks = [], []
    for week, seat, win, appreciation in rows:
        if win.strip():
            wins.append(Voice(week, seat, win.strip()))
        if appreciation.strip():
            thanks.append(Voice(week, seat, appreciation.strip()))
    return tuple(wins), tuple(thanks)


def _weeks(session: Session, first: date, last: date) -> int:
    return (
        session.scalar(
            select(func.count(func.distinct(CheckIn.id)))
            .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
            .where(CheckIn.week_start.between(first, last))
        )
        or 0
    )


def _notes(session: Session, first: date, last: date) -> int:
    start = datetime.combine(first, time(), UTC)
    end = datetime.combine(last + timedelta(days=1), time(), UTC)
    return (
        session.scalar(
            select(func.count(Note.id)).where(Note.created_at >= start, Note.created_at < end)
        )
        or 0
    )
