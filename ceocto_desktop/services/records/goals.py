"""Goals and their key results: create, edit, delete, list, and record progress."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from ceocto_desktop.analytics import progress as prog
from ceocto_desktop.models import (
    Area,
    Goal,
    GoalStatus,
    GoalUpdate,
    KeyResult,
    KeyResultChange,
    Owner,
    Seat,
)
from ceocto_desktop.services.common import (
    apply_changes,
    clean_text,
    clean_title,
    fetch,
    parse_date,
    view_of,
)
from ceocto_desktop.services.errors import ValidationError


@dataclass(frozen=True)
class KeyResultView:
    id: str
    title: str
    start_value: float
    target_value: float
    current_value: float
    unit: str
    progress: float


@dataclass(frozen=True)
class GoalView:
    id: str
    title: str
    description: str
    owner: Owner
    area: Area
    status: GoalStatus
    target_date: date | None
    board_visible: bool
    author: Seat
    created_at: datetime
    updated_at: datetime
    key_results: tuple[KeyResultView, ...]
    progress: float | None
    health: str | None
    weakest: str | None


@dataclass(frozen=True)
class GoalUpdateView:
    id: str
    on_date: date
    author: Seat
    progress: float
    status: GoalStatus
    note: str
    changes: tuple[tuple[str, float, float], ...]


def _clean_target(value: Any) -> date | None:
    return None if value in (None, "") else parse_date(value, "target_date")


_CLEANERS: dict[str, Any] = {
    "title": clean_title,
    "description": clean_text,
    "owner": Owner,
    "area": Area,
    "status": GoalStatus,
    "target_date": _clean_target,
    "board_visible": bool,
}


def _kr_view(record: KeyResult) -> KeyResultView:
    share = prog.key_result_progress(record.start_value, record.target_value, record.current_value)
    return view_of(KeyResultView, record, progress=share)


def goal_view(record: Goal, today: date | None = None) -> GoalView:
    """A goal as the UI and reports see it, with progress, health and weakest key result."""
    results = tuple(_kr_view(kr) for kr in record.key_results)
    shares = [kr.progress for kr in results]
    overall = prog.goal_progress(shares)
    weakest = prog.weakest_index(shares)
    health = None
    if weakest is not None and record.target_date is not None:
        expected = prog.expected_progress(
            record.created_at.date(), record.target_date, today or date.today()
        )
        health = prog.health(shares[weakest], expected)
    return view_of(
        GoalView,
        record,
        key_results=results,
        progress=overall,
        health=health,
        weakest=None if weakest is None else results[weakest].title,
    )


def create_goal(session: Session, author: Seat, title: str, **fields: Any) -> GoalView:
    """A new goal; owner joint and status proposed unless said otherwise."""
    record = Goal(author=author, title=clean_title(title), description="", board_visible=False)
    record.owner = Owner.JOINT
    record.area = Area.STRATEGY
    record.status = GoalStatus.PROPOSED
    apply_changes(record, fields, set(_CLEANERS) - {"title"}, _CLEANERS)
    session.add(record)
    session.flush()
    return goal_view(record)


def get_goal(session: Session, goal_id: str) -> GoalView:
    """One goal by id."""
    return goal_view(fetch(session, Goal, goal_id))


def update_goal(session: Session, goal_id: str, **changes: Any) -> GoalView:
    """Edit a goal's fields; its status moves only through record_goal_progress."""
    record = fetch(session, Goal, goal_id)
    if "status" in changes and GoalStatus(changes["status"]) != record.status:
        raise ValidationError(
            "status", "A status change is recorded as progress, with its date and author."
        )
    changes.pop("status", None)
    apply_changes(record, changes, _CLEANERS, _CLEANERS)
    session.flush()
    return goal_view(record)


