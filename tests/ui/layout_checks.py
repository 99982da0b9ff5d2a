"""What a person calls broken layout, counted on a shown window.

Adapted from the probe the design issue measured with (layout_at_font.py): a sideways
scroll bar that scrolls, a scroll area that scrolls inside another scroll area, a widget
whose right edge lies past the window (cut off with no way to reach it), and a button or
a one-line label narrower than its own text needs (its words cut off).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QWidget


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


def _clipped_text(window: QWidget, page: QWidget, where: str) -> list[str]:
    """Buttons and one-line labels given less width than their text needs (Qt's size hint:
    the text, its icon and the style's margins)."""
    found = []
    for widget in [*page.findChildren(QAbstractButton), *page.findChildren(QLabel)]:
        if not widget.isVisibleTo(window) or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue  # it wraps: its height grows instead
        needed = widget.sizeHint().width()
        if widget.width() + 1 < needed:
            found.append(
                f"{where}: {_label(widget)} {widget.text()[:40]!r} is {widget.width()} px wide, "
                f"its text needs {needed}"
            )
    return found


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
    return problems + _clipped_text(window, page, where)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of a colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def strongest_contrast(image: QImage) -> float:
    """How far the most distinct pixel of `image` stands from its most common colour."""
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    ground = QColor(max(counts, key=lambda rgb: counts[rgb]))
    return max(contrast(ground, QColor(rgb)) for rgb in counts)
