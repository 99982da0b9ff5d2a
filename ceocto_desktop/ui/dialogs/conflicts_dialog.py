"""File › Conflicts…: records changed on both laptops, with one click to take the other value."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.sync.conflicts import ConflictView, list_conflicts, resolve, take_other
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.widgets.basic import named

COLUMNS = ("Record", "Field", "What happened", "Kept", "The other laptop's")


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
        self.table = named("conflictsTable", QTableWidget(0, len(COLUMNS)))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.take = named("takeOtherButton", QPushButton("Take the other version"))
        self.seen = named("markSeenButton", QPushButton("Keep this one"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.take, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.seen, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.take.clicked.connect(self.take_other)
        self.seen.clicked.connect(self.mark_seen)
        self.table.itemSelectionChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self.refresh()

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
        self._enable()

    def _selected(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        chosen = self._selected()
        self.take.setEnabled(chosen is not None and chosen.can_take_other)
        self.seen.setEnabled(chosen is not None)

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
