"""One goal: its fields, key results, recorded progress, and what links to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import optional_day
from ceocto_desktop.models import Area, Goal, GoalStatus, KeyResult, Owner
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.page_data import GoalDetailData, load_goal_detail
from ceocto_desktop.services.records import goals
from ceocto_desktop.services.records.goal_rows import LineageStep
from ceocto_desktop.ui.commands import CreateCommand, DeleteCommand, EditCommand, SnapshotCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.dialogs.goal_dialogs import RecordProgressDialog
from ceocto_desktop.ui.labels import date_text, first_name, number, owner_labels, percent
from ceocto_desktop.ui.panes.detail_pane import DetailPane
from ceocto_desktop.ui.panes.forms import RecordForm, enum_combo
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, DateField, named
from ceocto_desktop.ui.widgets.delegates import VALUE_ROLE, ProgressDelegate
from ceocto_desktop.ui.widgets.fit_columns import ColumnFitter
from ceocto_desktop.ui.widgets.grow import grow_with_content
from ceocto_desktop.ui.widgets.history_box import add_entry, history_list
from ceocto_desktop.ui.widgets.title_edit import TitleEdit

KR_FIELDS = ("title", "start_value", "target_value", "current_value", "unit")
KR_HEADERS = ("Key result", "Start", "Target", "Now", "Unit", "Progress")


def goal_values(goal: goals.GoalView) -> dict[str, Any]:
    """The goal as its form shows it."""
    return {
        "title": goal.title,
        "description": goal.description,
        "owner": goal.owner.value,
        "area": goal.area.value,
        "status": goal.status.value,
        "target_date": date_text(goal.target_date),
        "board_visible": goal.board_visible,
    }


class GoalDetail(DetailPane):
    table = "goals"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.data: GoalDetailData | None = None
        self._make_form()
        self.summary = named("goalSummary", QLabel())
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        self.lineage = named("goalLineage", QLabel())
        self.lineage.setWordWrap(True)
        self.lineage.setProperty("role", "muted")
        self.lineage.linkActivated.connect(
            lambda goal_id: self.context.openRequested.emit("goals", goal_id)
        )
        self.lay_out(
            "Select a goal, or press Ctrl+N for a new one.",
            (
                self.form,
                self.summary,
                self.lineage,
                self._make_key_results(),
                self._make_history(),
                self._make_links(),
            ),
        )

    def _make_form(self) -> None:
        """The goal's own fields, saved as they are edited."""
        self.form = RecordForm(
            self.context,
            Changed.GOALS,
            "goal",
            self._save_goal,
        )
        self.form.add("title", "&Title", TitleEdit(), heading=True)
        description = QPlainTextEdit()
        grow_with_content(description, min_lines=3)
        self.form.add("description", "Description", description)
        self.form.add(
            "owner",
            "Owner",
            enum_combo("goal_owner", Owner, owner_labels(self.context)),
            chip=True,
        )
        self.form.add("area", "Area", enum_combo("goal_area", Area), chip=True)
        self.form.add("status", "Status", enum_combo("goal_status", GoalStatus), chip=True)
        target = DateField()
        target.setPlaceholderText("YYYY-MM-DD")
        target.setToolTip("The target date, as YYYY-MM-DD (empty: no target date)")
        self.form.add("target_date", "Target", target, chip=True)
        self.form.add("board_visible", "", QCheckBox("Show to the board"), chip=True)

    def _make_key_results(self) -> QGroupBox:
        """The key-results table, edited in place, with a row to add one below it."""
        self.kr_table = named("keyResultsTable", QTableWidget(0, len(KR_HEADERS)))
        self.kr_table.setHorizontalHeaderLabels(KR_HEADERS)
        self.kr_table.verticalHeader().hide()
        # The pane's width, never more: the title takes what the numbers leave, and "Start"
        # (on hover over the title) gives way while the title would be cut below its header.
        kr_header = self.kr_table.horizontalHeader()
        kr_header.setMinimumSectionSize(24)
        self.kr_columns = ColumnFitter(self.kr_table, progress_column=5, drop_order=(1,))
        kr_header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.kr_table.setItemDelegateForColumn(5, ProgressDelegate(self.kr_table))
        self.kr_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kr_table.setShowGrid(False)
        self.kr_table.setWordWrap(False)
        self.kr_table.setMinimumHeight(90)
        self.kr_table.itemChanged.connect(self._kr_cell_changed)
        self.kr_error = named("keyResultError", QLabel())
        self.kr_error.setStyleSheet(ERROR_STYLE)
        self.kr_error.setWordWrap(True)
        self.kr_error.hide()
        kr_box = QGroupBox("Key results")
        kr_layout = QVBoxLayout(kr_box)
        kr_layout.addWidget(self.kr_table)
        kr_layout.addLayout(self._make_new_key_result())
        kr_layout.addWidget(self.kr_error)
        remove_kr = named("removeKeyResult", QPushButton("Remove selected"))
        remove_kr.clicked.connect(self.remove_key_result)
        kr_layout.addWidget(remove_kr, 0, Qt.AlignmentFlag.AlignRight)
        return kr_box

    def _make_new_key_result(self) -> QGridLayout:
        """Boxes for a new key result's title, start, target and unit, each labelled above."""
        self.new_kr = {
            "title": named("newKrTitle", QLineEdit(placeholderText="New key result")),
            "start": named("newKrStart", QLineEdit(placeholderText="start")),
            "target": named("newKrTarget", QLineEdit(placeholderText="target")),
            "unit": named("newKrUnit", QLineEdit(placeholderText="unit")),
        }
        add_kr = named("addKeyResult", QPushButton("Add"))
        add_kr.clicked.connect(self.add_key_result)
        self.new_kr["unit"].returnPressed.connect(self.add_key_result)
        self.new_kr["target"].returnPressed.connect(self.add_key_result)
        add_row = QGridLayout()
        add_row.setHorizontalSpacing(6)
        add_row.setVerticalSpacing(2)
        # Every box has its label above it (placeholders vanish once a person types).
        for column, (key, text) in enumerate(
            (
                ("title", "New key result"),
                ("start", "Start"),
                ("target", "Target"),
                ("unit", "Unit"),
            )
        ):
            label = QLabel(text)
            label.setProperty("role", "muted")
            label.setBuddy(self.new_kr[key])
            add_row.addWidget(label, 0, column)
            add_row.addWidget(self.new_kr[key], 1, column)
            add_row.setColumnStretch(column, 3 if key == "title" else 1)
            if key != "title":  # "start", not "st…", at the desktop's font
                box = self.new_kr[key]
                box.setMinimumWidth(box.fontMetrics().horizontalAdvance(box.placeholderText()) + 24)
        add_row.addWidget(add_kr, 1, 4)
        return add_row

    def _make_history(self) -> QGroupBox:
        """Record progress…, and the goal's dated, authored updates."""
        self.record_button = named("recordProgress", QPushButton("Record progress…"))
        self.record_button.setToolTip("New key-result values and/or status, with a note")
        self.record_button.clicked.connect(self.record_progress)
        self.history = history_list("goalHistory", min_height=48, spacing=2)
        history_box = QGroupBox("History")
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignLeft)
        history_layout.addWidget(self.history)
        return history_box

    def _make_links(self) -> QGroupBox:
        """The obstacles and decisions linked to the goal, each opened by a click."""
        self.linked_obstacles = named("goalObstacles", QListWidget())
        self.linked_decisions = named("goalDecisions", QListWidget())
        for widget, kind in (
            (self.linked_obstacles, "obstacles"),
            (self.linked_decisions, "decisions"),
        ):
            grow_with_content(widget, min_lines=1, min_height=32)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideRight)
            widget.itemActivated.connect(lambda item, k=kind: self._open(k, item))
            widget.itemClicked.connect(lambda item, k=kind: self._open(k, item))
        links_box = QGroupBox("Linked obstacles and decisions (click to open)")
        links_layout = QVBoxLayout(links_box)
        links_layout.addWidget(self.linked_obstacles)
        links_layout.addWidget(self.linked_decisions)
        return links_box

    def _save_goal(self, session: Session, goal_id: str, values: dict[str, Any]) -> Any:
        # A status change is progress: it goes into the goal's dated, authored history.
        if "status" in values:
            return goals.record_goal_progress(
                session, goal_id, self.context.author, status=GoalStatus(values["status"])
            )
        return goals.update_goal(session, goal_id, **values)

    # Showing ---------------------------------------------------------------------------------
    def show_record(self, goal_id: str | None) -> None:
        data = self.fetch(goal_id, load_goal_detail)
        self.data = data
        if data is None:
            return
        goal = data.goal
        self.form.load(goal.id, goal_values(goal))
        health = f" · health <b>{goal.health}</b>" if goal.health else ""
        weakest = f" · weakest: {goal.weakest}" if goal.weakest else ""
        self.summary.setText(f"Progress <b>{percent(goal.progress)}</b>{health}{weakest}")
        self._show_lineage(data.lineage, goal.id)
        self._show_key_results(goal)
        self.history.clear()
        for update in reversed(data.history):
            moves = "; ".join(f"{t}: {number(a)} → {number(b)}" for t, a, b in update.changes)
            text = (
                f"{first_name(self.context, update.author)} · "
                f"{update.status.value} · {percent(update.progress)}"
            )
            if update.note:
                text += f" — {update.note}"
            if moves:
                text += f"\n{moves}"
            add_entry(self.history, update.on_date, text)
        if not data.history:
            self.history.addItem("No progress recorded yet.")
        self._fill_links(
            self.linked_obstacles,
            [(o.id, f"{o.title} ({o.status.value})") for o in data.obstacles],
            "No linked obstacles",
        )
        self._fill_links(
            self.linked_decisions,
            [(d.id, f"{d.title} ({optional_day(d.decided_on)})") for d in data.decisions],
            "No linked decisions",
        )

    def _show_lineage(self, steps: list[LineageStep], goal_id: str) -> None:
        """The quarters a carried-over goal went through, each a link to that quarter's goal."""
        self.lineage.setVisible(bool(steps))
        parts = [
            f"<b>{step.quarter}</b>"
            if step.id == goal_id
            else f'<a href="{step.id}">{step.quarter}</a> ({step.status.value})'
            for step in steps
        ]
        self.lineage.setText("Carried over: " + " → ".join(parts) if parts else "")

    def _fill_links(self, widget: QListWidget, items: list[tuple[str, str]], empty: str) -> None:
        widget.clear()
        for record_id, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setToolTip(text)  # elided in the narrow pane; whole on hover
            widget.addItem(item)
        if not items:
            widget.addItem(empty)

    def _show_key_results(self, goal: goals.GoalView) -> None:
        self.kr_table.blockSignals(True)
        self.kr_table.setRowCount(len(goal.key_results))
        for row, kr in enumerate(goal.key_results):
            cells = (
                kr.title,
                number(kr.start_value),
                number(kr.target_value),
                number(kr.current_value),
                kr.unit,
                percent(kr.progress),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, kr.id)
                if column == 0:
                    item.setToolTip(
                        f"{kr.title}\nstart {cells[1]} · target {cells[2]} · now {cells[3]}"
                        + (f" {kr.unit}" if kr.unit else "")
                    )
                if column == 5:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setData(VALUE_ROLE, kr.progress)
                self.kr_table.setItem(row, column, item)
        self.kr_table.blockSignals(False)
        self.kr_columns.fit()
        # As tall as its rows (two at least), not a grey well under two key results.
        rows = min(8, max(2, len(goal.key_results)))
        height = (
            self.kr_table.horizontalHeader().sizeHint().height() + 2 * self.kr_table.frameWidth()
        )
        height += rows * self.kr_table.verticalHeader().defaultSectionSize() + 4
        self.kr_table.setFixedHeight(height)

    def _open(self, kind: str, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id:
            self.context.openRequested.emit(kind, record_id)

    # Editing ---------------------------------------------------------------------------------
    def _kr_error(self, message: str) -> None:
        self.kr_error.setText(message)
        self.kr_error.show()

    def _kr_cell_changed(self, item: QTableWidgetItem) -> None:
        if self.data is None or item.column() >= len(KR_FIELDS):
            return
        kr_id = item.data(Qt.ItemDataRole.UserRole)
        kr = next(k for k in self.data.goal.key_results if k.id == kr_id)
        field = KR_FIELDS[item.column()]
        before = getattr(kr, field)
        try:
            after: Any = item.text() if field in ("title", "unit") else float(item.text())
        except ValueError:
            self._kr_error(f"'{item.text()}' is not a number.")
            self.show_record(self.data.goal.id)
            return
        if field == "current_value":
            self._record_value(kr_id, after)
            return
        command = EditCommand(
            self.context,
            "edit key result",
            Changed.GOALS,
            lambda s, values: goals.update_key_result(s, kr_id, **values),
            {field: before},
            {field: after},
            kr_id,
        )
        try:
            command.perform()
        except (ValidationError, WriteFailed) as exc:
            self._kr_error(str(exc))
            self.show_record(self.data.goal.id)
            return
        self.kr_error.hide()

    def _record_value(self, kr_id: str, value: float) -> None:
        """A new current value typed in the table: recorded as progress, dated today."""
        assert self.data is not None
        goal_id, author = self.data.goal.id, self.context.author
        try:
            SnapshotCommand(
                self.context,
                "record progress",
                Changed.GOALS,
                Goal,
                goal_id,
                lambda s: goals.record_goal_progress(s, goal_id, author, values={kr_id: value}),
            ).perform()
        except (ValidationError, WriteFailed) as exc:
            self._kr_error(str(exc))
            self.show_record(goal_id)
            return
        self.kr_error.hide()

    def add_key_result(self) -> None:
        if self.data is None:
            return
        goal_id = self.data.goal.id
        fields = {key: widget.text().strip() for key, widget in self.new_kr.items()}
        try:
            start = float(fields["start"] or 0)
            target = float(fields["target"])
        except ValueError:
            self._kr_error("Start and target are numbers (e.g. 0 and 12).")
            return
        author = self.context.author
        command = CreateCommand(
            self.context,
            "add key result",
            Changed.GOALS,
            KeyResult,
            lambda s: goals.add_key_result(
                s, goal_id, author, fields["title"], start, target, unit=fields["unit"]
            ),
        )
        try:
            command.perform()
        except (ValidationError, WriteFailed) as exc:
            self._kr_error(str(exc))
            return
        self.kr_error.hide()
        for widget in self.new_kr.values():
            widget.clear()
        self.new_kr["title"].setFocus()

    def remove_key_result(self) -> None:
        item = self.kr_table.currentItem()
        if item is None or self.data is None:
            return
        kr_id = item.data(Qt.ItemDataRole.UserRole)
        DeleteCommand(self.context, "remove key result", Changed.GOALS, KeyResult, kr_id).perform()

    def record_progress(self) -> None:
        if self.data is None:
            return
        goal = self.data.goal
        author = self.context.author

        def submit(dialog: RecordProgressDialog) -> None:
            values = {
                kr.id: value
                for kr, value in zip(goal.key_results, dialog.chosen_values().values(), strict=True)
                if value != kr.current_value
            }
            status, note, on_date = (
                dialog.chosen_status(),
                dialog.note.toPlainText(),
                dialog.chosen_date(),
            )
            SnapshotCommand(
                self.context,
                "record progress",
                Changed.GOALS,
                Goal,
                goal.id,
                lambda s: goals.record_goal_progress(
                    s, goal.id, author, values=values, status=status, note=note, on_date=on_date
                ),
            ).perform()

        RecordProgressDialog(goal, submit, self).exec()
