"""The Commitments page: every promise (asked, open, kept, dropped), filtered and found,
edited, kept, dropped with a reason and taken on from its detail; each step undone."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableView

from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import commitments
from ceocto_desktop.ui.widgets.title_edit import TitleEdit
from tests.ui.helpers import save_or_explain, when_modal_shows
from tests.ui.test_search_palette import palette, typed

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TODAY = date.today()


def _seed(window):
    def made(work):
        return window.context.write(work, Changed.COMMITMENTS)

    late = made(
        lambda s: commitments.create_commitment(
            s, Seat.A, "Intro to the bank", TODAY - timedelta(days=2)
        )
    )
    kept = made(lambda s: commitments.create_commitment(s, Seat.B, "Join the Ardennes call", TODAY))
    made(lambda s: commitments.complete_commitment(s, kept.id, TODAY))
    made(
        lambda s: commitments.ask_for_commitment(
            s, Seat.A, "Take the Thursday demo", TODAY + timedelta(days=5)
        )
    )
    return late


def _go(qtbot, window):
    window.activateWindow()  # a closed dialog hands activation back to the window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL | SHIFT)
    page = window.stack.currentWidget()
    assert page.objectName() == "commitmentsPage"
    return page


def _whats(page):
    table = page.findChild(QTableView, "commitmentsTable")
    model = table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _select(qtbot, page, what):
    table = page.findChild(QTableView, "commitmentsTable")
    row = _whats(page).index(what)
    table.selectRow(row)
    qtbot.waitUntil(lambda: page.findChild(TitleEdit, "commitment_what").text() == what)


def test_every_commitment_is_listed_filtered_and_settled_with_undo(qtbot, window, db):
    _seed(window)
    page = _go(qtbot, window)
    qtbot.waitUntil(lambda: len(_whats(page)) == 3)
    # Still owed or asked first, soonest due first; what is settled after.
    assert _whats(page) == ["Intro to the bank", "Take the Thursday demo", "Join the Ardennes call"]
    status = page.findChild(QComboBox, "commitmentStatusFilter")
    status.setCurrentIndex(status.findText("kept"))
    qtbot.waitUntil(lambda: _whats(page) == ["Join the Ardennes call"])
    status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(_whats(page)) == 3)

    _select(qtbot, page, "Intro to the bank")
    state = page.findChild(QLabel, "commitmentState")
    assert "overdue" in state.text()
    what = page.findChild(TitleEdit, "commitment_what")
    what.setFocus()
    what.selectAll()
    qtbot.keyClicks(what, "Intro to the bank's CFO")
    qtbot.keyClick(what, Qt.Key.Key_Tab)
    assert db.rows("SELECT what FROM commitments WHERE owed_by = 'A' AND status = 'open'") == [
        ("Intro to the bank's CFO",)
    ]

    qtbot.mouseClick(page.findChild(QPushButton, "keepCommitment"), Qt.MouseButton.LeftButton)
    assert db.rows("SELECT status, done_on FROM commitments WHERE what LIKE 'Intro%'") == [
        ("done", str(TODAY))
    ]
    qtbot.waitUntil(lambda: state.text().startswith("<b>Kept</b>"))
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.rows("SELECT status, done_on FROM commitments WHERE what LIKE 'Intro%'") == [
        ("open", None)
    ]

    said = {}

    def drop(dialog):
        dialog.save()  # no reason: refused, nothing written
        said["empty"] = dialog.findChild(QLabel, "dropCommitmentDialog_drop_reason_error").text()
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "dropReason"), "The bank merged")
        save_or_explain(dialog)

    drop_button = page.findChild(QPushButton, "dropCommitment")
    qtbot.waitUntil(drop_button.isVisible)
    when_modal_shows(drop, name="dropCommitmentDialog")
    qtbot.mouseClick(drop_button, Qt.MouseButton.LeftButton)
    assert said["empty"] == "Say why the commitment is dropped."
    assert db.rows("SELECT status, drop_reason FROM commitments WHERE what LIKE 'Intro%'") == [
        ("dropped", "The bank merged")
    ]
    page = _go(qtbot, window)
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.rows("SELECT status, drop_reason FROM commitments WHERE what LIKE 'Intro%'") == [
        ("open", "")
    ]


def test_a_request_is_taken_on_from_the_page_and_a_new_one_made_with_ctrl_n(qtbot, window, db):
    _seed(window)
    page = _go(qtbot, window)
    qtbot.waitUntil(lambda: len(_whats(page)) == 3)
    _select(qtbot, page, "Take the Thursday demo")
    accept = page.findChild(QPushButton, "acceptCommitment")
    assert accept.isVisible()
    assert not page.findChild(QPushButton, "keepCommitment").isVisible()
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert db.rows("SELECT status FROM commitments WHERE what LIKE 'Take%'") == [("open",)]

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    what = page.findChild(TitleEdit, "commitment_what")
    qtbot.waitUntil(lambda: what.text() == "New commitment")
    assert db.rows(
        "SELECT owed_by, status, due_on FROM commitments WHERE what = 'New commitment'"
    ) == [("A", "open", str(TODAY + timedelta(days=7)))]
    due = page.findChild(QLineEdit, "commitment_due_on")
    due.setFocus()
    due.selectAll()
    qtbot.keyClicks(due, "someday")
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    error = page.findChild(QLabel, "commitment_due_on_error")
    qtbot.waitUntil(error.isVisible)
    assert "'someday' is not a date" in error.text()
    assert db.rows("SELECT due_on FROM commitments WHERE what = 'New commitment'") == [
        (str(TODAY + timedelta(days=7)),)
    ]


def test_search_finds_a_commitment_and_opens_it_on_its_page(qtbot, window):
    _seed(window)
    dialog, box, summary = palette(qtbot, window)
    assert typed(qtbot, dialog, box, summary, "Ardennes") == ["Join the Ardennes call"]
    qtbot.keyClick(box, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert page.objectName() == "commitmentsPage"
    qtbot.waitUntil(
        lambda: page.findChild(TitleEdit, "commitment_what").text() == "Join the Ardennes call"
    )
    assert page.findChild(QLabel, "commitmentState").text().startswith("<b>Kept</b>")


def test_the_overview_says_what_each_was_asked_until_it_is_taken_on(qtbot, window):
    page = window.stack.currentWidget()
    assert page.objectName() == "overviewPage"
    line = page.findChild(QLabel, "owedLine")
    asked = window.context.write(
        lambda s: commitments.ask_for_commitment(
            s, Seat.A, "Take the Thursday demo", TODAY + timedelta(days=30)
        ),
        Changed.COMMITMENTS,
    )
    assert line.isVisible()
    assert line.text() == (
        "Sam asks Priya: Take the Thursday demo (take it on or offer instead: Ctrl+Shift+O)."
    )
    window.context.write(lambda s: commitments.accept_commitment(s, asked.id), Changed.COMMITMENTS)
    assert not line.isVisible()  # taken on, due in a month: nothing owed this week


def test_a_commitment_deleted_on_its_page_leaves_its_agenda_item_saying_so(qtbot, window, db):
    from ceocto_desktop.services.weekly import checkins

    late = _seed(window)
    week = window.context.read(checkins.current_week)
    calm = dict.fromkeys(("role_clarity", "cooperation", "communication", "trust", "alignment"), 4)
    for seat in Seat:
        window.context.write(
            lambda s, seat=seat: checkins.submit_answers(s, week, seat, calm), Changed.CHECKINS
        )
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    checkin = window.stack.currentWidget()  # built when first shown
    qtbot.mouseClick(checkin.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(checkin.sync.rows) == 1)  # the overdue one
    assert checkin.sync.rows[0].entry.about_commitment == late.id

    page = _go(qtbot, window)
    qtbot.waitUntil(lambda: len(_whats(page)) == 3)
    _select(qtbot, page, "Intro to the bank")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert db.one("SELECT count(*) FROM commitments WHERE what = 'Intro to the bank'") == 0
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    kept = checkin.sync.rows[0].kept
    qtbot.waitUntil(lambda: kept.text() == "Deleted")
    assert not kept.isEnabled()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # undo brings it back, on the agenda too
    qtbot.waitUntil(lambda: kept.text() == "Kept" and kept.isEnabled())


def test_a_settled_or_asked_commitment_says_its_day_as_every_page_does(today, qtbot, window):
    """ "24 Nov 2026" in the Due column, as on every other page, not "2026-11-24"."""
    from ceocto_desktop.analytics.formats import day_text

    def made(work):
        return window.context.write(work, Changed.COMMITMENTS)

    kept = made(lambda s: commitments.create_commitment(s, Seat.B, "Join the call", today))
    made(lambda s: commitments.complete_commitment(s, kept.id, today))
    later = today + timedelta(days=40)
    made(lambda s: commitments.ask_for_commitment(s, Seat.A, "Take the demo", later))
    page = _go(qtbot, window)
    qtbot.waitUntil(lambda: len(_whats(page)) == 2)
    model = page.findChild(QTableView, "commitmentsTable").model()
    due = {
        model.index(row, 0).data(): model.index(row, 2).data() for row in range(model.rowCount())
    }
    assert due == {"Join the call": day_text(today), "Take the demo": day_text(later)}
