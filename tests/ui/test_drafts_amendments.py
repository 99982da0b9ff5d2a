"""Submitted check-in answers can change: in place before the other answers, amended after."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SAM = {"role_clarity": 4, "cooperation": 3, "communication": 4, "trust": 5, "alignment": 4}
PRIYA = {"role_clarity": 4, "cooperation": 4, "communication": 2, "trust": 5, "alignment": 4}


def click(qtbot, page, name):
    button = page.findChild(QPushButton, name)
    assert button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rate(qtbot, page, ratings):
    for name, value in ratings.items():
        button = page.findChild(QPushButton, f"rate_{name}_{value}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(7, button.height() // 2))


def write(qtbot, page, name, text, *, replace=False):
    box = page.findChild(QPlainTextEdit, f"answer_{name}")
    box.setFocus()
    if replace:
        box.selectAll()
    qtbot.keyClicks(box, text)


def answer(qtbot, page, ratings, wins):
    rate(qtbot, page, ratings)
    write(qtbot, page, "wins", wins)
    click(qtbot, page, "submitCheckin")


def checkin_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    return window.stack.currentWidget()


def test_before_the_other_answers_my_answers_change_in_place(qtbot, window, db):
    page = checkin_page(qtbot, window)
    answer(qtbot, page, SAM, "Closed the round")
    click(qtbot, page, "editCheckin")
    assert page.findChild(QPlainTextEdit, "answer_wins").toPlainText() == "Closed the round"
    assert page.findChild(QPushButton, "rate_cooperation_3").isChecked()
    assert page.findChild(QPushButton, "submitCheckin").text() == "Save my changes"
    rate(qtbot, page, {"cooperation": 4})
    write(qtbot, page, "wins", "Closed the round at 8M", replace=True)
    click(qtbot, page, "submitCheckin")
    assert db.rows("SELECT cooperation, wins FROM checkin_answers") == [
        (4, "Closed the round at 8M")
    ]
    assert db.one("SELECT count(*) FROM checkin_amendments") == 0  # nobody saw the first
    assert db.one("SELECT count(*) FROM drafts") == 0
    shown = page.findChild(QLabel, "checkinAnswers").text()
    assert "Closed the round at 8M" in shown
    assert not page.findChild(QLabel, "checkinAmendments").isVisible()


def test_after_both_answered_a_change_is_a_visible_amendment(qtbot, window, db):
    page = checkin_page(qtbot, window)
    answer(qtbot, page, SAM, "Closed the round")
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)
    answer(qtbot, page, PRIYA, "Hired the SRE")
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)  # Sam again
    click(qtbot, page, "editCheckin")
    assert page.findChild(QPushButton, "submitCheckin").text() == "Amend my answers"
    assert "shown as an amendment" in page.findChild(QLabel, "checkinFormNote").text()
    rate(qtbot, page, {"cooperation": 4})
    click(qtbot, page, "submitCheckin")
    assert db.rows(
        "SELECT a.seat, m.field, m.value_before, m.value_after, m.author"
        " FROM checkin_amendments m JOIN checkin_answers a ON a.id = m.answer_id"
    ) == [("A", "cooperation", "3", "4", "A")]
    amended = page.findChild(QLabel, "checkinAmendments")
    assert amended.isVisible()
    assert "Sam amended" in amended.text() and "cooperation 3 → 4" in amended.text()
    # Priya sees it too: never a silent change.
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)
    assert "cooperation 3 → 4" in page.findChild(QLabel, "checkinAmendments").text()
    # Undo takes the change and its amendment back together.
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.one("SELECT count(*) FROM checkin_amendments") == 0
    assert db.one("SELECT cooperation FROM checkin_answers WHERE seat = 'A'") == 3


def test_changes_being_typed_are_a_draft_too(qtbot, window, db):
    page = checkin_page(qtbot, window)
    answer(qtbot, page, SAM, "Closed the round")
    click(qtbot, page, "editCheckin")
    write(qtbot, page, "worries", "Runway after the hire")
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # away before saving the change
    assert db.rows("SELECT seat, key FROM drafts") == [("A", f"checkin-edit:{page.week}")]
    assert db.one("SELECT worries FROM checkin_answers") == ""  # not changed yet
    page = checkin_page(qtbot, window)
    box = page.findChild(QPlainTextEdit, "answer_worries")
    assert page.form.isVisible() and box.toPlainText() == "Runway after the hire"
    click(qtbot, page, "cancelCheckinEdit")
    assert not page.form.isVisible()
    assert db.one("SELECT count(*) FROM drafts") == 0
    assert db.one("SELECT worries FROM checkin_answers") == ""
