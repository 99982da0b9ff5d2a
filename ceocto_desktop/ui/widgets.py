"""Small widget helpers shared by the pages."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

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
