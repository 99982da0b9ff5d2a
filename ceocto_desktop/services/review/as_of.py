"""Records as they stood on a past day, read from their history (never today's status)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from ceocto_desktop.analytics import progress as prog
from ceocto_desktop.models import (
    Goal,
    GoalStatus,
    GoalUpdate,
    KeyResult,
    KeyResultChange,
    Obstacle,
    ObstacleCategory,
    ObstacleEvent,
    ObstacleEventKind,
    ObstacleKind,
    ObstacleStatus,
    Severity,
)

# Queries with an IN list are cut in chunks under SQLite's bound-parameter limit.
CHUNK = 900


def _chunks(ids: Sequence[str]) -> list[Sequence[str]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def key_result_detail(title: str, start: float, value: float, target: float, unit: str) -> str:
    """A key result with its values: "Runway 14 → 18 months, target 22"."""
    unit_text = f" {unit.strip()}" if unit.strip() else ""
    return f"{title} {start:g} → {value:g}{unit_text}, target {target:g}"


@dataclass(frozen=True)
class GoalState:
    """A goal on one day: its status, progress and weakest key result then."""

    status: GoalStatus
    progress: float | None
    weakest: str | None
    existed: bool  # written down by then (created, or with an update dated by then)
    # The weakest key result with its values then: "Runway 14 → 18 months, target 22".
    weakest_detail: str | None = None


class GoalRef(Protocol):
    """What goal_states needs of a goal: an ORM object or a plain row will do."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> GoalStatus: ...
    @property
    def created_at(self) -> datetime: ...


GOAL_REF_COLUMNS = (Goal.id, Goal.title, Goal.status, Goal.created_at, Goal.target_date)


_KeyResultRow = tuple[str, str, float, float, float, str]  # id, title, start, target, now, unit


@dataclass
class _GoalHistory:
    """What goal_states reads for a set of goals, by goal and key result."""

    results: dict[str, list[_KeyResultRow]]
    changes: dict[str, list[tuple[date, float, float]]] = field(default_factory=dict)
    last_status: dict[str, GoalStatus] = field(default_factory=dict)  # up to the day
    updated_later: set[str] = field(default_factory=set)


def _read_goal_history(session: Session, ids: Sequence[str], day: date) -> _GoalHistory:
    """Key results, their dated changes and the goals' statuses (plain rows, in chunks)."""
    # Plain rows, not ORM objects: a quarter at scale holds thousands of goals.
    found = _GoalHistory({i: [] for i in ids})
    for part in _chunks(ids):
        # A key result added later still counts from its start value: the pair often
        # write down today what they were already measuring.
        for goal_id, *kr in session.execute(
            select(
                KeyResult.goal_id,
                KeyResult.id,
                KeyResult.title,
                KeyResult.start_value,
                KeyResult.target_value,
                KeyResult.current_value,
                KeyResult.unit,
            )
            .where(KeyResult.goal_id.in_(part))
            .order_by(KeyResult.position)
        ):
            found.results[goal_id].append(tuple(kr))  # type: ignore[arg-type]
        rows = session.execute(
            select(
                KeyResultChange.key_result_id,
                GoalUpdate.on_date,
                KeyResultChange.value_before,
                KeyResultChange.value_after,
            )
            .join(GoalUpdate, GoalUpdate.id == KeyResultChange.update_id)
            .where(GoalUpdate.goal_id.in_(part))
            .order_by(GoalUpdate.on_date, GoalUpdate.created_at)
        )
        for kr_id, on_date, before, after in rows:
            found.changes.setdefault(kr_id, []).append((on_date, before, after))
        for goal_id, on_date, status in session.execute(
            select(GoalUpdate.goal_id, GoalUpdate.on_date, GoalUpdate.status)
            .where(GoalUpdate.goal_id.in_(part))
            .order_by(GoalUpdate.on_date, GoalUpdate.created_at)
        ):
            if on_date <= day:
                found.last_status[goal_id] = status
            else:
                found.updated_later.add(goal_id)
    return found


def goal_states(session: Session, goals: Sequence[GoalRef], day: date) -> dict[str, GoalState]:
    """Each goal's status and progress at the end of day, from its recorded updates.

    A key result's value on a day is the value after its last change up to that day, else
    the value before its first later change, else its value today. The status is that of
    the last update up to the day; with no update then, the goal still had the status it
    was created with (proposed) if it was updated later, and its present one if never.
    """
    history = _read_goal_history(session, [g.id for g in goals], day)
    return {goal.id: _goal_state(goal, history, day) for goal in goals}


