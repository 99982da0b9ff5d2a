"""What a person calls broken layout, counted on a shown window.

Adapted from the probe the design issue measured with (layout_at_font.py): a sideways
scroll bar that scrolls, a scroll area that scrolls inside another scroll area, and a
widget whose right edge lies past the window (cut off with no way to reach it).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget


def _scrolls(bar_owner: QAbstractScrollArea) -> bool:
    bar = bar_owner.verticalScrollBar()
    return bar.isVisible() and bar.maximum() > 0


def _scroll_ancestor(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _label(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r}"


def layout_problems(window: QWidget, page: QWidget, where: str) -> list[str]:
    """Every broken-layout finding on a page as it is shown now, one line each."""
    for _ in range(3):
        QApplication.processEvents()
    problems: list[str] = []
    for area in page.findChildren(QAbstractScrollArea):
        if not area.isVisibleTo(window):
            continue
        sideways = area.horizontalScrollBar()
        if sideways.isVisible() and sideways.maximum() > 0:
            problems.append(f"{where}: sideways scroll in {_label(area)}")
        outer = _scroll_ancestor(area)
        if outer is not None and _scrolls(area):
            problems.append(f"{where}: {_label(area)} scrolls inside {_label(outer)}")
    right_edge = window.width() + 2
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() < 8:
            continue
        if widget.findChildren(QWidget):
            continue  # containers: their leaves tell
        right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
        if right > right_edge:
            problems.append(f"{where}: {_label(widget)} ends at x={right} > {window.width()}")
    return problems
