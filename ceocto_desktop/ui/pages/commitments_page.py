"""Commitments: every promise the pair made each other (asked, open, done, dropped), each
one edited, kept, dropped with a reason or taken on from its detail, every step undoable."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.relative_dates import relative_day
from ceocto_desktop.models import Commitment, CommitmentStatus, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import commitments
from ceocto_desktop.services.weekly.checkins import current_week
from ceocto_desktop.services.weekly.commitments import (
    CommitmentFilter,
    CommitmentRow,
    commitment_rows,
    count_commitment_rows,
)
from ceocto_desktop.ui.labels import day_text, first_name
from ceocto_desktop.ui.pages.record_page import RecordPage
from ceocto_desktop.ui.panes.commitment_detail import NEW_DUE_DAYS, STATUS_WORDS, CommitmentDetail
from ceocto_desktop.ui.widgets.basic import choice_filter
from ceocto_desktop.ui.widgets.table_model import Column, LazyTableModel


def _overdue(row: CommitmentRow) -> bool:
    return row.status is CommitmentStatus.OPEN and row.due_on < date.today()


def _due_text(row: CommitmentRow) -> str:
    if row.status is CommitmentStatus.OPEN:
        return relative_day(row.due_on, date.today()).text
    return day_text(row.due_on)  # settled or asked: the day itself, as every page says it


def _tip(row: CommitmentRow) -> str:
    if row.status is CommitmentStatus.DROPPED:
        return f"Dropped: {row.drop_reason}"
    if row.asked_for:
        return f"Asked for: {row.asked_for}"
    return row.what


class CommitmentsPage(RecordPage):
    title = "Commitments"
    kind = "commitments"
    noun = "commitment"
    depends_on = Changed.COMMITMENTS | Changed.PARTNERS
    empty_words = (
        "No commitments yet",
        "What one of you promised the other: who owes it, by when, and whether it was kept. "
        "They come from a need in the check-in, an item of the weekly talk, or here.",
        "Make the first commitment",
    )
    changes = Changed.COMMITMENTS
    record_class = Commitment

    def make_filters(self) -> list[QWidget]:
        self.status_filter = choice_filter(
            "commitmentStatusFilter",
            "Any status",
            [(word, status.value) for status, word in STATUS_WORDS.items()],
        )
        self.status_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.owed_filter = choice_filter(
            "commitmentOwedFilter",
            "Owed by either",
            [(f"Owed by {first_name(self.context, seat)}", seat.value) for seat in Seat],
        )
        self.owed_filter.currentIndexChanged.connect(lambda _index: self.reload())
        return [self.status_filter, self.owed_filter]

    def where(self) -> CommitmentFilter:
        status, owed_by = self.status_filter.currentData(), self.owed_filter.currentData()
        return CommitmentFilter(
            status=CommitmentStatus(status) if status else None,
            owed_by=Seat(owed_by) if owed_by else None,
            text=self.filter_text(),
        )

    def make_model(self) -> LazyTableModel:
        columns = [
            Column("What", "what", lambda r: r.what, draw="title", tip=_tip),
            Column(
                "Owed by",
                "owed_by",
                lambda r: first_name(self.context, r.owed_by),
                width=90,
                drop=3,
            ),
            Column("Due", "due_on", _due_text, width=110, drop=1, alert=_overdue),
            Column(
                "Status",
                "status",
                lambda r: STATUS_WORDS[r.status],
                draw="chip",
                width=84,
                tip=_tip,
            ),
            Column(
                "Area",
                "area",
                lambda r: r.area.value if r.area else "",
                width=120,
                drop=2,
            ),
        ]
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: commitment_rows(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_commitment_rows(s, self.where())),
            self,
        )

    def initial_sort(self) -> tuple[int, bool]:
        """No column: the query's own order, what is still owed first."""
        return -1, False

    def make_detail(self) -> CommitmentDetail:
        return CommitmentDetail(self.context)

    def create_new(self, session: Session, author: Seat) -> Any:
        due = date.today() + timedelta(days=NEW_DUE_DAYS)
        return commitments.create_commitment(
            session,
            author,
            "New commitment",
            due,
            author=author,
            week_start=current_week(session),
        )

    def title_of(self, session: Session, record_id: str) -> str:
        return commitments.get_commitment(session, record_id).what
