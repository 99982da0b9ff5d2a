"""Help › Keyboard shortcuts: a cheat sheet read from the window's own actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.ui.widgets import named


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts as this platform writes them ("Ctrl+K", "Ctrl+Y, Ctrl+Shift+Z")."""
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def action_label(action: QAction) -> str:
    """An action's menu text without its mnemonic ampersand."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def window_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) for every action with a shortcut, in menu order.

    Read from the actions themselves, so the sheet cannot drift from what the keys do;
    an action with a shortcut that is in no menu is listed under "Other".
    """
    rows: list[tuple[str, str, str]] = []
    listed: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            listed.add(id(action))
            if action.isSeparator() or not action.shortcuts():
                continue
            rows.append((action_label(top), action_label(action), shortcut_text(action)))
    for action in window.findChildren(QAction):
        if id(action) not in listed and action.shortcuts() and action.text():
            rows.append(("Other", action_label(action), shortcut_text(action)))
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, grouped by the menu its action is in."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.table = named("shortcutsTable", QTableWidget(0, 3))
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        rows = window_shortcuts(window)
        self.table.setRowCount(len(rows))
        previous = ""
        for row, (menu, action, keys) in enumerate(rows):
            # The menu is named once, on its first row: a column of repeats is noise.
            cells = (menu if menu != previous else "", action, keys)
            previous = menu
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def rows(self) -> list[tuple[str, str]]:
        """(action, shortcut) as the sheet shows them, top to bottom."""
        return [(self._cell(row, 1), self._cell(row, 2)) for row in range(self.table.rowCount())]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
