"""Our sync's outcomes in one step: an outcome made a decision (the decision form filled in,
linked back to the item), a need asked as a commitment the other accepts or counters."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.ui.widgets.title_edit import TitleEdit
from tests.ui.helpers import save_or_explain, when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}


def _answer(window, seat, needs=""):
    week = window.context.read(checkins.current_week)
    window.context.write(
        lambda s: checkins.submit_answers(s, week, seat, CALM, {"needs": needs}),
        Changed.CHECKINS,
    )


def _go(qtbot, window, key):
    window.activateWindow()  # a closed dialog hands activation back to the window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, CTRL)
    return window.stack.currentWidget()


def _opened_sync(qtbot, window, needs_a="", needs_b=""):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "checkinPage"
    _answer(window, Seat.A, needs_a)
    _answer(window, Seat.B, needs_b)
    qtbot.mouseClick(page.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QLineEdit, "syncOutcome1").isVisible())
    return page


def test_an_outcome_becomes_a_decision_linked_back_to_its_item_and_is_undone(qtbot, window, db):
    page = _opened_sync(qtbot, window, needs_a="A clear answer on the EU region")
    outcome = page.findChild(QLineEdit, "syncOutcome1")
    decide = page.findChild(QPushButton, "syncDecide1")
    assert decide.isVisible() and not decide.isEnabled()  # nothing decided without an outcome
    outcome.setFocus()
    qtbot.keyClicks(outcome, "Host in Frankfurt from March")
    assert decide.isEnabled()

    seen = {}

    def bad_review_date(dialog):
        seen["title"] = dialog.findChild(QLineEdit, "agendaDecisionTitle").text()
        seen["context"] = dialog.findChild(QPlainTextEdit, "agendaDecisionContext").toPlainText()
        seen["decision"] = dialog.findChild(QPlainTextEdit, "agendaDecisionText").toPlainText()
        review = dialog.findChild(QLineEdit, "agendaDecisionReview")
        qtbot.keyClicks(review, "after the summer")
        dialog.save()
        error = dialog.findChild(QLabel, "agendaDecisionDialog_review_on_error")
        seen["error"] = error.text() if error.isVisible() else ""
        dialog.reject()

    when_modal_shows(bad_review_date, name="agendaDecisionDialog")
    qtbot.mouseClick(decide, Qt.MouseButton.LeftButton)
    assert seen["title"] == "Host in Frankfurt from March"
    assert seen["decision"] == "Host in Frankfurt from March"
    week = window.context.read(checkins.current_week)
    assert seen["context"] == (  # in the window's words and dates ("2 Nov 2026", not "02 Nov")
        f"From our weekly talk, week of {day_text(week)}: "
        "What Sam needs from Priya: A clear answer on the EU region"
    )
    assert "'after the summer' is not a date" in seen["error"]
    assert db.one("SELECT count(*) FROM decisions") == 0  # refused: nothing written
    assert db.rows("SELECT decision_id FROM agenda_items") == [(None,)]

    def save(dialog):
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "agendaDecisionRationale"), "GDPR asks")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "agendaDecisionReview"), "2027-06-01")
        save_or_explain(dialog)

    when_modal_shows(save, name="agendaDecisionDialog")
    qtbot.mouseClick(decide, Qt.MouseButton.LeftButton)
    assert db.rows("SELECT title, rationale, review_on, status FROM decisions") == [
        ("Host in Frankfurt from March", "GDPR asks", "2027-06-01", "decided")
    ]
    assert db.rows(
        "SELECT a.discussed, a.outcome, d.title FROM agenda_items a "
        "JOIN decisions d ON d.id = a.decision_id"
    ) == [(1, "Host in Frankfurt from March", "Host in Frankfurt from March")]
    assert decide.text() == "See the decision"

    window.activateWindow()  # the closed dialog hands activation back to the window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(decide, Qt.MouseButton.LeftButton)  # linked: it opens the decision
    shown = window.stack.currentWidget()
    assert shown.objectName() == "decisionsPage"
    assert shown.findChild(TitleEdit, "decision_title").text() == "Host in Frankfurt from March"
    back = shown.findChild(QPushButton, "fromSyncLink")  # and back to the week's agenda
    assert back.isVisible() and back.text() == f"From our weekly talk, week of {day_text(week)} ›"
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is page

    assert _go(qtbot, window, Qt.Key.Key_2) is page
    assert window.findChild(QAction, "undoAction").text() == "&Undo make a decision"
    window.setFocus()
    _go(qtbot, window, Qt.Key.Key_Z)  # undo: the decision goes, the outcome stays
    assert db.one("SELECT count(*) FROM decisions") == 0
    assert db.rows("SELECT outcome, decision_id FROM agenda_items") == [
        ("Host in Frankfurt from March", None)
    ]
    decide = page.findChild(QPushButton, "syncDecide1")
    qtbot.waitUntil(lambda: decide.text() == "Make it a decision")


def _write_as(qtbot, window, seat):
    switch = window.findChild(QComboBox, "authorSwitch")
    switch.setCurrentIndex(switch.findData(seat))
    assert window.context.author is seat


def test_a_need_is_asked_in_one_click_and_the_other_takes_it_on_or_offers_instead(
    qtbot, window, db
):
    page = _opened_sync(qtbot, window, needs_a="Take the Thursday demo")
    ask = page.findChild(QPushButton, "syncAsk1")
    assert ask.isVisible()
    qtbot.mouseClick(ask, Qt.MouseButton.LeftButton)
    week = window.context.read(checkins.current_week)
    due = str(date.today() + timedelta(days=7))
    assert db.rows(
        "SELECT owed_by, owed_to, author, what, status, due_on, week_start FROM commitments"
    ) == [("B", "A", "A", "Take the Thursday demo", "proposed", due, str(week))]
    asked = page.findChild(QLabel, "syncAsked1")
    qtbot.waitUntil(asked.isVisible)
    assert asked.text() == "Asked of Priya: waiting for an answer."
    assert page.findChild(QPushButton, "syncCommit1").text() == "Asked"
    assert not ask.isVisible()
    assert not page.findChild(QPushButton, "syncAccept1").isVisible()  # Sam cannot accept

    _write_as(qtbot, window, Seat.B)
    accept = page.findChild(QPushButton, "syncAccept1")
    qtbot.waitUntil(accept.isVisible)
    assert page.findChild(QLabel, "syncAsked1").text() == "Sam asks you to take this on."
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert db.rows("SELECT what, status, asked_for FROM commitments") == [
        ("Take the Thursday demo", "open", "")
    ]
    qtbot.waitUntil(lambda: not page.findChild(QLabel, "syncAsked1").isVisible())
    assert page.findChild(QPushButton, "syncCommit1").text() == "Commitment made"

    _go(qtbot, window, Qt.Key.Key_Z)  # undo: asked again, not yet taken on
    assert db.rows("SELECT status FROM commitments") == [("proposed",)]
    counter = page.findChild(QPushButton, "syncCounter1")
    qtbot.waitUntil(counter.isVisible)

    said = {}

    def offer(dialog):
        dialog.save()  # nothing offered: refused, nothing written
        said["empty"] = dialog.findChild(QLabel, "counterDialog_offer_error").text()
        qtbot.keyClicks(dialog.findChild(QLineEdit, "counterOffer"), "Run Friday's demo instead")
        save_or_explain(dialog)

    when_modal_shows(offer, name="counterDialog")
    qtbot.mouseClick(counter, Qt.MouseButton.LeftButton)
    assert said["empty"] == "The offer cannot be empty."
    assert db.rows("SELECT what, status, asked_for, due_on FROM commitments") == [
        ("Run Friday's demo instead", "open", "Take the Thursday demo", due)
    ]
    _go(qtbot, window, Qt.Key.Key_Z)
    assert db.rows("SELECT what, status, asked_for FROM commitments") == [
        ("Take the Thursday demo", "proposed", "")
    ]
    _go(qtbot, window, Qt.Key.Key_Z)  # and the ask itself
    assert db.one("SELECT count(*) FROM commitments") == 0
    assert db.rows("SELECT commitment_id FROM agenda_items") == [(None,)]


def _page_words(page):
    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in page.findChildren(QLineEdit) if w.isVisible()]
    lists = page.findChildren(QListWidget, "talkingPoints")
    texts += [lst.item(i).text() for lst in lists for i in range(lst.count()) if lst.isVisible()]
    return " ".join(texts)


def test_a_talking_point_is_its_writers_alone_until_the_agenda_opens(qtbot, window, db):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    text = page.findChild(QLineEdit, "talkingPointText")
    points = page.findChild(QListWidget, "talkingPoints")
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Return)  # nothing written: refused with a sentence
    error = page.findChild(QLabel, "talkingPointError")
    assert error.isVisible() and error.text() == "Write the point first."
    qtbot.keyClicks(text, "Hiring my brother-in-law")
    qtbot.keyClick(text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: points.count() == 1)
    assert points.item(0).text() == "Hiring my brother-in-law" and text.text() == ""
    assert not error.isVisible()

    _write_as(qtbot, window, Seat.B)  # Priya sees nothing of it
    qtbot.waitUntil(lambda: points.count() == 0)
    assert "brother" not in _page_words(page)
    _answer(window, Seat.A)
    _answer(window, Seat.B)
    assert "brother" not in _page_words(page)  # both answered, the agenda not yet open
    _write_as(qtbot, window, Seat.A)
    qtbot.waitUntil(lambda: points.count() == 1)

    points.setCurrentRow(0)
    points.setFocus()
    qtbot.keyClick(points, Qt.Key.Key_Delete)  # taken back, then undone
    qtbot.waitUntil(lambda: points.count() == 0)
    _go(qtbot, window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: points.count() == 1)

    qtbot.mouseClick(page.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QLabel, "syncItemText1") is not None)
    assert page.findChild(QLabel, "syncItemText1").text() == "Sam's point: Hiring my brother-in-law"
    qtbot.waitUntil(lambda: points.count() == 0)  # on the agenda now, no longer private
    assert db.rows("SELECT count(*) FROM drafts WHERE key LIKE 'points:%'") == [(0,)]


def test_points_kept_on_this_laptop_after_the_other_opened_the_agenda_are_added(qtbot, window):
    from ceocto_desktop.services.weekly import drafts

    page = _opened_sync(qtbot, window, needs_a="Quieter Fridays")
    week = window.context.read(checkins.current_week)
    # As after a sync: the agenda was opened on the other laptop, this one kept a point.
    window.context.write(
        lambda s: drafts.keep_talking_point(s, Seat.A, week, "Office move"), Changed.COMMITMENTS
    )
    button = page.findChild(QPushButton, "openSync")
    qtbot.waitUntil(button.isVisible)
    assert button.text() == "Add my talking points to it"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.sync.rows) == 2)
    assert page.sync.rows[1].label.text() == "Sam's point: Office move"
    assert not button.isVisible()
