"""The goals page: the pair's shared goals, filtered and sorted, with the selected one's detail."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import optional_day
from ceocto_desktop.analytics.periods import quarter_of
from ceocto_desktop.analytics.relative_dates import relative_day
from ceocto_desktop.models import Area, Goal, GoalStatus, Owner, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records import goals
from ceocto_desktop.services.records.goal_rows import (
    GoalFilter,
    GoalRow,
    count_goal_rows,
    goal_rows,
)
from ceocto_desktop.ui.labels import change_text, owner_label, owner_labels, percent
from ceocto_desktop.ui.pages.record_page import RecordPage
from ceocto_desktop.ui.panes.goal_detail import GoalDetail
from ceocto_desktop.ui.widgets.basic import choice_filter, named
from ceocto_desktop.ui.widgets.table_model import RIGHT, Column, LazyTableModel

# The status filter's first entries: what a person mostly wants, before single statuses.
OPEN, DONE = "@open", "@done"
CHANGE_TIP = "Progress moved since the goal's previous recorded update, in percentage points"


def target_text(row: GoalRow) -> str:
    """A target date as a person reads it in a list: "in 12 days", "overdue 3 days"."""
    if row.target_date is None:
        return ""
    done = row.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED)
    return relative_day(row.target_date, date.today(), due=not done).text


def target_overdue(row: GoalRow) -> bool:
    done = row.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED)
    return not done and row.target_date is not None and row.target_date < date.today()


def quarters_text(row: GoalRow) -> str:
    """The goal's quarter, or a carried-over goal's quarters: "2026 Q2 → Q3"."""
    quarters = row.quarters or ((quarter_of(row.target_date),) if row.target_date else ())
    years = {q.split("-")[0] for q in quarters}
    if len(years) == 1 and len(quarters) > 1:
        return f"{years.pop()} " + " → ".join(q.split("-")[-1] for q in quarters)
    return " → ".join(quarters)


class GoalsPage(RecordPage):
    title = "Goals"
    kind = "goals"
    noun = "goal"
    empty_words = (
        "No goals yet",
        "Goals are what the two of you set out to do: an owner, a target date, and key "
        "results you can measure, so progress is a number, not a feeling.",
        "Add our first goal",
    )
    depends_on = Changed.GOALS | Changed.OBSTACLES | Changed.DECISIONS
    changes = Changed.GOALS
    record_class = Goal
    detail: GoalDetail

    def make_filters(self) -> list[QWidget]:
        self.status_filter = choice_filter(
            "goalStatusFilter", "All goals", [(s.value, s.value) for s in GoalStatus]
        )
        self.status_filter.insertItem(0, "Open goals", OPEN)
        self.status_filter.insertItem(2, "Done (achieved or dropped)", DONE)
        self.status_filter.insertSeparator(3)
        self.status_filter.setCurrentIndex(0)
        self.status_filter.setToolTip("Open goals, all, done, or one status")
        self.owner_filter = choice_filter(
            "goalOwnerFilter",
            "Any owner",
            [(label, owner.value) for owner, label in owner_labels(self.context).items()],
        )
        self.area_filter = choice_filter(
            "goalAreaFilter", "Any area", [(a.value, a.value) for a in Area]
        )
        self.quarter_filter = named("goalQuarterFilter", QLineEdit())
        self.quarter_filter.setPlaceholderText("Quarter, e.g. 2026-Q4")
        metrics = self.quarter_filter.fontMetrics()  # its hint whole, at the desktop's font
        self.quarter_filter.setMinimumWidth(
            metrics.horizontalAdvance(self.quarter_filter.placeholderText()) + 24
        )
        self.quarter_filter.editingFinished.connect(self.reload)
        for box in (self.status_filter, self.owner_filter, self.area_filter):
            box.currentIndexChanged.connect(lambda _index: self.reload())
        return [self.status_filter, self.owner_filter, self.area_filter, self.quarter_filter]

    def where(self) -> GoalFilter:
        status = self.status_filter.currentData()
        owner = self.owner_filter.currentData()
        area = self.area_filter.currentData()
        is_open = {OPEN: True, DONE: False}.get(status)
        return GoalFilter(
            status=GoalStatus(status) if status and status not in (OPEN, DONE) else None,
            is_open=is_open,
            newest_only=True,
            owner=Owner(owner) if owner else None,
            area=Area(area) if area else None,
            quarter=self.quarter_filter.text().strip(),
            text=self.filter_text(),
        )

    def make_model(self) -> LazyTableModel:
        def yes(row: GoalRow) -> str:
            return "yes" if row.board_visible else ""

        columns = [
            Column("Title", "title", lambda r: r.title, draw="title"),
            Column(
                "Owner", "owner", lambda r: owner_label(self.context, r.owner), width=70, drop=4
            ),
            Column("Area", "area", lambda r: r.area.value, width=120, drop=6),
            Column("Status", "status", lambda r: r.status.value, draw="chip", width=86),
            Column(
                "Progress",
                "progress",
                lambda r: percent(r.progress),
                draw="progress",
                width=110,
                value=lambda r: r.progress,
            ),
            Column(
                "Change",
                "change",
                lambda r: change_text(r.change),
                RIGHT,
                width=64,
                drop=5,
                header_tip=CHANGE_TIP,
            ),
            Column(
                "Target",
                "target_date",
                target_text,
                width=110,
                drop=2,
                tip=lambda r: optional_day(r.target_date),
                alert=target_overdue,
            ),
            Column(
                "Quarters",
                "",
                quarters_text,
                width=118,
                drop=3,
                header_tip="The goal's quarter; a goal carried over shows once, with its quarters",
                tip=lambda r: "Carried over: " + " → ".join(r.quarters) if r.quarters else "",
            ),
            Column("Board", "board_visible", yes, width=50, drop=7),
        ]
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: goal_rows(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_goal_rows(s, self.where())),
            self,
        )

    def initial_sort(self) -> tuple[int, bool]:
        """No column: the query's own order, open goals of this quarter first."""
        return -1, False

    def make_detail(self) -> GoalDetail:
        return GoalDetail(self.context)

    def create_new(self, session: Session, author: Seat) -> Any:
        return goals.create_goal(session, author, "New goal")

    def title_of(self, session: Session, record_id: str) -> str:
        return goals.get_goal(session, record_id).title
