"""The check-in as a person meets it: a 1–5 segmented control, the reveal, past weeks."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QWidget

from ceocto_desktop.models import Seat
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.labels import day_text

CTRL = Qt.KeyboardModifier.ControlModifier
RATINGS = ("role_clarity", "cooperation", "communication", "trust", "alignment")


def checkin_page(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "checkinPage"
    return page


def chosen(page, name):
    return [
        value
        for value in range(1, 6)
        if page.findChild(QPushButton, f"rate_{name}_{value}").isChecked()
    ]


def test_a_rating_is_five_joined_segments_picked_by_mouse(qtbot, window, db):
    page = checkin_page(qtbot, window)
    buttons = [page.findChild(QPushButton, f"rate_trust_{v}") for v in range(1, 6)]
    # Compact: the five segments sit side by side, not spread across the form.
    left, right = (
        buttons[0].mapTo(page, buttons[0].rect().topLeft()),
        buttons[4].mapTo(page, buttons[4].rect().topRight()),
    )
    assert right.x() - left.x() < 220 and left.y() == right.y()
    qtbot.mouseClick(buttons[3], Qt.MouseButton.LeftButton)
    assert chosen(page, "trust") == [4]
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert chosen(page, "trust") == [2]  # one value at a time
    assert page.findChild(QLabel, "meaning_trust").text() == "weak"
    # A click is a finished choice: kept as the partner's draft at once.
    assert '"trust": 2' in str(db.one("SELECT payload FROM drafts"))


def test_a_rating_is_operable_from_the_keyboard(qtbot, window, db):
    page = checkin_page(qtbot, window)
    control = page.findChild(QWidget, "rating_role_clarity")
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    qtbot.keyClick(control, Qt.Key.Key_3)
    assert chosen(page, "role_clarity") == [3]
    qtbot.keyClick(control, Qt.Key.Key_Right)
    qtbot.keyClick(control, Qt.Key.Key_Right)
    qtbot.keyClick(control, Qt.Key.Key_Right)  # stays at 5
    assert chosen(page, "role_clarity") == [5]
    qtbot.keyClick(control, Qt.Key.Key_Left)
    assert chosen(page, "role_clarity") == [4]
    # Tab goes to the next rating, where a number key rates it.
    qtbot.keyClick(control, Qt.Key.Key_Tab)
    following = page.findChild(QWidget, "rating_cooperation")
    assert following.hasFocus()
    qtbot.keyClick(following, Qt.Key.Key_1)
    assert chosen(page, "cooperation") == [1] and chosen(page, "role_clarity") == [4]
    for name in RATINGS[2:]:
        widget = page.findChild(QWidget, f"rating_{name}")
        qtbot.keyClick(widget, Qt.Key.Key_5)
    qtbot.mouseClick(page.findChild(QPushButton, "submitCheckin"), Qt.MouseButton.LeftButton)
    assert db.rows("SELECT role_clarity, cooperation, trust FROM checkin_answers") == [(4, 1, 5)]


def seed_weeks(journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        week = checkins.current_week(session)
        ratings_a = dict.fromkeys(RATINGS, 4)
        ratings_b = {**ratings_a, "cooperation": 2, "trust": 3}
        last = week - timedelta(weeks=1)
        checkins.submit_answers(session, last, Seat.A, ratings_a, {"wins": "Shipped v2"})
        checkins.submit_answers(session, last, Seat.B, ratings_b, {"wins": "Hired Ana"})
        checkins.submit_answers(session, week - timedelta(weeks=2), Seat.A, ratings_a)
    journal.close()
    return week


def test_the_reveal_sets_both_side_by_side_and_colours_differences(qtbot, journal_path, window):
    week = seed_weeks(journal_path)
    page = checkin_page(qtbot, window)
    page.show_week(week - timedelta(weeks=1))
    shown = page.findChild(QLabel, "checkinAnswers").text()
    assert "<th width='18%'>Sam</th><th width='18%'>Priya</th><th>Difference</th>" in shown
    assert "2 apart — talk" in shown and "#e0483e" in shown  # cooperation 4 against 2
    assert "1 apart" in shown  # trust 4 against 3: ordinary, not a warning
    assert "Cooperation: you see it 2 points apart — talk about it" in shown
    assert "Trust: you see it" not in shown
    assert shown.count("same") == 3
    assert "Shipped v2" in shown and "Hired Ana" in shown
    assert "<th></th>" not in shown  # no empty, unlabelled column


def test_past_weeks_name_who_has_not_answered(qtbot, journal_path, window):
    week = seed_weeks(journal_path)
    page = checkin_page(qtbot, window)
    history = page.findChild(QListWidget, "checkinHistory")
    lines = [history.item(r).text() for r in range(history.count())]
    assert lines == [
        f"{day_text(week - timedelta(weeks=1))} · both answered",
        f"{day_text(week - timedelta(weeks=2))} · Priya missing",
    ]


def test_the_segments_follow_a_switch_to_dark(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from ceocto_desktop.ui.theme import apply_scheme

    page = checkin_page(qtbot, window)
    button = page.findChild(QPushButton, "rate_trust_1")
    app = QApplication.instance()
    try:
        apply_scheme(app, dark=True)  # as a switch of the system's scheme does
        qtbot.waitUntil(lambda: button.grab().toImage().pixelColor(12, 8).lightness() < 80)
    finally:
        apply_scheme(app, dark=False)
    qtbot.waitUntil(lambda: button.grab().toImage().pixelColor(12, 8).lightness() > 160)


def test_the_reveal_fits_a_1024_window_without_sideways_scrolling(qtbot, journal_path, window):
    from PySide6.QtWidgets import QScrollArea

    week = seed_weeks(journal_path)
    window.resize(1024, 640)
    page = checkin_page(qtbot, window)
    page.show_week(week - timedelta(weeks=1))
    scroll = page.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())
    answers = page.findChild(QLabel, "checkinAnswers")
    assert answers.geometry().right() <= scroll.viewport().width()
    assert not scroll.horizontalScrollBar().isVisible()
