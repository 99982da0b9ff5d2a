"""A page of records: filters over a lazily fetched table, and the selected record's detail."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.table_model import LazyTableModel
from ceocto_desktop.ui.widgets import ERROR_STYLE, named

ROW_HEIGHT = 26
FILTER_DELAY_MS = 250


class RecordPage(JournalPage):
    """Subclasses give: kind, noun, model columns and queries, a detail widget, new/delete."""

    kind = ""  # the records this page shows, as links name them ("goals")
    noun = ""  # one record, for messages ("goal")
    depends_on = Changed.NOTHING  # what the page shows: its own records and what they link

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{self.kind}Page")
        self.context = context
        self.current_id: str | None = None

        self.filter_box = named(f"{self.kind}Filter", QLineEdit())
        self.filter_box.setPlaceholderText(f"Filter {self.kind} (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.reload)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())
        self.count_label = named(f"{self.kind}Count", QLabel())
        self.filter_error = named(f"{self.kind}FilterError", QLabel())
        self.filter_error.setStyleSheet(ERROR_STYLE)
        self.filter_error.hide()
        self.new_button = named(f"new_{self.noun}", QPushButton(f"New {self.noun}"))
        self.new_button.setToolTip(f"New {self.noun} (Ctrl+N)")
        self.new_button.clicked.connect(self.new_record)
        self.delete_button = named(f"delete_{self.noun}", QPushButton("Delete"))
        self.delete_button.setToolTip(f"Delete the selected {self.noun} (Delete; Ctrl+Z undoes)")
        self.delete_button.clicked.connect(self.delete_current)

        filter_widgets = self.make_filters()
        self.model = self.make_model()
        self.table = named(f"{self.kind}Table", QTableView())
        self.table.setModel(self.model)
        column, descending = self.initial_sort()
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Fixed row heights: a ResizeToContents header measures every row (47 s at 100k).
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _index: self.focus_detail())

        filters = QHBoxLayout()
        for widget in filter_widgets:
            filters.addWidget(widget)
        filters.addWidget(self.filter_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.filter_error)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.detail = self.make_detail()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(440)
        scroll.setWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.watch_journal(context)
        # setSortingEnabled above already loaded the first page; showing counts and selects.
        self.size_columns()

    # For subclasses ----------------------------------------------------------------------------
    def make_model(self) -> LazyTableModel:
        raise NotImplementedError

    def make_filters(self) -> list[QWidget]:
        return []

    def initial_sort(self) -> tuple[int, bool]:
        """Which column the table is sorted on at first, and whether descending."""
        return 0, False

    def make_detail(self) -> QWidget:
        raise NotImplementedError

    def show_record(self, record_id: str | None) -> None:
        """Load the record into the detail pane (None empties it)."""
        raise NotImplementedError

    def create_record(self) -> str | None:
        """Create a new record (undoably) and return its id."""
        raise NotImplementedError

    def delete_record(self, record_id: str) -> str:
        """Delete the record (undoably); return its title for the status bar."""
        raise NotImplementedError

    def focus_detail(self) -> None:
        """Put the cursor in the detail pane's first field."""

    def flush_edits(self) -> None:
        """Save what is being typed now (on closing, on switching records)."""

    def column_widths(self) -> list[int]:
        return []

    # Behaviour ---------------------------------------------------------------------------------
    def size_columns(self) -> None:
        for column, width in enumerate(self.column_widths()):
            self.table.setColumnWidth(column, width)

    def reload(self) -> None:
        """Query again with the filters, keep the selection when the record is still there."""
        self.flush_edits()
        try:
            self.model.reload()
        except ValidationError as exc:
            self.filter_error.setText(exc.message)
            self.filter_error.show()
            return
        self.filter_error.hide()
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(f"{total:,} {self.kind}" if total != 1 else f"1 {self.noun}")
        if shown == 0:
            self.count_label.setText(
                f"No {self.kind} match"
                if self.filter_box.text()
                else f"No {self.kind} yet: Ctrl+N adds one"
            )
        if self.current_id is not None:
            self.select(self.current_id)
        self.show_record(self.current_id)

    def refresh(self) -> None:
        self.reload()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        record_id = self.model.row_at(current.row()).id
        if record_id != self.current_id:
            self.flush_edits()
            self.current_id = record_id
            self.show_record(record_id)

    def select(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def open_record(self, record_id: str) -> None:
        """Show this record, from a link elsewhere: selected if the table shows it."""
        self.flush_edits()
        self.current_id = record_id
        if not self.select(record_id):
            self.table.clearSelection()
        self.show_record(record_id)

    def new_record(self) -> None:
        try:
            record_id = self.create_record()
        except (ValidationError, WriteFailed) as exc:
            self.context.notice.emit(str(exc))
            return
        if record_id is None:
            return
        self.open_record(record_id)
        self.focus_detail()

    def delete_current(self) -> None:
        if self.current_id is None:
            return
        index = self.table.currentIndex()
        try:
            title = self.delete_record(self.current_id)
        except WriteFailed:
            return
        self.current_id = None
        following = min(index.row(), self.model.rowCount() - 1) if index.isValid() else -1
        if following >= 0:
            self.table.selectRow(following)
        else:
            self.show_record(None)
        self.context.notice.emit(f"Deleted {self.noun} “{title}”. Ctrl+Z brings it back.")

    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def filter_text(self) -> str:
        return self.filter_box.text()

    def current_row(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None
