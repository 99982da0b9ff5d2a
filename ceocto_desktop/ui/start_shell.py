"""The window's shell, painted the moment ceocto starts; the journal opens into it after.

A person starting ceocto sees the window at once: its frame, its menus and the sidebar of
the journal's areas, with "Opening s.db…" where the page will be. Only then are SQLAlchemy,
the models and the ten pages imported and the journal opened (about 0.5–1 s); the window
with the journal replaces the shell at the same place and size. This module imports
nothing of ceocto's but its paths and theme, so the shell paints after PySide6 alone.
"""

from __future__ import annotations

import gc
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QToolBar,
    QWidget,
)

from ceocto_desktop.paths import APP_NAME, default_journal_path, resource_path
from ceocto_desktop.ui.theme import apply_system_scheme, style_window
from ceocto_desktop.ui.widgets.wheel_guard import install_wheel_guard

# The sidebar's areas, in order: main_window.PAGES pairs each with its page (a test keeps
# the two lists the same).
PAGE_TITLES = (
    "Overview",
    "Check-in",
    "Goals",
    "Obstacles",
    "Decisions",
    "Notes",
    "Our roles",
    "Trends",
    "Board review",
    "Retrospective",
    "Commitments",
)
MENU_TITLES = ("&File", "&Edit", "&View", "&Help")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with ceocto's names, icon and colour scheme."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    if app.property("ceoctoReady"):
        return app
    app.setProperty("ceoctoReady", True)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName("ceocto")
    icon = resource_path("icons", "ceocto.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_system_scheme(app)
    install_wheel_guard()  # before any widget exists, so none is polished twice
    return app


class StartShell(QMainWindow):
    """The main window's frame while the journal opens: menus, areas, nothing to click."""

    def __init__(self, path: Path, settings: QSettings):
        super().__init__()
        self.setObjectName("startShell")
        self.setWindowTitle(f"ceocto — {path.name}")
        self.setMinimumSize(720, 480)
        self.closed = False
        self.painted = False
        self.after_first_paint: list[object] = []  # callables, run once it has painted
        for title in MENU_TITLES:
            self.menuBar().addMenu(title).setEnabled(False)
        toolbar = QToolBar("Author")  # the window's, so its pages do not move down after
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Writing as: "))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        sidebar = QListWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setMaximumWidth(190)
        sidebar.setMinimumWidth(160)
        sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 5px 8px; }")
        sidebar.addItems(PAGE_TITLES)
        sidebar.setEnabled(False)
        self.message = QLabel(f"Opening {path.name}…")
        self.message.setObjectName("openingLabel")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splitter = QSplitter()
        splitter.addWidget(sidebar)
        splitter.addWidget(self.message)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([165, 1100])
        self.setCentralWidget(splitter)
        self.statusBar().addWidget(QLabel(str(path)), 1)
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):  # where the window was
            self.resize(1100, 720)
        style_window(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            for then in self.after_first_paint:
                QTimer.singleShot(0, then)  # type: ignore[call-overload]

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True  # closed while opening (Quit, a signal): the journal is not opened
        super().closeEvent(event)


class QuitWhenShown(QObject):
    """Closes every window, as a person would, once the window has painted ("paint") or
    painted the Overview with the journal's data ("ready"): start-up timed from outside."""

    def __init__(self, app: QApplication, window: QWidget, when: str):
        super().__init__(window)
        self.app = app
        self.window = window
        self.when = when
        self.done = False
        window.installEventFilter(self)

    def _ready(self) -> bool:
        if self.when == "paint":
            return True
        current = getattr(self.window, "current_page", None)
        page = current() if current is not None else None
        return page is not None and not getattr(page, "stale", True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint and self._ready():
            self.done = True
            # After this paint reaches the screen, not before.
            QTimer.singleShot(0, self.app.closeAllWindows)
        return False


def quit_on_signals(app: QApplication) -> tuple[QTimer, list[int]]:
    """SIGINT and SIGTERM close the windows cleanly; the numbers received are listed."""
    # Python only runs signal handlers when it holds the interpreter; a timer hands it
    # back to Python a few times a second so SIGTERM and Ctrl+C close the window cleanly.
    # Installed before any window is shown: a signal that arrives while the window opens
    # must close it, not kill the process with what is being typed (exit -15).
    received: list[int] = []

    def close_windows(number: int, _frame: object) -> None:
        received.append(number)
        app.closeAllWindows()

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, close_windows)
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer, received


def start_window(path: Path | None, quit_at: str | None = None) -> int:
    """Paint the shell, then open the journal at path (or the last one) into the window.

    quit_at ("paint" or "ready") closes it again once shown: see QuitWhenShown."""
    app = make_application()
    settings = QSettings()
    explicit = path is not None
    if path is None:
        last = settings.value("lastJournal")
        path = Path(str(last)) if last and Path(str(last)).exists() else default_journal_path()
    keep, received = quit_on_signals(app)
    shell = StartShell(path, settings)
    # Until the journal's window shows, closing the shell (or a dialog) must not end the
    # event loop behind the launcher's back: the opening decides the exit code.
    app.setQuitOnLastWindowClosed(False)
    opened: list[object] = []  # the launcher, kept alive as long as the loop runs
    failed: list[BaseException] = []

    def open_journal() -> None:
        if shell.closed:  # Quit (or a signal) before the journal was opened
            app.exit(0)
            return
        gc.disable()  # see cli.run_window: these imports live as long as the process
        try:
            from ceocto_desktop.ui.app import open_into_shell
        finally:
            gc.freeze()
            gc.enable()
        try:
            opened.append(open_into_shell(app, shell, settings, path, explicit, quit_at, received))
        except BaseException as exc:  # raised again once the loop has ended, as before
            failed.append(exc)
            app.closeAllWindows()
            app.exit(1)

    shell.after_first_paint.append(open_journal)
    if quit_at == "paint":
        QuitWhenShown(app, shell, quit_at)
    shell.show()
    try:
        code = int(app.exec())
        if failed:
            raise failed[0]
        settings.sync()
        return code
    finally:
        keep.stop()
