"""Our weekly talk, on the check-in page: opened once both answered, ticked, outcomes,
an outcome made a commitment, undone."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QPushButton

from ceocto_desktop.analytics.formats import day_text, weekday_text
from ceocto_desktop.models import Area, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import checkins, commitments

CTRL = Qt.KeyboardModifier.ControlModifier
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}


def _answer(window, seat, needs="", trust=4):
    week = window.context.read(checkins.current_week)
    window.context.write(
        lambda s: checkins.submit_answers(
            s, week, seat, {**CALM, "trust": trust}, {"needs": needs}
        ),
        Changed.CHECKINS,
    )


def _checkin_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "checkinPage"
    return page


def test_the_sync_waits_for_both_then_keeps_ticks_outcomes_and_a_commitment(
    today, qtbot, window, db
):
    page = _checkin_page(qtbot, window)
    panel = page.findChild(QGroupBox, "syncPanel")
    _answer(window, Seat.A, needs="Take the Thursday demo", trust=4)
    assert not panel.isVisible()  # Priya has not answered: no agenda, nothing of Sam's
    assert db.one("SELECT count(*) FROM agenda_items") == 0

    yesterday = today - timedelta(days=1)
    window.context.write(
        lambda s: commitments.create_commitment(s, Seat.B, "Send the SOC 2 letter", yesterday),
        Changed.COMMITMENTS,
    )
    _answer(window, Seat.B, trust=2)
    assert panel.isVisible()
    assert panel.title() == "Our weekly talk"
    opener = page.findChild(QPushButton, "openSync")
    assert opener.text() == "Open this week's agenda"
    qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
    # "Sync" is the two laptops' (Settings › Sync); the weekly talk never borrows the word.
    shown = [panel.title()] + [
        w.text()
        for w in page.findChildren(QLabel) + page.findChildren(QPushButton)
        if w.isVisibleTo(window)
    ]
    assert [text for text in shown if "sync" in text.lower()] == []
    ticks = [page.findChild(QCheckBox, f"syncItem{n}") for n in (1, 2, 3)]
    assert [page.findChild(QLabel, f"syncItemText{n}").text() for n in (1, 2, 3)] == [
        "Trust: Sam 4, Priya 2 — talk about it",
        "What Sam needs from Priya: Take the Thursday demo",
        f"Priya owes Sam: Send the SOC 2 letter (overdue 1 day, {day_text(yesterday)})",
    ]
    assert not page.findChild(QPushButton, "openSync").isVisible()

    qtbot.mouseClick(page.findChild(QLabel, "syncItemText1"), Qt.MouseButton.LeftButton)
    assert db.rows("SELECT discussed FROM agenda_items ORDER BY position") == [(1,), (0,), (0,)]
    assert ticks[0].isChecked()
    qtbot.keyClick(ticks[2], Qt.Key.Key_Space)  # the keyboard ticks too
    assert db.rows("SELECT discussed FROM agenda_items ORDER BY position") == [(1,), (0,), (1,)]

    outcome = page.findChild(QLineEdit, "syncOutcome2")
    make = page.findChild(QPushButton, "syncCommit2")
    assert not make.isEnabled()  # no outcome yet: nothing to promise
    outcome.setFocus()
    qtbot.keyClicks(outcome, "Priya runs the Thursday demo")
    assert make.isEnabled()
    qtbot.mouseClick(make, Qt.MouseButton.LeftButton)
    assert db.rows(
        "SELECT owed_by, owed_to, what, status, week_start FROM commitments "
        "WHERE what LIKE 'Priya runs%'"
    ) == [
        (
            "B",
            "A",
            "Priya runs the Thursday demo",
            "open",
            str(window.context.read(checkins.current_week)),
        )
    ]
    assert db.rows(
        "SELECT discussed, outcome, commitment_id IS NOT NULL FROM agenda_items WHERE kind = 'need'"
    ) == [(1, "Priya runs the Thursday demo", 1)]
    assert page.findChild(QPushButton, "syncCommit2").text() == "Commitment made"

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # undo: the commitment goes, the outcome stays
    assert db.one("SELECT count(*) FROM commitments WHERE what LIKE 'Priya runs%'") == 0
    assert db.rows(
        "SELECT discussed, outcome, commitment_id FROM agenda_items WHERE kind = 'need'"
    ) == [(1, "Priya runs the Thursday demo", None)]
    assert page.findChild(QPushButton, "syncCommit2").text() == "Make it a commitment"


def test_the_overview_says_what_each_owes_the_other_this_week(today, qtbot, window):
    page = window.stack.currentWidget()
    assert page.objectName() == "overviewPage"
    line = page.findChild(QLabel, "owedLine")
    assert not line.isVisible()  # nothing promised: nothing said
    late = today - timedelta(days=3)
    made = window.context.write(
        lambda s: commitments.create_commitment(s, Seat.A, "Intro to the bank", late),
        Changed.COMMITMENTS,
    )
    window.context.write(
        lambda s: commitments.create_commitment(
            s, Seat.B, "Next quarter's plan", today + timedelta(days=60)
        ),
        Changed.COMMITMENTS,
    )
    assert line.isVisible()
    assert line.text() == (
        f"Sam owes Priya: Intro to the bank (overdue since {weekday_text(late)}). "
        "Priya owes Sam: nothing due this week."
    )
    window.context.write(
        lambda s: commitments.complete_commitment(s, made.id, today), Changed.COMMITMENTS
    )
    assert not line.isVisible()


def test_a_commitment_on_the_agenda_is_kept_or_dropped_with_a_reason_and_undone(
    today, qtbot, window, db
):
    page = _checkin_page(qtbot, window)
    yesterday = today - timedelta(days=1)
    for what in ("Send the SOC 2 letter", "Hire a contractor"):
        window.context.write(
            lambda s, what=what: commitments.create_commitment(s, Seat.B, what, yesterday),
            Changed.COMMITMENTS,
        )
    _answer(window, Seat.A)
    _answer(window, Seat.B)
    qtbot.mouseClick(page.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    assert not page.findChild(QPushButton, "syncCommit1").isVisible()  # already a promise
    kept = page.findChild(QPushButton, "syncKept1")
    qtbot.mouseClick(kept, Qt.MouseButton.LeftButton)
    assert db.rows("SELECT what, status, done_on FROM commitments ORDER BY what DESC") == [
        ("Send the SOC 2 letter", "done", str(today)),
        ("Hire a contractor", "open", None),
    ]
    assert (kept.text(), kept.isEnabled()) == ("Done", False)
    assert page.findChild(QCheckBox, "syncItem1").isChecked()

    drop = page.findChild(QPushButton, "syncDrop2")
    assert not drop.isEnabled()  # a drop needs its reason in the outcome line first
    outcome = page.findChild(QLineEdit, "syncOutcome2")
    outcome.setFocus()
    qtbot.keyClicks(outcome, "Budget frozen until March")
    qtbot.mouseClick(drop, Qt.MouseButton.LeftButton)
    assert db.rows(
        "SELECT status, drop_reason FROM commitments WHERE what = 'Hire a contractor'"
    ) == [("dropped", "Budget frozen until March")]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the drop, then the outcome line
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the kept
    assert db.rows("SELECT status, drop_reason FROM commitments ORDER BY what") == [
        ("open", ""),
        ("open", ""),
    ]
    assert page.findChild(QPushButton, "syncKept1").isEnabled()


def test_our_roles_thanks_each_for_promises_kept_and_help_across_the_line(today, qtbot, window):

    def promise(seat, what, area=None):
        return window.context.write(
            lambda s: commitments.create_commitment(s, seat, what, today, area=area),
            Changed.COMMITMENTS,
        )

    for what in ("Joined the Ardennes call", "Wrote the security answers for Łódź"):
        made = promise(Seat.B, what, Area.SALES)
        window.context.write(
            lambda s, made=made: commitments.complete_commitment(s, made.id, today),
            Changed.COMMITMENTS,
        )
    promise(Seat.B, "Ship SSO", Area.PRODUCT)  # her own area, still open
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "rolesPage"
    priya = page.findChild(QLabel, "partnerBForOther")
    assert priya.isVisible()
    assert priya.text() == (
        "<b>What Priya did for Sam this quarter</b><br>Commitments: kept 2 of 3<br>"
        "Priya in sales &amp; marketing (2): Joined the Ardennes call, "
        "Wrote the security answers for Łódź"
    )
    assert not page.findChild(QLabel, "partnerAForOther").isVisible()  # Sam owed nothing


def test_a_tick_refused_by_a_locked_journal_says_so_and_shows_what_is_kept(
    qtbot, window, db, journal_path, monkeypatch
):
    import sqlcipher3.dbapi2 as sqlite3

    from ceocto_desktop.store import engine

    page = _checkin_page(qtbot, window)
    _answer(window, Seat.A, needs="Take the Thursday demo")
    _answer(window, Seat.B)
    qtbot.mouseClick(page.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    tick = page.findChild(QCheckBox, "syncItem1")
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(journal_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the journal
    try:
        qtbot.mouseClick(page.findChild(QLabel, "syncItemText1"), Qt.MouseButton.LeftButton)
        error = page.findChild(QLabel, "syncError")
        assert error.isVisible() and error.text()
        assert not tick.isChecked()  # not saved, so not shown as ticked
    finally:
        other.execute("COMMIT")
        other.close()
    assert db.rows("SELECT discussed FROM agenda_items") == [(0,)]
    qtbot.mouseClick(page.findChild(QLabel, "syncItemText1"), Qt.MouseButton.LeftButton)
    assert tick.isChecked() and not page.findChild(QLabel, "syncError").isVisible()
    assert db.rows("SELECT discussed FROM agenda_items") == [(1,)]
