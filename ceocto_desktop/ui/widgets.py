"""Small widget helpers shared by the pages (a page never imports another page for one)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox

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


def choice_filter(name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
    """A filter combo: the first entry keeps everything, the others hold their value."""
    box = named(name, QComboBox())
    box.addItem(everything, None)
    for label, value in items:
        box.addItem(label, value)
    box.setToolTip(everything)
    return box
