"""The obstacles table's rows, filtered, sorted and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, literal, or_, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import (
    Goal,
    Obstacle,
    ObstacleCategory,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Severity,
    obstacle_goals,
)
from ceocto_desktop.services.records.paging import AnySelect, Page, folded, like, ordered

CLOSED = (ObstacleStatus.RESOLVED, ObstacleStatus.ACCEPTED)


@dataclass(frozen=True)
class ObstacleFilter:
    is_open: bool | None = None
    kind: ObstacleKind | None = None
    category: ObstacleCategory | None = None
    severity: Severity | None = None
    text: str = ""
    goal_id: str | None = None


@dataclass(frozen=True)
class ObstacleRow:
    id: str
    title: str
    kind: ObstacleKind
    category: ObstacleCategory
    severity: Severity
    owner: Owner
    status: ObstacleStatus
    days_open: int
    goals: str


def obstacle_where(query: AnySelect, where: ObstacleFilter) -> AnySelect:
    if where.is_open is True:
        query = query.where(Obstacle.status.not_in(CLOSED))
    elif where.is_open is False:
        query = query.where(Obstacle.status.in_(CLOSED))
    if where.kind is not None:
        query = query.where(Obstacle.kind == where.kind)
    if where.category is not None:
        query = query.where(Obstacle.category == where.category)
    if where.severity is not None:
        query = query.where(Obstacle.severity == where.severity)
    if where.goal_id is not None:
        query = query.where(Obstacle.goals.any(Goal.id == where.goal_id))
    if where.text.strip():
        pattern = like(where.text)
        query = query.where(
            or_(
                Obstacle.title.ilike(pattern, escape="\\"),
                Obstacle.description.ilike(pattern, escape="\\"),
            )
        )
    return query


def obstacle_rows(
    session: Session, where: ObstacleFilter, page: Page, today: date | None = None
) -> list[ObstacleRow]:
    """One page of obstacles: days open counted to today, or to resolution once closed."""
    days_open, goals = _obstacle_figures(today)
    rank = case({s: i for i, s in enumerate(Severity)}, value=Obstacle.severity)
    query = select(
        Obstacle.id,
        Obstacle.title,
        Obstacle.kind,
        Obstacle.category,
        Obstacle.severity,
        Obstacle.owner,
        Obstacle.status,
        days_open,
        goals,
    )
    sortable = {
        "title": folded(Obstacle.title),
        "kind": Obstacle.kind,
        "category": Obstacle.category,
        "severity": rank,
        "owner": Obstacle.owner,
        "status": Obstacle.status,
        "days_open": days_open,
        "goals": goals,
    }
    query = obstacle_where(query, where)
    if page.sort:
        query = ordered(query, sortable, page, folded(Obstacle.title))
    else:
        query = _what_matters_now(query, rank, days_open).offset(page.offset).limit(page.limit)
    return [
        ObstacleRow(
            id=row.id,
            title=row.title,
            kind=row.kind,
            category=row.category,
            severity=row.severity,
            owner=row.owner,
            status=row.status,
            days_open=int(row.days_open or 0),
            goals=row.goals or "",
        )
        for row in session.execute(query)
    ]


def _obstacle_figures(today: date | None) -> tuple[Any, Any]:
    """Days open (to today, or to resolution once closed) and the linked goals' titles."""
    end = func.coalesce(Obstacle.resolved_on, literal((today or date.today()).isoformat()))
    days_open = func.round(func.julianday(end) - func.julianday(Obstacle.opened_on)).label(
        "days_open"
    )
    goals = (
        select(func.group_concat(Goal.title, "; "))
        .join(obstacle_goals, obstacle_goals.c.goal_id == Goal.id)
        .where(obstacle_goals.c.obstacle_id == Obstacle.id)
        .correlate(Obstacle)
        .scalar_subquery()
        .label("goals")
    )
    return days_open, goals


def _what_matters_now(query: Any, rank: Any, days_open: Any) -> Any:
    """Open before closed, the most severe first, then the oldest; closed ones most
    recently resolved first."""
    closed = Obstacle.status.in_(CLOSED)
    return query.order_by(
        closed,
        case((closed, Obstacle.resolved_on)).desc(),
        rank.desc(),
        days_open.desc(),
        folded(Obstacle.title),
    )


def count_obstacle_rows(session: Session, where: ObstacleFilter) -> int:
    """How many obstacles the filter keeps."""
    return session.scalar(obstacle_where(select(func.count()).select_from(Obstacle), where)) or 0
