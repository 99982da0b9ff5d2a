"""What a quarter held, as it stood at the quarter's end: the retrospective's facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session, aliased

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.models import (
    CheckIn,
    CheckInAnswer,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    GoalUpdate,
    KeyResult,
    KeyResultChange,
    Note,
    Owner,
    Seat,
    Verdict,
)
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.review import as_of
from ceocto_desktop.services.weekly.agenda import talked_through
from ceocto_desktop.services.weekly.commitments import help_across, promises_due


@dataclass(frozen=True)
class GoalAtEnd:
    id: str
    title: str
    status: GoalStatus  # at the quarter's end
    progress: float | None  # at the quarter's end
    outcome: str  # achieved, dropped, carried over, missed, or the status while running
    moves: tuple[tuple[str, float, float], ...]  # key result, value at start, value at end


ObstacleAtEnd = as_of.ObstacleThen


@dataclass(frozen=True)
class DecisionInQuarter:
    id: str
    title: str
    decided_on: date
    decided_by: Owner
    confidence: int
    status: DecisionStatus  # at the quarter's end
    verdict: Verdict | None
    outcome: str
    reviewed_in_quarter: bool


@dataclass(frozen=True)
class Voice:
    """One partner's win or appreciation in one week."""

    week: date
    seat: Seat
    text: str


@dataclass(frozen=True)
class QuarterFacts:
    name: str
    first: date
    last: date
    ended: bool
    goals: tuple[GoalAtEnd, ...]
    obstacles: tuple[ObstacleAtEnd, ...]
    # Opened before the quarter and open all through it: how many (only the most severe
    # few are among the obstacles above).
    open_all_quarter: int
    decisions: tuple[DecisionInQuarter, ...]
    wins: tuple[Voice, ...]
    appreciations: tuple[Voice, ...]
    weeks_answered: int
    notes: int
    # Commitments the retrospective states (due in the quarter, or help kept in it) and
    # weekly-talk items talked through in it: a quarter of only these is not empty.
    promises: int
    talked: int
    today: date  # the day the facts were read: before `last`, the quarter is under way

    @property
    def as_of_words(self) -> str:
        """When the statuses are from: 'as they stood on 30 Sep 2026', or today's."""
        if self.ended:
            return f"as they stood on {day_text(self.last)}"
        return f"as they stand today ({day_text(self.today)})"

    @property
    def status_heading(self) -> str:
        return f"Status on {day_text(self.last)}" if self.ended else "Status today"

    @property
    def opened(self) -> tuple[ObstacleAtEnd, ...]:
        return tuple(o for o in self.obstacles if self.first <= o.opened_on)

    @property
    def resolved(self) -> tuple[ObstacleAtEnd, ...]:
        return tuple(o for o in self.obstacles if o.closed_in_period)

    @property
    def still_open(self) -> tuple[ObstacleAtEnd, ...]:
        return tuple(o for o in self.obstacles if not o.status.is_closed)

    @property
    def still_open_count(self) -> int:
        """Open at the quarter's end (whatever happened after), including every one open
        all through it — of which only a few are among the rows."""
        listed = sum(1 for o in self.still_open if not o.untouched)
        return listed + self.open_all_quarter

    @property
    def taken(self) -> tuple[DecisionInQuarter, ...]:
        """Decisions taken in the quarter (the rest were taken earlier, reviewed in it)."""
        return tuple(d for d in self.decisions if self.first <= d.decided_on <= self.last)

    @property
    def empty(self) -> bool:
        return not (
            self.goals
            or self.obstacles
            or self.decisions
            or self.weeks_answered
            or self.notes
            or self.promises
            or self.talked
        )


# The years a report can be asked for: well inside what Python's dates can count past.
FIRST_YEAR = 1900
LAST_YEAR = 9000


def quarter_bounds(text: str) -> tuple[str, date, date]:
    """The quarter's canonical name, first and last day; a clear error for a bad one."""
    try:
        first, last = parse_quarter(text)
    except ValueError as exc:
        raise ValidationError("quarter", str(exc)) from None
    if not FIRST_YEAR <= first.year <= LAST_YEAR:
        # Reports reach past the quarter's last day (and the calendar ends at 9999).
        raise ValidationError(
            "quarter", f"'{text}' is outside the years a journal covers ({FIRST_YEAR}–{LAST_YEAR})."
        )
    return quarter_of(first), first, last


def quarter_facts(session: Session, quarter: str, today: date | None = None) -> QuarterFacts:
    """Goals targeted at the quarter, obstacles and decisions it touched, wins and thanks —
    each with its status at the quarter's end, not today's."""
    name, first, last = quarter_bounds(quarter)
    today = today or date.today()
    if today < first:
        raise ValidationError(
            "quarter",
            f"{name} has not begun yet (it starts on {day_text(first)}): a retrospective "
            "looks back on a quarter under way or over.",
        )
    return QuarterFacts(
        name,
        first,
        last,
        last < today,
        _goals(session, first, last, today),
        *_obstacles(session, first, last),
        _decisions(session, first, last),
        *_voices(session, first, last),
        _weeks(session, first, last),
        _notes(session, first, last),
        _promises(session, first, last),
        len(talked_through(session, first, last)),
        today,
    )


