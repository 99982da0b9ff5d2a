"""The goals page: the pair's shared goals, filtered and sorted, with the selected one's detail."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ceocto_desktop.models import Area, Goal, GoalStatus, Owner
from ceocto_desktop.services import goals
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.rows import GoalFilter, GoalRow, count_goal_rows, goal_rows
from ceocto_desktop.ui.commands import CreateCommand, DeleteCommand
from ceocto_desktop.ui.goal_detail import GoalDetail
from ceocto_desktop.ui.labels import change_text, date_text, owner_label, owner_labels, percent
from ceocto_desktop.ui.record_page import RecordPage
from ceocto_desktop.ui.table_model import RIGHT, Column, LazyTableModel
from ceocto_desktop.ui.widgets import named


def choice_filter(name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
    """A filter combo: the first entry keeps everything, the others hold their value."""
    box = named(name, QComboBox())
    box.addItem(everything, None)
    for label, value in items:
        box.addItem(label, value)
    return box


class GoalsPage(RecordPage):
    title = "Goals"
    kind = "goals"
    noun = "goal"
    depends_on = Changed.GOALS | Changed.OBSTACLES | Changed.DECISIONS

    def make_filters(self) -> list[QWidget]:
        self.status_filter = choice_filter(
            "goalStatusFilter", "Any status", [(s.value, s.value) for s in GoalStatus]
        )
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
        self.quarter_filter.setMaximumWidth(150)
        self.quarter_filter.editingFinished.connect(self.reload)
        for box in (self.status_filter, self.owner_filter, self.area_filter):
            box.currentIndexChanged.connect(lambda _index: self.reload())
        return [self.status_filter, self.owner_filter, self.area_filter, self.quarter_filter]

    def where(self) -> GoalFilter:
        status = self.status_filter.currentData()
        owner = self.owner_filter.currentData()
        area = self.area_filter.currentData()
        return GoalFilter(
            status=GoalStatus(status) if status else None,
            owner=Owner(owner) if owner else None,
            area=Area(area) if area else None,
            quarter=self.quarter_filter.text().strip(),
            text=self.filter_text(),
        )

    def make_model(self) -> LazyTableModel:
        def yes(row: GoalRow) -> str:
            return "yes" if row.board_visible else ""

        columns = [
            Column("Title", "title", lambda r: r.title),
            Column("Owner", "owner", lambda r: owner_label(self.context, r.owner)),
            Column("Area", "area", lambda r: r.area.value),
            Column("Status", "status", lambda r: r.status.value),
            Column("Progress", "progress", lambda r: percent(r.progress), RIGHT),
            Column("Change", "change", lambda r: change_text(r.change), RIGHT),
            Column("Target", "target_date", lambda r: date_text(r.target_date)),
            Column("Board", "board_visible", yes),
        ]
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: goal_rows(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_goal_rows(s, self.where())),
            self,
        )

    def column_widths(self) -> list[int]:
        return [200, 60, 130, 72, 66, 64, 84, 44]

    def make_detail(self) -> QWidget:
        self.goal_detail = GoalDetail(self.context)
        return self.goal_detail

    def show_record(self, record_id: str | None) -> None:
        self.goal_detail.show_goal(record_id)

    def create_record(self) -> str | None:
        author = self.context.author
        command = CreateCommand(
            self.context,
            "new goal",
            Changed.GOALS,
            Goal,
            lambda s: goals.create_goal(s, author, "New goal"),
        )
        command.perform()
        return command.record_id

    def delete_record(self, record_id: str) -> str:
        title = self.context.read(lambda s: goals.get_goal(s, record_id).title)
        DeleteCommand(
            self.context, f"delete goal “{title}”", Changed.GOALS, Goal, record_id
        ).perform()
        return title

    def focus_detail(self) -> None:
        self.goal_detail.focus_first()

    def flush_edits(self) -> None:
        if hasattr(self, "goal_detail"):
            self.goal_detail.form.flush()
