"""Starting the window: which journal, the first run, and a clean exit on a signal."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from ceocto_desktop.models import Seat
from ceocto_desktop.paths import default_demo_path, default_journal_path
from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import (
    create_partners,
    get_partners,
    set_company_name,
    set_week_start_day,
)
from ceocto_desktop.store import (
    Journal,
    JournalDamaged,
    JournalError,
    JournalLock,
    JournalState,
    driver,
    inspect_journal,
    open_journal,
)
from ceocto_desktop.store.files.journal_path import resolve_journal
from ceocto_desktop.store.sqlite_files import private_files
from ceocto_desktop.ui.context import JournalContext, describe_write_error
from ceocto_desktop.ui.dialogs.backups_dialog import BackupChoice, BackupsDialog
from ceocto_desktop.ui.dialogs.first_run import Choice, FirstRunDialog
from ceocto_desktop.ui.dialogs.passphrase_dialog import unlock
from ceocto_desktop.ui.dialogs.pin_gate import PinGate, start_author
from ceocto_desktop.ui.dialogs.restore_flow import confirm_restore, restore_with_progress
from ceocto_desktop.ui.main_window import MainWindow, is_demo
from ceocto_desktop.ui.private_settings import make_private, sync_private
from ceocto_desktop.ui.start_shell import (  # noqa: F401 (make_application: for callers)
    QuitWhenShown,
    StartShell,
    make_application,
    start_window,
)
from ceocto_desktop.ui.workers import run_with_progress


def cannot_use(path: Path, exc: OSError) -> str:
    """One sentence for a journal folder the system refuses (read-only home, no access)."""
    where = exc.filename or path
    reason = (exc.strerror or str(exc)).lower()
    return (
        f"ceocto cannot keep its journal at {path}: {reason} for {where}. Nothing was "
        "written. Make that folder writable, or start ceocto with --db PATH to keep the "
        "journal in a folder you can write to."
    )


class Launcher(QObject):
    """Opens journals into windows: checks, first run, demo, errors shown as messages."""

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        make_private(settings)
        self.windows: list[MainWindow] = []
        self.host: QWidget | None = None  # the start shell, while the first journal opens

    def _parent(self) -> QWidget | None:
        return self.windows[-1] if self.windows else self.host

    def _error(self, message: str) -> None:
        parent: QWidget | None = self._parent()
        QMessageBox.critical(parent, "ceocto", message)

    def open_path(self, path: Path, *, allow_demo: bool = True, explicit: bool = False) -> bool:
        """Open the journal at path in a new window; False (with a message) if it can't be."""
        try:
            # The real file, once: never a device, a FIFO, a dangling link or a hard link.
            path = resolve_journal(path).real
        except JournalError as exc:
            self._error(str(exc))
            return False
        unlocked = unlock(path, self._parent())
        if unlocked is None:
            return False  # the person cancelled: nothing to say
        if not unlocked:
            self._error(f"The passphrase does not open {path} (3 tries); nothing was changed.")
            return False
        try:
            state = inspect_journal(path).state
            journal = None
            if state is JournalState.OLDER:
                journal = self._upgrade(path)
                if journal is None:
                    return False
            elif state is JournalState.CURRENT:
                journal = open_journal(path)
            if journal is not None and self._has_partners(journal):
                return self._show(journal)
            return self._first_run(path, journal, allow_demo=allow_demo, explicit=explicit)
        except JournalDamaged as exc:
            return self._damaged(path, str(exc))
        except JournalError as exc:
            refused = exc.__cause__  # the system refused a folder: say so, and what to do
            self._error(cannot_use(path, refused) if isinstance(refused, OSError) else str(exc))
            return False
        except OSError as exc:  # a folder that cannot be read or made: HOME read-only
            self._error(cannot_use(path, exc))
            return False

    def _damaged(self, path: Path, message: str) -> bool:
        """A damaged journal: offer its backups, or another journal, instead of a dead end."""
        parent = self._parent()
        box = QMessageBox(QMessageBox.Icon.Critical, "ceocto", message, parent=parent)
        box.setObjectName("damagedJournalBox")
        box.setInformativeText(
            "The file was not changed. Restore the journal from one of its backups (the "
            "damaged file is kept beside it), or open another journal."
        )
        restore = box.addButton("Restore from backup…", QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton("Open another journal…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is restore:
            return self._restore_damaged(path, parent)
        if box.clickedButton() is other:
            chosen, _ = QFileDialog.getOpenFileName(
                parent, "Open a journal", str(path.parent), "ceocto journals (*.db);;All files (*)"
            )
            if chosen:
                return self.open_path(Path(chosen), allow_demo=False, explicit=True)
        return False

    def _restore_damaged(self, path: Path, parent: QWidget | None) -> bool:
        dialog = BackupsDialog(path, can_back_up=False, parent=parent)
        if not dialog.exec() or dialog.choice is not BackupChoice.RESTORE or not dialog.chosen:
            return False
        if not confirm_restore(parent, path, dialog.chosen):
            return False
        if restore_with_progress(parent, path, dialog.chosen) is None:
            return False
        return self.open_path(path, allow_demo=False, explicit=True)

    def _upgrade(self, path: Path) -> Journal | None:
        """Back up and migrate an older journal off the GUI thread, with progress shown."""
        ok, result = run_with_progress(
            self._parent(),
            "Upgrading the journal to this version (a backup copy is made first)…",
            lambda progress: open_journal(path),
        )
        if not ok:
            self._error(str(result))
            return None
        assert isinstance(result, Journal)
        return result

    @staticmethod
    def _has_partners(journal: Journal) -> bool:
        with journal.sessions() as session:
            return len(get_partners(session)) == 2

    def _first_run(
        self, path: Path, journal: Journal | None, *, allow_demo: bool, explicit: bool
    ) -> bool:
        parent = self._parent()
        dialog = FirstRunDialog(str(path), allow_demo=allow_demo, parent=parent)
        if not dialog.exec():
            if journal is not None:
                journal.close()
            return False
        if dialog.choice is Choice.DEMO:
            if journal is not None:
                journal.close()
            return self._open_demo(path if explicit and not path.exists() else default_demo_path())
        if dialog.choice is Choice.JOIN:
            if journal is not None:
                journal.close()
            return self._join(path, parent)
        assert dialog.partners is not None
        if journal is None:
            journal = open_journal(path, create=True, make_folder=not explicit)
        a, b = dialog.partners
        weekday = dialog.week_start.currentIndex()
        try:
            with journal.transaction() as session:
                create_partners(session, a, b)
                set_week_start_day(session, weekday)
                set_company_name(session, dialog.company.text())
        except (SQLAlchemyError, driver.Error, OSError, ValidationError) as exc:
            journal.close()
            # The transaction rolled back: the file holds no half-written pair.
            self._error(describe_write_error(exc))
            return False
        return self._show(journal, Seat.A)  # a new journal is begun by its first partner

    def _join(self, path: Path, parent: QWidget | None) -> bool:
        """Welcome › Join our journal…: the dialog builds the journal, then it opens."""
        from ceocto_desktop.ui.dialogs.join_dialog import JoinDialog

        dialog = JoinDialog(parent, default=path)
        dialog.exec()
        return dialog.joined is not None and self._show(open_journal(dialog.joined))

    def _open_demo(self, target: Path) -> bool:
        if not target.exists():
            with private_files():  # the demo's folder is ours: 0700, like the journal's
                target.parent.mkdir(parents=True, exist_ok=True)
            ok, result = run_with_progress(
                self._parent(),
                "Writing a year of a founder pair's journal…",
                lambda progress: write_demo_file(target, DemoOptions(), progress),
            )
            if not ok:
                self._error(str(result))
                return False
        return self._show(open_journal(target))

    def _show(self, journal: Journal, author: Seat | None = None) -> bool:
        lock = JournalLock(journal.path)
        try:
            lock.acquire()
        except JournalError as exc:  # in use, or a lock file that is a link, folder, root's
            journal.close()
            self._error(str(exc))
            return False
        if author is None:
            author = Seat.B if self.settings.value("lastAuthor") == Seat.B.value else Seat.A
        self.settings.setValue("lastAuthor", author.value)
        context = JournalContext(journal, author, lock=lock)
        gate = PinGate(context)
        chosen = start_author(context, author, gate)
        if chosen is None:
            context.close()
            self._error("Neither partner's PIN was given, so the journal stays closed.")
            return False
        context.set_author(chosen)
        try:
            window = MainWindow(context, self, self.settings, gate)
        except JournalError:
            context.close()  # a page found the file damaged: give the file and lock back
            raise
        try:
            # The first show reads the Overview's data (pages read theirs when first shown),
            # so damage can show here too: the window goes, and the file and lock with it.
            window.show()
        except JournalError:
            window.abandon_journal()
            window.deleteLater()
            raise
        window.destroyed.connect(lambda *_: self._forget(window))
        self.windows.append(window)
        # The demo is not "the last journal" once the pair has their own: the next start
        # opens theirs.
        if not (is_demo(context) and default_journal_path().exists()):
            self.settings.setValue("lastJournal", str(journal.path))
        sync_private(self.settings)
        return True

    def unhandled(self, kind: type[BaseException], exc: BaseException, trace: object) -> None:
        """sys.excepthook: a journal found damaged while in use gets the damaged dialog."""
        if not isinstance(exc, JournalDamaged):
            sys.__excepthook__(kind, exc, trace)  # type: ignore[arg-type]
            return
        damaged = [w for w in self.windows if str(w.context.journal.path) in str(exc)]
        for window in damaged:
            window.abandon_journal()
        path = damaged[0].context.journal.path if damaged else None
        if path is not None:
            QTimer.singleShot(0, lambda: self._damaged(path, str(exc)))

    def _forget(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)


def open_into_shell(
    app: QApplication,
    shell: StartShell,
    settings: QSettings,
    path: Path,
    explicit: bool,
    quit_at: str | None,
    received: list[int],
) -> Launcher:
    """Open the journal at path into a window that takes the shell's place (start_window).

    Ends the event loop with 1 when it cannot be opened (the launcher has said why)."""
    launcher = Launcher(settings)
    launcher.host = shell  # dialogs while opening (passphrase, first run) sit on the shell
    sys.excepthook = launcher.unhandled
    if not launcher.open_path(path, explicit=explicit):
        shell.close()
        app.exit(1)
        return launcher
    app.setQuitOnLastWindowClosed(True)
    closed_while_opening = shell.closed  # Quit or a signal while the journal was opening
    launcher.host = None
    shell.close()
    shell.deleteLater()
    if received or closed_while_opening:
        app.closeAllWindows()  # the window closes as on Quit: settings written, lock given back
        app.exit(0)  # even if it had closed already (no last window left to end the loop)
    elif quit_at is not None and launcher.windows:
        QuitWhenShown(app, launcher.windows[-1], quit_at)
    return launcher


def run_app(path: Path | None, quit_at: str | None = None) -> int:
    """Open the window on path (or the last journal, or the default one) and run it.

    quit_at ("paint" or "ready") closes it again once shown: see QuitWhenShown."""
    return start_window(path, quit_at)
