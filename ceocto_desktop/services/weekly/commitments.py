"""Commitments: what one partner owes the other, kept until done or dropped with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.models import (
    Area,
    Commitment,
    CommitmentStatus,
    Decision,
    Goal,
    Obstacle,
    Seat,
)
from ceocto_desktop.services.common import clean_text, clean_title, fetch, parse_date
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import get_partners
from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.services.weekly.checkins import current_week

# The areas a role owns. Strategy and people belong to both seats of an executive pair, so
# neither's work there is help across the line; a title we do not know owns every area
# (only the pair's own mark then says a commitment is help across the line).
SHARED_AREAS = frozenset({Area.STRATEGY, Area.PEOPLE})
ROLE_AREAS = {
    "CEO": frozenset({Area.SALES, Area.FINANCE, Area.CUSTOMERS, Area.OPERATIONS}) | SHARED_AREAS,
    "CTO": frozenset({Area.PRODUCT}) | SHARED_AREAS,
}


def role_areas(title: str) -> frozenset[Area]:
    """The areas a partner with this title owns (every area for a title we do not know)."""
    words = {word.strip(".,&/()").upper() for word in title.split()}
    for role, areas in ROLE_AREAS.items():
        if role in words:
            return areas
    return frozenset(Area)


@dataclass(frozen=True)
class CommitmentView:
    id: str
    owed_by: Seat
    owed_to: Seat
    what: str
    due_on: date
    status: CommitmentStatus
    done_on: date | None
    dropped_on: date | None
    drop_reason: str
    week_start: date | None
    area: Area | None
    marked_help: bool
    # What the other partner asked for, when this one offered something else instead.
    asked_for: str
    help_across: bool
    goal_id: str | None
    obstacle_id: str | None
    decision_id: str | None

    def overdue(self, today: date) -> bool:
        """Still open after its due date."""
        return self.status is CommitmentStatus.OPEN and self.due_on < today


def _view(record: Commitment, titles: dict[Seat, str]) -> CommitmentView:
    outside_role = record.area is not None and record.area not in role_areas(
        titles.get(record.owed_by, "")
    )
    return CommitmentView(
        id=record.id,
        owed_by=record.owed_by,
        owed_to=record.owed_to,
        what=record.what,
        due_on=record.due_on,
        status=record.status,
        done_on=record.done_on,
        dropped_on=record.dropped_on,
        drop_reason=record.drop_reason,
        week_start=record.week_start,
        area=record.area,
        marked_help=record.help_across,
        asked_for=record.asked_for,
        help_across=record.help_across or outside_role,
        goal_id=record.goal_id,
        obstacle_id=record.obstacle_id,
        decision_id=record.decision_id,
    )


def _titles(session: Session) -> dict[Seat, str]:
    return {seat: partner.title for seat, partner in get_partners(session).items()}


def _clean_area(value: Any) -> Area | None:
    if value is None or value == "":
        return None
    try:
        return Area(value)
    except ValueError:
        known = ", ".join(area.value for area in Area)
        raise ValidationError("area", f"'{value}' is not an area; choose one of {known}.") from None


def _check_links(session: Session, links: dict[str, str | None]) -> None:
    models = {"goal_id": Goal, "obstacle_id": Obstacle, "decision_id": Decision}
    for field, record_id in links.items():
        if record_id is not None:
            fetch(session, models[field], record_id)


def create_commitment(
    session: Session,
    owed_by: Seat,
    what: str,
    due_on: date | str,
    *,
    author: Seat | None = None,
    week_start: date | None = None,
    area: Area | str | None = None,
    help_across: bool = False,
    goal_id: str | None = None,
    obstacle_id: str | None = None,
    decision_id: str | None = None,
) -> CommitmentView:
    """A new open commitment owed_by owes the other partner."""
    links = {"goal_id": goal_id, "obstacle_id": obstacle_id, "decision_id": decision_id}
    _check_links(session, links)
    record = Commitment(
        author=author or owed_by,
        owed_by=owed_by,
        owed_to=owed_by.other,
        what=clean_title(what, "commitment"),
        due_on=parse_date(due_on, "due date"),
        status=CommitmentStatus.OPEN,
        drop_reason="",
        week_start=week_start,
        area=_clean_area(area),
        help_across=bool(help_across),
        **links,
    )
    session.add(record)
    session.flush()
    return _view(record, _titles(session))


def ask_for_commitment(
    session: Session,
    asked_by: Seat,
    what: str,
    due_on: date | str,
    *,
    week_start: date | None = None,
) -> CommitmentView:
    """A commitment asked_by asks of the other partner: proposed until the other accepts it
    or offers something else instead."""
    record = Commitment(
        author=asked_by,
        owed_by=asked_by.other,
        owed_to=asked_by,
        what=clean_title(what, "commitment"),
        due_on=parse_date(due_on, "due date"),
        status=CommitmentStatus.PROPOSED,
        drop_reason="",
        asked_for="",
        week_start=week_start,
        help_across=False,
    )
    session.add(record)
    session.flush()
    return _view(record, _titles(session))


def _proposed(session: Session, commitment_id: str) -> Commitment:
    record = fetch(session, Commitment, commitment_id)
    if record.status is not CommitmentStatus.PROPOSED:
        raise ValidationError("status", f"This commitment is already {record.status.value}.")
    return record


def accept_commitment(session: Session, commitment_id: str) -> CommitmentView:
    """The partner asked takes the commitment on as asked: it is open from now on."""
    record = _proposed(session, commitment_id)
    record.status = CommitmentStatus.OPEN
    session.flush()
    return _view(record, _titles(session))


def counter_commitment(
    session: Session, commitment_id: str, offer: str, due_on: date | str | None = None
) -> CommitmentView:
    """The partner asked says what they can do instead: that is the commitment, open, and
    what was asked for is kept beside it."""
    record = _proposed(session, commitment_id)
    offer = clean_title(offer, "offer")
    due = parse_date(due_on, "due date") if due_on not in (None, "") else record.due_on
    record.asked_for = record.what
    record.what = offer
    record.due_on = due
    record.status = CommitmentStatus.OPEN
    session.flush()
    return _view(record, _titles(session))


def restore_proposal(session: Session, commitment_id: str, what: str, due_on: date) -> None:
    """Undo accept_commitment or counter_commitment: asked for again, as it was asked."""
    record = fetch(session, Commitment, commitment_id)
    record.status = CommitmentStatus.PROPOSED
    record.what = what
    record.due_on = due_on
    record.asked_for = ""
    session.flush()


def proposals_for(session: Session, owed_by: Seat) -> list[CommitmentView]:
    """What the other partner has asked of owed_by and owed_by has not answered yet."""
    query = (
        select(Commitment)
        .where(Commitment.status == CommitmentStatus.PROPOSED, Commitment.owed_by == owed_by)
        .order_by(Commitment.created_at, Commitment.id)
    )
    titles = _titles(session)
    return [_view(record, titles) for record in session.scalars(query)]


def update_commitment(session: Session, commitment_id: str, **changes: Any) -> CommitmentView:
    """Change what is promised, its due date, area, help mark or who owes it."""
    record = fetch(session, Commitment, commitment_id)
    for field, value in changes.items():
        if field == "what":
            record.what = clean_title(value, "commitment")
        elif field == "due_on":
            record.due_on = parse_date(value, "due date")
        elif field == "area":
            record.area = _clean_area(value)
        elif field == "help_across":
            record.help_across = bool(value)
        elif field == "owed_by":
            record.owed_by = Seat(value)
            record.owed_to = record.owed_by.other
        else:
            raise ValidationError(field, f"A commitment has no field '{field}' to change.")
    session.flush()
    return _view(record, _titles(session))


def get_commitment(session: Session, commitment_id: str) -> CommitmentView:
    """One commitment by id."""
    return _view(fetch(session, Commitment, commitment_id), _titles(session))


def complete_commitment(
    session: Session, commitment_id: str, on: date | str | None = None
) -> CommitmentView:
    """Mark an open commitment kept (done) on a day, today unless given."""
    record = fetch(session, Commitment, commitment_id)
    if record.status is not CommitmentStatus.OPEN:
        raise ValidationError("status", f"This commitment is already {record.status.value}.")
    record.status = CommitmentStatus.DONE
    record.done_on = parse_date(on, "done on") if on is not None else date.today()
    session.flush()
    return _view(record, _titles(session))


def drop_commitment(
    session: Session, commitment_id: str, reason: str, on: date | str | None = None
) -> CommitmentView:
    """Let an open commitment go, saying why (the reason is required)."""
    record = fetch(session, Commitment, commitment_id)
    if record.status is not CommitmentStatus.OPEN:
        raise ValidationError("status", f"This commitment is already {record.status.value}.")
    reason = clean_text(reason).strip()
    if not reason:
        raise ValidationError("drop_reason", "Say why the commitment is dropped.")
    record.status = CommitmentStatus.DROPPED
    record.drop_reason = reason
    record.dropped_on = parse_date(on, "dropped on") if on is not None else date.today()
    session.flush()
    return _view(record, _titles(session))


def reopen_commitment(session: Session, commitment_id: str) -> CommitmentView:
    """Open a done or dropped commitment again (what undoing complete or drop does)."""
    record = fetch(session, Commitment, commitment_id)
    if record.status is CommitmentStatus.PROPOSED:
        raise ValidationError("status", "This commitment is only asked for: accept it first.")
    record.status = CommitmentStatus.OPEN
    record.done_on = None
    record.dropped_on = None
    record.drop_reason = ""
    session.flush()
    return _view(record, _titles(session))


def delete_commitment(session: Session, commitment_id: str) -> None:
    """Remove a commitment altogether (what undoing its creation does)."""
    session.delete(fetch(session, Commitment, commitment_id))
    session.flush()


def open_commitments(
    session: Session, owed_by: Seat | None = None, due_by: date | None = None
) -> list[CommitmentView]:
    """Open commitments, soonest due first; only owed_by's, only those due by due_by."""
    query = select(Commitment).where(Commitment.status == CommitmentStatus.OPEN)
    if owed_by is not None:
        query = query.where(Commitment.owed_by == owed_by)
    if due_by is not None:
        query = query.where(Commitment.due_on <= due_by)
    query = query.order_by(Commitment.due_on, Commitment.created_at, Commitment.id)
    titles = _titles(session)
    return [_view(record, titles) for record in session.scalars(query)]


