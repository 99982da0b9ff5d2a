"""The weekly sync: an agenda built from the journal once both partners answered the week.

Nothing of a week's answers reaches an agenda before both partners have answered it (the
agenda is not ready until then), and drafts are never read here. Once a week's agenda is
opened it is kept (agenda_items): the pair ticks items discussed and writes a line of
outcome; items left undiscussed are carried to the next agenda, saying since when.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.analytics.periods import week_start
from ceocto_desktop.models import (
    RATINGS,
    AgendaItem,
    BoardMeeting,
    CheckIn,
    CheckInAnswer,
    Commitment,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    Obstacle,
    ObstacleStatus,
    Seat,
)
from ceocto_desktop.services.common import clean_text, fetch
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import get_partners, week_start_day
from ceocto_desktop.services.records.decisions import DecisionView, create_decision
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.review.attention import OLD_OBSTACLE_DAYS, due_text, overdue_text
from ceocto_desktop.services.weekly import drafts
from ceocto_desktop.services.weekly.checkins import RATING_LABELS, WeekView, week_as_seen_by
from ceocto_desktop.services.weekly.commitments import (
    CommitmentView,
    ask_for_commitment,
    create_commitment,
    delete_commitment,
    open_commitments,
)

GAP = 2  # ratings this far apart are worth talking about
BOARD_AHEAD_DAYS = 14
COMMITMENTS_AHEAD_DAYS = 7
# Items about one week's answers: carried while undiscussed, whatever else changed since.
WEEK_BOUND = ("gap", "need", "point")


@dataclass(frozen=True)
class Fresh:
    """An item the journal asks for now: what it is about and how it reads."""

    key: str
    kind: str
    title: str


@dataclass(frozen=True)
class AgendaEntry:
    id: str
    key: str
    kind: str
    title: str
    since_week: date
    discussed: bool
    outcome: str
    commitment_id: str | None
    # The decision the item's outcome became, if it became one.
    decision_id: str | None = None
    # For an item about a commitment, or one that became or asked for one: where that
    # commitment stands now (proposed, open, done, dropped).
    commitment_status: str = ""

    @property
    def about_commitment(self) -> str | None:
        """The id of the commitment the item is about, if it is about one."""
        kind, _, record_id = self.key.partition(":")
        return record_id if kind == "commitment" else None


@dataclass(frozen=True)
class Agenda:
    """A week's agenda: not ready (and empty) until both partners answered the week."""

    week: date
    answered: frozenset[Seat]
    items: list[AgendaEntry]

    @property
    def ready(self) -> bool:
        return len(self.answered) == 2


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def _short_label(rating: str) -> str:
    return RATING_LABELS[rating].split(" (")[0]


def _answer_items(view: WeekView, names: dict[Seat, str]) -> list[Fresh]:
    a, b = view.answers[Seat.A], view.answers[Seat.B]
    week = view.week_start.isoformat()
    items = []
    for rating in RATINGS:
        first, second = getattr(a, rating), getattr(b, rating)
        if abs(first - second) >= GAP:
            title = (
                f"{_short_label(rating)}: {names[Seat.A]} {first}, {names[Seat.B]} {second}"
                " — talk about it"
            )
            items.append(Fresh(f"gap:{week}:{rating}", "gap", title))
    for seat in Seat:
        needs = view.answers[seat].needs.strip()
        if needs:
            title = f"What {names[seat]} needs from {names[seat.other]}: {needs}"
            items.append(Fresh(f"need:{week}:{seat.value}", "need", title))
    return items


def _commitment_title(c: CommitmentView, names: dict[Seat, str], day: date) -> str:
    when = overdue_text(day, c.due_on) if c.due_on <= day else f"due {due_text(day, c.due_on)}"
    return f"{names[c.owed_by]} owes {names[c.owed_to]}: {c.what} ({when}, {day_text(c.due_on)})"


