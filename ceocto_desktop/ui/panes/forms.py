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

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import NotFoundError, ValidationError
from ceocto_desktop.ui.commands import EditCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.save_state import short_reason
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, FlowLayout, PropertyChip, named

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
        what: Changed,
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
        self._labels: dict[str, str] = {}
        # Edits the journal refused, by (record, field): (value before, value typed). They
        # are retried (on a timer, on the next edit, on leaving) until written, even after
        # the form has moved on to another record.
        self._unsent: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._loading = False
        self._flushing = False
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._chip_row: FlowLayout | None = None
        self._chip_errors: QVBoxLayout | None = None
        self._under_heading = 0
        self.layout_ = QFormLayout()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.layout_)

    # Building --------------------------------------------------------------------------------
    def add(
        self, name: str, label: str, widget: QWidget, *, heading: bool = False, chip: bool = False
    ) -> QWidget:
        """Add a field: a line edit, text box, combo box or check box bound to name.

        heading: the record's title, large across the pane with no label, as a document's.
        chip: a choice shown as a chip ("Owner Sam ▾") in one flowing row of properties."""
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
        if chip:  # said under the row of chips, at the pane's width, not inside the chip
            self._chips()
            assert self._chip_errors is not None
            self._chip_errors.addWidget(error)
        else:
            column.addWidget(error)
        if heading:
            widget.setProperty("role", "docTitle")
            widget.setAccessibleName(label.replace("&", ""))
            self.layout_.addRow(box)
            self._under_heading = self.layout_.rowCount()
        elif chip:
            self._chips().addWidget(PropertyChip(label.replace("&", ""), box))
        else:
            self.layout_.addRow(label, box)
        self._widgets[name] = widget
        self._errors[name] = error
        self._labels[name] = label.replace("&", "") or name.replace("_", " ")
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

    def _chips(self) -> FlowLayout:
        """The row the chips flow in: made where the first chip is added."""
        if self._chip_row is None:
            row = named(f"{self.noun}Properties", QWidget())
            self._chip_row = FlowLayout(row, spacing=6)
            # Right under the title, as a document's properties, wherever the chips are added.
            self.layout_.insertRow(self._under_heading, row)
            errors = QWidget()
            self._chip_errors = QVBoxLayout(errors)
            self._chip_errors.setContentsMargins(0, 0, 0, 0)
            self.layout_.insertRow(self._under_heading + 1, errors)
        return self._chip_row

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
            widget.setCursorPosition(0)  # a long title shows its start, not its end
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
                unsent = self._unsent.get((record_id, name)) if record_id else None
                if unsent is not None:  # refused earlier: show what was typed, not the old value
                    self._show(widget, unsent[1])
                    continue
                if name in values:
                    self._show(widget, values[name])
                self._errors[name].hide()
        finally:
            self._loading = False
        self.setEnabled(record_id is not None)

    # Saving ----------------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._loading and self.record_id is not None:
            self._timer.start()
            self.context.save_state.editing(self)

    def retry(self) -> None:
        """Write what is pending now (the window's retry timer, or closing)."""
        self.flush()

    def discard(self) -> None:
        """Forget refused edits (the window is closing and the person chose to discard)."""
        self._timer.stop()
        self._unsent.clear()

    def unsaved_text(self) -> str:
        """The typed words the journal has not taken, one field after another."""
        parts = []
        for (_record_id, name), (_before, value) in self._unsent.items():
            if isinstance(value, str) and value.strip():
                parts.append(f"--- {self.noun.capitalize()}: {self._labels[name]} ---\n{value}")
        return "\n\n".join(parts)

    def _changed_now(self) -> None:
        if not self._loading and self.record_id is not None:
            self.flush()

    def flush(self) -> None:
        """Save each field that changed; a refused one shows why beside it, the rest save."""
        self._timer.stop()
        if self._flushing:
            return
        if self.record_id is not None:
            current = {name: self._value(widget) for name, widget in self._widgets.items()}
            for name, value in current.items():
                if name in self._saved and value != self._saved[name]:
                    self._unsent[(self.record_id, name)] = (self._saved[name], value)
        if not self._unsent:
            self.context.save_state.settled(self, wrote=False)
            return
        # Saving makes pages reload, and a reload flushes: count a value as saved while
        # its write runs, so the nested flush finds nothing to do.
        self._flushing = True
        saved_any = False
        failure = ""
        try:
            for key in list(self._unsent):
                outcome = self._save_field(key)
                saved_any |= outcome is None
                failure = failure or outcome or ""
        finally:
            self._flushing = False
        if failure:
            self.context.save_state.failed(self, failure)
        else:
            self.context.save_state.settled(self, wrote=saved_any)
        if saved_any:
            self.edited.emit()

    def _save_field(self, key: tuple[str, str]) -> str | None:
        """Write one pending field: None when written, else why not ("" when refused for
        good: a value the record cannot take, or a record deleted meanwhile)."""
        record_id, name = key
        before, value = self._unsent[key]
        shown = record_id == self.record_id
        command = EditCommand(
            self.context,
            f"edit {self.noun} {name.replace('_', ' ')}",
            self.what,
            lambda session, values: self._save(session, record_id, values),
            {name: before},
            {name: value},
            record_id,
        )
        if shown:
            self._saved[name] = value
        try:
            command.perform()
        except ValidationError as exc:
            del self._unsent[key]
            if shown:
                self._saved[name] = before
                self.show_error(name, exc.message)
            return ""
        except NotFoundError:
            del self._unsent[key]
            return ""
        except WriteFailed as exc:
            if shown:
                self._saved[name] = before
                self.show_error(name, f"Not saved: {short_reason(str(exc))}")
            return str(exc)
        del self._unsent[key]
        if shown:
            self._errors[name].hide()
        return None

    def show_error(self, field: str, message: str) -> None:
        label = self._errors.get(field) or next(iter(self._errors.values()))
        label.setText(message)
        label.show()
