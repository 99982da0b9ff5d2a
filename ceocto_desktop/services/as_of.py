"""Records as they stood on a past day, read from their history (never today's status)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics import progress as prog
from ceocto_desktop.models import (
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    GoalUpdate,
    KeyResult,
    KeyResultChange,
    Obstacle,
    ObstacleEvent,
    ObstacleEventKind,
    ObstacleStatus,
)

# Queries with an IN list are cut in chunks under SQLite's bound-parameter limit.
CHUNK = 900


def _chunks(ids: Sequence[str]) -> list[Sequence[str]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


@dataclass(frozen=True)
class GoalState:
    """A goal on one day: its status, progress and weakest key result then."""

    status: GoalStatus
    progress: float | None
    weakest: str | None
    existed: bool  # written down by then (created, or with an update dated by then)


def goal_states(session: Session, goals: Sequence[Goal], day: date) -> dict[str, GoalState]:
    """Each goal's status and progress at the end of day, from its recorded updates.

    A key result's value on a day is the value after its last change up to that day, else
    the value before its first later change, else its value today. The status is that of
    the last update up to the day; with no update then, the goal still had the status it
    was created with (proposed) if it was updated later, and its present one if never.
    """
    ids = [g.id for g in goals]
    results: dict[str, list[KeyResult]] = {goal_id: [] for goal_id in ids}
    changes: dict[str, list[tuple[date, float, float]]] = {}
    last_status: dict[str, GoalStatus] = {}
    updated_later: set[str] = set()
    for part in _chunks(ids):
        for kr in session.scalars(
            select(KeyResult).where(KeyResult.goal_id.in_(part)).order_by(KeyResult.position)
        ):
            # A key result added later still counts from its start value: the pair often
            # write down today what they were already measuring.
            results[kr.goal_id].append(kr)
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
            changes.setdefault(kr_id, []).append((on_date, before, after))
        for goal_id, on_date, status in session.execute(
            select(GoalUpdate.goal_id, GoalUpdate.on_date, GoalUpdate.status)
            .where(GoalUpdate.goal_id.in_(part))
            .order_by(GoalUpdate.on_date, GoalUpdate.created_at)
        ):
            if on_date <= day:
                last_status[goal_id] = status
            else:
                updated_later.add(goal_id)
    known_by = {goal_id for goal_id in last_status}
    states = {}
    for goal in goals:
        shares = []
        for kr in results[goal.id]:
            value = value_on(changes.get(kr.id, ()), day, kr.current_value)
            shares.append(prog.key_result_progress(kr.start_value, kr.target_value, value))
        weakest = prog.weakest_index(shares)
        if goal.id in last_status:
            status = last_status[goal.id]
        elif goal.id in updated_later:
            status = GoalStatus.PROPOSED
        else:
            status = goal.status
        states[goal.id] = GoalState(
            status,
            prog.goal_progress(shares),
            None if weakest is None else results[goal.id][weakest].title,
            goal.id in known_by or goal.created_at.date() <= day,
        )
    return states


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


def obstacles_touching(
    session: Session, first: date, last: date
) -> list[tuple[Obstacle, ObstacleState]]:
    """Obstacles opened by last and not closed before first, each with its state at last."""
    candidates = list(
        session.scalars(
            select(Obstacle)
            .where(Obstacle.opened_on <= last)
            .where(
                (Obstacle.resolved_on.is_(None))
                | (Obstacle.resolved_on >= first)
                | Obstacle.events.any(ObstacleEvent.on_date >= first)
            )
            .order_by(Obstacle.opened_on, Obstacle.title)
        )
    )
    events = events_of(session, [o.id for o in candidates])
    found = []
    for obstacle in candidates:
        state = obstacle_state(obstacle, events.get(obstacle.id, []), last)
        closed_in = any(first <= d <= last for d in state.closed_between)
        if first <= obstacle.opened_on or closed_in or not state.status.is_closed:
            found.append((obstacle, state))
    return found


def events_of(session: Session, ids: Sequence[str]) -> dict[str, list[ObstacleEvent]]:
    """Every event of these obstacles, by obstacle."""
    found: dict[str, list[ObstacleEvent]] = {}
    for part in _chunks(ids):
        for event in session.scalars(
            select(ObstacleEvent).where(ObstacleEvent.obstacle_id.in_(part))
        ):
            found.setdefault(event.obstacle_id, []).append(event)
    return found


def decision_status_on(
    decision: Decision, day: date, superseded_on: Collection[date] = ()
) -> DecisionStatus:
    """A decision's status at the end of day: decided, reviewed by then, or superseded."""
    if decision.status is DecisionStatus.PROPOSED or decision.decided_on > day:
        return DecisionStatus.PROPOSED
    if any(d <= day for d in superseded_on):
        return DecisionStatus.SUPERSEDED
    if decision.reviewed_on is not None and decision.reviewed_on <= day:
        return DecisionStatus.REVIEWED
    return DecisionStatus.DECIDED


def superseding_dates(session: Session, ids: Sequence[str]) -> dict[str, list[date]]:
    """For each decision, the days later decisions replaced it."""
    found: dict[str, list[date]] = {}
    for part in _chunks(ids):
        for old_id, day in session.execute(
            select(Decision.supersedes_id, Decision.decided_on).where(
                Decision.supersedes_id.in_(part)
            )
        ):
            if old_id is not None:
                found.setdefault(old_id, []).append(day)
    return found
