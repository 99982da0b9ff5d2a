"""A small table's columns sized to their header and cells at today's font (the goal's key
results): the first column takes what the others leave; the least needed column is hidden
while that first column would be cut below its own header."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableWidget
from shiboken6 import isValid

from ceocto_desktop.ui.widgets.delegates import PAD

HEADER_PAD = 14  # the header's style-sheet padding on both sides, and a pixel or two of air
CELL_PAD = 2 * PAD + 2
SMALLEST_BAR = 14  # the progress delegate draws its bar only when it has more than 12 px


def column_needs(table: QTableWidget, progress_column: int | None = None) -> list[int]:
    """Each column's width for its header (semi-bold, as the theme draws it) and its cells."""
    bold_font = QFont(table.horizontalHeader().font())
    bold_font.setWeight(QFont.Weight.DemiBold)
    bold = QFontMetrics(bold_font)
    plain = table.fontMetrics()
    needs = []
    for column in range(table.columnCount()):
        label = table.horizontalHeaderItem(column)
        need = bold.horizontalAdvance(label.text() if label else "") + HEADER_PAD
        if column == progress_column:
            need = max(need, plain.horizontalAdvance("100%") + 3 * PAD + SMALLEST_BAR)
        elif column > 0:
            for row in range(table.rowCount()):
                item = table.item(row, column)
                if item is not None:
                    need = max(need, plain.horizontalAdvance(item.text()) + CELL_PAD)
        needs.append(need)
    return needs


class ColumnFitter(QObject):
    """Keeps `table`'s columns fitted as it is filled and resized; never a sideways scroll."""

    def __init__(
        self, table: QTableWidget, progress_column: int | None, drop_order: tuple[int, ...]
    ) -> None:
        super().__init__(table)
        self.table = table
        self.progress_column = progress_column
        self.drop_order = drop_order
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.viewport = table.viewport()
        self.viewport.installEventFilter(self)

    def fit(self) -> None:
        needs = column_needs(self.table, self.progress_column)
        room = self.table.viewport().width()
        shown = set(range(len(needs)))
        for column in self.drop_order:
            if sum(needs[n] for n in shown if n) + needs[0] <= room:
                break
            shown.discard(column)
        header = self.table.horizontalHeader()
        for column, need in enumerate(needs):
            header.setSectionHidden(column, column not in shown)
            if column:
                self.table.setColumnWidth(column, need)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport, kept: asking the table for it fails while the table is being deleted.
        if watched is self.viewport and event.type() == QEvent.Type.Resize and isValid(self.table):
            self.fit()
        return False
