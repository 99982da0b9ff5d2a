"""The journal's dates as an iCalendar file: board meetings, goal targets, decision reviews
and open commitments' due dates.

Titles and dates only, never a body, a note or an answer. Each event's UID is made of its
record's id, so importing a newer file into a calendar app updates the events it has
instead of adding them twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop import __version__
from ceocto_desktop.models import (
    BoardMeeting,
    Commitment,
    CommitmentStatus,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
)

UID_DOMAIN = "ceocto.journal"


def _event(kind: str, record_id: str, summary: str, day: date, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{kind}-{record_id}@{UID_DOMAIN}")
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    # The record's last change: a re-export of an unchanged record gives the same event.
    event.add("dtstamp", stamp)
    event.add("transp", "TRANSPARENT")
    return event


def calendar_events(session: Session) -> list[Event]:
    """Every dated thing the pair wants in a calendar, as all-day events."""
    events: list[Event] = []
    for meeting in session.scalars(select(BoardMeeting).order_by(BoardMeeting.held_on)):
        events.append(
            _event("board", meeting.id, meeting.title, meeting.held_on, meeting.updated_at)
        )
    goals = select(Goal).where(Goal.target_date.is_not(None)).order_by(Goal.target_date, Goal.id)
    for goal in session.scalars(goals):
        if goal.target_date is None or goal.status is GoalStatus.DROPPED:
            continue
        events.append(
            _event("goal", goal.id, f"Goal due: {goal.title}", goal.target_date, goal.updated_at)
        )
    decisions = (
        select(Decision)
        .where(Decision.review_on.is_not(None))
        .order_by(Decision.review_on, Decision.id)
    )
    for decision in session.scalars(decisions):
        if decision.review_on is None or decision.status is DecisionStatus.SUPERSEDED:
            continue
        events.append(
            _event(
                "decision-review",
                decision.id,
                f"Review decision: {decision.title}",
                decision.review_on,
                decision.updated_at,
            )
        )
    promised = (
        select(Commitment)
        .where(Commitment.status == CommitmentStatus.OPEN)
        .order_by(Commitment.due_on, Commitment.id)
    )
    for commitment in session.scalars(promised):
        summary = f"Commitment due: {commitment.what}"
        events.append(
            _event("commitment", commitment.id, summary, commitment.due_on, commitment.updated_at)
        )
    return events


def calendar_text(session: Session) -> str:
    """The iCalendar file's text."""
    calendar = Calendar()
    calendar.add("prodid", f"-//ceocto//ceocto {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "ceocto")
    for event in calendar_events(session):
        calendar.add_component(event)
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")
