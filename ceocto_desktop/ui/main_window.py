"""The main window: sidebar of the journal's areas, who is writing, and where it is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop import __version__
from ceocto_desktop.models import Seat
from ceocto_desktop.paths import default_demo_path, default_journal_path, shown_path
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.partners import is_demo_journal
from ceocto_desktop.ui.backup_schedule import BackupSchedule
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.dialogs.backups_dialog import BackupChoice, BackupsDialog, describe_size
from ceocto_desktop.ui.dialogs.overlay import run_as_overlay
from ceocto_desktop.ui.dialogs.pin_gate import PinGate
from ceocto_desktop.ui.dialogs.restore_flow import confirm_restore, restore_with_progress
from ceocto_desktop.ui.dialogs.saved_bar import SavedBar
from ceocto_desktop.ui.dialogs.search_palette import SearchPalette
from ceocto_desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from ceocto_desktop.ui.dialogs.unsaved_dialog import confirm_close
from ceocto_desktop.ui.icons import kind_icon
from ceocto_desktop.ui.idle_lock import IdleLock
from ceocto_desktop.ui.menus import build_menus
from ceocto_desktop.ui.outside_writes import OutsideWrites
from ceocto_desktop.ui.pages.board_page import BoardPage
from ceocto_desktop.ui.pages.checkin_page import CheckinPage
from ceocto_desktop.ui.pages.commitments_page import CommitmentsPage
from ceocto_desktop.ui.pages.decisions_page import DecisionsPage
from ceocto_desktop.ui.pages.goals_page import GoalsPage
from ceocto_desktop.ui.pages.notes_page import NotesPage
from ceocto_desktop.ui.pages.obstacles_page import ObstaclesPage
from ceocto_desktop.ui.pages.overview_page import OverviewPage
from ceocto_desktop.ui.pages.record_page import RecordPage
from ceocto_desktop.ui.pages.retro_page import RetroPage
from ceocto_desktop.ui.pages.roles_page import RolesPage
from ceocto_desktop.ui.pages.trends_page import TrendsPage
from ceocto_desktop.ui.private_settings import sync_private
from ceocto_desktop.ui.sync_schedule import SyncOutcome, SyncSchedule
from ceocto_desktop.ui.theme import style_window
from ceocto_desktop.ui.tray import Tray
from ceocto_desktop.ui.widgets.basic import named
from ceocto_desktop.ui.widgets.demo_banner import DemoBanner
from ceocto_desktop.ui.widgets.wheel_guard import install_wheel_guard

PageFactory = Callable[[JournalContext], QWidget]
# The areas that work today; later pages add themselves here, in sidebar order.
PAGES: list[tuple[str, PageFactory]] = [
    ("Overview", OverviewPage),
    ("Check-in", CheckinPage),
    ("Goals", GoalsPage),
    ("Obstacles", ObstaclesPage),
    ("Decisions", DecisionsPage),
    ("Notes", NotesPage),
    ("Our roles", RolesPage),
    ("Trends", TrendsPage),
    ("Board review", BoardPage),
    ("Retrospective", RetroPage),
    ("Commitments", CommitmentsPage),
]
# Pages past the tenth have no Ctrl+digit left: their own keys.
PAGE_KEYS = {"Commitments": "Ctrl+Shift+O"}


def is_demo(context: JournalContext) -> bool:
    """The demo journal: marked so by `ceocto demo`, or at the demo's own place."""
    return context.journal.path == default_demo_path() or context.read(is_demo_journal)


class Opener(Protocol):
    def open_path(self, path: Path, *, allow_demo: bool = ..., explicit: bool = ...) -> bool: ...


