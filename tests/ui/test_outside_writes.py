"""A note added from a shell while the window is open shows in the window within seconds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def show_page(window, title):  # type: ignore[no-untyped-def]
    row = [window.sidebar.item(i).text() for i in range(window.sidebar.count())].index(title)
    window.sidebar.setCurrentRow(row)
    return window.stack.currentWidget()


def test_a_note_from_the_shell_shows_in_the_open_window(qtbot, window, journal_path):
    page = show_page(window, "Notes")
    added = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "note", "Jotted from the shell",
         "--author", "B", "--db", str(journal_path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr  # the open window does not refuse it
    window.outside_writes.poll()  # the timer's tick, without waiting for it
    qtbot.waitUntil(lambda: "Jotted from the shell" in _page_text(page), timeout=10000)


def test_without_a_tick_the_page_does_not_know_yet(qtbot, window, journal_path):
    page = show_page(window, "Notes")
    window.outside_writes.timer.stop()
    added = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "note", "Not yet seen",
         "--author", "B", "--db", str(journal_path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    qtbot.wait(200)
    assert "Not yet seen" not in _page_text(page)
    window.outside_writes.poll()
    qtbot.waitUntil(lambda: "Not yet seen" in _page_text(page), timeout=10000)


def _page_text(page) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QTextBrowser

    texts = [label.text() for label in page.findChildren(QLabel)]
    texts += [view.toPlainText() for view in page.findChildren(QTextBrowser)]
    model = getattr(page, "model", None)
    if model is not None:
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                texts.append(str(model.index(row, column).data()))
    return " ".join(texts)