def _goals(session: Session, first: date, last: date, today: date) -> tuple[GoalAtEnd, ...]:
    goals = list(
        session.execute(
            select(*as_of.GOAL_REF_COLUMNS)
            .where(Goal.target_date.between(first, last))
            .order_by(Goal.title)
        )
    )
    ids = [g.id for g in goals]
    end = as_of.goal_states(session, goals, last)
    carried = set(
        session.scalars(select(Goal.carried_from_id).where(Goal.carried_from_id.in_(ids)))
    )
    # Journals from before goal lineage was kept: a later goal with the same title.
    carried |= set(
        session.scalars(
            select(Goal.id).where(
                Goal.id.in_(ids),
                Goal.title.in_(select(Goal.title).where(Goal.target_date > last)),
            )
        )
    )
    moves = _moves(session, ids, first, last)
    found = []
    for goal in goals:
        state = end[goal.id]
        if state.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED):
            outcome = state.status.value
        elif goal.id in carried:
            outcome = "carried over"
        elif last < today:
            outcome = "missed"
        else:
            outcome = state.status.value
        found.append(
            GoalAtEnd(goal.id, goal.title, state.status, state.progress, outcome, moves[goal.id])
        )
    return tuple(found)


def _moves(
    session: Session, ids: list[str], first: date, last: date
) -> dict[str, tuple[tuple[str, float, float], ...]]:
    """Per goal, each key result moved in the quarter: its value before and after."""
    spans: dict[str, dict[str, list[float]]] = {goal_id: {} for goal_id in ids}
    for part in as_of._chunks(ids):
        rows = session.execute(
            select(
                GoalUpdate.goal_id,
                KeyResult.title,
                KeyResultChange.value_before,
                KeyResultChange.value_after,
            )
            .join(KeyResultChange, KeyResultChange.update_id == GoalUpdate.id)
            .join(KeyResult, KeyResult.id == KeyResultChange.key_result_id)
            .where(GoalUpdate.goal_id.in_(part), GoalUpdate.on_date.between(first, last))
            .order_by(GoalUpdate.on_date, GoalUpdate.created_at)
        )
        for goal_id, title, before, after in rows:
            spans[goal_id].setdefault(title, [before, after])[1] = after
    return {
        goal_id: tuple((t, a, b) for t, (a, b) in moved.items()) for goal_id, moved in spans.items()
    }


def _obstacles(session: Session, first: date, last: date) -> tuple[tuple[ObstacleAtEnd, ...], int]:
    found, untouched = as_of.obstacles_touching(session, first, last)
    return tuple(found), untouched


def _decisions(session: Session, first: date, last: date) -> tuple[DecisionInQuarter, ...]:
    d = Decision
    successor = aliased(Decision)
    superseded_on = (
        select(func.min(successor.decided_on))
        .where(successor.supersedes_id == d.id)
        .correlate(d)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            d.id,
            d.title,
            d.decided_on,
            d.decided_by,
            d.confidence,
            d.verdict,
            d.outcome,
            d.reviewed_on,
            superseded_on,
        )
        .where(d.status != DecisionStatus.PROPOSED)
        .where(
            # UNION ALL: membership needs no de-duplication, and without it each arm reads
            # its own index instead of every row in id order (at 100,000: 0.28 -> 0.06 s).
            d.id.in_(
                union_all(
                    select(d.id).where(d.decided_on.between(first, last)),
                    select(d.id).where(d.reviewed_on.between(first, last)),
                )
            )
        )
        .order_by(d.decided_on, d.title)
    )
    found = []
    for did, title, day, by, confidence, verdict, outcome, reviewed_on, replaced in rows:
        if day > last:
            continue  # reviewed in the quarter, but only decided later: impossible, skip
        if replaced is not None and replaced <= last:
            status_then = DecisionStatus.SUPERSEDED
        elif reviewed_on is not None and reviewed_on <= last:
            status_then = DecisionStatus.REVIEWED
        else:
            status_then = DecisionStatus.DECIDED
        reviewed = reviewed_on is not None and reviewed_on <= last
        found.append(
            DecisionInQuarter(
                did,
                title,
                day,
                by,
                confidence,
                status_then,
                verdict if reviewed else None,
                outcome if reviewed else "",
                reviewed_on is not None and first <= reviewed_on <= last,
            )
        )
    return tuple(found)


def _voices(
    session: Session, first: date, last: date
) -> tuple[tuple[Voice, ...], tuple[Voice, ...]]:
    """Every win and appreciation of weeks both partners answered (blind until then)."""
    complete = (
        select(CheckInAnswer.checkin_id)
        .group_by(CheckInAnswer.checkin_id)
        .having(func.count(CheckInAnswer.id) >= 2)
    )
    rows = session.execute(
        select(
            CheckIn.week_start, CheckInAnswer.seat, CheckInAnswer.wins, CheckInAnswer.appreciation
        )
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .where(CheckIn.week_start.between(first, last), CheckIn.id.in_(complete))
        .order_by(CheckIn.week_start, CheckInAnswer.seat)
    )
    wins, thanks = [], []
    for week, seat, win, appreciation in rows:
        if win.strip():
            wins.append(Voice(week, seat, win.strip()))
        if appreciation.strip():
            thanks.append(Voice(week, seat, appreciation.strip()))
    return tuple(wins), tuple(thanks)


def _weeks(session: Session, first: date, last: date) -> int:
    return (
        session.scalar(
            select(func.count(func.distinct(CheckIn.id)))
            .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
            .where(CheckIn.week_start.between(first, last))
        )
        or 0
    )


def _notes(session: Session, first: date, last: date) -> int:
    start = datetime.combine(first, time(), UTC)
    end = datetime.combine(last + timedelta(days=1), time(), UTC)
    return (
        session.scalar(
            select(func.count())
            .select_from(Note)
            .where(Note.created_at >= start, Note.created_at < end)
        )
        or 0
    )


def _promises(session: Session, first: date, last: date) -> int:
    """The commitments "What we promised each other" states: those due in the quarter and
    the help across the line kept in it."""
    helped = sum(
        len(done) for seat in Seat for done in help_across(session, seat, first, last).values()
    )
    return len(promises_due(session, first, last)) + helped
