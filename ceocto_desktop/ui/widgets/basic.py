"""Small widget helpers shared by the pages (a page never imports another page for one)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, QSize
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyle, QStyleOptionComboBox

W = TypeVar("W", bound=QObject)

ERROR_STYLE = "color: #c0392b;"


def primary(button: W) -> W:
    """Mark the one main action of a page or dialog: the accent-filled button."""
    button.setProperty("role", "primary")
    return button


def named(name: str, widget: W) -> W:
    """Give a widget the object name tests and accessibility tools find it by."""
    widget.setObjectName(name)
    return widget


def secret_field(name: str, placeholder: str = "", accessible: str = "") -> QLineEdit:
    """A line whose text is hidden as it is typed: a PIN, a passphrase, a join code."""
    field = named(name, QLineEdit())
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        field.setPlaceholderText(placeholder)
    if accessible:
        field.setAccessibleName(accessible)
    return field


def choice_filter(name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
    """A filter combo: the first entry keeps everything, the others hold their value."""
    box = named(name, QComboBox())
    box.addItem(everything, None)
    for label, value in items:
        box.addItem(label, value)
    box.setToolTip(everything)
    # Never narrower than the choice it shows ("Any own…" read as nothing at 11 pt).
    box.currentIndexChanged.connect(lambda _index: fit_current_text(box))
    fit_current_text(box)
    return box


def current_text_width(box: QComboBox) -> int:
    """How wide the box must be to show its current text whole, with the style's margins."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    text = QSize(box.fontMetrics().horizontalAdvance(box.currentText()), box.fontMetrics().height())
    size = box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, box)
    return size.width()


def fit_current_text(box: QComboBox) -> None:
    box.setMinimumWidth(current_text_width(box))
