"""Board review and quarterly retrospective pages, and exporting from the window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
)

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.services.review import board
from ceocto_desktop.store import open_journal
from tests.ui.helpers import open_window


def open_page(window, title):
    row = [window.sidebar.item(i).text() for i in range(window.sidebar.count())].index(title)
    window.sidebar.setCurrentRow(row)
    return window.stack.currentWidget()


def seed(today, journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goal = goals.create_goal(
            session,
            Seat.A,
            "Close the Series A",
            board_visible=True,
            target_date=today + timedelta(days=60),
        )
        goals.add_key_result(session, goal.id, Seat.A, "Term sheets", 0, 2, current_value=1)
        board.create_meeting(
            session,
            Seat.A,
            today + timedelta(days=10),
            "Next board",
            ask_of_board="Two introductions",
        )
    journal.close()


def quiet_export(monkeypatch, path):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "PDF (*.pdf)"))
    )
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )


def test_board_review_ticks_goals_and_exports_the_brief(
    today, qtbot, journal_path, window, db, tmp_path, monkeypatch
):
    seed(today, journal_path)
    page = open_page(window, "Board review")
    assert page.findChild(QListWidget, "meetingList").count() == 1
    table = page.findChild(QTableWidget, "boardGoals")
    assert table.item(0, 1).text() == "Close the Series A"
    assert table.item(0, 2).text() == "50%"  # the first meeting: nothing to compare with
    table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert db.rows("SELECT reviewed FROM board_goal_reviews") == [(1,)]
    ask = page.findChild(QPlainTextEdit, "meeting_ask_of_board")
    assert ask.toPlainText() == "Two introductions"
    target = tmp_path / "brief.md"
    quiet_export(monkeypatch, target)
    qtbot.mouseClick(page.findChild(QPushButton, "exportBrief"), Qt.MouseButton.LeftButton)
    text = target.read_text()
    assert "Board brief — Next board" in text and "Close the Series A" in text
    assert "Two introductions" in text


def test_a_new_meeting_and_its_undo(qtbot, window, db):
    page = open_page(window, "Board review")
    qtbot.mouseClick(page.findChild(QPushButton, "newMeeting"), Qt.MouseButton.LeftButton)
    assert db.one("SELECT title FROM board_meetings") == "Board meeting"
    assert page.findChild(QListWidget, "meetingList").count() == 1
    window.context.undo_stack.undo()
    assert db.one("SELECT count(*) FROM board_meetings") == 0


def test_the_retrospective_page_keeps_our_reflection_and_exports(
    today, qtbot, journal_path, window, db, tmp_path, monkeypatch
):
    seed(today, journal_path)
    page = open_page(window, "Retrospective")
    quarter = page.findChild(QComboBox, "retroQuarter")
    quarter.setCurrentIndex(0)  # this quarter, where the seeded goal is
    box = page.findChild(QPlainTextEdit, "retro_went_well")
    box.setFocus()
    qtbot.keyClicks(box, "We wrote every decision down")
    page.flush_edits()
    assert db.rows("SELECT quarter, went_well FROM retrospectives") == [
        (quarter.currentText(), "We wrote every decision down")
    ]
    target = tmp_path / "retro.pdf"
    quiet_export(monkeypatch, target)
    qtbot.mouseClick(page.findChild(QPushButton, "exportRetro"), Qt.MouseButton.LeftButton)
    assert target.read_bytes()[:4] == b"%PDF"
    assert "Saved" in window.statusBar().currentMessage()
    assert "We wrote every decision down" in page.preview.toPlainText()


def test_the_retrospective_preview_takes_the_windows_text_colour(
    today, qtbot, journal_path, window
):
    # Dark grey ink on a dark page was unreadable: the preview sets no text colour of its
    # own, so the palette's (light in dark mode) applies.
    seed(today, journal_path)
    page = open_page(window, "Retrospective")
    page.quarter.setCurrentIndex(0)
    document = page.preview.document()
    block = document.begin()
    inked = []
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            brush = iterator.fragment().charFormat().foreground()
            if brush.style() != Qt.BrushStyle.NoBrush and brush.color().lightness() < 100:
                inked.append(iterator.fragment().text())
            iterator += 1
        block = block.next()
    assert "Retrospective" in page.preview.toPlainText()
    assert inked == []


def test_a_goal_carried_over_since_the_last_meeting_is_one_row_on_the_page(
    today, qtbot, journal_path, window
):
    from ceocto_desktop.models import Goal, GoalStatus

    today, title = today, "Build a reseller channel in Poland"
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        old = goals.create_goal(
            session, Seat.A, title, board_visible=True, target_date=today - timedelta(days=5)
        )
        kr = goals.add_key_result(session, old.id, Seat.A, "Resellers", 0, 100)
        goals.record_goal_progress(
            session,
            old.id,
            Seat.A,
            values={kr.id: 87},
            status=GoalStatus.OFF_TRACK,
            on_date=today - timedelta(days=150),
        )
        goals.record_goal_progress(
            session, old.id, Seat.A, status=GoalStatus.DROPPED, on_date=today - timedelta(days=50)
        )
        new = goals.create_goal(
            session, Seat.A, title, board_visible=True, target_date=today + timedelta(days=80)
        )
        session.get(Goal, new.id).carried_from_id = old.id
        kr = goals.add_key_result(session, new.id, Seat.A, "Resellers", 0, 100)
        goals.record_goal_progress(
            session,
            new.id,
            Seat.A,
            values={kr.id: 100},
            status=GoalStatus.ON_TRACK,
            on_date=today - timedelta(days=30),
        )
        board.create_meeting(session, Seat.A, today - timedelta(days=100), "Earlier board")
        board.create_meeting(session, Seat.A, today - timedelta(days=10), "Last board")
    journal.close()
    page = open_page(window, "Board review")
    table = page.findChild(QTableWidget, "boardGoals")
    rows = [
        [table.item(r, c).text() for c in range(1, table.columnCount()) if table.item(r, c)]
        for r in range(table.rowCount())
    ]
    assert len(rows) == 1, rows
    assert rows[0][:4] == [
        title,
        "87% → 100% · carried over",
        "+13 pts",
        "off track → on track",
    ]


def test_a_quarter_of_only_promises_is_listed_and_shows_them(today, qtbot, journal_path):
    # A journal whose last quarter holds only commitments: that quarter was not offered
    # (the first day counted check-ins and notes alone) and its report said "Nothing".
    from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
    from ceocto_desktop.services.weekly import commitments

    last_quarter = quarter_of(parse_quarter(quarter_of(today))[0] - timedelta(days=1))
    first, _last = parse_quarter(last_quarter)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        made = commitments.create_commitment(
            session, Seat.B, "Wrote the security answers", first + timedelta(days=20)
        )
        commitments.complete_commitment(session, made.id, on=first + timedelta(days=19))
    journal.close()
    page = open_page(open_window(qtbot, journal_path), "Retrospective")
    quarter = page.findChild(QComboBox, "retroQuarter")
    names = [quarter.itemText(i) for i in range(quarter.count())]
    assert last_quarter in names
    quarter.setCurrentIndex(names.index(last_quarter))
    qtbot.waitUntil(lambda: "What we promised each other" in page.preview.toPlainText())
    assert "Nothing was recorded" not in page.preview.toPlainText()
    assert "Priya kept 1 of 1 for Sam" in page.preview.toPlainText()


def test_a_quarter_that_begins_while_the_window_is_open_is_offered(today, qtbot, journal_path):
    import time_machine

    from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
    from ceocto_desktop.services.records.notes import create_note

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        create_note(session, Seat.A, "First note of the journal")
    journal.close()
    this_quarter = quarter_of(today)
    window = open_window(qtbot, journal_path)
    page = open_page(window, "Retrospective")
    quarter = page.findChild(QComboBox, "retroQuarter")
    assert quarter.itemText(0) == this_quarter
    quarter.setCurrentIndex(0)  # the person looks at the quarter under way
    next_first = parse_quarter(this_quarter)[1] + timedelta(days=1)
    with time_machine.travel(next_first.isoformat() + " 09:00", tick=True):
        open_page(window, "Overview")
        page = open_page(window, "Retrospective")  # the window stayed open past the quarter
        names = [quarter.itemText(i) for i in range(quarter.count())]
        assert names[:2] == [quarter_of(next_first), this_quarter]
        assert quarter.currentText() == this_quarter  # what they chose stays chosen
        qtbot.waitUntil(lambda: f"Retrospective {this_quarter}" in page.preview.toPlainText())
