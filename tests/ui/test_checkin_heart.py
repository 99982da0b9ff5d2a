"""The check-in as the heart of the week: keys, the reveal in words, missed weeks, the tip."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QWidget

from ceocto_desktop.models import Seat
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.labels import day_text
from ceocto_desktop.ui.pages.checkin_page import PRIVACY_TIP_KEY
from ceocto_desktop.ui.panes.checkin_reveal import differences_in_words
from tests.ui.test_checkin_design import RATINGS, checkin_page

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_arriving_puts_the_cursor_on_the_first_rating(qtbot, window):
    page = checkin_page(qtbot, window)
    first = page.findChild(QWidget, "rating_role_clarity")
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_4)  # rated without touching the mouse
    assert page.form.ratings() == {"role_clarity": 4}


def test_ctrl_enter_submits_from_anywhere_in_the_form(qtbot, window, db):
    page = checkin_page(qtbot, window)
    for name in RATINGS:
        control = page.findChild(QWidget, f"rating_{name}")
        control.setFocus()
        qtbot.keyClick(control, Qt.Key.Key_3)
    box = page.form.texts["wins"]
    box.setFocus()
    qtbot.keyClicks(box, "Closed the pilot")
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    assert db.rows("SELECT trust, wins FROM checkin_answers") == [(3, "Closed the pilot")]


def test_ctrl_enter_with_a_rating_missing_says_which_and_keeps_nothing(qtbot, window, db):
    page = checkin_page(qtbot, window)
    control = page.findChild(QWidget, "rating_role_clarity")
    control.setFocus()
    qtbot.keyClick(control, Qt.Key.Key_3)
    qtbot.keyClick(control, Qt.Key.Key_Return, CTRL)
    assert page.form.error.text() == "Rate cooperation from 1 to 5."
    assert db.one("SELECT count(*) FROM checkin_answers") == 0


def test_alt_left_and_right_walk_the_weeks(qtbot, window):
    page = checkin_page(qtbot, window)
    this_week = page.week
    control = page.findChild(QWidget, "rating_role_clarity")
    qtbot.waitUntil(control.hasFocus)
    qtbot.keyClick(control, Qt.Key.Key_Left, ALT)
    assert page.week == this_week - timedelta(days=7)
    assert page.form.ratings() == {}  # Alt+Left walked; it did not rate
    assert "(late entry)" in page.heading.text()
    qtbot.keyClick(page, Qt.Key.Key_Right, ALT)
    assert page.week == this_week
    qtbot.keyClick(page, Qt.Key.Key_Right, ALT)
    assert page.week == this_week  # no week after this one


def test_the_heading_is_one_line_at_the_desktop_font(qtbot, window):
    page = checkin_page(qtbot, window)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    heading = page.heading
    assert f"Week of {day_text(page.week)}" in heading.text()
    line = heading.fontMetrics().height()
    # An <h2> at most: not two lines of it.
    assert heading.height() < 3 * line


def seed_reveal(journal_path, b_changes):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        week = checkins.current_week(session)
        last = week - timedelta(weeks=1)
        base = dict.fromkeys(RATINGS, 4)
        checkins.submit_answers(session, last, Seat.A, base)
        checkins.submit_answers(session, last, Seat.B, {**base, **b_changes})
    journal.close()
    return last


def test_the_reveal_says_wide_differences_in_words(qtbot, journal_path, window):
    last = seed_reveal(journal_path, {"trust": 2, "alignment": 1, "cooperation": 3})
    page = checkin_page(qtbot, window)
    page.show_week(last)
    shown = page.findChild(QLabel, "checkinAnswers").text()
    assert "Alignment on goals: you see it 3 points apart — talk about it" in shown
    assert "Trust: you see it 2 points apart — talk about it" in shown
    assert shown.index("Alignment on goals: you see") < shown.index("Trust: you see")
    assert "Cooperation: you see" not in shown  # one point apart is not a warning


def test_a_week_seen_alike_says_so(qtbot, journal_path, window):
    last = seed_reveal(journal_path, {"trust": 3})
    page = checkin_page(qtbot, window)
    page.show_week(last)
    shown = page.findChild(QLabel, "checkinAnswers").text()
    assert "within a point of each other on every rating" in shown


def test_differences_in_words_ignore_gaps_under_two():
    assert differences_in_words(dict.fromkeys(RATINGS, 1)) == []
    assert differences_in_words({"trust": 4, "role_clarity": 0}) == [
        "Trust: you see it 4 points apart — talk about it"
    ]


def test_missed_weeks_show_as_missed(qtbot, journal_path, window):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        week = checkins.current_week(session)
        ratings = dict.fromkeys(RATINGS, 4)
        for seat in Seat:
            checkins.submit_answers(session, week - timedelta(weeks=4), seat, ratings)
        checkins.submit_answers(session, week - timedelta(weeks=2), Seat.B, ratings)
    journal.close()
    page = checkin_page(qtbot, window)
    history = page.findChild(QListWidget, "checkinHistory")
    lines = [history.item(r).text() for r in range(history.count())]
    assert lines == [
        f"{day_text(week - timedelta(weeks=1))} · missed",
        f"{day_text(week - timedelta(weeks=2))} · Sam missing",
        f"{day_text(week - timedelta(weeks=3))} · missed",
        f"{day_text(week - timedelta(weeks=4))} · both answered",
    ]


def test_the_privacy_tip_is_said_once(qtbot, window):
    page = checkin_page(qtbot, window)
    tip = page.findChild(QLabel, "privacyHint")
    assert tip.isVisible() and tip.text().startswith("Tip: anyone at this laptop")
    tip.linkActivated.emit("dismiss")
    assert not tip.isVisible()
    assert QSettings().value(PRIVACY_TIP_KEY) in (True, "true")
    page.show_week(page.week - timedelta(days=7))
    assert not tip.isVisible()  # not back on the next week, nor the next start


@pytest.fixture
def desktop_font(qapp):
    """The desktop's 11 pt font, set before the window is made (as on GNOME and KDE)."""
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(11)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def test_past_weeks_are_whole_lines_at_the_desktop_font(qtbot, journal_path, desktop_font, window):
    test_missed_weeks_show_as_missed(qtbot, journal_path, window)
    history = window.findChild(QListWidget, "checkinHistory")
    room = history.viewport().width()
    for row in range(history.count()):
        text = history.item(row).text()
        assert history.fontMetrics().horizontalAdvance(text) < room, text
