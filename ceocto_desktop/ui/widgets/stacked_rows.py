"""A table that becomes stacked rows when its columns cannot fit side by side.

At 1440 px "What moved" reads as a table; at 1024 px with the desktop's 11 pt font its
seven columns would need a sideways scroll. Then the title column takes the whole width
and draws the other columns' values beneath the title, one "Label: value" line each; the
items themselves do not change, so what is ticked and read stays the same.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
)

from ceocto_desktop.ui.widgets.grow import refit

Index = QModelIndex | QPersistentModelIndex


class StackedDelegate(QStyledItemDelegate):
    """Draws a row's title in bold and the folded columns' values under it."""

    def __init__(self, table: QTableWidget, folded: range):
        super().__init__(table)
        self.table = table
        self.folded = folded

    def document(self, index: Index, width: int) -> QTextDocument:
        model = index.model()
        lines = [f"<b>{escape(str(index.data() or ''))}</b>"]
        muted = self.table.palette().color(QPalette.ColorRole.PlaceholderText).name()
        for column in self.folded:
            header = model.headerData(column, Qt.Orientation.Horizontal) or ""
            value = model.index(index.row(), column).data() or "—"
            lines.append(
                f"<span style='color:{muted}'>{escape(str(header))}:</span> {escape(str(value))}"
            )
        document = QTextDocument()
        document.setDefaultFont(self.table.font())
        document.setHtml("<br>".join(lines))
        document.setTextWidth(max(80, width))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self.document(index, option.rect.width() - 8)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = (
            QPalette.ColorRole.HighlightedText
            if option.state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self.table.columnWidth(index.column()) - 8
        document = self.document(index, width)
        # Room below each stacked row: one goal's last line must not touch the next's title.
        return QSize(width, int(document.size().height()) + 16)


class StackWhenNarrow(QObject):
    """Switches a table between columns and stacked rows as its width allows."""

    def __init__(self, table: QTableWidget, title_column: int, folded: range):
        super().__init__(table)
        self.table = table
        self.title_column = title_column
        self.folded = folded
        self.stacked = False
        self.delegate = StackedDelegate(table, folded)
        self.plain = table.itemDelegateForColumn(title_column)
        table.setWordWrap(True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Kept: asking a table being destroyed for its viewport raises.
        self.viewport = table.viewport()
        self.viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.viewport:
            self.fit()
        return False

    def needed_width(self) -> int:
        """The width the columns take side by side, each at its content's width."""
        table = self.table
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        rows = range(min(60, table.rowCount()))  # the first rows tell; thousands take seconds
        total = 0
        for column in range(table.columnCount()):
            widest = header.sectionSizeHint(column)
            for row in rows:
                item = table.item(row, column)
                if item is not None and item.text():
                    widest = max(widest, metrics.horizontalAdvance(item.text()) + 16)
            total += widest
        return total

    def fit(self) -> None:
        """Columns if they fit the table's width, else stacked rows; rows as tall as their text."""
        table = self.table
        header = table.horizontalHeader()
        room = table.viewport().width()
        stacked = self.needed_width() > room
        self.stacked = stacked
        for column in self.folded:
            header.setSectionHidden(column, stacked)
        table.setItemDelegateForColumn(self.title_column, self.delegate if stacked else self.plain)
        for column in range(table.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == self.title_column
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        table.resizeRowsToContents()
        refit(table)