def clean_number(value: float | str, field: str) -> float:
    """A finite number (typed text like "12.5" is fine); NaN, infinity or words are refused."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if not math.isfinite(number):
        # SQLite stores NaN as NULL, and no progress can be measured against infinity.
        label = "new value" if field == "values" else field.replace("_", " ")
        raise ValidationError(field, f"The {label} must be a number, like 12 or 12.5.")
    return number


def _number_cleaner(field: str) -> Any:
    return lambda value: clean_number(value, field)


def _check_key_result(start: float, target: float) -> None:
    # A target below the start is a key result that counts down ("cut incidents from 12
    # to 3"); one equal to it measures nothing.
    if target == start:
        raise ValidationError("target_value", "The target must differ from the start value.")


def add_key_result(
    session: Session,
    goal_id: str,
    author: Seat,
    title: str,
    start_value: float | str,
    target_value: float | str,
    current_value: float | str | None = None,
    unit: str = "",
) -> KeyResultView:
    """A measurable key result on a goal, starting at its start value unless said."""
    goal = fetch(session, Goal, goal_id)
    start = clean_number(start_value, "start_value")
    target = clean_number(target_value, "target_value")
    _check_key_result(start, target)
    record = KeyResult(
        author=author,
        title=clean_title(title),
        start_value=start,
        target_value=target,
        current_value=start
        if current_value is None
        else clean_number(current_value, "current_value"),
        unit=clean_text(unit),
        position=len(goal.key_results),
    )
    goal.key_results.append(record)
    session.flush()
    return _kr_view(record)


def update_key_result(session: Session, key_result_id: str, **changes: Any) -> KeyResultView:
    """Edit a key result's title, start, target or unit; its value moves only as progress."""
    record = fetch(session, KeyResult, key_result_id)
    if "current_value" in changes and float(changes["current_value"]) != record.current_value:
        raise ValidationError(
            "current_value", "A new value is recorded as progress, with its date and author."
        )
    changes.pop("current_value", None)
    cleaners: dict[str, Any] = {
        "title": clean_title,
        "unit": clean_text,
        "start_value": _number_cleaner("start_value"),
        "target_value": _number_cleaner("target_value"),
    }
    apply_changes(record, changes, cleaners, cleaners)
    _check_key_result(record.start_value, record.target_value)
    session.flush()
    return _kr_view(record)


def remove_key_result(session: Session, key_result_id: str) -> None:
    """Remove a key result from its goal."""
    session.delete(fetch(session, KeyResult, key_result_id))
    session.flush()


def record_goal_progress(
    session: Session,
    goal_id: str,
    author: Seat,
    *,
    values: Mapping[str, float | str] | None = None,
    status: GoalStatus | None = None,
    note: str = "",
    on_date: date | None = None,
) -> GoalUpdateView:
    """Write a dated, authored goal update: new key-result values and/or a new status."""
    goal = fetch(session, Goal, goal_id)
    moves = {kr_id: clean_number(value, "values") for kr_id, value in (values or {}).items()}
    by_id = {kr.id: kr for kr in goal.key_results}
    unknown = set(moves) - set(by_id)
    if unknown:
        raise ValidationError("values", "A value was given for a key result of another goal.")
    text = clean_text(note)
    if not moves and (status is None or status == goal.status) and not text.strip():
        raise ValidationError("values", "Nothing to record: give a new value, status or note.")
    update = GoalUpdate(author=author, on_date=on_date or date.today(), note=text)
    for kr_id, value in moves.items():
        record = by_id[kr_id]
        if value != record.current_value:
            update.changes.append(
                KeyResultChange(
                    key_result_id=kr_id, value_before=record.current_value, value_after=value
                )
            )
            record.current_value = value
    if status is not None:
        goal.status = GoalStatus(status)
    view = goal_view(goal)
    update.progress = view.progress if view.progress is not None else 0.0
    update.status = goal.status
    goal.updates.append(update)
    session.flush()
    return _update_view(update, {kr.id: kr.title for kr in goal.key_results})


def _update_view(update: GoalUpdate, titles: Mapping[str, str]) -> GoalUpdateView:
    changes = tuple(
        (titles.get(change.key_result_id, "(removed)"), change.value_before, change.value_after)
        for change in update.changes
    )
    return view_of(GoalUpdateView, update, changes=changes)


def goal_history(session: Session, goal_id: str) -> list[GoalUpdateView]:
    """Every recorded update of a goal, oldest first."""
    goal = fetch(session, Goal, goal_id)
    titles = {kr.id: kr.title for kr in goal.key_results}
    ordered = sorted(goal.updates, key=lambda u: (u.on_date, u.created_at))
    return [_update_view(update, titles) for update in ordered]
