"""The main window's menus: File, Edit, View and Help, each action with its shortcut."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QMenu,
    QWidget,
)

from ceocto_desktop.ui.context import JournalContext

PageFactory = Callable[[JournalContext], QWidget]
# The areas that work today; later pages add themselves here, in sidebar order.

if TYPE_CHECKING:
    from ceocto_desktop.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    _build_file_menu(window, bar.addMenu("&File"))
    _build_edit_menu(window, bar.addMenu("&Edit"))
    _build_view_menu(window, bar.addMenu("&View"))
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(
        window._action("&Keyboard shortcuts", "Ctrl+/", window.show_shortcuts, "shortcutsAction")
    )
    help_menu.addAction(window._action("&About ceocto", None, window.about, "aboutAction"))


def _build_file_menu(window: MainWindow, file_menu: QMenu) -> None:
    """Journals, sync, import and export, backups, quit."""
    file_menu.addAction(
        window._action("&New journal…", "Ctrl+Shift+N", window.new_journal, "newJournalAction")
    )
    file_menu.addAction(
        window._action(
            "&Open journal…",
            QKeySequence.StandardKey.Open,
            window.open_journal,
            "openJournalAction",
        )
    )
    file_menu.addAction(
        window._action("&Join our journal…", None, window.join_journal, "joinJournalAction")
    )
    file_menu.addSeparator()
    file_menu.addAction(
        window._action("S&ync now", "Ctrl+Shift+Y", window.sync_now, "syncNowAction")
    )
    file_menu.addAction(
        window._action("Changed on both &laptops…", None, window.show_conflicts, "conflictsAction")
    )
    file_menu.addAction(
        window._action("&From the other laptop…", None, window.show_arrived, "arrivedAction")
    )
    file_menu.addSeparator()
    file_menu.addAction(window._action("&Export…", "Ctrl+E", window.export_report, "exportAction"))
    for text, shortcut, flow, name in (
        ("&Import…", "Ctrl+Shift+I", "import_entries", "importAction"),
        ("&Merge a journal…", None, "merge_journal", "mergeJournalAction"),
        (
            "Export everything as &Markdown…",
            "Ctrl+Shift+M",
            "export_markdown_folder",
            "exportMarkdownAction",
        ),
        ("Export &calendar…", None, "export_calendar", "exportCalendarAction"),
    ):
        file_menu.addAction(window._action(text, shortcut, partial(window._io, flow), name))
    file_menu.addAction(
        window._action("&Backups…", "Ctrl+Shift+B", window.show_backups, "backupsAction")
    )
    file_menu.addSeparator()
    file_menu.addAction(
        window._action("&Quit", QKeySequence.StandardKey.Quit, window.close, "quitAction")
    )


def _build_edit_menu(window: MainWindow, edit_menu: QMenu) -> None:
    """Undo and redo, records, finding, the author, settings."""
    undo = window.context.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setObjectName("undoAction")
    redo = window.context.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setObjectName("redoAction")
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    edit_menu.addAction(
        window._action(
            "&New record", QKeySequence.StandardKey.New, window.new_record, "newRecordAction"
        )
    )
    edit_menu.addAction(
        window._action(
            "&Delete record",
            QKeySequence.StandardKey.Delete,
            window.delete_record,
            "deleteRecordAction",
        )
    )
    edit_menu.addAction(
        window._action(
            "&Find in this page", QKeySequence.StandardKey.Find, window.find_in_page, "findAction"
        )
    )
    edit_menu.addAction(
        window._action("Search the &journal…", "Ctrl+K", window.open_search, "searchAction")
    )
    edit_menu.addSeparator()
    edit_menu.addAction(
        window._action("S&witch author", "Ctrl+Shift+U", window.switch_author, "switchAuthorAction")
    )
    edit_menu.addSeparator()
    edit_menu.addAction(
        window._action("Se&ttings…", "Ctrl+,", window.show_settings, "settingsAction")
    )


def _build_view_menu(window: MainWindow, view_menu: QMenu) -> None:
    """One action a page, Ctrl+1 to Ctrl+0."""
    from ceocto_desktop.ui.main_window import PAGE_KEYS, PAGES  # it builds these menus

    for index, (title, _) in enumerate(PAGES):
        view_menu.addAction(
            window._action(
                title,
                # the tenth page is Ctrl+0
                PAGE_KEYS.get(title, f"Ctrl+{(index + 1) % 10}"),
                partial(window.sidebar.setCurrentRow, index),
                f"pageAction{index + 1}",
            )
        )
