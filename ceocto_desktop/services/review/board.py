"""Board meetings with their goal reviews, and the quarterly retrospectives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.models import (
    BoardGoalReview,
    BoardMeeting,
    Goal,
    Retrospective,
    Seat,
)
from ceocto_desktop.services.common import (
    apply_changes,
    clean_text,
    clean_title,
    fetch,
    parse_date,
    shown,
    view_of,
)
from ceocto_desktop.services.errors import ValidationError


@dataclass(frozen=True)
class MeetingView:
    id: str
    held_on: date
    title: str
    notes: str
    ask_of_board: str
    reviewed_goal_ids: frozenset[str]


@dataclass(frozen=True)
class RetroView:
    quarter: str
    went_well: str
    to_change: str
    commitments: str


_MEETING_CLEANERS: dict[str, Any] = {
    "held_on": lambda v: parse_date(v, "held_on"),
    "title": clean_title,
    "notes": clean_text,
    "ask_of_board": clean_text,
}


def meeting_view(record: BoardMeeting) -> MeetingView:
    """A board meeting with the goals ticked as reviewed."""
    reviewed = frozenset(r.goal_id for r in record.reviews if r.reviewed)
    return view_of(MeetingView, record, reviewed_goal_ids=reviewed)


def create_meeting(
    session: Session, author: Seat, held_on: date | str, title: str = "Board meeting", **fields: Any
) -> MeetingView:
    """A board meeting on a date."""
    record = BoardMeeting(
        author=author,
        held_on=parse_date(held_on, "held_on"),
        title=clean_title(title),
        notes="",
        ask_of_board="",
    )
    apply_changes(record, fields, {"notes", "ask_of_board"}, _MEETING_CLEANERS)
    session.add(record)
    session.flush()
    return meeting_view(record)


def update_meeting(session: Session, meeting_id: str, **changes: Any) -> MeetingView:
    """Edit a meeting's date, title, notes or what we ask of the board."""
    record = fetch(session, BoardMeeting, meeting_id)
    apply_changes(record, changes, _MEETING_CLEANERS, _MEETING_CLEANERS)
    session.flush()
    return meeting_view(record)


def delete_meeting(session: Session, meeting_id: str) -> None:
    """Delete a board meeting and its review ticks."""
    session.delete(fetch(session, BoardMeeting, meeting_id))
    session.flush()


def list_meetings(session: Session) -> list[MeetingView]:
    """Every board meeting, latest first."""
    query = select(BoardMeeting).order_by(BoardMeeting.held_on.desc())
    return [meeting_view(record) for record in session.scalars(query)]


def set_goal_reviewed(
    session: Session, meeting_id: str, goal_id: str, reviewed: bool, comment: str | None = None
) -> MeetingView:
    """Tick (or untick) a goal as reviewed for a meeting, with an optional comment."""
    meeting = fetch(session, BoardMeeting, meeting_id)
    fetch(session, Goal, goal_id)
    review = session.get(BoardGoalReview, (meeting_id, goal_id))
    if review is None:
        review = BoardGoalReview(meeting_id=meeting_id, goal_id=goal_id, comment="")
        meeting.reviews.append(review)
    review.reviewed = reviewed
    if comment is not None:
        review.comment = clean_text(comment)
    session.flush()
    return meeting_view(meeting)


def _clean_quarter(quarter: str) -> str:
    try:
        first, _ = parse_quarter(quarter)
    except ValueError:  # the year 0 too, which the calendar does not have
        raise ValidationError(
            "quarter", f"'{shown(quarter)}' is not a quarter; write it like 2026-Q3."
        ) from None
    return quarter_of(first)


def get_retrospective(session: Session, quarter: str) -> RetroView:
    """The pair's reflection on a quarter (blank when not yet written)."""
    quarter = _clean_quarter(quarter)
    record = session.scalar(select(Retrospective).where(Retrospective.quarter == quarter))
    if record is None:
        return RetroView(quarter=quarter, went_well="", to_change="", commitments="")
    return view_of(RetroView, record)


def save_retrospective(
    session: Session, author: Seat, quarter: str, **reflections: str
) -> RetroView:
    """Store what went well, what we change and our commitments for a quarter."""
    quarter = _clean_quarter(quarter)
    record = session.scalar(select(Retrospective).where(Retrospective.quarter == quarter))
    if record is None:
        record = Retrospective(
            author=author, quarter=quarter, went_well="", to_change="", commitments=""
        )
        session.add(record)
    fields = {"went_well", "to_change", "commitments"}
    apply_changes(record, reflections, fields, dict.fromkeys(fields, clean_text))
    session.flush()
    return view_of(RetroView, record)
