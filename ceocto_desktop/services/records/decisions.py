"""Decisions: record with both stances, review how they turned out, supersede, link goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ceocto_desktop.models import (
    Decision,
    DecisionStatus,
    Goal,
    Owner,
    Seat,
    Stance,
    Verdict,
)
from ceocto_desktop.services.common import (
    add_link,
    apply_changes,
    clean_percent,
    clean_text,
    clean_title,
    fetch,
    parse_date,
    view_of,
    without_link,
)
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records.decision_rows import DecisionFilter, decision_where


@dataclass(frozen=True)
class DecisionView:
    id: str
    title: str
    context: str
    options: str
    decision: str
    rationale: str
    decided_by: Owner
    decided_on: date
    stance_a: Stance
    stance_b: Stance
    confidence: int
    expected_outcome: str
    review_on: date | None
    status: DecisionStatus
    outcome: str
    verdict: Verdict | None
    reviewed_on: date | None
    supersedes_id: str | None
    superseded_by_id: str | None
    author: Seat
    created_at: datetime
    updated_at: datetime
    goal_ids: tuple[str, ...]
    goal_titles: tuple[str, ...]

    def due_for_review(self, today: date | None = None) -> bool:
        """Its review date has come and it has not been reviewed or superseded."""
        return (
            self.status is DecisionStatus.DECIDED
            and self.review_on is not None
            and self.review_on <= (today or date.today())
        )


def _optional_date(field: str) -> Any:
    return lambda v: None if v in (None, "") else parse_date(v, field)


_CLEANERS: dict[str, Any] = {
    "title": clean_title,
    "context": clean_text,
    "options": clean_text,
    "decision": clean_text,
    "rationale": clean_text,
    "decided_by": Owner,
    "decided_on": lambda v: parse_date(v, "decided_on"),
    "stance_a": Stance,
    "stance_b": Stance,
    "confidence": clean_percent,
    "expected_outcome": clean_text,
    "review_on": _optional_date("review_on"),
    "status": DecisionStatus,
}


def decision_view(session: Session, record: Decision) -> DecisionView:
    """A decision as the UI and reports see it, with the links both ways."""
    successor = session.scalar(select(Decision.id).where(Decision.supersedes_id == record.id))
    return view_of(
        DecisionView,
        record,
        superseded_by_id=successor,
        goal_ids=tuple(goal.id for goal in record.goals),
        goal_titles=tuple(goal.title for goal in record.goals),
    )


def _check_dates(record: Decision) -> None:
    if record.review_on is not None and record.review_on < record.decided_on:
        raise ValidationError("review_on", "The review date cannot come before the decision.")


def create_decision(
    session: Session,
    author: Seat,
    title: str,
    *,
    decided_on: date | None = None,
    goal_ids: tuple[str, ...] = (),
    **fields: Any,
) -> DecisionView:
    """Record a decision; joint, both agreeing, 70% confident unless said otherwise."""
    record = Decision(
        author=author,
        title=clean_title(title),
        decided_on=decided_on or date.today(),
        decided_by=Owner.JOINT,
        stance_a=Stance.AGREE,
        stance_b=Stance.AGREE,
        confidence=70,
        status=DecisionStatus.DECIDED,
        context="",
        options="",
        decision="",
        rationale="",
        expected_outcome="",
        outcome="",
    )
    apply_changes(record, fields, set(_CLEANERS) - {"title", "decided_on"}, _CLEANERS)
    _check_dates(record)
    record.goals = [fetch(session, Goal, goal_id) for goal_id in goal_ids]
    session.add(record)
    session.flush()
    return decision_view(session, record)


def get_decision(session: Session, decision_id: str) -> DecisionView:
    """One decision by id."""
    return decision_view(session, fetch(session, Decision, decision_id))


def update_decision(session: Session, decision_id: str, **changes: Any) -> DecisionView:
    """Edit a decision's fields."""
    record = fetch(session, Decision, decision_id)
    apply_changes(record, changes, _CLEANERS, _CLEANERS)
    _check_dates(record)
    session.flush()
    return decision_view(session, record)


def review_decision(
    session: Session,
    decision_id: str,
    outcome: str,
    verdict: Verdict,
    on_date: date | None = None,
) -> DecisionView:
    """Record what happened and whether it turned out better, as expected or worse."""
    record = fetch(session, Decision, decision_id)
    if record.status is DecisionStatus.SUPERSEDED:
        raise ValidationError("status", "A superseded decision is reviewed through its successor.")
    text = clean_text(outcome).strip()
    if not text:
        raise ValidationError("outcome", "Say what happened before closing the review.")
    when = on_date or date.today()
    if when < record.decided_on:
        raise ValidationError("reviewed_on", "A review cannot come before the decision.")
    record.outcome = text
    record.verdict = Verdict(verdict)
    record.reviewed_on = when
    record.status = DecisionStatus.REVIEWED
    session.flush()
    return decision_view(session, record)


def supersede_decision(
    session: Session, decision_id: str, author: Seat, title: str, **fields: Any
) -> DecisionView:
    """A new decision replacing an old one; each points at the other."""
    old = fetch(session, Decision, decision_id)
    if old.status is DecisionStatus.SUPERSEDED:
        raise ValidationError("status", "This decision has already been superseded.")
    goal_ids = tuple(fields.pop("goal_ids", tuple(goal.id for goal in old.goals)))
    new = create_decision(session, author, title, goal_ids=goal_ids, **fields)
    record = fetch(session, Decision, new.id)
    record.supersedes_id = old.id
    old.status = DecisionStatus.SUPERSEDED
    session.flush()
    return decision_view(session, record)


def link_decision_goal(session: Session, decision_id: str, goal_id: str) -> DecisionView:
    """Link a decision to a goal it serves (linking twice is harmless)."""
    record = fetch(session, Decision, decision_id)
    add_link(session, record.goals, Goal, goal_id)
    session.flush()
    return decision_view(session, record)


def unlink_decision_goal(session: Session, decision_id: str, goal_id: str) -> DecisionView:
    """Remove the link between a decision and a goal."""
    record = fetch(session, Decision, decision_id)
    record.goals = without_link(record.goals, goal_id)
    session.flush()
    return decision_view(session, record)


def list_decisions(
    session: Session,
    where: DecisionFilter | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[DecisionView]:
    """Decisions matching the filter (the table's own), newest first."""
    query = (
        decision_where(select(Decision), where or DecisionFilter())
        .options(selectinload(Decision.goals))
        .order_by(Decision.decided_on.desc(), Decision.title)
        .offset(offset)
        .limit(limit)
    )
    return [decision_view(session, record) for record in session.scalars(query)]
