"""A record's status and history in its detail pane: a state line, its buttons, the history.

The history reads as a timeline, newest first: a rule down the left with a dot per entry
(the newest in the accent colour), each entry's date in bold above what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.ui.widgets.basic import named
from ceocto_desktop.ui.widgets.grow import grow_with_content

DAY_ROLE = Qt.ItemDataRole.UserRole + 40  # the entry's day as written ("3 Dec 2026")
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 41  # what happened, below the day
RULE_X = 7  # px from the list's left edge: the timeline's rule, through each dot's centre
DOT_RADIUS = 4
TEXT_X = 22  # where an entry's words start, right of the rule
GAP = 10  # px below an entry, before the next one's day


AnyIndex = QModelIndex | QPersistentModelIndex


class TimelineDelegate(QStyledItemDelegate):
    """Draws a history entry as a point on a timeline: dot on the rule, day, what happened."""

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self.view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def _detail_rect(self, width: int, detail: str, font: QFont) -> QRect:
        room = max(40, width - TEXT_X - 4)
        flags = int(Qt.TextFlag.TextWordWrap)
        return QFontMetrics(font).boundingRect(QRect(0, 0, room, 100_000), flags, detail)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        day, detail = index.data(DAY_ROLE), index.data(DETAIL_ROLE)
        if day is None:  # a plain line ("No progress recorded yet.")
            return super().sizeHint(option, index)
        bold, plain = self._fonts(option)
        width = self.view.viewport().width()
        height = QFontMetrics(bold).height() + 2
        if detail:
            height += self._detail_rect(width, detail, plain).height()
        return QSize(width, height + GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        day, detail = index.data(DAY_ROLE), index.data(DETAIL_ROLE)
        if day is None:
            super().paint(painter, option, index)
            return
        bold, plain = self._fonts(option)
        rect = option.rect
        palette = option.palette
        line_height = QFontMetrics(bold).height()
        dot_y = rect.top() + line_height // 2
        rows = index.model().rowCount()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rule = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setPen(rule)
        # The rule joins the dots: from this dot down to the next entry (none after the last).
        if index.row() < rows - 1:
            painter.drawLine(rect.left() + RULE_X, dot_y, rect.left() + RULE_X, rect.bottom() + 1)
        if index.row() > 0:
            painter.drawLine(rect.left() + RULE_X, rect.top(), rect.left() + RULE_X, dot_y)
        newest = index.row() == 0
        dot = palette.color(QPalette.ColorRole.Link) if newest else rule
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(dot)
        painter.drawEllipse(
            rect.left() + RULE_X - DOT_RADIUS, dot_y - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS
        )
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(bold)
        left = rect.left() + TEXT_X
        painter.drawText(
            QRect(left, rect.top(), rect.width() - TEXT_X, line_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            day,
        )
        if detail:
            painter.setFont(plain)
            shape = self._detail_rect(rect.width(), detail, plain)
            painter.drawText(
                QRect(left, rect.top() + line_height + 2, shape.width() + 1, shape.height()),
                int(Qt.TextFlag.TextWordWrap),
                detail,
            )
        painter.restore()


def history_list(name: str, min_height: int, spacing: int = 0) -> QListWidget:
    """A timeline of dated events that wraps inside the pane and grows with its entries."""
    history = named(name, QListWidget())
    # A long entry wraps inside the pane instead of scrolling sideways.
    history.setWordWrap(True)
    history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    history.setResizeMode(QListWidget.ResizeMode.Adjust)
    history.setSelectionMode(QListWidget.SelectionMode.NoSelection)
    history.setItemDelegate(TimelineDelegate(history))
    if spacing:
        history.setSpacing(spacing)
    grow_with_content(history, min_height=min_height)
    return history


def add_entry(history: QListWidget, day: date, detail: str) -> QListWidgetItem:
    """One dated entry of a timeline (add them newest first)."""
    shown = day_text(day)
    item = QListWidgetItem(f"{shown} · {detail}" if detail else shown)
    item.setData(DAY_ROLE, shown)
    item.setData(DETAIL_ROLE, detail)
    item.setToolTip(item.text())
    history.addItem(item)
    return item


def entries(history: QListWidget) -> list[tuple[str, Any]]:
    """The timeline's (day, what happened) pairs, top to bottom, as a person reads them."""
    return [
        (history.item(row).data(DAY_ROLE), history.item(row).data(DETAIL_ROLE))
        for row in range(history.count())
    ]


def state_label(name: str) -> QLabel:
    """The line saying where a record stands ("Open for 3 days", "Due for review since …")."""
    state = named(name, QLabel())
    state.setWordWrap(True)
    return state


def status_box(
    title: str, state: QLabel, buttons: Sequence[QWidget], below: Sequence[QWidget] = ()
) -> QGroupBox:
    """A group: the state line, its buttons in a row on the left, then what goes below."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(state)
    layout.addLayout(row)
    for widget in below:
        layout.addWidget(widget)
    return box