def overdue_commitments(session: Session, today: date) -> list[CommitmentView]:
    """Open commitments whose due date has passed, oldest first."""
    return [c for c in open_commitments(session, due_by=today) if c.due_on < today]


@dataclass(frozen=True)
class Kept:
    """One partner's commitments due in a quarter: how many were kept, dropped, still open."""

    seat: Seat
    due: int
    kept: int
    dropped: int
    open: int

    def sentence(self) -> str:
        """Framed as what the partner did for the other: "kept 11 of 13"."""
        return f"kept {self.kept} of {self.due}" if self.due else "nothing fell due"


def kept_over_quarter(session: Session, quarter: str, today: date) -> dict[Seat, Kept]:
    """Per partner, the commitments that fell due in the quarter (up to today) and how each
    stands now: kept (done), dropped with a reason, or still open."""
    try:
        first, last = parse_quarter(quarter)
    except ValueError as exc:
        raise ValidationError("quarter", str(exc)) from None
    last = min(last, today)
    rows = session.execute(
        select(Commitment.owed_by, Commitment.status).where(
            Commitment.due_on >= first,
            Commitment.due_on <= last,
            Commitment.status != CommitmentStatus.PROPOSED,  # asked, not yet promised
        )
    )
    counts: dict[Seat, dict[CommitmentStatus, int]] = {
        seat: dict.fromkeys(CommitmentStatus, 0) for seat in Seat
    }
    for seat, status in rows:
        counts[seat][status] += 1
    return {
        seat: Kept(
            seat=seat,
            due=sum(by_status.values()),
            kept=by_status[CommitmentStatus.DONE],
            dropped=by_status[CommitmentStatus.DROPPED],
            open=by_status[CommitmentStatus.OPEN],
        )
        for seat, by_status in counts.items()
    }


