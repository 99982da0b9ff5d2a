"""Obstacles: raise, edit, link to goals, resolve (blameless for setbacks), reopen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ceocto_desktop.models import (
    Goal,
    Obstacle,
    ObstacleCategory,
    ObstacleEvent,
    ObstacleEventKind,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Seat,
    Severity,
)
from ceocto_desktop.services.common import (
    add_link,
    apply_changes,
    clean_text,
    clean_title,
    fetch,
    parse_date,
    view_of,
    without_link,
)
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records.obstacle_rows import ObstacleFilter, obstacle_where


@dataclass(frozen=True)
class ObstacleEventView:
    kind: ObstacleEventKind
    on_date: date
    author: Seat
    text: str


@dataclass(frozen=True)
class ObstacleView:
    id: str
    title: str
    description: str
    kind: ObstacleKind
    category: ObstacleCategory
    severity: Severity
    raised_by: Seat
    owner: Owner
    status: ObstacleStatus
    opened_on: date
    resolved_on: date | None
    resolution: str
    lesson: str
    covered_by: str
    author: Seat
    created_at: datetime
    updated_at: datetime
    goal_ids: tuple[str, ...]
    goal_titles: tuple[str, ...]
    events: tuple[ObstacleEventView, ...]

    def days_open(self, today: date | None = None) -> int:
        """Days from opening to resolution, or to today while it is still open."""
        end = self.resolved_on or today or date.today()
        return (end - self.opened_on).days


_CLEANERS: dict[str, Any] = {
    "title": clean_title,
    "description": clean_text,
    "kind": ObstacleKind,
    "category": ObstacleCategory,
    "severity": Severity,
    "owner": Owner,
    "raised_by": Seat,
    "opened_on": lambda v: parse_date(v, "opened_on"),
    "lesson": clean_text,
    "covered_by": clean_text,
}


def obstacle_view(record: Obstacle) -> ObstacleView:
    """An obstacle as the UI and reports see it, with its linked goals and history."""
    return view_of(
        ObstacleView,
        record,
        goal_ids=tuple(goal.id for goal in record.goals),
        goal_titles=tuple(goal.title for goal in record.goals),
        events=tuple(view_of(ObstacleEventView, event) for event in record.events),
    )


def create_obstacle(
    session: Session,
    author: Seat,
    title: str,
    category: ObstacleCategory,
    *,
    opened_on: date | None = None,
    goal_ids: tuple[str, ...] = (),
    **fields: Any,
) -> ObstacleView:
    """Raise an obstacle; it is owned jointly and raised by its author unless said."""
    when = opened_on or date.today()
    record = Obstacle(
        author=author,
        title=clean_title(title),
        category=ObstacleCategory(category),
        raised_by=author,
        owner=Owner.JOINT,
        kind=ObstacleKind.HINDRANCE,
        severity=Severity.MEDIUM,
        status=ObstacleStatus.OPEN,
        opened_on=when,
        description="",
        resolution="",
        lesson="",
        covered_by="",
    )
    apply_changes(record, fields, set(_CLEANERS) - {"title", "opened_on"}, _CLEANERS)
    record.goals = [fetch(session, Goal, goal_id) for goal_id in goal_ids]
    record.events.append(ObstacleEvent(author=author, kind=ObstacleEventKind.OPENED, on_date=when))
    session.add(record)
    session.flush()
    return obstacle_view(record)


def get_obstacle(session: Session, obstacle_id: str) -> ObstacleView:
    """One obstacle by id."""
    return obstacle_view(fetch(session, Obstacle, obstacle_id))


def update_obstacle(session: Session, obstacle_id: str, **changes: Any) -> ObstacleView:
    """Edit an obstacle's fields (status moves through resolve and reopen)."""
    record = fetch(session, Obstacle, obstacle_id)
    allowed = set(_CLEANERS) | {"status"}
    if "status" in changes and ObstacleStatus(changes["status"]).is_closed:
        raise ValidationError("status", "Close an obstacle by resolving or accepting it.")
    apply_changes(record, changes, allowed, {**_CLEANERS, "status": ObstacleStatus})
    session.flush()
    return obstacle_view(record)


def resolve_obstacle(
    session: Session,
    obstacle_id: str,
    author: Seat,
    resolution: str,
    *,
    accepted: bool = False,
    lesson: str = "",
    covered_by: str = "",
    on_date: date | None = None,
) -> ObstacleView:
    """Close an obstacle with its resolution; a setback also keeps its blameless lesson."""
    record = fetch(session, Obstacle, obstacle_id)
    if record.status.is_closed:
        raise ValidationError("status", "This obstacle is already closed.")
    text = clean_text(resolution).strip()
    if not text:
        raise ValidationError("resolution", "Say how it was resolved (or why you accept it).")
    lesson, covered_by = clean_text(lesson), clean_text(covered_by)
    if record.kind is ObstacleKind.SETBACK and not (lesson.strip() or record.lesson.strip()):
        raise ValidationError("lesson", "A setback is closed with what we learned from it.")
    when = on_date or date.today()
    if when < record.opened_on:
        raise ValidationError("resolved_on", "An obstacle cannot be resolved before it opened.")
    record.status = ObstacleStatus.ACCEPTED if accepted else ObstacleStatus.RESOLVED
    record.resolution = text
    record.resolved_on = when
    if lesson.strip():
        record.lesson = lesson
    if covered_by.strip():
        record.covered_by = covered_by
    kind = ObstacleEventKind.ACCEPTED if accepted else ObstacleEventKind.RESOLVED
    record.events.append(ObstacleEvent(author=author, kind=kind, on_date=when, text=text))
    session.flush()
    return obstacle_view(record)


def reopen_obstacle(
    session: Session, obstacle_id: str, author: Seat, reason: str = "", on_date: date | None = None
) -> ObstacleView:
    """Open a closed obstacle again; its earlier resolution stays in its history."""
    record = fetch(session, Obstacle, obstacle_id)
    if not record.status.is_closed:
        raise ValidationError("status", "This obstacle is still open.")
    record.status = ObstacleStatus.OPEN
    record.resolved_on = None
    record.resolution = ""
    record.events.append(
        ObstacleEvent(
            author=author,
            kind=ObstacleEventKind.REOPENED,
            on_date=on_date or date.today(),
            text=clean_text(reason),
        )
    )
    session.flush()
    return obstacle_view(record)


def link_obstacle_goal(session: Session, obstacle_id: str, goal_id: str) -> ObstacleView:
    """Link an obstacle to a goal it stands in the way of (linking twice is harmless)."""
    record = fetch(session, Obstacle, obstacle_id)
    add_link(session, record.goals, Goal, goal_id)
    session.flush()
    return obstacle_view(record)


def unlink_obstacle_goal(session: Session, obstacle_id: str, goal_id: str) -> ObstacleView:
    """Remove the link between an obstacle and a goal."""
    record = fetch(session, Obstacle, obstacle_id)
    record.goals = without_link(record.goals, goal_id)
    session.flush()
    return obstacle_view(record)


def list_obstacles(
    session: Session,
    where: ObstacleFilter | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[ObstacleView]:
    """Obstacles matching the filter (the table's own), newest opened first."""
    query = (
        obstacle_where(select(Obstacle), where or ObstacleFilter())
        .options(selectinload(Obstacle.goals), selectinload(Obstacle.events))
        .order_by(Obstacle.opened_on.desc(), Obstacle.title)
        .offset(offset)
        .limit(limit)
    )
    return [obstacle_view(record) for record in session.scalars(query)]