def _state_items(session: Session, names: dict[Seat, str], day: date) -> list[Fresh]:
    items = [
        Fresh(f"commitment:{c.id}", "commitment", _commitment_title(c, names, day))
        for c in open_commitments(session, due_by=day + timedelta(days=COMMITMENTS_AHEAD_DAYS))
    ]
    decisions = session.execute(
        select(Decision.id, Decision.title, Decision.review_on)
        .where(Decision.status == DecisionStatus.DECIDED, Decision.review_on <= day)
        .order_by(Decision.review_on, Decision.id)
    )
    items += [
        Fresh(
            f"decision:{r.id}",
            "decision",
            f"Review the decision “{r.title}” ({overdue_text(day, r.review_on)})",
        )
        for r in decisions
    ]
    goals = session.execute(
        select(Goal.id, Goal.title, Goal.status)
        .where(Goal.status.in_((GoalStatus.AT_RISK, GoalStatus.OFF_TRACK)))
        .order_by(Goal.target_date, Goal.title, Goal.id)
    )
    items += [Fresh(f"goal:{r.id}", "goal", f"Goal “{r.title}” is {r.status.value}") for r in goals]
    obstacles = session.execute(
        select(Obstacle.id, Obstacle.title, Obstacle.opened_on)
        .where(
            Obstacle.status.in_((ObstacleStatus.OPEN, ObstacleStatus.IN_PROGRESS)),
            Obstacle.opened_on <= day - timedelta(days=OLD_OBSTACLE_DAYS),
        )
        .order_by(Obstacle.opened_on, Obstacle.id)
    )
    items += [
        Fresh(
            f"obstacle:{r.id}",
            "obstacle",
            f"Obstacle “{r.title}” open {(day - r.opened_on).days} days",
        )
        for r in obstacles
    ]
    meeting = session.execute(
        select(BoardMeeting.id, BoardMeeting.title, BoardMeeting.held_on)
        .where(
            BoardMeeting.held_on >= day,
            BoardMeeting.held_on <= day + timedelta(days=BOARD_AHEAD_DAYS),
        )
        .order_by(BoardMeeting.held_on)
        .limit(1)
    ).first()
    if meeting is not None:
        when = due_text(day, meeting.held_on)
        items.append(
            Fresh(
                f"board:{meeting.id}",
                "board",
                f"Board meeting “{meeting.title}” {when} ({day_text(meeting.held_on)})",
            )
        )
    return items


def reference_day(week: date, today: date) -> date:
    """The day an agenda's dates are counted from: today, or the last day of a past week."""
    return min(today, week + timedelta(days=6))


def _point(seat: Seat, text: str, names: dict[Seat, str]) -> Fresh:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return Fresh(f"point:{seat.value}:{digest}", "point", f"{names[seat]}'s point: {text}")


def _point_items(session: Session, view: WeekView, names: dict[Seat, str]) -> list[Fresh]:
    """The talking points each partner kept privately for the week (only ever read for a
    week both have answered: the caller's view is complete)."""
    assert view.complete
    return [
        _point(seat, text, names)
        for seat in Seat
        for text in drafts.talking_points(session, seat, view.week_start)
    ]


def fresh_items(session: Session, view: WeekView, today: date) -> list[Fresh]:
    """What the journal puts on a fully answered week's agenda now."""
    names = {seat: _first_name(p.name) for seat, p in get_partners(session).items()}
    day = reference_day(view.week_start, today)
    return (
        _answer_items(view, names)
        + _point_items(session, view, names)
        + _state_items(session, names, day)
    )


def _entry(row: AgendaItem, statuses: dict[str, str]) -> AgendaEntry:
    about = row.key.partition(":")[2] if row.kind == "commitment" else row.commitment_id or ""
    return AgendaEntry(
        id=row.id,
        key=row.key,
        kind=row.kind,
        title=row.title,
        since_week=row.since_week,
        discussed=row.discussed,
        outcome=row.outcome,
        commitment_id=row.commitment_id,
        decision_id=row.decision_id,
        commitment_status=statuses.get(about, ""),
    )


def _statuses(session: Session, rows: list[AgendaItem]) -> dict[str, str]:
    ids = [row.key.partition(":")[2] for row in rows if row.kind == "commitment"]
    ids += [row.commitment_id for row in rows if row.commitment_id is not None]
    if not ids:
        return {}
    found = session.execute(select(Commitment.id, Commitment.status).where(Commitment.id.in_(ids)))
    return {record_id: status.value for record_id, status in found}


def _stored(session: Session, week: date) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.week_start == week)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def _carried(session: Session, week: date, fresh: list[Fresh]) -> dict[str, AgendaItem]:
    """The last earlier agenda's undiscussed items that still stand, by key."""
    previous = session.scalar(
        select(func.max(AgendaItem.week_start)).where(AgendaItem.week_start < week)
    )
    if previous is None:
        return {}
    wanted = {item.key for item in fresh}
    return {
        row.key: row
        for row in _stored(session, previous)
        # An item that became a commitment or a decision was dealt with, ticked or not.
        if not row.discussed
        and row.commitment_id is None
        and row.decision_id is None
        and (row.key in wanted or row.kind in WEEK_BOUND)
    }