def owed_this_week(session: Session, today: date) -> dict[Seat, list[CommitmentView]]:
    """Per partner, the open commitments due by the end of this week, overdue ones first."""
    end = current_week(session, today) + timedelta(days=6)
    owed: dict[Seat, list[CommitmentView]] = {seat: [] for seat in Seat}
    for commitment in open_commitments(session, due_by=end):
        owed[commitment.owed_by].append(commitment)
    return owed


@dataclass(frozen=True)
class DoneForTheOther:
    """What one partner did for the other in a quarter: promises kept, help across the line."""

    kept: Kept
    # Per area outside the partner's own (by its name; "the other's area" for help marked
    # without an area), what they did there: the commitments kept, oldest first.
    help: dict[str, list[str]]


def help_across(session: Session, seat: Seat, first: date, last: date) -> dict[str, list[str]]:
    """Per area outside seat's own (by its name; "the other's area" for help marked without
    an area), the commitments seat kept from first to last there, oldest first."""
    titles = _titles(session)
    kept_records = session.scalars(
        select(Commitment)
        .where(
            Commitment.owed_by == seat,
            Commitment.status == CommitmentStatus.DONE,
            Commitment.done_on >= first,
            Commitment.done_on <= last,
        )
        .order_by(Commitment.done_on, Commitment.created_at, Commitment.id)
    )
    help_by_area: dict[str, list[str]] = {}
    for record in kept_records:
        view = _view(record, titles)
        if view.help_across:
            area = view.area.value if view.area else "the other's area"
            help_by_area.setdefault(area, []).append(view.what)
    return help_by_area


