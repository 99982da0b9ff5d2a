"""Help › Keyboard shortcuts lists the window's real shortcuts; File › Export… exports."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QMessageBox, QRadioButton

from ceocto_desktop.analytics.periods import quarter_of
from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.services.review import board
from ceocto_desktop.store import open_journal
from tests.ui.helpers import when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier


def native(keys):
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def press(qtbot, window, key, modifiers=CTRL):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


def cheat_sheet(qtbot, window):
    seen = {}

    def read(dialog):
        seen["rows"] = dialog.rows()
        dialog.reject()

    when_modal_shows(read, name="shortcutsDialog")
    press(qtbot, window, Qt.Key.Key_Slash)
    qtbot.waitUntil(lambda: "rows" in seen)
    return seen["rows"]


def test_the_cheat_sheet_lists_the_shortcut_of_every_action(qtbot, window):
    rows = cheat_sheet(qtbot, window)
    assert ("Search the journal…", native("Ctrl+K")) in rows
    assert ("Export…", native("Ctrl+E")) in rows
    assert ("Keyboard shortcuts", native("Ctrl+/")) in rows
    assert ("Goals", native("Ctrl+3")) in rows
    # Every action of the window that has a shortcut is on the sheet, with that shortcut.
    for action in window.findChildren(QAction):
        if action.shortcuts() and action.text():
            shown = native(action.shortcut())
            assert any(keys.startswith(shown) for _name, keys in rows), action.text()


def test_a_new_action_appears_on_the_sheet_without_editing_it(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    extra = QAction("Show &tips", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+T"))
    help_menu.addAction(extra)
    assert ("Show tips", native("Ctrl+Shift+T")) in cheat_sheet(qtbot, window)


def answer_files(monkeypatch, target):
    asked = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "Markdown (*.md)")),
    )
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda _p, _t, text, *r: asked.append(text) or QMessageBox.StandardButton.No),
    )
    return asked


def export_from_menu(qtbot, window, choose):
    def act(dialog):
        choose(dialog)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal_shows(act, name="exportChooser")
    press(qtbot, window, Qt.Key.Key_E)


def test_file_export_writes_the_chosen_quarters_retrospective(
    today, qtbot, window, journal_path, tmp_path, monkeypatch
):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, "Close the Series A", target_date=today)
    journal.close()
    target = tmp_path / "retro.md"
    asked = answer_files(monkeypatch, target)

    def this_quarter(dialog):
        dialog.findChild(QComboBox, "exportQuarter").setCurrentText(quarter_of(today))

    export_from_menu(qtbot, window, this_quarter)
    qtbot.waitUntil(window.saved_bar.isVisible)
    assert asked == []  # no modal question: the bar offers Open and Show in folder
    assert window.saved_bar.path == target
    text = target.read_text()
    assert text.startswith("# Retrospective")
    assert quarter_of(today) in text
    assert "Close the Series A" in text


def test_file_export_writes_a_meetings_board_brief(
    qtbot, window, journal_path, tmp_path, monkeypatch
):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, "Reach 40 paying customers", board_visible=True)
        board.create_meeting(session, Seat.A, date(2026, 10, 14), "Q3 board meeting")
    journal.close()
    target = tmp_path / "brief.md"
    asked = answer_files(monkeypatch, target)

    def the_brief(dialog):
        dialog.findChild(QRadioButton, "exportBriefChoice").setChecked(True)
        assert dialog.findChild(QComboBox, "exportMeeting").currentText() == (
            "14 Oct 2026 — Q3 board meeting"
        )

    export_from_menu(qtbot, window, the_brief)
    qtbot.waitUntil(window.saved_bar.isVisible)
    assert asked == []
    text = target.read_text()
    assert text.startswith("# Board brief — Q3 board meeting")
    assert "14 Oct 2026" in text


def test_the_export_chooser_offers_no_quarter_not_yet_begun(today, qtbot, window, journal_path):
    # A check-in dated a year ahead (a clock set wrong once) does not make the chooser
    # offer that quarter, nor leave it with no quarter at all.
    from ceocto_desktop.services.weekly import checkins

    ahead = today + timedelta(days=371)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        checkins.submit_answers(
            session,
            ahead - timedelta(days=ahead.weekday()),
            Seat.A,
            dict.fromkeys(
                ("role_clarity", "cooperation", "communication", "trust", "alignment"), 4
            ),
            {},
        )
    journal.close()
    offered: list[list[str]] = []

    def read(dialog):
        combo = dialog.findChild(QComboBox, "exportQuarter")
        offered.append([combo.itemText(i) for i in range(combo.count())])
        dialog.reject()

    when_modal_shows(read, name="exportChooser")
    press(qtbot, window, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: bool(offered))
    [quarters] = offered
    assert quarters == [quarter_of(today)]