def open_agenda(session: Session, week: date, today: date, author: Seat = Seat.A) -> Agenda:
    """The week's agenda, kept from the first time it is opened on; a later opening adds
    what has come up since. Not ready, and empty, until both partners answered the week."""
    week = week_start(week, week_start_day(session))
    view = week_as_seen_by(session, week, author)
    if not view.complete:
        return Agenda(week=week, answered=view.answered, items=[])
    rows = _stored(session, week)
    have = {row.key for row in rows}
    fresh = fresh_items(session, view, today)
    additions: list[tuple[str, str, str, date]] = []
    if not rows:  # opened for the first time: what was left undiscussed comes first
        carried = _carried(session, week, fresh)
        for key, old in carried.items():
            title = next((f.title for f in fresh if f.key == key), old.title)
            additions.append((key, old.kind, title, old.since_week))
    taken = have | {key for key, *_ in additions}
    additions += [(f.key, f.kind, f.title, week) for f in fresh if f.key not in taken]
    position = max((row.position for row in rows), default=-1)
    for key, kind, title, since in additions:
        position += 1
        row = AgendaItem(
            author=author,
            week_start=week,
            key=key,
            kind=kind,
            title=title,
            position=position,
            since_week=since,
            discussed=False,
            outcome="",
        )
        session.add(row)
        rows.append(row)
    for seat in Seat:  # the points are on the agenda now: no longer anyone's private list
        drafts.discard_draft(session, seat, drafts.points_key(week))
    session.flush()
    statuses = _statuses(session, rows)
    return Agenda(week=week, answered=view.answered, items=[_entry(r, statuses) for r in rows])


def add_talking_point(session: Session, seat: Seat, week: date, text: str) -> bool:
    """A point seat wants to raise at the week's sync: kept private to seat until the week's
    agenda opens, or put straight on an agenda already open. True when it is on the agenda."""
    text = clean_text(text).strip()
    if not text:
        raise ValidationError("point", "Write the point first.")
    if len(text) > drafts.POINT_MAX:
        raise ValidationError(
            "point", f"The point is {len(text)} characters; at most {drafts.POINT_MAX}."
        )
    week = week_start(week, week_start_day(session))
    rows = _stored(session, week)
    if not rows or not week_as_seen_by(session, week, seat).complete:
        drafts.keep_talking_point(session, seat, week, text)
        return False
    names = {s: _first_name(p.name) for s, p in get_partners(session).items()}
    point = _point(seat, text, names)
    if point.key not in {row.key for row in rows}:
        session.add(
            AgendaItem(
                author=seat,
                week_start=week,
                key=point.key,
                kind=point.kind,
                title=point.title,
                position=max(row.position for row in rows) + 1,
                since_week=week,
                discussed=False,
                outcome="",
            )
        )
        session.flush()
    return True


def withdraw_talking_point(session: Session, seat: Seat, week: date, text: str) -> None:
    """Take seat's point back: off the private list, or off the agenda while undiscussed."""
    text = clean_text(text).strip()
    week = week_start(week, week_start_day(session))
    if drafts.forget_talking_point(session, seat, week, text) >= 0:
        return
    names = {s: _first_name(p.name) for s, p in get_partners(session).items()}
    key = _point(seat, text, names).key
    row = session.scalar(
        select(AgendaItem).where(AgendaItem.week_start == week, AgendaItem.key == key)
    )
    if row is not None and not row.discussed and not row.outcome:
        session.delete(row)
        session.flush()


def mark_discussed(
    session: Session, item_id: str, discussed: bool, outcome: str | None = None
) -> AgendaEntry:
    """Tick (or untick) an item as discussed, and keep its line of outcome when given."""
    row = fetch(session, AgendaItem, item_id)
    row.discussed = bool(discussed)
    if outcome is not None:
        row.outcome = clean_text(outcome).strip()
    session.flush()
    return _entry(row, _statuses(session, [row]))


def who_would_owe(entry: AgendaEntry, at_keyboard: Seat) -> Seat:
    """Who owes a commitment made from an item: for what one partner needs, the partner
    asked; otherwise the partner at the keyboard."""
    if entry.kind == "need":
        return Seat(entry.key.rsplit(":", 1)[1]).other
    return at_keyboard


def commitment_from_item(
    session: Session,
    item_id: str,
    owed_by: Seat,
    due_on: date | str,
    what: str | None = None,
    author: Seat | None = None,
) -> CommitmentView:
    """Turn an item's outcome into a commitment from that week, linked to what the item is
    about, and tick the item discussed."""
    row = fetch(session, AgendaItem, item_id)
    kind, _, record_id = row.key.partition(":")
    links = {f"{kind}_id": record_id} if kind in ("goal", "obstacle", "decision") else {}
    commitment = create_commitment(
        session,
        owed_by,
        what if what is not None else row.outcome,
        due_on,
        author=author or owed_by,
        week_start=row.week_start,
        **links,  # type: ignore[arg-type]
    )
    row.commitment_id = commitment.id
    row.discussed = True
    session.flush()
    return commitment


