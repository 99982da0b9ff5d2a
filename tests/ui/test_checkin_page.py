"""The weekly check-in: both partners answer, blind in between, compared after."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from ceocto_desktop.services.weekly.checkins import load_question_bank

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def answer(qtbot, page, ratings, texts):
    for name, value in ratings.items():
        button = page.findChild(QPushButton, f"rate_{name}_{value}")
        # Near the segment's left edge: any point of it picks the value.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(7, button.height() // 2))
    for name, text in texts.items():
        box = page.findChild(QPlainTextEdit, f"answer_{name}")
        box.setFocus()
        qtbot.keyClicks(box, text)
    qtbot.mouseClick(page.findChild(QPushButton, "submitCheckin"), Qt.MouseButton.LeftButton)


SAM = {"role_clarity": 4, "cooperation": 5, "communication": 4, "trust": 5, "alignment": 4}
PRIYA = {"role_clarity": 4, "cooperation": 3, "communication": 2, "trust": 5, "alignment": 4}


def test_both_answer_blind_then_see_each_other(qtbot, window, db):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "checkinPage"
    status = page.findChild(QLabel, "checkinStatus")
    assert status.text() == "Nobody has answered this week yet."
    bank = load_question_bank()
    assert page.findChild(QLabel, "prompt_wins").text() == f"<b>{bank['wins'][0]}</b>"

    answer(qtbot, page, SAM, {"wins": "Closed Hafenlogistik", "needs": "Take the Thursday demo"})
    assert "Sam has answered" in status.text() and "waiting for Priya" in status.text()
    shown = page.findChild(QLabel, "checkinAnswers").text()
    assert "Closed Hafenlogistik" in shown and "hidden until Priya answers" in shown

    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)  # Priya takes the laptop
    assert page.findChild(QPushButton, "submitCheckin").isVisible()
    assert not page.findChild(QLabel, "checkinAnswers").isVisible()
    # Blind: nothing of Sam's answers is on the screen for Priya.
    on_screen = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())
    assert "Closed Hafenlogistik" not in on_screen and "Thursday demo" not in on_screen

    answer(qtbot, page, PRIYA, {"worries": "Burn", "appreciation": "You covered the escalation"})
    assert status.text().startswith("<b>Done by both.")
    compared = page.findChild(QLabel, "checkinAnswers").text()
    assert "Closed Hafenlogistik" in compared and "You covered the escalation" in compared
    assert "2 apart — talk" in compared  # cooperation 5 vs 3, communication 4 vs 2
    assert "color:#e0483e" in compared  # two apart: the reveal marks it (colour changed in #12)
    assert db.rows("SELECT seat, cooperation, wins_prompt FROM checkin_answers ORDER BY seat") == [
        ("A", 5, bank["wins"][0]),
        ("B", 3, bank["wins"][0]),
    ]
    # Another week asks the phrasings asked least so far.
    qtbot.mouseClick(page.findChild(QPushButton, "previousWeek"), Qt.MouseButton.LeftButton)
    assert page.findChild(QLabel, "prompt_wins").text() == f"<b>{bank['wins'][1]}</b>"


def test_a_missing_rating_is_refused_and_a_late_week_can_be_entered(qtbot, window, db):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    answer(qtbot, page, {k: v for k, v in SAM.items() if k != "trust"}, {})
    error = page.findChild(QLabel, "checkinError")
    assert error.isVisible() and error.text().startswith("Rate trust")
    assert db.one("SELECT count(*) FROM checkin_answers") == 0
    qtbot.mouseClick(page.findChild(QPushButton, "previousWeek"), Qt.MouseButton.LeftButton)
    assert "late entry" in page.findChild(QLabel, "checkinWeek").text()
    answer(qtbot, page, SAM, {"wins": "Late but honest"})
    assert db.one("SELECT week_start FROM checkins") == page.week.isoformat()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.one("SELECT count(*) FROM checkin_answers") == 0
