"""The welcome dialog: fields in error are marked, messages clear once fixed, the dialog grows
with them; it asks the company's name, which the board brief then carries (and Settings
edits)."""

from __future__ import annotations

import sqlcipher3.dbapi2 as sqlite3  # the window's own driver: one SQLite library a file
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from ceocto_desktop.models import Seat
from ceocto_desktop.reports.board import build_board_brief
from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import company_name, set_company_name
from ceocto_desktop.services.review import board
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.settings.settings_dialog import SettingsDialog
from tests.ui.helpers import when_modal_shows
from tests.ui.test_first_run_fields import click_create, launch


def test_a_field_in_error_is_marked_and_cleared_as_soon_as_it_is_fixed(qtbot, tmp_path):
    seen = {}

    def act(dialog):
        before = dialog.height()
        click_create(qtbot, dialog)  # both names empty
        name_a = dialog.findChild(QLineEdit, "nameA")
        message = dialog.findChild(QLabel, "errorNameA")
        seen["marked"] = name_a.property("invalid")
        seen["grew"] = dialog.height() >= before and message.isVisible()
        seen["whole"] = message.height() >= message.heightForWidth(message.width()) - 1
        qtbot.keyClicks(name_a, "S")  # typing fixes it: the message goes at once
        seen["cleared"] = not message.isVisible() and not name_a.property("invalid")
        seen["other"] = dialog.findChild(QLabel, "errorNameB").isVisible()
        dialog.reject()

    when_modal_shows(act, name="firstRunDialog")
    opened, _ = launch(qtbot, tmp_path / "ours.db")
    assert not opened
    assert seen == {"marked": True, "grew": True, "whole": True, "cleared": True, "other": True}


def test_the_company_asked_at_first_run_heads_the_board_brief(today, qtbot, tmp_path):
    path = tmp_path / "ours.db"

    def act(dialog):
        assert dialog.findChild(QComboBox, "titleA").currentText() == "CEO"
        qtbot.keyClicks(dialog.findChild(QLineEdit, "companyName"), "  Routewise   GmbH ")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameA"), "Sam Rivera")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameB"), "Priya Natarajan")
        click_create(qtbot, dialog)

    when_modal_shows(act, name="firstRunDialog")
    opened, launcher = launch(qtbot, path)
    assert opened
    with sqlite3.connect(path) as db:
        stored = db.execute("SELECT value FROM settings WHERE key = 'company_name'").fetchall()
    assert stored == [("Routewise GmbH",)]
    window = launcher.windows[0]
    with window.context.journal.transaction() as session:
        board.create_meeting(session, Seat.A, today, "Q4 board")
        text = to_markdown(build_board_brief(session))
    assert text.startswith("# Routewise GmbH — Board brief — Q4 board")


def test_settings_edit_the_company_name(qtbot, window, db):
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.findChild(QLineEdit, "companySetting")
    field.setFocus()
    qtbot.keyClicks(field, "Routewise")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert db.one("SELECT value FROM settings WHERE key = 'company_name'") == "Routewise"
    assert "Routewise" in dialog.findChild(QLabel, "generalMessage").text()


def test_a_company_name_too_long_is_refused_with_a_reason(journal_path):
    journal = open_journal(journal_path)
    try:
        with journal.transaction() as session:
            try:
                set_company_name(session, "x" * 121)
            except ValidationError as exc:
                assert exc.message == "The company's name is 121 characters; 120 at most."
            else:
                raise AssertionError("accepted a 121-character name")
        with journal.transaction() as session:
            assert company_name(session) == ""
    finally:
        journal.close()
