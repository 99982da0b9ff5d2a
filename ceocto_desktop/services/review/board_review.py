"""A board meeting's review: the board's goals at that meeting against the previous one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.models import (
    BoardMeeting,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    Obstacle,
    obstacle_goals,
)
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.review import as_of
from ceocto_desktop.services.review.board import MeetingView, meeting_view

RISKY = (GoalStatus.AT_RISK, GoalStatus.OFF_TRACK)
LINES_SHOWN = 30
COUNT_CAP = 1000


@dataclass(frozen=True)
class GoalReview:
    goal_id: str
    title: str
    progress_now: float | None  # at the meeting
    progress_then: float | None  # at the previous meeting
    status_now: GoalStatus
    status_then: GoalStatus | None  # None: new since the previous meeting, or no previous
    weakest: str | None
    open_obstacles: tuple[str, ...]  # open at the meeting
    reviewed: bool
    is_new: bool  # written down since the previous meeting
    weakest_detail: str | None = None  # with its values: "Runway 14 → 18 months, target 22"
    # Continues a goal carried over since the previous meeting: the "then" figures are
    # that goal's, and it is not listed apart.
    carried_over: bool = False

    @property
    def change(self) -> float | None:
        if self.progress_now is None or self.progress_then is None:
            return None
        return self.progress_now - self.progress_then

    @property
    def at_risk(self) -> bool:
        return self.status_now in RISKY


@dataclass(frozen=True)
class DecisionLine:
    id: str
    title: str
    day: date


@dataclass(frozen=True)
class BoardReview:
    meeting: MeetingView
    previous: MeetingView | None
    goals: tuple[GoalReview, ...]
    decided_since: tuple[DecisionLine, ...]  # the latest LINES_SHOWN, oldest first
    decided_count: int  # at most COUNT_CAP + 1: see how_many()
    due_for_review: tuple[DecisionLine, ...]  # the LINES_SHOWN most overdue
    due_count: int

    @property
    def at_risk(self) -> tuple[GoalReview, ...]:
        return tuple(g for g in self.goals if g.at_risk)


def how_many(count: int) -> str:
    """A count as a person reads it: '1,234', or '1,000+' past the cap."""
    return f"{COUNT_CAP:,}+" if count > COUNT_CAP else f"{count:,}"


def choose_meeting(session: Session, held_on: date | None, today: date) -> BoardMeeting:
    """The meeting on that day; by default the next one, else the latest."""
    query = select(BoardMeeting)
    if held_on is not None:
        found = session.scalar(query.where(BoardMeeting.held_on == held_on))
        if found is None:
            raise ValidationError("meeting", f"There is no board meeting on {day_text(held_on)}.")
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
    """The board's goals as they stood at the meeting (or today, if it is still ahead)
    against the previous meeting; decisions taken between; reviews due by the meeting."""
    today = today or date.today()
    meeting = choose_meeting(session, held_on, today)
    previous = session.scalar(
        select(BoardMeeting)
        .where(BoardMeeting.held_on < meeting.held_on)
        .order_by(BoardMeeting.held_on.desc())
        .limit(1)
    )
    since = previous.held_on if previous else None
    reviews = _goal_reviews(session, meeting, since, min(meeting.held_on, today), today)
    latest, decided, overdue, due = _decision_lines(session, since, meeting.held_on)
    return BoardReview(
        meeting_view(meeting),
        meeting_view(previous) if previous else None,
        reviews,
        latest,
        decided,
        overdue,
        due,
    )


def _board_goals(
    session: Session, since: date | None, at: date, today: date
) -> tuple[list[Any], dict[str, as_of.GoalState], dict[str, as_of.GoalState]]:
    """The board-visible goals the review shows, with their states at the day and since."""
    candidates = list(
        session.execute(
            select(*as_of.GOAL_REF_COLUMNS)
            .where(Goal.board_visible.is_(True))
            .where((Goal.target_date.is_(None)) | (Goal.target_date >= (since or date.min)))
            .order_by(Goal.target_date, Goal.title)
        )
    )
    now = as_of.goal_states(session, candidates, at)
    if at < today:  # a past meeting knew only the goals written down by then
        candidates = [g for g in candidates if now[g.id].existed]
    then = as_of.goal_states(session, candidates, since) if since else {}
    goals = [
        g
        for g in candidates
        # A goal dropped before the previous meeting is no longer the board's business.
        if not (
            now[g.id].status is GoalStatus.DROPPED
            and (since is None or then[g.id].status is GoalStatus.DROPPED)
        )
    ]
    return goals, now, then


def _goal_reviews(
    session: Session, meeting: BoardMeeting, since: date | None, at: date, today: date
) -> tuple[GoalReview, ...]:
    """Each goal at the day against the previous meeting (or its predecessor's, if carried)."""
    goals, now, then = _board_goals(session, since, at, today)
    continued = _continued(session, [g.id for g in goals], since)
    # One row per carried goal: the goal that continues it, not the predecessor beside it.
    goals = [g for g in goals if g.id not in continued.carried]
    blockers = _open_obstacles(session, [g.id for g in goals], at)
    reviewed = meeting_view(meeting).reviewed_goal_ids
    reviews = []
    for goal in goals:
        earlier = then.get(goal.id)
        carried = False
        if since is not None and not (earlier and earlier.existed):
            earlier = continued.then.get(goal.id)
            carried = earlier is not None and earlier.existed
        existed = earlier is not None and earlier.existed
        reviews.append(
            GoalReview(
                goal.id,
                goal.title,
                now[goal.id].progress,
                earlier.progress if earlier and existed else None,
                now[goal.id].status,
                earlier.status if earlier and existed else None,
                now[goal.id].weakest,
                blockers.get(goal.id, ()),
                goal.id in reviewed,
                since is not None and not existed,
                now[goal.id].weakest_detail,
                carried,
            )
        )
    return tuple(reviews)


def _decision_lines(
    session: Session, since: date | None, held_on: date
) -> tuple[tuple[DecisionLine, ...], int, tuple[DecisionLine, ...], int]:
    """The latest decisions since the previous meeting and the most overdue reviews by this
    one, each with how many there are in all."""
    decided = (
        select(Decision.id, Decision.title, Decision.decided_on)
        .where(Decision.decided_on > (since or date.min), Decision.decided_on <= held_on)
        .where(Decision.status != DecisionStatus.PROPOSED)
    )
    due = (
        select(Decision.id, Decision.title, Decision.review_on)
        .where(Decision.status != DecisionStatus.PROPOSED)
        .where(Decision.decided_on <= held_on, Decision.review_on <= held_on)
        .where((Decision.reviewed_on.is_(None)) | (Decision.reviewed_on > held_on))
        .where(~_superseded_by(held_on))
    )
    latest = tuple(
        DecisionLine(*row)
        for row in session.execute(decided.order_by(Decision.decided_on.desc()).limit(LINES_SHOWN))
    )[::-1]
    overdue = tuple(
        DecisionLine(i, title, day)
        for i, title, day in session.execute(due.order_by(Decision.review_on).limit(LINES_SHOWN))
        if day is not None
    )
    return latest, _count(session, decided, latest), overdue, _count(session, due, overdue)


@dataclass(frozen=True)
class _Continued:
    carried: frozenset[str]  # goals another shown goal continues
    then: dict[str, as_of.GoalState]  # per continuing goal: its predecessor at the day


def _continued(session: Session, goal_ids: list[str], since: date | None) -> _Continued:
    """Which of the goals continue another (carried over), and how that one stood then."""
    before: dict[str, str] = {}
    for part in as_of._chunks(goal_ids):
        for goal_id, old_id in session.execute(
            select(Goal.id, Goal.carried_from_id).where(
                Goal.id.in_(part), Goal.carried_from_id.is_not(None)
            )
        ):
            if old_id is not None:
                before[goal_id] = old_id
    if not before or since is None:
        return _Continued(frozenset(before.values()), {})
    refs = []
    for part in as_of._chunks(list(set(before.values()))):
        refs += list(session.execute(select(*as_of.GOAL_REF_COLUMNS).where(Goal.id.in_(part))))
    states = as_of.goal_states(session, refs, since)
    return _Continued(
        frozenset(before.values()),
        {goal: states[old] for goal, old in before.items() if old in states},
    )


def _count(session: Session, query: Any, shown: tuple[DecisionLine, ...]) -> int:
    """How many rows the query has, counted up to COUNT_CAP + 1 (then read "1,000+"):
    an exact figure in the tens of thousands costs a scan and tells the board nothing."""
    if len(shown) < LINES_SHOWN:
        return len(shown)
    capped = query.limit(COUNT_CAP + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def _superseded_by(day: date) -> Any:
    """Whether a later decision replaced this one by the day (through the supersedes index,
    one probe per row, so a LIMIT stops the scan early)."""
    successor = aliased(Decision)
    return (
        select(successor.id)
        .where(successor.supersedes_id == Decision.id, successor.decided_on <= day)
        .exists()
    )


def _open_obstacles(session: Session, goal_ids: list[str], day: date) -> dict[str, tuple[str, ...]]:
    """Titles of the obstacles linked to each goal that were open on the day."""
    links: dict[str, list[str]] = {}
    obstacles: dict[str, Obstacle] = {}
    for part in as_of._chunks(goal_ids):
        for goal_id, obstacle in session.execute(
            select(obstacle_goals.c.goal_id, Obstacle)
            .join(Obstacle, Obstacle.id == obstacle_goals.c.obstacle_id)
            .where(obstacle_goals.c.goal_id.in_(part), Obstacle.opened_on <= day)
            .order_by(Obstacle.opened_on)
        ):
            links.setdefault(goal_id, []).append(obstacle.id)
            obstacles[obstacle.id] = obstacle
    events = as_of.events_of(session, list(obstacles))
    still_open = {
        o.id
        for o in obstacles.values()
        if not as_of.obstacle_state(o, events.get(o.id, []), day).status.is_closed
    }
    return {
        goal_id: tuple(obstacles[i].title for i in ids if i in still_open)
        for goal_id, ids in links.items()
    }
