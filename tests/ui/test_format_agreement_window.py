"""File › Export… in the window writes reports whose three formats say the same things,
and the same as the report the shell builds from the journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QMessageBox, QRadioButton

from ceocto_desktop.reports.board import build_board_brief
from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.dialogs import export_chooser
from tests.report_sections import assert_formats_agree, markdown_sections
from tests.ui.helpers import when_modal_shows

TODAY = dt.date(2026, 12, 6)
QUARTERS = ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
FILTERS = {"pdf": "PDF (*.pdf)", "md": "Markdown (*.md)", "html": "HTML, self-contained (*.html)"}


class FixedDate(dt.date):
    @classmethod
    def today(cls) -> FixedDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo_file(path, DemoOptions(until=TODAY))
    return path


@pytest.fixture
def demo_window(qtbot, demo_template, tmp_path, monkeypatch):
    path = tmp_path / "demo.db"
    path.write_bytes(demo_template.read_bytes())
    monkeypatch.setattr(export_chooser, "date", FixedDate)  # the chooser's list of quarters
    launcher = Launcher(QSettings())
    assert launcher.open_path(path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.resize(1300, 820)
    qtbot.waitExposed(window)
    return window, path


def export_from_menu(qtbot, window, monkeypatch, target: Path, file_format: str, choose) -> None:
    """Ctrl+E, choose the report, name the file; wait until the window says it is saved."""
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), FILTERS[file_format])),
    )
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda _p, _t, text, *r: asked.append(text) or QMessageBox.StandardButton.No),
    )
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        staticmethod(lambda _p, _t, text, *r: asked.append("warning: " + text)),
    )

    def act(dialog):
        try:
            choose(dialog)
        except Exception as exc:  # said by the test, not lost in Qt's event loop
            asked.append(f"could not choose: {exc!r}")
            dialog.reject()
            return
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal_shows(act, name="exportChooser")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.saved_bar.hide()  # the bar of the export before this one
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    saved = window.saved_bar
    qtbot.waitUntil(
        lambda: bool(asked) or (saved.isVisible() and saved.path == target), timeout=60_000
    )
    assert asked == []  # no warning, no failed choice
    assert target.exists()


def test_every_quarter_exported_from_the_window_says_the_same_in_every_format(
    qtbot, demo_window, tmp_path, monkeypatch
):
    window, path = demo_window
    for quarter in QUARTERS:

        def this_quarter(dialog, quarter=quarter):
            combo = dialog.findChild(QComboBox, "exportQuarter")
            combo.setCurrentText(quarter)
            assert combo.currentText() == quarter

        files = {}
        for file_format in ("md", "html", "pdf"):
            files[file_format] = tmp_path / f"{quarter}.{file_format}"
            export_from_menu(
                qtbot, window, monkeypatch, files[file_format], file_format, this_quarter
            )
        sections = assert_formats_agree(files["md"], files["html"], files["pdf"])
        journal = open_journal(path)
        try:
            with journal.sessions() as session:
                shell = to_markdown(build_retrospective(session, quarter))
        finally:
            journal.close()
        assert sections == markdown_sections(shell), quarter


def test_the_board_brief_exported_from_the_window_says_the_same_in_every_format(
    qtbot, demo_window, tmp_path, monkeypatch
):
    window, path = demo_window
    meeting = dt.date(2026, 12, 30)

    def this_meeting(dialog):
        dialog.findChild(QRadioButton, "exportBriefChoice").setChecked(True)
        combo = dialog.findChild(QComboBox, "exportMeeting")
        combo.setCurrentIndex(combo.findData(meeting))

    files = {}
    for file_format in ("md", "html", "pdf"):
        files[file_format] = tmp_path / f"brief.{file_format}"
        export_from_menu(qtbot, window, monkeypatch, files[file_format], file_format, this_meeting)
    sections = assert_formats_agree(files["md"], files["html"], files["pdf"])
    journal = open_journal(path)
    try:
        with journal.sessions() as session:
            shell = to_markdown(build_board_brief(session, meeting))
    finally:
        journal.close()
    assert sections == markdown_sections(shell)
    assert any(s.heading == "Goals the board follows" and s.items for s in sections)
