"""A fortnight of the weekly sync as the pair lives it: last week's check-ins give an agenda;
one outcome becomes a decision, one need is asked and taken on; what was not talked through
and the commitment falling due are on this week's agenda, where the commitment is kept; Our
roles thanks the partner for help across the line."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from ceocto_desktop.analytics.formats import week_text
from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.ui.widgets.title_edit import TitleEdit
from tests.ui.helpers import save_or_explain, when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}


def _go(qtbot, window, key, modifiers=CTRL):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)
    return window.stack.currentWidget()


def _answer(window, week, seat, needs="", trust=4):
    window.context.write(
        lambda s: checkins.submit_answers(
            s, week, seat, {**CALM, "trust": trust}, {"needs": needs}
        ),
        Changed.CHECKINS,
    )


def _texts(page):
    return [row.label.text() for row in page.sync.rows]


def _row(page, title_start):
    number = next(n for n, t in enumerate(_texts(page), start=1) if t.startswith(title_start))
    return number


def test_a_fortnight_of_syncs_from_check_ins_to_kept_commitments_and_thanks(qtbot, window, db):
    this_week = window.context.read(checkins.current_week)
    last_week = this_week - timedelta(days=7)
    _answer(window, last_week, Seat.A, needs="Review the security questionnaire for Łódź", trust=4)
    _answer(window, last_week, Seat.B, needs="Quieter Fridays", trust=2)

    page = _go(qtbot, window, Qt.Key.Key_2)
    qtbot.mouseClick(page.findChild(QPushButton, "previousWeek"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QPushButton, "openSync").isVisible())
    qtbot.mouseClick(page.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_texts(page)) == 3)
    assert _texts(page) == [
        "Trust: Sam 4, Priya 2 — talk about it",
        "What Sam needs from Priya: Review the security questionnaire for Łódź",
        "What Priya needs from Sam: Quieter Fridays",
    ]

    # The need, asked of Priya in one click; she takes it on.
    need = _row(page, "What Sam needs")
    qtbot.mouseClick(page.findChild(QPushButton, f"syncAsk{need}"), Qt.MouseButton.LeftButton)
    switch = window.findChild(QComboBox, "authorSwitch")
    switch.setCurrentIndex(switch.findData(Seat.B))
    accept = page.findChild(QPushButton, f"syncAccept{need}")
    qtbot.waitUntil(accept.isVisible)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert db.rows("SELECT owed_by, status FROM commitments") == [("B", "open")]

    # The gap's outcome becomes a decision; Priya's need is left for this week.
    gap = _row(page, "Trust:")
    outcome = page.findChild(QLineEdit, f"syncOutcome{gap}")
    outcome.setFocus()
    qtbot.keyClicks(outcome, "A weekly hour, phones away")

    def decide(dialog):
        save_or_explain(dialog)

    when_modal_shows(decide, name="agendaDecisionDialog")
    qtbot.mouseClick(page.findChild(QPushButton, f"syncDecide{gap}"), Qt.MouseButton.LeftButton)
    assert db.rows("SELECT title FROM decisions") == [("A weekly hour, phones away",)]

    # This week: both answer; the agenda carries the gap (since last week) and the
    # commitment falling due; the commitment is kept there.
    _answer(window, this_week, Seat.A)
    _answer(window, this_week, Seat.B)
    _go(qtbot, window, Qt.Key.Key_2)
    qtbot.mouseClick(page.findChild(QPushButton, "thisWeek"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QPushButton, "openSync").isVisible())
    qtbot.mouseClick(page.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_texts(page)) == 2)
    texts = _texts(page)
    assert (
        texts[0] == f"What Priya needs from Sam: Quieter Fridays (since the {week_text(last_week)})"
    )
    assert texts[1].startswith("Priya owes Sam: Review the security questionnaire for Łódź (due")
    qtbot.mouseClick(page.sync.rows[1].kept, Qt.MouseButton.LeftButton)
    assert db.rows("SELECT status FROM commitments") == [("done",)]

    # Our roles thanks Priya: a security questionnaire is sales work, outside a CTO's role.
    commitments_page = _go(qtbot, window, Qt.Key.Key_O, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: (
            commitments_page.findChild(TitleEdit, "commitment_what").text() != ""
            or commitments_page.table.model().rowCount() == 1
        )
    )
    commitments_page.table.selectRow(0)
    area = commitments_page.findChild(QComboBox, "commitment_area")
    qtbot.waitUntil(lambda: commitments_page.findChild(TitleEdit, "commitment_what").text() != "")
    area.setCurrentIndex(area.findText("Sales & marketing"))
    assert db.rows("SELECT area FROM commitments") == [("sales & marketing",)]
    roles = _go(qtbot, window, Qt.Key.Key_7)
    thanks = roles.findChild(QLabel, "partnerBForOther")
    qtbot.waitUntil(thanks.isVisible)
    assert "Priya in sales &amp; marketing (1): Review the security questionnaire for Łódź" in (
        thanks.text()
    )
