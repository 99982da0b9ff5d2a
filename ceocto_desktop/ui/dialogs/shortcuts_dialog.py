"""Help › Keyboard shortcuts: a cheat sheet read from the window's own actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
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

from ceocto_desktop.ui.widgets.basic import named


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts as this platform writes them ("Ctrl+K", "Ctrl+Y, Ctrl+Shift+Z")."""
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def action_label(action: QAction) -> str:
    """An action's menu text without its mnemonic ampersand."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


# Keys a widget handles itself (no QAction or QShortcut to read them from): declared here,
# next to the sheet, with the page they work on.
WIDGET_KEYS: list[tuple[str, str, str]] = [
    ("Lists", "Next / previous row", "J, K, Down, Up"),
    ("Lists", "Open the selected record in its detail pane", "Enter"),
    ("Lists", "From the filter box into its list", "Down"),
    ("Check-in", "Rate the row that has the cursor", "1, 2, 3, 4, 5"),
    ("Check-in", "Move the rating down or up", "Left, Right"),
    ("Check-in", "Next rating or answer", "Tab"),
    ("Search palette", "Move through the results", "Down, Up"),
    ("Search palette", "Open the chosen result", "Enter"),
]


def _page_title(window: QMainWindow, widget: QWidget) -> str:
    """The sidebar title of the page holding widget ("Check-in"), or "" if none."""
    stack = getattr(window, "stack", None)
    sidebar = getattr(window, "sidebar", None)
    if stack is None or sidebar is None:
        return ""
    for index in range(stack.count()):
        page = stack.widget(index)
        if page is widget or page.isAncestorOf(widget):
            return str(sidebar.item(index).text())
    return ""


def page_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(page, what, keys) for the shortcuts pages install themselves: a QShortcut says what it
    does in its whatsThis; a button with a shortcut says it in its tooltip or text."""
    found: dict[tuple[str, str], list[str]] = {}
    build_all = getattr(window, "build_all_pages", None)
    if build_all is not None:  # pages are built when first shown: the sheet lists them all
        build_all()
    for shortcut in window.findChildren(QShortcut):
        what = shortcut.whatsThis()
        parent = shortcut.parent()
        page = _page_title(window, parent) if isinstance(parent, QWidget) else ""
        if what and page:
            keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
            found.setdefault((page, what), []).append(keys)
    for button in window.findChildren(QAbstractButton):
        if button.shortcut().isEmpty():
            continue
        page = _page_title(window, button)
        what = button.whatsThis() or button.toolTip().split(" (")[0] or button.text()
        if page and what:
            keys = button.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            found.setdefault((page, action_label_text(what)), []).append(keys)
    rows = []
    for (page, what), all_keys in found.items():
        rows.append((page, what, ", ".join(dict.fromkeys(all_keys))))
    # Kinds of pages share one row ("Show or hide the detail pane" on four pages).
    merged: dict[tuple[str, str], list[str]] = {}
    for page, what, joined in rows:
        merged.setdefault((what, joined), []).append(page)
    result = [
        (pages[0] if len(pages) == 1 else "Record pages", what, keys)
        for (what, keys), pages in merged.items()
    ]
    return sorted(result)


def action_label_text(text: str) -> str:
    """Text without a mnemonic ampersand."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def all_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """Menus' actions, then what pages install, then keys widgets handle themselves."""
    return window_shortcuts(window) + page_shortcuts(window) + WIDGET_KEYS


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
        self.table.setHorizontalHeaderLabels(["Where", "Action", "Shortcut"])
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        rows = all_shortcuts(window)
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
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        # Wide and tall enough for every row at the desktop's font, within the screen.
        wanted = self.table.horizontalHeader().length() + 60
        screen = (parent or window).screen().availableGeometry()
        self.resize(min(max(640, wanted), screen.width() - 40), min(720, screen.height() - 60))

    def rows(self) -> list[tuple[str, str]]:
        """(action, shortcut) as the sheet shows them, top to bottom."""
        return [(self._cell(row, 1), self._cell(row, 2)) for row in range(self.table.rowCount())]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
