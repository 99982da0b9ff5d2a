"""The decisions page: what the pair decided, and which decisions are due for review."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text, optional_day
from ceocto_desktop.analytics.relative_dates import relative_day
from ceocto_desktop.models import Decision, DecisionStatus, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records import decisions
from ceocto_desktop.services.records.decision_rows import (
    DecisionFilter,
    DecisionRow,
    count_decision_rows,
    decision_rows,
)
from ceocto_desktop.ui.labels import owner_label
from ceocto_desktop.ui.pages.record_page import RecordPage
from ceocto_desktop.ui.panes.decision_detail import DecisionDetail
from ceocto_desktop.ui.widgets.basic import choice_filter, named
from ceocto_desktop.ui.widgets.table_model import RIGHT, Column, LazyTableModel


def review_overdue(row: DecisionRow) -> bool:
    """A decision still waiting for a review whose date has passed."""
    return (
        row.status is DecisionStatus.DECIDED
        and row.review_on is not None
        and row.review_on < date.today()
    )


def review_text(row: DecisionRow) -> str:
    """How it turned out once reviewed ("better"); before, when: "in 3 weeks", "overdue 5 days"."""
    if row.verdict is not None:
        return row.verdict.value
    if row.review_on is None:
        return ""
    if row.status is not DecisionStatus.DECIDED:
        return day_text(row.review_on)  # superseded: the date is history
    return relative_day(row.review_on, date.today()).text


def review_tip(row: DecisionRow) -> str:
    if row.verdict is not None:
        return row.outcome or row.verdict.value
    return f"Review on {day_text(row.review_on)}" if row.review_on else "No review planned"


class DecisionsPage(RecordPage):
    title = "Decisions"
    kind = "decisions"
    noun = "decision"
    empty_words = (
        "No decisions yet",
        "Keep the decisions you take: the options, each partner's stance and how confident "
        "you are. Review them later to see how they turned out.",
        "Record a decision",
    )
    depends_on = Changed.DECISIONS | Changed.GOALS
    changes = Changed.DECISIONS
    record_class = Decision
    detail: DecisionDetail

    def make_filters(self) -> list[QWidget]:
        self.due_filter = named("decisionDueFilter", QCheckBox("Due for review"))
        self.due_filter.toggled.connect(lambda _on: self.reload())
        self.status_filter = choice_filter(
            "decisionStatusFilter", "Any status", [(s.value, s.value) for s in DecisionStatus]
        )
        self.status_filter.currentIndexChanged.connect(lambda _index: self.reload())
        return [self.due_filter, self.status_filter]

    def where(self) -> DecisionFilter:
        status = self.status_filter.currentData()
        return DecisionFilter(
            due_on=date.today() if self.due_filter.isChecked() else None,
            status=DecisionStatus(status) if status else None,
            text=self.filter_text(),
        )

    def make_model(self) -> LazyTableModel:
        columns = [
            Column("Title", "title", lambda r: r.title, draw="title"),
            Column(
                "Decided by",
                "decided_by",
                lambda r: owner_label(self.context, r.decided_by),
                width=96,
                drop=4,
            ),
            Column("Date", "decided_on", lambda r: optional_day(r.decided_on), width=92, drop=3),
            Column(
                "Confidence", "confidence", lambda r: f"{r.confidence}%", RIGHT, width=96, drop=5
            ),
            Column("Status", "status", lambda r: r.status.value, draw="chip", width=92, drop=3),
            Column(
                "Review",
                "review_on",
                review_text,
                draw="chip",
                width=112,
                drop=1,
                tip=review_tip,
                alert=review_overdue,
                header_tip="How it turned out once reviewed (hover for what happened); "
                "before that, when the review is due, overdue in red",
            ),
        ]
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: decision_rows(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_decision_rows(s, self.where())),
            self,
        )

    def initial_sort(self) -> tuple[int, bool]:
        """No column: the query's own order, what matters now first."""
        return -1, False

    def make_detail(self) -> DecisionDetail:
        return DecisionDetail(self.context)

    def create_new(self, session: Session, author: Seat) -> Any:
        return decisions.create_decision(session, author, "New decision")

    def title_of(self, session: Session, record_id: str) -> str:
        return decisions.get_decision(session, record_id).title
