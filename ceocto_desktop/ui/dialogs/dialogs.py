"""A small form in a dialog whose refusals show next to the field they concern."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.services.errors import NotFoundError, ValidationError
from ceocto_desktop.ui.context import WriteFailed
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named


class Choices(QWidget):
    """Radio buttons for a few mutually exclusive values."""

    def __init__(self, name: str, options: list[tuple[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.group = QButtonGroup(self)
        self.values: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, (label, value) in enumerate(options):
            button = named(f"{name}_{index}", QRadioButton(label))
            self.group.addButton(button, index)
            self.values.append(value)
            layout.addWidget(button)

    def value(self) -> Any:
        index = self.group.checkedId()
        return None if index < 0 else self.values[index]


def text_box(name: str, placeholder: str = "", height: int = 70) -> QPlainTextEdit:
    box = named(name, QPlainTextEdit())
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(height)
    return box


class FieldsDialog(QDialog):
    """Fields by name; submit(values) writes them or raises ValidationError naming one."""

    def __init__(
        self,
        name: str,
        title: str,
        intro: str,
        fields: list[tuple[str, str, QWidget]],
        submit: Callable[[dict[str, Any]], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._submit = submit
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.result_value: Any = None
        form = QFormLayout()
        for field, label, widget in fields:
            error = named(f"{name}_{field}_error", QLabel())
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label, holder)
            self.widgets[field] = widget
            self.errors[field] = error
        self.general_error = named(f"{name}_error", QLabel())
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                out[field] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                out[field] = widget.toPlainText()
            elif isinstance(widget, QCheckBox):
                out[field] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[field] = widget.currentData()
            elif isinstance(widget, Choices):
                out[field] = widget.value()
        return out

    def save(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.hide()
        try:
            self.result_value = self._submit(self.values())
        except ValidationError as exc:
            label = self.errors.get(exc.field, self.general_error)
            label.setText(exc.message)
            label.show()
            return
        except (WriteFailed, NotFoundError) as exc:
            self.general_error.setText(str(exc))
            self.general_error.show()
            return
        self.accept()
