"""The board brief: what moved since the last board meeting, what is at risk, what we ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.models import (
    BoardMeeting,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    GoalUpdate,
    Obstacle,
    ObstacleStatus,
    Seat,
)
from ceocto_desktop.reports.document import Bullets, Document, Heading, Paragraph, Table
from ceocto_desktop.services.board import MeetingView, meeting_view
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.goals import goal_view
from ceocto_desktop.services.partners import get_partners


@dataclass(frozen=True)
class GoalReview:
    goal_id: str
    title: str
    progress_now: float | None
    progress_then: float | None
    status_now: GoalStatus
    status_then: GoalStatus | None
    weakest: str | None
    open_obstacles: tuple[str, ...]
    reviewed: bool

    @property
    def change(self) -> float | None:
        if self.progress_now is None or self.progress_then is None:
            return None
        return self.progress_now - self.progress_then


@dataclass(frozen=True)
class BoardReview:
    meeting: MeetingView
    previous: MeetingView | None
    goals: list[GoalReview]
    decided_since: list[tuple[str, str, date]]  # id, title, day
    due_for_review: list[tuple[str, str, date]]


def choose_meeting(session: Session, held_on: date | None, today: date) -> BoardMeeting:
    """The meeting on that day; by default the next one, else the latest."""
    query = select(BoardMeeting)
    if held_on is not None:
        found = session.scalar(query.where(BoardMeeting.held_on == held_on))
        if found is None:
            raise ValidationError("meeting", f"There is no board meeting on {held_on}.")
        return found
    upcoming = session.scalar(
        query.where(BoardMeeting.held_on >= today).order_by(BoardMeeting.held_on).limit(1)
    )
    latest = session.scalar(query.order_by(BoardMeeting.held_on.desc()).limit(1))
    if upcoming is None and latest is None:
        raise ValidationError("meeting", "This journal has no board meeting yet.")
    return upcoming or latest  # type: ignore[return-value]


def board_review(
    session: Session, held_on: date | None = None, today: date | None = None
) -> BoardReview:
    """Board-visible goals now and at the previous meeting; decisions since; reviews due."""
    today = today or date.today()
    meeting = choose_meeting(session, held_on, today)
    previous = session.scalar(
        select(BoardMeeting)
        .where(BoardMeeting.held_on < meeting.held_on)
        .order_by(BoardMeeting.held_on.desc())
        .limit(1)
    )
    since = previous.held_on if previous else date.min
    as_of = min(meeting.held_on, today)
    reviewed = meeting_view(meeting).reviewed_goal_ids
    goals = []
    for goal in session.scalars(
        select(Goal).where(Goal.board_visible.is_(True)).order_by(Goal.target_date, Goal.title)
    ):
        if goal.status is GoalStatus.DROPPED or (goal.target_date and goal.target_date < since):
            continue
        then = (
            session.scalar(
                select(GoalUpdate)
                .where(GoalUpdate.goal_id == goal.id, GoalUpdate.on_date <= since)
                .order_by(GoalUpdate.on_date.desc(), GoalUpdate.created_at.desc())
                .limit(1)
            )
            if previous
            else None
        )
        view = goal_view(goal, as_of)
        blockers = tuple(
            o.title
            for o in session.scalars(
                select(Obstacle).where(
                    Obstacle.goals.any(Goal.id == goal.id),
                    Obstacle.status.in_((ObstacleStatus.OPEN, ObstacleStatus.IN_PROGRESS)),
                )
            )
        )
        goals.append(
            GoalReview(
                goal.id,
                goal.title,
                view.progress,
                then.progress if then else None,
                goal.status,
                then.status if then else None,
                view.weakest,
                blockers,
                goal.id in reviewed,
            )
        )
    decided = [
        (d.id, d.title, d.decided_on)
        for d in session.scalars(
            select(Decision)
            .where(Decision.decided_on > since, Decision.decided_on <= meeting.held_on)
            .order_by(Decision.decided_on)
        )
    ]
    due = [
        (d.id, d.title, d.review_on)
        for d in session.scalars(
            select(Decision)
            .where(Decision.status == DecisionStatus.DECIDED, Decision.review_on <= meeting.held_on)
            .order_by(Decision.review_on)
        )
        if d.review_on is not None
    ]
    return BoardReview(
        meeting_view(meeting), meeting_view(previous) if previous else None, goals, decided, due
    )


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def build_board_brief(
    session: Session, held_on: date | None = None, today: date | None = None
) -> Document:
    """The printable brief for a board meeting."""
    review = board_review(session, held_on, today)
    partners = get_partners(session)
    meeting = review.meeting
    since = f"since {review.previous.held_on}" if review.previous else "(first board meeting)"
    doc = Document(
        f"Board brief — {meeting.title}",
        f"{partners[Seat.A].name} & {partners[Seat.B].name} · {meeting.held_on:%d %B %Y} · "
        f"what moved {since}",
    )
    doc.add(Heading("Goals the board follows"))
    if review.goals:
        rows = []
        for goal in review.goals:
            change = "" if goal.change is None else f"{goal.change * 100:+.0f} pts"
            then = goal.status_then.value if goal.status_then else "—"
            rows.append(
                (
                    goal.title,
                    f"{_pct(goal.progress_then)} → {_pct(goal.progress_now)}",
                    change,
                    f"{then} → {goal.status_now.value}",
                    goal.weakest or "—",
                    "; ".join(goal.open_obstacles) or "—",
                )
            )
        doc.add(
            Table(
                ("Goal", "Progress", "Change", "Status", "Weakest key result", "Open obstacles"),
                tuple(rows),
            )
        )
        at_risk = [
            g.title
            for g in review.goals
            if g.status_now in (GoalStatus.AT_RISK, GoalStatus.OFF_TRACK)
        ]
        if at_risk:
            doc.add(Heading("At risk", 3), Bullets(tuple(at_risk)))
    else:
        doc.add(Paragraph("No goals are marked as shown to the board."))
    doc.add(Heading("Decisions we took " + since))
    doc.add(
        Bullets(tuple(f"{day}: {title}" for _, title, day in review.decided_since))
        if review.decided_since
        else Paragraph("None.")
    )
    doc.add(Heading("Decisions due for review"))
    doc.add(
        Bullets(tuple(f"{title} (review {day})" for _, title, day in review.due_for_review))
        if review.due_for_review
        else Paragraph("None.")
    )
    doc.add(Heading("What we ask of the board"))
    doc.add(Paragraph(meeting.ask_of_board.strip() or "Nothing this time."))
    if meeting.notes.strip():
        doc.add(Heading("Notes"), Paragraph(meeting.notes.strip()))
    return doc
