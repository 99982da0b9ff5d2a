"""Who carries what now: each partner's goals, open obstacles and decisions to review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.models import (
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    Obstacle,
    ObstacleStatus,
    Owner,
    Seat,
)
from ceocto_desktop.services.weekly.appreciation import Appreciation, appreciation_given

ACTIVE_GOALS = (GoalStatus.PROPOSED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK, GoalStatus.OFF_TRACK)
OPEN_OBSTACLES = (ObstacleStatus.OPEN, ObstacleStatus.IN_PROGRESS)
SHOWN = 50


@dataclass(frozen=True)
class Owned:
    id: str
    title: str
    detail: str


@dataclass(frozen=True)
class Load:
    """What one owner (a partner, or both jointly) carries now."""

    goals: list[Owned]
    obstacles: list[Owned]
    decisions: list[Owned]


def what_is_owned(session: Session, owner: Owner, today: date | None = None) -> Load:
    """Active goals, open obstacles and decisions awaiting review that owner holds."""
    today = today or date.today()
    goal_rows = session.execute(
        select(Goal.id, Goal.title, Goal.status, Goal.target_date)
        .where(
            Goal.owner == owner,
            Goal.status.in_(ACTIVE_GOALS),
            (Goal.target_date.is_(None)) | (Goal.target_date >= today),
        )
        .order_by(Goal.target_date.is_(None), Goal.target_date, Goal.title)
        .limit(SHOWN)
    )
    obstacle_rows = session.execute(
        select(Obstacle.id, Obstacle.title, Obstacle.severity, Obstacle.opened_on)
        .where(Obstacle.owner == owner, Obstacle.status.in_(OPEN_OBSTACLES))
        .order_by(Obstacle.opened_on)
        .limit(SHOWN)
    )
    decision_rows = session.execute(
        select(Decision.id, Decision.title, Decision.review_on)
        .where(
            Decision.decided_by == owner,
            Decision.status == DecisionStatus.DECIDED,
            Decision.review_on.is_not(None),
        )
        .order_by(Decision.review_on)
        .limit(SHOWN)
    )
    return Load(
        goals=[
            Owned(
                r.id,
                r.title,
                f"{r.status.value}, "
                + (f"due {day_text(r.target_date)}" if r.target_date else "no date"),
            )
            for r in goal_rows
        ],
        obstacles=[
            Owned(r.id, r.title, f"{r.severity.value}, open {_days((today - r.opened_on).days)}")
            for r in obstacle_rows
        ],
        decisions=[
            Owned(
                r.id,
                r.title,
                f"review {'was due' if r.review_on <= today else 'due'} {day_text(r.review_on)}",
            )
            for r in decision_rows
        ],
    )


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def appreciation_received(session: Session, seat: Seat, limit: int = 3) -> list[Appreciation]:
    """What the other partner appreciated in seat lately, from weeks both have answered."""
    return appreciation_given(session, seat.other, limit)


def seat_owner(seat: Seat) -> Owner:
    """The owner value that means this partner alone."""
    return Owner(seat.value)
