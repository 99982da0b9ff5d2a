"""A summary of the whole journal: what the overview page and `ceocto check` report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import (
    BoardMeeting,
    CheckIn,
    Decision,
    Goal,
    GoalStatus,
    Note,
    Obstacle,
    ObstacleStatus,
)
from ceocto_desktop.services.rows import DecisionFilter, count_decision_rows


@dataclass(frozen=True)
class JournalSummary:
    goals: int
    goals_active: int
    obstacles_open: int
    obstacles: int
    decisions: int
    decisions_due: int
    checkins: int
    notes: int
    board_meetings: int
    first_entry: date | None
    next_board_meeting: date | None


def _count(session: Session, model: type, *where: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0  # type: ignore[arg-type]


def summarise_journal(session: Session, today: date | None = None) -> JournalSummary:
    """Counts of every kind of record, and the dates that frame the journal."""
    today = today or date.today()
    active = (GoalStatus.PROPOSED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK, GoalStatus.OFF_TRACK)
    closed = (ObstacleStatus.RESOLVED, ObstacleStatus.ACCEPTED)
    first = session.scalar(select(func.min(CheckIn.week_start)))
    first_note = session.scalar(select(func.min(Note.created_at)))
    if first_note is not None and (first is None or first_note.date() < first):
        first = first_note.date()
    return JournalSummary(
        goals=_count(session, Goal),
        goals_active=_count(
            session,
            Goal,
            Goal.status.in_(active),
            (Goal.target_date.is_(None)) | (Goal.target_date >= today),
        ),
        obstacles_open=_count(session, Obstacle, Obstacle.status.not_in(closed)),
        obstacles=_count(session, Obstacle),
        decisions=_count(session, Decision),
        decisions_due=count_decision_rows(session, DecisionFilter(due_on=today)),
        checkins=_count(session, CheckIn),
        notes=_count(session, Note),
        board_meetings=_count(session, BoardMeeting),
        first_entry=first,
        next_board_meeting=session.scalar(
            select(func.min(BoardMeeting.held_on)).where(BoardMeeting.held_on >= today)
        ),
    )
