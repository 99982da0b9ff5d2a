"""Starting the window (issue 21): pages read their data once, when first shown; the
wheel guard holds for fields made later; the timing flags close the window cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
)

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal
from ceocto_desktop.store.files.lock import lock_path
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.pages import overview_page
from ceocto_desktop.ui.pages.goals_page import GoalsPage


def open_window(qtbot, journal_path: Path):  # type: ignore[no-untyped-def]
    launcher = Launcher(QSettings())
    assert launcher.open_path(journal_path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_the_overview_reads_its_data_once_at_start(qtbot, journal_path, monkeypatch):
    reads = []
    real = overview_page.load_overview
    monkeypatch.setattr(
        overview_page, "load_overview", lambda session: (reads.append(1), real(session))[1]
    )
    window = open_window(qtbot, journal_path)
    assert window.stack.currentWidget().objectName() == "overviewPage"
    assert len(reads) == 1


def test_a_table_page_is_built_and_reads_its_rows_when_first_shown(qtbot, journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, "Close the seed round")
    journal.close()
    window = open_window(qtbot, journal_path)
    assert window.findChild(GoalsPage) is None  # not shown yet: not built, nothing read
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    window.sidebar.setCurrentRow(titles.index("Goals"))
    page = window.stack.currentWidget()
    assert isinstance(page, GoalsPage) and window.findChildren(GoalsPage) == [page]
    assert [page.model.row_at(r).title for r in range(page.model.rowCount())] == [
        "Close the seed round"
    ]
    window.sidebar.setCurrentRow(0)
    window.sidebar.setCurrentRow(titles.index("Goals"))
    assert window.stack.currentWidget() is page  # built once, kept


def test_a_link_to_a_record_opens_it_on_a_page_not_shown_before(qtbot, journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Close the seed round")
    journal.close()
    window = open_window(qtbot, journal_path)
    window.context.openRequested.emit("goals", goal.id)
    page = window.stack.currentWidget()
    assert isinstance(page, GoalsPage)
    assert page.current_id == goal.id
    selected = page.table.selectionModel().currentIndex().row()
    assert page.model.row_at(selected).title == "Close the seed round"


def test_the_shortcuts_sheet_lists_the_keys_of_pages_not_shown_yet(qtbot, journal_path):
    from ceocto_desktop.ui.dialogs.shortcuts_dialog import page_shortcuts

    window = open_window(qtbot, journal_path)
    pages = {page for page, _what, _keys in page_shortcuts(window)}
    assert {"Overview", "Check-in", "Notes"} <= pages


def test_a_field_made_after_the_window_ignores_a_passing_wheel(qtbot, window):
    dialog = QDialog(window)
    layout = QVBoxLayout(dialog)
    other, spin = QLineEdit(), QSpinBox()
    spin.setValue(5)
    layout.addWidget(other)
    layout.addWidget(spin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    other.setFocus()
    centre = QPointF(spin.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(spin.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(spin, wheel)
    assert spin.value() == 5
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus


def _run_window(journal_path: Path, tmp_path: Path, flag: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    return subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "--db", str(journal_path), flag],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_quit_when_ready_opens_the_window_and_closes_it_cleanly(journal_path, tmp_path):
    result = _run_window(journal_path, tmp_path, "--quit-when-ready")
    assert result.returncode == 0, result.stderr
    settings = "\n".join(p.read_text() for p in (tmp_path / "cfg").rglob("*.conf"))
    assert str(journal_path) in settings  # the window closed as on Quit: settings written
    lock = lock_path(journal_path)
    assert not lock.exists() or lock.stat().st_size == 0  # and gave its lock back
    # Its connections closed before the process ended (os._exit skips only the teardown):
    # SQLite folded the -wal back into the journal and removed it, as on any clean close.
    assert sorted(p.name for p in journal_path.parent.glob(journal_path.name + "-*")) == []


def test_quit_at_first_paint_closes_the_shell_before_the_journal_is_opened(journal_path, tmp_path):
    before = journal_path.read_bytes()
    result = _run_window(journal_path, tmp_path, "--quit-at-first-paint")
    assert result.returncode == 0, result.stderr
    # Quit while the journal was opening: nothing of it was read into a window or written.
    assert journal_path.read_bytes() == before
    assert not lock_path(journal_path).exists()
    assert sorted(p.name for p in journal_path.parent.glob(journal_path.name + "-*")) == []


def test_the_shell_shows_the_window_s_frame_and_what_is_opening(qtbot, journal_path):
    from ceocto_desktop.ui.main_window import PAGES
    from ceocto_desktop.ui.start_shell import StartShell

    shell = StartShell(journal_path, QSettings())
    qtbot.addWidget(shell)
    shell.show()
    qtbot.waitExposed(shell)
    sidebar = shell.findChild(QListWidget, "sidebar")
    assert [sidebar.item(i).text() for i in range(sidebar.count())] == [t for t, _ in PAGES]
    assert shell.windowTitle() == f"ceocto — opening {journal_path.name}…"
    assert shell.message.text() == f"Opening {journal_path.name}…"
    menus = [a.text() for a in shell.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]


def test_the_window_loads_neither_qtawesome_nor_qtpy():
    probe = (
        "import sys\n"
        "from ceocto_desktop.ui.app import make_application\n"
        "from ceocto_desktop.ui.icons import kind_icon\n"
        "make_application()\n"
        "assert not kind_icon('Goals').isNull()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qtawesome', 'qtpy')))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "[]", result.stderr