class MainWindow(QMainWindow):
    def __init__(
        self,
        context: JournalContext,
        opener: Opener,
        settings: QSettings,
        pin_gate: PinGate | None = None,
    ):
        super().__init__()
        install_wheel_guard()
        self.pin_gate = pin_gate or PinGate(context)
        self.setObjectName("mainWindow")
        self.context = context
        self.opener = opener
        self.settings = settings
        self.setWindowTitle(f"ceocto — {context.journal.path.name}")
        self.setMinimumSize(720, 480)

        self._build_pages()

        self._closed_journal = False
        self._start_schedules()
        self.idle_lock = IdleLock(self, settings)
        self.tray = Tray(self, context, settings)  # where the desktop has a tray
        self.outside_writes = OutsideWrites(self)  # a note from a shell shows within seconds
        self._build_toolbar()
        build_menus(self)
        self._build_status_bar()
        self._restore_geometry()
        style_window(self)  # once everything is in place: one styling pass

    def _start_schedules(self) -> None:
        """Backups and sync passes after saves, each saying in the status bar how it went."""
        context = self.context
        self.backups = BackupSchedule(context.journal.path, self)
        self.backups.backedUp.connect(
            lambda info: self.statusBar().showMessage(
                f"Backed up ({describe_size(info.size)}) to {info.path.parent}", 5000
            )
        )
        self.backups.failed.connect(lambda text: self.statusBar().showMessage(text, 10000))
        context.saved.connect(lambda _when: self.backups.note_saved())

        self.sync = SyncSchedule(context.journal, self)
        self.sync.synced.connect(self._show_sync)
        context.saved.connect(lambda _when: self.sync.note_saved())

    # Building ------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        """The sidebar beside the pages, the demo banner above, the saved bar below."""
        context = self.context
        self.sidebar = named("sidebar", QListWidget())
        self.sidebar.setMaximumWidth(190)
        self.sidebar.setMinimumWidth(160)
        self.sidebar.setIconSize(QSize(16, 16))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 5px 8px; }")
        self.stack = named("pages", QStackedWidget())
        # Each page is built the first time it is shown (an empty place holds it till then):
        # a page nobody visits costs nothing at start.
        self._pages: list[QWidget | None] = []
        for title, _factory in PAGES:
            self.sidebar.addItem(QListWidgetItem(kind_icon(title), title))
            self.stack.addWidget(QWidget())
            self._pages.append(None)
        self.sidebar.currentRowChanged.connect(self._show_page)
        self.sidebar.setCurrentRow(0)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([165, 1100])
        # Exports end here: "Saved … [Open] [Show in folder]" under the pages.
        self.saved_bar = SavedBar()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        if is_demo(context):
            central_layout.addWidget(DemoBanner(self.start_own_journal))
        central_layout.addWidget(splitter, 1)
        central_layout.addWidget(self.saved_bar)
        self.setCentralWidget(central)

    def _build_toolbar(self) -> None:
        toolbar = named("authorToolbar", QToolBar("Author"))
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Writing as: "))
        self.author_switch = named("authorSwitch", QComboBox())
        self.author_switch.setToolTip("Who is writing: new records take this author (Ctrl+Shift+U)")
        for seat in (Seat.A, Seat.B):
            self.author_switch.addItem(self.context.partner_label(seat), seat)
        self.author_switch.setCurrentIndex(0 if self.context.author is Seat.A else 1)
        self.author_switch.currentIndexChanged.connect(
            lambda index: self._write_as(Seat(self.author_switch.itemData(index)))
        )
        self.context.authorChanged.connect(self._author_changed)
        toolbar.addWidget(self.author_switch)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
        name: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_status_bar(self) -> None:
        path = self.context.journal.path
        self.path_label = named("journalPathLabel", QLabel(shown_path(path)))
        self.path_label.setToolTip(str(path))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_label = named("savedIndicator", QLabel("All changes saved"))
        self.statusBar().addWidget(self.path_label, 1)
        self.sync_label = named("syncStatusLabel", QLabel())
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.context.save_state.changed.connect(self._show_save_state)
        self.context.writeFailed.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.context.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.context.openRequested.connect(self.open_record)
        self.context.changed.connect(self._partners_changed)

    def sync_now(self) -> None:
        """File › Sync now: a pass through the pair's folder, off the GUI thread."""
        if not self.sync.is_set_up():
            self.sync_label.setText("Not synced: set sync up with 'ceocto sync setup FOLDER'")
            return
        self.sync_label.setText("Syncing…")
        self.sync.sync_now()

    def _show_sync(self, outcome: SyncOutcome) -> None:
        self.sync_label.setText(outcome.line)
        self.sync_label.setToolTip(outcome.line)
        # The journal's path gives way: how sync went is what a person looks for here.
        self.sync_label.setMinimumWidth(min(self.sync_label.sizeHint().width(), 560))
        if outcome.changed:
            self.context.changed.emit(Changed.ALL)

    def show_conflicts(self) -> None:
        """File › Changed on both laptops…: the Conflicts view."""
        from ceocto_desktop.ui.dialogs.conflicts_dialog import ConflictsDialog

        ConflictsDialog(self.context, self).exec()

    def show_arrived(self) -> None:
        """File › From the other laptop…: what sync brought, each change undoable."""
        from ceocto_desktop.ui.dialogs.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.context, self)
        dialog.tabs.setCurrentIndex(1)
        dialog.exec()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)

    # Behaviour -----------------------------------------------------------------------------
    def _author_changed(self, seat: Seat) -> None:
        index = 0 if seat is Seat.A else 1
        if self.author_switch.currentIndex() != index:
            self.author_switch.setCurrentIndex(index)
        self.settings.setValue("lastAuthor", seat.value)
        self.statusBar().showMessage(f"Now writing as {self.context.partner_label(seat)}", 3000)

    def _partners_changed(self, what: Changed) -> None:
        if what & Changed.PARTNERS:
            for index, seat in enumerate((Seat.A, Seat.B)):
                self.author_switch.setItemText(index, self.context.partner_label(seat))

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentWidget(self.page(index))

    def page(self, index: int) -> QWidget:
        """The page at index of the sidebar, built now if it has not been shown yet."""
        page = self._pages[index]
        if page is None:
            placeholder = self.stack.widget(index)
            page = self._pages[index] = PAGES[index][1](self.context)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()  # the window's style sheet holds for the page too
        return page

    def built_pages(self) -> list[QWidget]:
        """The pages shown at least once (the others hold nothing to save or flush)."""
        return [page for page in self._pages if page is not None]

    def build_all_pages(self) -> None:
        """Every page built (hidden ones read nothing until shown): for the shortcuts sheet."""
        for index in range(len(PAGES)):
            self.page(index)

    def _page_index(self, wanted: type) -> int:
        return next(i for i, (_, factory) in enumerate(PAGES) if factory is wanted)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def new_record(self) -> None:
        page = self.current_page()
        if isinstance(page, RecordPage):
            page.new_record()

    def delete_record(self) -> None:
        page = self.current_page()
        focused = self.focusWidget()
        # Delete in the detail pane (a key-result table, a list) must not delete the record.
        if isinstance(page, RecordPage) and not (
            focused is not None and page.detail.isAncestorOf(focused)
        ):
            page.delete_current()

    def find_in_page(self) -> None:
        page = self.current_page()
        if isinstance(page, RecordPage):
            page.focus_filter()

    def start_own_journal(self) -> None:
        """From the demo: the welcome dialog for the pair's own journal (or it, if it exists)."""
        if self.opener.open_path(default_journal_path(), allow_demo=False):
            self.close()

    def show_saved_file(self, path: Path) -> None:
        """An export is written: offer to open it or show it in its folder."""
        self.saved_bar.show_saved(path)

    def open_search(self) -> None:
        run_as_overlay(SearchPalette(self.context, self), self)

    def open_record(self, kind: str, record_id: str) -> None:
        """Show a record on its own page (a click on a link elsewhere)."""
        wanted = {"checkins": CheckinPage, "trends": TrendsPage}.get(kind)
        if wanted is not None:
            row = self._page_index(wanted)
            self.sidebar.setCurrentRow(row)
            page = self.page(row)
            if isinstance(page, CheckinPage) and record_id:
                page.show_week(date.fromisoformat(record_id))
            return
        for row, (_, factory) in enumerate(PAGES):
            if getattr(factory, "kind", None) != kind:
                continue
            self.sidebar.setCurrentRow(row)
            page = self.page(row)
            assert isinstance(page, RecordPage)
            if record_id:
                page.open_record(record_id)
            else:
                page.new_record()
            return

    def flush_edits(self) -> None:
        for page in self.built_pages():
            flush = getattr(page, "flush_edits", None)
            if flush is not None:
                flush()

    def switch_author(self) -> None:
        self._write_as(self.context.author.other)

    def _write_as(self, seat: Seat) -> None:
        """Switch "Writing as", asking seat's PIN when seat keeps private words behind one."""
        if self.pin_gate.allow(seat, self):
            self.context.set_author(seat)
        # Refused (or done): the switch shows whoever is writing now.
        index = 0 if self.context.author is Seat.A else 1
        if self.author_switch.currentIndex() != index:
            self.author_switch.blockSignals(True)
            self.author_switch.setCurrentIndex(index)
            self.author_switch.blockSignals(False)

    def show_settings(self) -> None:
        """Edit › Settings…: the journal's general choices and the partners' PINs."""
        from ceocto_desktop.ui.settings.settings_dialog import SettingsDialog

        SettingsDialog(self.context, self).exec()
        self.idle_lock.apply()  # the idle time may have been chosen there

    def _show_save_state(self) -> None:
        text, tip, failed = self.context.save_state.summary()
        self.saved_label.setStyleSheet("color: #c0392b;" if failed else "")
        self.saved_label.setText(text)
        self.saved_label.setToolTip(tip)

    def open_journal(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "Open a journal",
            str(self.context.journal.path.parent),
            "ceocto journals (*.db *.sqlite);;All files (*)",
        )
        if chosen and self.opener.open_path(Path(chosen), allow_demo=False, explicit=True):
            self.close()

    def join_journal(self) -> None:
        """File › Join our journal…: build this laptop's journal from the pair's sync folder."""
        from ceocto_desktop.ui.dialogs.join_dialog import JoinDialog

        dialog = JoinDialog(self)
        dialog.exec()
        if dialog.joined and self.opener.open_path(dialog.joined, allow_demo=False, explicit=True):
            self.close()

    def new_journal(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Create a new journal",
            str(self.context.journal.path.parent / "journal.db"),
            "ceocto journals (*.db)",
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.exists() and path.stat().st_size > 0:
            QMessageBox.warning(self, "ceocto", f"{path} already exists. Choose a new file name.")
            return
        if self.opener.open_path(path, allow_demo=False, explicit=True):
            self.close()

    def show_backups(self) -> None:
        """File › Backups…: list, back up now, or restore one over this journal."""
        self.flush_edits()
        path = self.context.journal.path
        dialog = BackupsDialog(path, parent=self)
        if not dialog.exec() or dialog.choice is not BackupChoice.RESTORE or not dialog.chosen:
            return
        if not confirm_restore(self, path, dialog.chosen):
            return
        # The journal is closed (and its lock given up) before its file is replaced; the
        # window then reopens it, restored or, if the restore failed, as it was.
        self.backups.stop()
        self._closed_journal = True
        self.context.close()
        restored = restore_with_progress(self, path, dialog.chosen)
        if restored is not None:
            kept = (
                f"\n\nThe journal as it was is kept as {restored.kept.name}."
                if restored.kept
                else ""
            )
            QMessageBox.information(
                self, "ceocto", f"The journal was restored from {dialog.chosen.name}.{kept}"
            )
        # This window's journal is closed either way: a new window takes over.
        self.opener.open_path(path, allow_demo=False, explicit=True)
        self.close()

    def abandon_journal(self) -> None:
        """Close the window without writing: its journal was found damaged."""
        self.backups.stop()
        self._closed_journal = True
        self.context.close()
        self.close()

    def show_shortcuts(self) -> None:
        """Help › Keyboard shortcuts: the cheat sheet, read from the actions above."""
        ShortcutsDialog(self).exec()

    def export_report(self) -> None:
        """File › Export…: a retrospective or a board brief, through the usual export flow."""
        from ceocto_desktop.ui.dialogs.export_chooser import choose_and_export

        self.flush_edits()
        choose_and_export(self.context, self)

    def _io(self, flow_name: str) -> None:
        """Run an import or export flow; a line in the status bar says what it did."""
        # The flows (and icalendar, the reports…) are imported when first asked for, not
        # at every start.
        from ceocto_desktop.ui.dialogs import io_flow

        flow: Callable[[JournalContext, QWidget], object] = getattr(io_flow, flow_name)
        self.flush_edits()
        done = flow(self.context, self)
        if isinstance(done, str):
            self.statusBar().showMessage(done, 10000)
        elif done is not None:
            self.statusBar().showMessage(f"Saved {done}", 10000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About ceocto",
            f"<h3>ceocto {__version__}</h3><p>A private, offline journal for a CEO and CTO "
            "pair. Nothing leaves this computer.</p>"
            f"<p>Journal: <code>{self.context.journal.path}</code></p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed_journal:
            # What is being typed is saved before the journal closes; what cannot be is
            # asked about, and the journal is backed up.
            self.flush_edits()
            if not confirm_close(self, self.context):
                event.ignore()
                return
        self.settings.setValue("window/geometry", self.saveGeometry())
        sync_private(self.settings)
        self.idle_lock.timer.stop()
        self.sync.wait()  # a pass in its thread ends before the journal closes
        if not self._closed_journal:
            failure = self.backups.back_up_on_quit(self)
            if failure:
                QMessageBox.warning(self, "ceocto", failure)
            self._closed_journal = True
            self.context.close()
        super().closeEvent(event)
