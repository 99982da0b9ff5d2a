"""The decisions table's rows, filtered, sorted and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import (
    Decision,
    DecisionStatus,
    Goal,
    Owner,
    Verdict,
)
from ceocto_desktop.services.records.paging import AnySelect, Page, folded, like, ordered


@dataclass(frozen=True)
class DecisionFilter:
    due_on: date | None = None
    status: DecisionStatus | None = None
    text: str = ""
    goal_id: str | None = None
    decided_by: Owner | None = None


@dataclass(frozen=True)
class DecisionRow:
    id: str
    title: str
    decided_by: Owner
    decided_on: date
    confidence: int
    review_on: date | None
    status: DecisionStatus
    verdict: Verdict | None = None  # how it turned out, once reviewed
    outcome: str = ""


def decision_where(query: AnySelect, where: DecisionFilter) -> AnySelect:
    if where.due_on is not None:
        query = query.where(
            Decision.status == DecisionStatus.DECIDED,
            Decision.review_on.is_not(None),
            Decision.review_on <= where.due_on,
        )
    if where.status is not None:
        query = query.where(Decision.status == where.status)
    if where.goal_id is not None:
        query = query.where(Decision.goals.any(Goal.id == where.goal_id))
    if where.decided_by is not None:
        query = query.where(Decision.decided_by == where.decided_by)
    if where.text.strip():
        pattern = like(where.text)
        query = query.where(
            or_(
                Decision.title.ilike(pattern, escape="\\"),
                Decision.decision.ilike(pattern, escape="\\"),
            )
        )
    return query


def decision_rows(session: Session, where: DecisionFilter, page: Page) -> list[DecisionRow]:
    """One page of decisions for the table."""
    query = select(
        Decision.id,
        Decision.title,
        Decision.decided_by,
        Decision.decided_on,
        Decision.confidence,
        Decision.review_on,
        Decision.status,
        Decision.verdict,
        Decision.outcome,
    )
    sortable = {
        "title": folded(Decision.title),
        "decided_by": Decision.decided_by,
        "decided_on": Decision.decided_on,
        "confidence": Decision.confidence,
        "review_on": Decision.review_on,
        "status": Decision.status,
        "verdict": Decision.verdict,
    }
    query = decision_where(query, where)
    if page.sort:
        query = ordered(query, sortable, page, folded(Decision.title))
    else:
        # What matters now: decisions awaiting review, soonest (most overdue) first; then
        # the rest, newest first.
        waiting = (Decision.status == DecisionStatus.DECIDED) & Decision.review_on.is_not(None)
        query = (
            query.order_by(
                ~waiting,
                case((waiting, Decision.review_on)),
                Decision.decided_on.desc(),
                folded(Decision.title),
            )
            .offset(page.offset)
            .limit(page.limit)
        )
    return [DecisionRow(*row) for row in session.execute(query)]


def count_decision_rows(session: Session, where: DecisionFilter) -> int:
    """How many decisions the filter keeps."""
    return session.scalar(decision_where(select(func.count()).select_from(Decision), where)) or 0