def done_for_the_other(session: Session, seat: Seat, today: date) -> DoneForTheOther:
    """This quarter's commitments seat kept for the other, and the help across the line."""
    quarter = quarter_of(today)
    first, _last = parse_quarter(quarter)
    return DoneForTheOther(
        kept_over_quarter(session, quarter, today)[seat], help_across(session, seat, first, today)
    )


@dataclass(frozen=True)
class Promise:
    """A commitment that fell due in a period, as it stood at the period's end."""

    owed_by: Seat
    what: str
    due_on: date
    standing: CommitmentStatus
    drop_reason: str


def promises_due(session: Session, first: date, last: date) -> list[Promise]:
    """Commitments due from first to last, each as it stood on last (kept by then, dropped
    by then, or still open), soonest due first."""
    rows = session.scalars(
        select(Commitment)
        .where(
            Commitment.due_on >= first,
            Commitment.due_on <= last,
            Commitment.status != CommitmentStatus.PROPOSED,  # asked, not yet promised
        )
        .order_by(Commitment.due_on, Commitment.created_at, Commitment.id)
    )
    promises = []
    for record in rows:
        standing = CommitmentStatus.OPEN
        if record.done_on is not None and record.done_on <= last:
            standing = CommitmentStatus.DONE
        elif record.dropped_on is not None and record.dropped_on <= last:
            standing = CommitmentStatus.DROPPED
        reason = record.drop_reason if standing is CommitmentStatus.DROPPED else ""
        promises.append(Promise(record.owed_by, record.what, record.due_on, standing, reason))
    return promises


# The commitments table --------------------------------------------------------------------
@dataclass(frozen=True)
class CommitmentFilter:
    status: CommitmentStatus | None = None
    owed_by: Seat | None = None
    text: str = ""


@dataclass(frozen=True)
class CommitmentRow:
    id: str
    what: str
    owed_by: Seat
    due_on: date
    status: CommitmentStatus
    area: Area | None
    drop_reason: str
    asked_for: str


AnySelect = Select[*tuple[Any, ...]]


def _commitment_where(query: AnySelect, where: CommitmentFilter) -> AnySelect:
    if where.status is not None:
        query = query.where(Commitment.status == where.status)
    if where.owed_by is not None:
        query = query.where(Commitment.owed_by == where.owed_by)
    text = clean_text(where.text).strip()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                Commitment.what.ilike(pattern, escape="\\"),
                Commitment.drop_reason.ilike(pattern, escape="\\"),
                Commitment.asked_for.ilike(pattern, escape="\\"),
            )
        )
    return query


def commitment_rows(session: Session, where: CommitmentFilter, page: Page) -> list[CommitmentRow]:
    """One page of commitments for the table: by default what needs an answer or is still
    owed first (soonest due first), then the rest, latest due first."""
    query = _commitment_where(
        select(
            Commitment.id,
            Commitment.what,
            Commitment.owed_by,
            Commitment.due_on,
            Commitment.status,
            Commitment.area,
            Commitment.drop_reason,
            Commitment.asked_for,
        ),
        where,
    )
    sortable: dict[str, Any] = {
        "what": func.lower(Commitment.what),
        "owed_by": Commitment.owed_by,
        "due_on": Commitment.due_on,
        "status": Commitment.status,
        "area": Commitment.area,
    }
    if page.sort and page.sort not in sortable:
        raise ValueError(f"cannot sort by {page.sort}")
    if page.sort:
        column = sortable[page.sort]
        order = [column.is_(None), column.desc() if page.descending else column.asc()]
    else:
        pending = Commitment.status.in_((CommitmentStatus.PROPOSED, CommitmentStatus.OPEN))
        order = [~pending, func.iif(pending, Commitment.due_on, None), Commitment.due_on.desc()]
    query = query.order_by(*order, Commitment.id).offset(page.offset).limit(page.limit)
    return [CommitmentRow(*row) for row in session.execute(query)]


def count_commitment_rows(session: Session, where: CommitmentFilter) -> int:
    """How many commitments the filter keeps."""
    query = _commitment_where(select(func.count(Commitment.id)), where)
    return session.scalar(query) or 0