def decision_from_item(
    session: Session, item_id: str, author: Seat, title: str, **fields: Any
) -> DecisionView:
    """Turn an item's outcome into a decision (linked to the goal the item is about), link
    it back to the item and tick the item discussed."""
    row = fetch(session, AgendaItem, item_id)
    if row.decision_id is not None:
        raise ValidationError("decision", "This item's outcome is already a decision.")
    kind, _, record_id = row.key.partition(":")
    goal_ids = (record_id,) if kind == "goal" else ()
    decision = create_decision(session, author, title, goal_ids=goal_ids, **fields)
    row.decision_id = decision.id
    row.discussed = True
    session.flush()
    return decision


def week_of_decision(session: Session, decision_id: str) -> date | None:
    """The week whose sync agenda item became this decision, if one did."""
    return session.scalar(
        select(AgendaItem.week_start).where(AgendaItem.decision_id == decision_id).limit(1)
    )


def withdraw_decision_from_item(
    session: Session, item_id: str, decision_id: str, discussed: bool
) -> None:
    """Undo decision_from_item: the decision goes, the item is as it was."""
    row = fetch(session, AgendaItem, item_id)
    row.decision_id = None
    row.discussed = discussed
    session.flush()
    delete_record(session, Decision, decision_id)


NEED_TEXT_MAX = 200


def ask_from_item(session: Session, item_id: str, due_on: date | str) -> CommitmentView:
    """One click on what a partner needs: a commitment asked of the other partner, in the
    need's own words, proposed until the other accepts it or offers something instead."""
    row = fetch(session, AgendaItem, item_id)
    if row.kind != "need":
        raise ValidationError("kind", "Only what one of you needs can be asked for.")
    if row.commitment_id is not None:
        raise ValidationError("commitment", "This item is already a commitment.")
    asked_by = Seat(row.key.rsplit(":", 1)[1])
    needs = row.title.split(": ", 1)[1] if ": " in row.title else row.title
    if len(needs) > NEED_TEXT_MAX:  # a long answer asks for its start, cut at a word
        needs = needs[: NEED_TEXT_MAX - 1].rsplit(" ", 1)[0] + "…"
    commitment = ask_for_commitment(session, asked_by, needs, due_on, week_start=row.week_start)
    row.commitment_id = commitment.id
    row.discussed = True  # asked for: talked through, not carried to next week
    session.flush()
    return commitment


def kept_agenda(session: Session, week: date, viewer: Seat = Seat.A) -> Agenda:
    """The week's agenda as kept so far, without opening it (empty until it is opened, and
    while the week is not answered by both)."""
    week = week_start(week, week_start_day(session))
    view = week_as_seen_by(session, week, viewer)
    if not view.complete:
        return Agenda(week=week, answered=view.answered, items=[])
    rows = _stored(session, week)
    statuses = _statuses(session, rows)
    return Agenda(week=week, answered=view.answered, items=[_entry(r, statuses) for r in rows])


def withdraw_commitment_from_item(
    session: Session, item_id: str, commitment_id: str, discussed: bool
) -> None:
    """Undo commitment_from_item: the commitment goes, the item is as it was."""
    row = fetch(session, AgendaItem, item_id)
    row.commitment_id = None
    row.discussed = discussed
    session.flush()
    delete_commitment(session, commitment_id)


@dataclass(frozen=True)
class TalkedThrough:
    week: date
    title: str
    outcome: str


def talked_through(session: Session, first: date, last: date) -> list[TalkedThrough]:
    """Agenda items discussed in weeks from first to last, with their outcomes, oldest first
    (only of weeks both partners answered: a withdrawn answer makes its week blind again)."""
    both = (
        select(CheckIn.week_start)
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .group_by(CheckIn.week_start)
        .having(func.count(CheckInAnswer.id) == 2)
    )
    rows = session.execute(
        select(AgendaItem.week_start, AgendaItem.title, AgendaItem.outcome)
        .where(
            AgendaItem.discussed.is_(True),
            AgendaItem.week_start >= first,
            AgendaItem.week_start <= last,
            AgendaItem.week_start.in_(both),
        )
        .order_by(AgendaItem.week_start, AgendaItem.position)
    )
    return [TalkedThrough(r.week_start, r.title, r.outcome) for r in rows]