def _goal_state(goal: GoalRef, history: _GoalHistory, day: date) -> GoalState:
    """One goal at the end of day: status, progress, its weakest key result."""
    results = history.results[goal.id]
    shares = []
    values = []
    for kr_id, _title, start, target, current, _unit in results:
        value = value_on(history.changes.get(kr_id, ()), day, current)
        values.append(value)
        shares.append(prog.key_result_progress(start, target, value))
    weakest = prog.weakest_index(shares)
    detail = None
    if weakest is not None:
        _id, title, start, target, _current, unit = results[weakest]
        detail = key_result_detail(title, start, values[weakest], target, unit)
    if goal.id in history.last_status:
        status = history.last_status[goal.id]
    elif goal.id in history.updated_later:
        status = GoalStatus.PROPOSED
    else:
        status = goal.status
    return GoalState(
        status,
        prog.goal_progress(shares),
        None if weakest is None else results[weakest][1],
        goal.id in history.last_status or goal.created_at.date() <= day,
        detail,
    )


def value_on(changes: Sequence[tuple[date, float, float]], day: date, current: float) -> float:
    """A key result's value at the end of day, from its dated changes (oldest first)."""
    value = None
    for on_date, before, after in changes:
        if on_date <= day:
            value = after
        else:
            return before if value is None else value
    return current if value is None else value


_EVENT_STATUS = {
    ObstacleEventKind.OPENED: ObstacleStatus.OPEN,
    ObstacleEventKind.REOPENED: ObstacleStatus.OPEN,
    ObstacleEventKind.RESOLVED: ObstacleStatus.RESOLVED,
    ObstacleEventKind.ACCEPTED: ObstacleStatus.ACCEPTED,
}


@dataclass(frozen=True)
class ObstacleState:
    """An obstacle on one day: its status then and, if closed by then, since when."""

    status: ObstacleStatus
    closed_on: date | None
    closed_between: tuple[date, ...]  # every day it was resolved or accepted


def obstacle_state(obstacle: Obstacle, events: Sequence[ObstacleEvent], day: date) -> ObstacleState:
    """The obstacle's status at the end of day, from its opened/resolved/reopened events."""
    ordered = sorted(events, key=lambda e: (e.on_date, e.created_at))
    if not ordered:  # written before events were kept: its dates are all there is
        resolved = obstacle.resolved_on
        if resolved is not None and resolved <= day:
            return ObstacleState(obstacle.status, resolved, (resolved,))
        status = ObstacleStatus.OPEN if resolved is not None else obstacle.status
        return ObstacleState(status, None, (resolved,) if resolved else ())
    closings = tuple(
        e.on_date
        for e in ordered
        if e.kind in (ObstacleEventKind.RESOLVED, ObstacleEventKind.ACCEPTED)
    )
    status, closed_on = ObstacleStatus.OPEN, None
    for event in ordered:
        if event.on_date > day:
            break
        status = _EVENT_STATUS[event.kind]
        closed_on = event.on_date if status.is_closed else None
    if status is ObstacleStatus.OPEN and ordered[-1].on_date <= day:
        status = obstacle.status  # "in progress" is a field, not an event
    return ObstacleState(status, closed_on, closings)


@dataclass(frozen=True)
class ObstacleThen:
    """An obstacle a period touched, with its status at the period's end."""

    id: str
    title: str
    kind: ObstacleKind
    category: ObstacleCategory
    severity: Severity
    opened_on: date
    status: ObstacleStatus
    closed_on: date | None  # the day it was closed, if closed at the period's end
    closed_in_period: bool
    lesson: str
    covered_by: str
    # Opened before the period, open and untouched since it began: one of the
    # open-all-through-it obstacles the period's count of them already includes.
    untouched: bool = False


_CLOSING = (ObstacleEventKind.RESOLVED, ObstacleEventKind.ACCEPTED)


def _untouched_since(first: date) -> Any:
    """Opened before the period, still open, and no event since it began."""
    o, e = Obstacle, ObstacleEvent
    # Set-based, not one subquery per obstacle: at scale most obstacles are old.
    moved_since = select(e.obstacle_id).where(e.on_date >= first)
    return (o.opened_on < first) & o.resolved_on.is_(None) & o.id.not_in(moved_since)


