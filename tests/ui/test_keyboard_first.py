"""Keyboard-first: the cheat sheet lists page-local keys too, J/K walk lists, Down leaves the
filter for its list, Ctrl+K is an overlay and gives the window back its focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QTableView, QWidget

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from tests.ui.helpers import when_modal_shows
from tests.ui.test_menus import native, press

CTRL = Qt.KeyboardModifier.ControlModifier


def sheet(qtbot, window) -> ShortcutsDialog:  # type: ignore[no-untyped-def]
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_sheet_lists_what_pages_and_widgets_handle_themselves(qtbot, window):
    dialog = sheet(qtbot, window)
    rows = dialog.rows()
    assert ("Show or hide the detail pane", native("Ctrl+Shift+D")) in rows
    assert ("Submit the check-in", f"{native('Ctrl+Return')}, {native('Ctrl+Enter')}") in rows
    assert ("Add the quick note", f"{native('Ctrl+Return')}, {native('Ctrl+Enter')}") in rows
    assert ("Preview the note, or back to writing", native("Ctrl+Shift+P")) in rows
    assert ("The week before", native("Alt+Left")) in rows
    assert ("Next / previous row", "J, K, Down, Up") in rows
    assert ("Rate the row that has the cursor", "1, 2, 3, 4, 5") in rows
    assert ("Open the selected record in its detail pane", "Enter") in rows


def test_the_sheet_fits_without_clipping(qtbot, window):
    dialog = sheet(qtbot, window)
    table = dialog.table
    assert not table.horizontalScrollBar().isVisible()
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for column in (0, 2):
            text = table.item(row, column).text()
            assert metrics.horizontalAdvance(text) <= table.columnWidth(column), text


def test_every_menu_action_says_its_shortcut_in_its_tooltip(window):
    for action in window.findChildren(QAction):
        if action.shortcuts() and action.objectName().endswith("Action"):
            if action.objectName() in ("undoAction", "redoAction"):
                continue  # Qt's own undo actions name what they undo
            assert native(action.shortcut()) in action.toolTip(), action.objectName()


def seed_goals(journal_path, titles):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        for title in titles:
            goals.create_goal(session, Seat.A, title)
    journal.close()


def test_j_and_k_walk_a_list_and_down_leaves_the_filter(qtbot, journal_path, window):
    seed_goals(journal_path, ["Alpha", "Bravo", "Charlie"])
    press(qtbot, window, Qt.Key.Key_3)
    page = window.stack.currentWidget()
    table = page.findChild(QTableView, "goalsTable")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    box = page.findChild(QLineEdit, "goalsFilter")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert table.hasFocus() and table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_J)
    qtbot.keyClick(table, Qt.Key.Key_J)
    assert table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_J)  # stays on the last
    assert table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert table.currentIndex().row() == 1
    shown = page.model.index(1, 0).data()
    assert page.detail.form.widget("title").text() == shown  # the detail pane follows


def detail_shown(page) -> bool:
    """The detail pane is on screen and takes room beside the list."""
    return page.detail_scroll.isVisible() and page.splitter.sizes()[1] > 0


def test_ctrl_shift_d_hides_and_shows_the_detail_pane(qtbot, journal_path, window):
    seed_goals(journal_path, ["Alpha"])
    press(qtbot, window, Qt.Key.Key_3)
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.waitUntil(lambda: detail_shown(page))
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL | shift)
    qtbot.waitUntil(lambda: not detail_shown(page))
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL | shift)  # after its text changed, too
    qtbot.waitUntil(lambda: detail_shown(page))


def test_ctrl_k_is_an_overlay_and_the_window_is_active_after(qtbot, window):
    seen = {}

    def look(dialog: QDialog) -> None:
        seen["frameless"] = bool(dialog.windowFlags() & Qt.WindowType.FramelessWindowHint)
        dimmer = window.findChild(QWidget, "overlayDimmer")
        seen["dimmed"] = dimmer is not None and dimmer.isVisible()
        seen["inside"] = window.frameGeometry().contains(dialog.geometry().center())
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    when_modal_shows(look, name="searchPalette")
    press(qtbot, window, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: "dimmed" in seen)
    assert seen == {"frameless": True, "dimmed": True, "inside": True}
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "overlayDimmer") is None)
    assert QApplication.activeModalWidget() is None
