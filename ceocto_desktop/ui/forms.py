"""A record's fields that save themselves: debounced while typing, at once on leaving."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.services.errors import NotFoundError, ValidationError
from ceocto_desktop.ui.commands import EditCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.widgets import ERROR_STYLE, named

SAVE_DELAY_MS = 700
Saver = Callable[[Session, str, dict[str, Any]], Any]


def enum_combo(
    name: str, choices: type[enum.Enum], labels: dict[Any, str] | None = None
) -> QComboBox:
    """A combo box over an enum's members, showing a label for each."""
    box = named(name, QComboBox())
    for member in choices:
        box.addItem((labels or {}).get(member, str(member.value)), member.value)
    return box


class RecordForm(QWidget):
    """Fields of one record; edits are saved through EditCommand so they can be undone."""

    edited = Signal()

    def __init__(
        self,
        context: JournalContext,
        what: str,
        noun: str,
        save: Saver,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.what = what
        self.noun = noun
        self._save = save
        self.record_id: str | None = None
        self._widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._saved: dict[str, Any] = {}
        self._loading = False
        self._flushing = False
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.layout_ = QFormLayout()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.layout_)

    # Building --------------------------------------------------------------------------------
    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a field: a line edit, text box, combo box or check box bound to name."""
        widget.setObjectName(widget.objectName() or f"{self.noun}_{name}")
        error = named(f"{self.noun}_{name}_error", QLabel())
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self.layout_.addRow(label, box)
        self._widgets[name] = widget
        self._errors[name] = error
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._changed)
            widget.editingFinished.connect(self.flush)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._changed)
            widget.installEventFilter(self)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._changed_now)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._changed_now)
        return widget

    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    # Values ----------------------------------------------------------------------------------
    def _value(self, widget: QWidget) -> Any:
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        raise TypeError(widget)

    def _show(self, widget: QWidget, value: Any) -> None:
        if self._value(widget) == value:
            return  # leave the cursor where the person is typing
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))

    def load(self, record_id: str | None, values: dict[str, Any]) -> None:
        """Show a record's values (as text, enum values and booleans); None clears the form."""
        if record_id != self.record_id:
            self.flush()
        self._loading = True
        try:
            self.record_id = record_id
            self._saved = dict(values)
            for name, widget in self._widgets.items():
                if name in values:
                    self._show(widget, values[name])
                self._errors[name].hide()
        finally:
            self._loading = False
        self.setEnabled(record_id is not None)

    @property
    def dirty(self) -> bool:
        return self._timer.isActive()

    # Saving ----------------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._loading and self.record_id is not None:
            self._timer.start()

    def _changed_now(self) -> None:
        if not self._loading and self.record_id is not None:
            self.flush()

    def flush(self) -> None:
        """Save each field that changed; a refused one shows why beside it, the rest save."""
        self._timer.stop()
        if self.record_id is None or self._flushing:
            return
        current = {name: self._value(widget) for name, widget in self._widgets.items()}
        changed = [k for k, v in current.items() if k in self._saved and v != self._saved[k]]
        if not changed:
            return
        # Saving makes pages reload, and a reload flushes: count a value as saved while
        # its write runs, so the nested flush finds nothing to do.
        self._flushing = True
        saved_any = False
        try:
            for name in changed:
                saved_any |= self._save_field(name, current[name])
        finally:
            self._flushing = False
        if saved_any:
            self.edited.emit()

    def _save_field(self, name: str, value: Any) -> bool:
        assert self.record_id is not None
        record_id = self.record_id
        before = self._saved[name]
        command = EditCommand(
            self.context,
            f"edit {self.noun} {name.replace('_', ' ')}",
            self.what,
            lambda session, values: self._save(session, record_id, values),
            {name: before},
            {name: value},
            record_id,
        )
        self._saved[name] = value
        try:
            command.perform()
        except ValidationError as exc:
            self._saved[name] = before
            self.show_error(name, exc.message)
            return False
        except (WriteFailed, NotFoundError):
            self._saved[name] = before
            return False
        self._errors[name].hide()
        return True

    def show_error(self, field: str, message: str) -> None:
        label = self._errors.get(field) or next(iter(self._errors.values()))
        label.setText(message)
        label.show()
