"""A table over service rows: sorted and filtered in SQL, fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.ui.theme import tokens
from ceocto_desktop.ui.widgets.delegates import VALUE_ROLE

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """One column: its header, sort key, text, and how it is drawn and given up when narrow."""

    title: str
    key: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    draw: str = ""  # "title" (elided, stretches), "chip", "progress"; "" plain text
    width: int = 80
    # When the table is too narrow, columns with the highest number go first (0: never).
    drop: int = 0
    header_tip: str = ""
    tip: Callable[[Any], str] | None = None  # the hover text, when not the cell's text
    value: Callable[[Any], Any] | None = None  # what a delegate draws (a progress share)
    alert: Callable[[Any], bool] | None = None  # drawn in the danger colour (overdue)


class LazyTableModel(QAbstractTableModel):
    """Rows come from fetch(page) in pages of PAGE; sorting asks the query for a new order."""

    PAGE = 200

    def __init__(
        self,
        columns: Sequence[Column],
        fetch: Callable[[Page], list[Any]],
        count: Callable[[], int],
        parent: Any = None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self._count = count
        self._rows: list[Any] = []
        self._total = 0
        self._sort = ""
        self._descending = False
        self._waiting = False

    # Qt's model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tip or column.text)(row) or None
        if role == VALUE_ROLE:
            return column.value(row) if column.value else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(tokens().danger) if column.alert and column.alert(row) else None
        if role == Qt.ItemDataRole.FontRole and column.alert and column.alert(row):
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tip or None
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = Page(self._sort, self._descending, offset=len(self._rows), limit=self.PAGE)
        more = self._fetch(page)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # No column (-1): the query's own order, "what matters now" for goals.
        key = self.columns[column].key if column >= 0 else ""
        if column >= 0 and not key:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        if not self._waiting:
            self.reload()

    # Ours ------------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many rows the query holds (not how many are loaded)."""
        return self._total

    def wait_for_first_reload(self) -> None:
        """Take orders from sort() but query nothing until reload() is first called: a page
        built hidden loads its rows when it is first shown, not also at construction."""
        self._waiting = True

    def reload(self) -> None:
        """Count again and load the first page, in the current order."""
        self._waiting = False
        self.beginResetModel()
        self._total = self._count()
        self._rows = self._fetch(Page(self._sort, self._descending, 0, self.PAGE))
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: str) -> int | None:
        """The table row showing that record, if it is loaded."""
        for number, row in enumerate(self._rows):
            if row.id == record_id:
                return number
        return None
