"""Check-in answers and the quick note are kept as their writer's private draft as typed."""

from __future__ import annotations

# The app's own SQLite library: a second one in this process, closing the file,
# would drop the open window's locks (and has hung a write waiting on them).
import sqlcipher3.dbapi2 as sqlite3
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.services.search import search
from ceocto_desktop.ui.app import Launcher

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SAM = {"role_clarity": 4, "cooperation": 5, "communication": 4, "trust": 5, "alignment": 4}


def checkin_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "checkinPage"
    return page


def rate(qtbot, page, ratings):
    for name, value in ratings.items():
        button = page.findChild(QPushButton, f"rate_{name}_{value}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(7, button.height() // 2))


def type_answer(qtbot, page, name, text):
    box = page.findChild(QPlainTextEdit, f"answer_{name}")
    box.setFocus()
    qtbot.keyClicks(box, text)
    return box


def shown_ratings(page):
    return {
        name: value
        for name in SAM
        for value in range(1, 6)
        if page.findChild(QPushButton, f"rate_{name}_{value}").isChecked()
    }


def shown_text(page, name):
    return page.findChild(QPlainTextEdit, f"answer_{name}").toPlainText()


def status(window):
    return window.findChild(QLabel, "savedIndicator").text()


def drafts_in(db):
    return db.rows("SELECT seat, key, payload FROM drafts ORDER BY seat, key")


def reopen(qtbot, journal_path):
    launcher = Launcher(QSettings())
    assert launcher.open_path(journal_path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.resize(1300, 820)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_a_checkin_draft_is_kept_as_typed_and_comes_back_after_switching_page(qtbot, window, db):
    page = checkin_page(qtbot, window)
    rate(qtbot, page, {"cooperation": 4, "trust": 5})
    type_answer(qtbot, page, "wins", "Shipped the pilot")
    # Kept after a pause in typing, without leaving the field: what survives a crash.
    qtbot.waitUntil(lambda: "Shipped the pilot" in str(drafts_in(db)), timeout=3000)
    (seat, key, _payload), *_ = drafts_in(db)
    assert (seat, key) == ("A", f"checkin:{page.week.isoformat()}")
    assert status(window) == "Draft saved"
    draft_state = page.findChild(QLabel, "checkinDraftState").text()
    assert draft_state.startswith("Draft saved") and "only you can see it" in draft_state
    type_answer(qtbot, page, "worries", "Burn rate")
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # Goals, before the pause is over
    assert "Burn rate" in str(drafts_in(db))
    page = checkin_page(qtbot, window)
    assert shown_ratings(page) == {"cooperation": 4, "trust": 5}
    assert shown_text(page, "wins") == "Shipped the pilot"
    assert shown_text(page, "worries") == "Burn rate"
    assert db.one("SELECT count(*) FROM checkin_answers") == 0  # a draft, not an answer


def test_a_checkin_draft_survives_quitting_and_reopening(qtbot, window, journal_path):
    page = checkin_page(qtbot, window)
    rate(qtbot, page, {"alignment": 2})
    type_answer(qtbot, page, "needs", "Decide on the hire by Friday")
    assert window.close()  # at once: the pause has not passed
    again = reopen(qtbot, journal_path)
    page = checkin_page(qtbot, again)
    assert shown_ratings(page) == {"alignment": 2}
    assert shown_text(page, "needs") == "Decide on the hire by Friday"


def test_no_one_else_sees_a_draft(today, qtbot, window, journal_path, db):
    page = checkin_page(qtbot, window)
    rate(qtbot, page, {"trust": 1})
    type_answer(qtbot, page, "worries", "Zanzibar worry only Sam may read")
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)  # Priya takes the laptop
    assert drafts_in(db)[0][:2] == ("A", f"checkin:{page.week.isoformat()}")
    assert shown_ratings(page) == {}
    assert shown_text(page, "worries") == ""
    on_screen = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())
    assert "Zanzibar" not in on_screen
    type_answer(qtbot, page, "wins", "Priya's own draft")
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)  # back to Sam
    assert shown_text(page, "worries") == "Zanzibar worry only Sam may read"
    assert shown_text(page, "wins") == ""
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)
    assert shown_text(page, "wins") == "Priya's own draft"
    # Not in search, not in a report.
    with sqlite3.connect(journal_path) as connection:
        assert search(connection, "Zanzibar") == []
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    report = window.context.read(lambda s: to_markdown(build_retrospective(s, quarter)))
    assert "Zanzibar" not in report and "Priya's own draft" not in report


def test_undo_of_a_submit_returns_to_the_draft(qtbot, window, db):
    page = checkin_page(qtbot, window)
    rate(qtbot, page, SAM)
    type_answer(qtbot, page, "wins", "Closed the round")
    qtbot.mouseClick(page.findChild(QPushButton, "submitCheckin"), Qt.MouseButton.LeftButton)
    assert db.one("SELECT count(*) FROM checkin_answers") == 1
    assert drafts_in(db) == []  # submitted: the draft is gone with it
    assert not page.form.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.one("SELECT count(*) FROM checkin_answers") == 0
    assert page.form.isVisible()
    assert shown_ratings(page) == SAM
    assert shown_text(page, "wins") == "Closed the round"
    assert "Closed the round" in str(drafts_in(db))
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert db.one("SELECT wins FROM checkin_answers") == "Closed the round"
    assert drafts_in(db) == []


def test_the_quick_note_is_a_draft_until_added(qtbot, window, journal_path, db):
    box = window.findChild(QPlainTextEdit, "quickNote")
    box.setFocus()
    qtbot.keyClicks(box, "Ask Priya about the #board deck")
    assert window.close()
    assert db.rows("SELECT seat, key FROM drafts") == [("A", "quick-note")]
    again = reopen(qtbot, journal_path)
    box = again.findChild(QPlainTextEdit, "quickNote")
    assert box.toPlainText() == "Ask Priya about the #board deck"
    # Priya's quick note is her own: Sam's words are not in the box for her.
    qtbot.keyClick(again, Qt.Key.Key_U, CTRL | SHIFT)
    assert box.toPlainText() == ""
    qtbot.keyClick(again, Qt.Key.Key_U, CTRL | SHIFT)
    assert box.toPlainText() == "Ask Priya about the #board deck"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    assert db.rows("SELECT author, body FROM notes") == [("A", "Ask Priya about the #board deck")]
    assert db.rows("SELECT seat, key FROM drafts") == []
    assert again.close()
    third = reopen(qtbot, journal_path)
    assert third.findChild(QPlainTextEdit, "quickNote").toPlainText() == ""


def test_each_week_keeps_its_own_draft(qtbot, window, db):
    page = checkin_page(qtbot, window)
    type_answer(qtbot, page, "wins", "This week's win")
    qtbot.mouseClick(page.findChild(QPushButton, "previousWeek"), Qt.MouseButton.LeftButton)
    assert shown_text(page, "wins") == ""
    type_answer(qtbot, page, "wins", "Last week's win, late")
    qtbot.mouseClick(page.findChild(QPushButton, "thisWeek"), Qt.MouseButton.LeftButton)
    assert shown_text(page, "wins") == "This week's win"
    qtbot.mouseClick(page.findChild(QPushButton, "previousWeek"), Qt.MouseButton.LeftButton)
    assert shown_text(page, "wins") == "Last week's win, late"
    assert len(drafts_in(db)) == 2
