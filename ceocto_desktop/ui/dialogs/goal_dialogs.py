"""Record progress on a goal: new key-result values and/or a status, with a note."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.models import GoalStatus
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records.goals import GoalView
from ceocto_desktop.ui.context import WriteFailed
from ceocto_desktop.ui.labels import number
from ceocto_desktop.ui.panes.forms import enum_combo
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named


class RecordProgressDialog(QDialog):
    """Each key result's new current value, the goal's status, the date and a note."""

    def __init__(
        self,
        goal: GoalView,
        submit: Callable[[RecordProgressDialog], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._submit = submit
        self.setObjectName("recordProgressDialog")
        self.setWindowTitle(f"Record progress — {goal.title}")
        self.setMinimumWidth(460)
        self.goal = goal
        form = QFormLayout()
        self.values: dict[str, QDoubleSpinBox] = {}
        for position, kr in enumerate(goal.key_results):
            spin = named(f"krValue{position}", QDoubleSpinBox())
            spin.setDecimals(2)
            spin.setRange(-1e12, 1e12)
            spin.setValue(kr.current_value)
            spin.setSuffix(f" {kr.unit}" if kr.unit else "")
            spin.setToolTip(f"from {number(kr.start_value)} to {number(kr.target_value)}")
            form.addRow(f"{kr.title} (target {number(kr.target_value)})", spin)
            self.values[kr.id] = spin
        self.status: QComboBox = enum_combo("progressStatus", GoalStatus)
        self.status.setCurrentIndex(self.status.findData(goal.status.value))
        form.addRow("Status", self.status)
        self.on_date = named("progressDate", QDateEdit(QDate.currentDate()))
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        form.addRow("Date", self.on_date)
        self.note = named("progressNote", QPlainTextEdit())
        self.note.setPlaceholderText("What moved, and why (optional)")
        self.note.setFixedHeight(80)
        form.addRow("Note", self.note)
        self.error = named("progressError", QLabel())
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not goal.key_results:
            layout.addWidget(QLabel("This goal has no key results yet: record a status or note."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Write the update; a refusal stays in the dialog, next to the buttons."""
        try:
            self._submit(self)
        except (ValidationError, WriteFailed) as exc:
            self.show_error(str(exc))
            return
        self.accept()

    def chosen_values(self) -> dict[str, float]:
        return {kr_id: spin.value() for kr_id, spin in self.values.items()}

    def chosen_status(self) -> GoalStatus:
        return GoalStatus(self.status.currentData())

    def chosen_date(self) -> date:
        chosen = self.on_date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
