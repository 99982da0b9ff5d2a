"""Delegates that draw what a cell means: status as a chip, progress as a bar, titles elided."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ceocto_desktop.ui.theme import CHIP_TONES, is_dark, tokens, tone_colour

Index = QModelIndex | QPersistentModelIndex
# The cell's value for drawing (a progress share), beside the text it displays.
VALUE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
PAD = 6


def _background(painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
    # The style paints selection and alternate rows; the delegate paints only the content.
    style = option.widget.style() if option.widget else None
    plain = QStyleOptionViewItem(option)
    plain.text = ""
    if style is not None:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)


class ElideDelegate(QStyledItemDelegate):
    """Text cut with "…" to the cell's width; the whole text is the cell's tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # What was drawn last in each cell: what a person saw, for tests and accessibility.
        self.painted: dict[tuple[int, int], str] = {}

    def displayed_text(self, option: QStyleOptionViewItem, index: Index) -> str:
        """The text as it fits the cell, elided with "…"."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = option.rect.width() - 2 * PAD
        return QFontMetrics(option.font).elidedText(text, Qt.TextElideMode.ElideRight, width)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _background(painter, opt, index)
        text = self.displayed_text(opt, index)
        self.painted[(index.row(), index.column())] = text
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.save()
        painter.setPen(colour if isinstance(colour, QColor) else opt.palette.color(role))
        painter.setFont(opt.font)
        rect = opt.rect.adjusted(PAD, 0, -PAD, 0)
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        flags = Qt.AlignmentFlag(alignment) if alignment else Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()


class ChipDelegate(QStyledItemDelegate):
    """A small rounded chip in the value's hue (status, severity, verdict); other text plain."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if text.lower() not in CHIP_TONES:
            # A column mixing chips and words ("better" once reviewed, "in 3 weeks" before).
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _background(painter, opt, index)
        chip_rect = chip_geometry(opt.font, opt.rect, text)
        draw_chip(painter, chip_rect, text, opt.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = QFontMetrics(option.font)
        return QSize(metrics.horizontalAdvance(text) + 4 * PAD, metrics.height() + PAD)


def chip_geometry(font: Any, cell: QRect, text: str) -> QRect:
    """The chip's rectangle inside a cell: snug around the text, vertically centred."""
    small = _chip_font(font)
    metrics = QFontMetrics(small)
    width = min(cell.width() - 2 * PAD + 2, metrics.horizontalAdvance(text) + 2 * PAD)
    height = metrics.height() + 4
    top = cell.top() + (cell.height() - height) // 2
    return QRect(cell.left() + PAD - 2, top, max(0, width), height)


def _chip_font(font: Any) -> Any:
    small = type(font)(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() - 1)
    small.setWeight(small.Weight.DemiBold)
    return small


def draw_chip(painter: QPainter, rect: QRect, text: str, font: Any) -> None:
    """Paint one chip: a tinted rounded rectangle with the text in the full hue."""
    hue = tone_colour(text)
    fill = QColor(hue)
    fill.setAlphaF(0.24 if is_dark() else 0.13)
    small = _chip_font(font)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(QRectF(rect), rect.height() / 2, rect.height() / 2)
    # The words a shade deeper (lighter on dark) than the tint's hue: 4.5:1 on the tint,
    # on a selected row too (the full hue read at 3:1 on its own tint).
    painter.setPen(hue.lighter(140) if is_dark() else hue.darker(140))
    painter.setFont(small)
    metrics = QFontMetrics(small)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 2 * PAD + 4)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), shown)
    painter.restore()


class ProgressDelegate(QStyledItemDelegate):
    """A thin bar with its number beside it; an empty cell when there is no progress."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _background(painter, opt, index)
        share = index.data(VALUE_ROLE)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = QFontMetrics(opt.font)
        number_width = metrics.horizontalAdvance("100%") + PAD
        rect = opt.rect.adjusted(PAD, 0, -PAD, 0)
        t = tokens()
        painter.save()
        painter.setFont(opt.font)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(role))
        number_rect = QRect(rect.right() - number_width, rect.top(), number_width, rect.height())
        painter.drawText(
            number_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text
        )
        bar_width = rect.width() - number_width - PAD
        if isinstance(share, float) and bar_width > 12:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            bar = QRectF(rect.left(), rect.center().y() - 2, bar_width, 5)
            painter.setBrush(QColor(t.border))
            painter.drawRoundedRect(bar, 2.5, 2.5)
            filled = QRectF(bar)
            filled.setWidth(max(0.0, min(1.0, share)) * bar_width)
            painter.setBrush(QColor(t.accent))
            if filled.width() > 0:
                painter.drawRoundedRect(filled, 2.5, 2.5)
        painter.restore()