def _obstacles_then_query(first: date, last: date, shown_ids: Sequence[str]) -> Any:
    """One row per obstacle the period may show: its fields and, from its events in SQL,
    its last event's kind by the end, its last closing date, and whether it closed in the
    period, changed after it or has any event at all."""
    o, e = Obstacle, ObstacleEvent

    def events(*conditions: Any) -> Any:
        return select(e.kind).where(e.obstacle_id == o.id, *conditions)

    last_kind = (
        events(e.on_date <= last)
        .order_by(e.on_date.desc(), e.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    last_closing = (
        select(func.max(e.on_date))
        .where(e.obstacle_id == o.id, e.on_date <= last, e.kind.in_(_CLOSING))
        .scalar_subquery()
    )
    closed_in = events(e.on_date.between(first, last), e.kind.in_(_CLOSING)).exists()
    return (
        select(
            o.id,
            o.title,
            o.kind,
            o.category,
            o.severity,
            o.opened_on,
            o.status,
            o.resolved_on,
            o.lesson,
            o.covered_by,
            last_kind,
            last_closing,
            closed_in,
            events(e.on_date > last).exists(),
            events().exists(),
        )
        .where(o.opened_on <= last)
        .where(
            # UNION ALL: membership needs no de-duplication, and without it each arm reads
            # its own index instead of every row in id order (at 100,000: 0.45 -> 0.07 s).
            o.id.in_(
                union_all(
                    select(o.id).where(o.opened_on.between(first, last)),
                    select(o.id).where(o.resolved_on >= first),
                    select(e.obstacle_id).where(e.on_date >= first),
                    select(o.id).where(o.id.in_(shown_ids)),
                )
            )
        )
        .order_by(o.opened_on, o.title)
    )


def _status_then(row: Any, first: date, last: date) -> tuple[ObstacleStatus, date | None, bool]:
    """An obstacle's status at the period's end, the day it closed, whether in the period."""
    status, resolved = row.status, row.resolved_on
    closed_in_period = bool(row[12])
    if row[14]:  # it has events: they tell
        kind_then = row[10]
        if kind_then is None:
            status_then = ObstacleStatus.OPEN
        else:
            status_then = _EVENT_STATUS[ObstacleEventKind(kind_then)]
        if status_then is ObstacleStatus.OPEN and not row[13]:
            status_then = status  # "in progress" is a field, not an event
        return status_then, (row[11] if status_then.is_closed else None), closed_in_period
    # Written before events were kept: its dates are all there is.
    closed_at_end = resolved is not None and resolved <= last
    status_then = (
        status if closed_at_end else (ObstacleStatus.OPEN if resolved is not None else status)
    )
    closed_on = resolved if closed_at_end else None
    return status_then, closed_on, resolved is not None and first <= resolved <= last


def obstacles_touching(
    session: Session, first: date, last: date, open_before_shown: int = 10
) -> tuple[list[ObstacleThen], int]:
    """Obstacles opened in the period, closed in it, or still open at its end — each with
    its status at the end, read from its events in SQL (one row per obstacle).

    Those opened before the period and untouched since (open all through it) can number
    thousands; only the open_before_shown oldest come back, with how many there are.
    """
    o = Obstacle
    untouched = _untouched_since(first)
    untouched_count = session.scalar(select(func.count()).select_from(o).where(untouched)) or 0
    shown_ids = list(
        session.scalars(
            select(o.id)
            .where(untouched)
            .order_by(o.resolved_on, o.opened_on)
            .limit(open_before_shown)
        )
    )
    found = []
    for row in session.execute(_obstacles_then_query(first, last, shown_ids)):
        status_then, closed_on, closed_in_period = _status_then(row, first, last)
        if first <= row.opened_on or closed_in_period or not status_then.is_closed:
            found.append(
                ObstacleThen(
                    row.id,
                    row.title,
                    row.kind,
                    row.category,
                    row.severity,
                    row.opened_on,
                    status_then,
                    closed_on,
                    closed_in_period,
                    row.lesson,
                    row.covered_by,
                    row.id in shown_ids,
                )
            )
    return found, untouched_count


def events_of(session: Session, ids: Sequence[str]) -> dict[str, list[ObstacleEvent]]:
    """Every event of these obstacles, by obstacle."""
    found: dict[str, list[ObstacleEvent]] = {}
    for part in _chunks(ids):
        for event in session.scalars(
            select(ObstacleEvent).where(ObstacleEvent.obstacle_id.in_(part))
        ):
            found.setdefault(event.obstacle_id, []).append(event)
    return found
