"""File › Changed on both laptops…: records changed on both laptops, with one click to take
the other value; and what arrived from the other laptop, each change file undoable."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.sync.conflicts import ConflictView, list_conflicts, resolve, take_other
from ceocto_desktop.sync.received import (
    ReceivedView,
    list_received,
    redo_received,
    undo_received,
)
from ceocto_desktop.ui.commands import CallCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets.basic import named

COLUMNS = ("Record", "Field", "What happened", "Kept", "The other laptop's")
ARRIVED_COLUMNS = ("When", "From", "What it changed", "")


def _table(name: str, columns: tuple[str, ...]) -> QTableWidget:
    table = named(name, QTableWidget(0, len(columns)))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


class ConflictsDialog(QDialog):
    """Lists what sync kept from both laptops until someone has looked at it."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle("Changed on both laptops")
        self.context = context
        self.rows: list[ConflictView] = []
        self.summary = named("conflictsSummary", QLabel())
        self.summary.setWordWrap(True)
        self.table = _table("conflictsTable", COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.take = named("takeOtherButton", QPushButton("Take the other version"))
        self.seen = named("markSeenButton", QPushButton("Keep this one"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.take.clicked.connect(self.take_other)
        self.seen.clicked.connect(self.mark_seen)
        self.table.itemSelectionChanged.connect(self._enable)
        both = QWidget()
        both_layout = QVBoxLayout(both)
        both_layout.addWidget(self.summary)
        both_layout.addWidget(self.table)
        both_layout.addLayout(_row(self.take, self.seen))
        self.tabs = named("syncHistoryTabs", QTabWidget())
        self.tabs.addTab(both, "Changed on both")
        self.tabs.addTab(self._arrived_tab(), "Arrived from the other laptop")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self.refresh()

    def _arrived_tab(self) -> QWidget:
        self.arrived: list[ReceivedView] = []
        self.arrived_summary = named("arrivedSummary", QLabel())
        self.arrived_summary.setWordWrap(True)
        self.arrived_table = _table("arrivedTable", ARRIVED_COLUMNS)
        header = self.arrived_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.undo_arrived = named("undoArrivedButton", QPushButton("Undo this change"))
        self.undo_arrived.clicked.connect(self.undo_selected)
        self.arrived_table.itemSelectionChanged.connect(self._enable)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.arrived_summary)
        column.addWidget(self.arrived_table)
        column.addLayout(_row(self.undo_arrived))
        return tab

    def refresh(self) -> None:
        """Read the list afresh."""
        self.rows = self.context.read(list_conflicts)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            other = row.other + (f" ({row.other_seat})" if row.other_seat else "")
            for column, text in enumerate((row.record, row.field, row.what, row.kept, other)):
                item = QTableWidgetItem(text.replace("\n", " ⏎ "))
                item.setToolTip(text)
                self.table.setItem(index, column, item)
        self.summary.setText(
            f"{len(self.rows)} change(s) both laptops made to the same records. Nothing was "
            "lost: the value kept is in the record, the other one is here."
            if self.rows
            else "Nothing was changed on both laptops."
        )
        self._refresh_arrived()
        self._enable()

    def _refresh_arrived(self) -> None:
        self.arrived = self.context.read(list_received)
        self.arrived_table.setRowCount(len(self.arrived))
        for index, row in enumerate(self.arrived):
            who = first_name(self.context, row.seat) if row.seat else "The other laptop"
            when = _local_time(row.received_at)
            state = "undone" if row.undone else ""
            for column, text in enumerate((when, who, row.summary, state)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.arrived_table.setItem(index, column, item)
        self.arrived_summary.setText(
            "What sync brought from the other laptop, newest first. Undo puts back what a "
            "change replaced, here and, at the next sync, on the other laptop (Edit › Undo "
            "takes the undo back)."
            if self.arrived
            else "Nothing has arrived from the other laptop yet."
        )

    def _selected_arrived(self) -> ReceivedView | None:
        rows = self.arrived_table.selectionModel().selectedRows()
        return self.arrived[rows[0].row()] if rows else None

    def undo_selected(self) -> None:
        """Undo what the chosen change file did here; it travels as a new change."""
        chosen = self._selected_arrived()
        if chosen is None or chosen.undone:
            return
        try:
            outcome = CallCommand(
                self.context,
                "undo a change from the other laptop",
                Changed.ALL,
                lambda session: undo_received(session, chosen.id),
                lambda session: redo_received(session, chosen.id),
            ).perform()
        except WriteFailed:
            return
        self._refresh_arrived()
        if outcome.left:
            self.arrived_summary.setText(
                f"Undone, except {outcome.left} field(s) changed again since: those keep "
                "their later value."
            )

    def _selected(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        chosen = self._selected()
        self.take.setEnabled(chosen is not None and chosen.can_take_other)
        self.seen.setEnabled(chosen is not None)
        arrived = self._selected_arrived()
        self.undo_arrived.setEnabled(arrived is not None and not arrived.undone)

    def take_other(self) -> None:
        """Put the other laptop's value in the record."""
        chosen = self._selected()
        if chosen is None:
            return
        try:
            self.context.write(lambda session: take_other(session, chosen.id), Changed.ALL)
        except WriteFailed:
            return
        self.refresh()

    def mark_seen(self) -> None:
        """Keep the record as it is and drop the entry from the list."""
        chosen = self._selected()
        if chosen is None:
            return
        try:
            self.context.write(lambda session: resolve(session, chosen.id), Changed.NOTHING)
        except WriteFailed:
            return
        self.refresh()


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch()
    for button in buttons:
        row.addWidget(button)
    return row


def _local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
