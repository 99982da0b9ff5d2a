"""Obstacles linked and resolved, setbacks with their lesson, decisions reviewed and superseded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from ceocto_desktop.models import ObstacleKind, Seat, Stance
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal
from tests.ui.helpers import save_or_explain, when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier


def go(qtbot, window, key):
    window.activateWindow()  # a closed dialog hands activation back to the window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, CTRL)
    return window.stack.currentWidget()


def press(qtbot, window, key, modifiers=CTRL):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


def find(page, name, kind=QWidget):
    return page.findChild(kind, name)


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def add_goal(journal_path, title):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goal_id = goals.create_goal(session, Seat.A, title).id
    journal.close()
    return goal_id


def new_record(qtbot, window, title):
    press(qtbot, window, Qt.Key.Key_N)
    box = window.focusWidget()
    qtbot.keyClicks(box, title)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_link_an_obstacle_to_a_goal_and_resolve_it(qtbot, journal_path, window, db):
    add_goal(journal_path, "Hire a VP Engineering")
    page = go(qtbot, window, Qt.Key.Key_4)
    assert page.objectName() == "obstaclesPage"
    new_record(qtbot, window, "Senior hires keep declining")

    def pick(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "goalPickerSearch"), "VP")
        dialog.accept()

    when_modal_shows(pick, name="goalPicker")
    click(qtbot, find(page, "obstacleLinkGoal", QPushButton))
    links = find(page, "obstacleGoals", QListWidget)
    assert links.item(0).text() == "Hire a VP Engineering"

    def resolve(dialog):
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "resolution"), "Raised the salary band")
        save_or_explain(dialog)

    when_modal_shows(resolve, name="resolveDialog")
    click(qtbot, find(page, "resolveObstacle", QPushButton))
    assert db.rows("SELECT status, resolution FROM obstacles") == [
        ("resolved", "Raised the salary band")
    ]
    assert db.one("SELECT count(*) FROM obstacle_goals") == 1
    history = find(page, "obstacleHistory", QListWidget)
    assert "resolved: Raised the salary band" in history.item(0).text()
    assert find(page, "reopenObstacle", QPushButton).isEnabled()
    # The goal shows the obstacle, and a click there opens it back here.
    goals_page = go(qtbot, window, Qt.Key.Key_3)
    goals_page.table.selectRow(0)
    linked = find(goals_page, "goalObstacles", QListWidget)
    assert linked.item(0).text() == "Senior hires keep declining (resolved)"
    linked.itemClicked.emit(linked.item(0))
    assert window.stack.currentWidget() is page
    assert find(page, "obstacle_title").text() == "Senior hires keep declining"


def test_a_setback_is_closed_with_its_lesson_blameless(qtbot, window, db):
    page = go(qtbot, window, Qt.Key.Key_4)
    new_record(qtbot, window, "Missed the pilot go-live")
    kind = find(page, "obstacle_kind", QComboBox)
    kind.setCurrentIndex(kind.findData(ObstacleKind.SETBACK.value))
    lesson_box = find(page, "obstacle_lesson", QPlainTextEdit)
    assert lesson_box.isVisible()
    seen = {}

    def resolve(dialog):
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "resolution"), "Live three weeks late")
        dialog.save()
        seen["error"] = dialog.findChild(QLabel, "resolveDialog_lesson_error").text()
        qtbot.keyClicks(
            dialog.findChild(QPlainTextEdit, "lesson"),
            "Scope with their IT before a date leaves the room",
        )
        qtbot.keyClicks(
            dialog.findChild(QPlainTextEdit, "covered"), "Priya took the calls; Sam took her hires"
        )
        dialog.save()

    when_modal_shows(resolve, name="resolveDialog")
    click(qtbot, find(page, "resolveObstacle", QPushButton))
    assert seen["error"] == "A setback is closed with what we learned from it."
    assert db.rows("SELECT kind, status, lesson, covered_by FROM obstacles") == [
        (
            "setback",
            "resolved",
            "Scope with their IT before a date leaves the room",
            "Priya took the calls; Sam took her hires",
        )
    ]
    assert lesson_box.toPlainText() == "Scope with their IT before a date leaves the room"


def test_reopening_keeps_the_resolution_in_history_and_undo_closes_it_again(qtbot, window, db):
    page = go(qtbot, window, Qt.Key.Key_4)
    page.findChild(QComboBox, "obstacleOpenFilter").setCurrentIndex(0)
    new_record(qtbot, window, "Flaky tests")
    when_modal_shows(
        lambda d: (
            qtbot.keyClicks(d.findChild(QPlainTextEdit, "resolution"), "Quarantined"),
            save_or_explain(d),
        ),
        name="resolveDialog",
    )
    click(qtbot, find(page, "resolveObstacle", QPushButton))
    when_modal_shows(
        lambda d: (
            qtbot.keyClicks(d.findChild(QPlainTextEdit, "reason"), "Back again"),
            save_or_explain(d),
        ),
        name="reopenDialog",
    )
    click(qtbot, find(page, "reopenObstacle", QPushButton))
    assert db.one("SELECT status FROM obstacles") == "open"
    assert [r[0] for r in db.rows("SELECT kind FROM obstacle_events ORDER BY created_at")] == [
        "opened",
        "resolved",
        "reopened",
    ]
    press(qtbot, window, Qt.Key.Key_Z)
    assert db.one("SELECT status FROM obstacles") == "resolved"
    assert db.one("SELECT count(*) FROM obstacle_events") == 2


def test_a_decision_with_both_stances_reviewed_then_superseded(qtbot, window, db):
    page = go(qtbot, window, Qt.Key.Key_5)
    assert page.objectName() == "decisionsPage"
    new_record(qtbot, window, "Raise prices 15% for new customers")
    stance_b = find(page, "decision_stance_b", QComboBox)
    stance_b.setCurrentIndex(stance_b.findData(Stance.DISAGREE_AND_COMMIT.value))
    confidence = find(page, "decision_confidence")
    confidence.selectAll()
    qtbot.keyClicks(confidence, "65")
    qtbot.keyClick(confidence, Qt.Key.Key_Tab)
    assert db.rows("SELECT stance_a, stance_b, confidence FROM decisions") == [
        ("agree", "disagree and commit", 65)
    ]

    def review(dialog):
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reviewOutcome"), "Conversion held")
        verdict = dialog.findChild(QRadioButton, "reviewVerdict_1")
        verdict.setFocus()
        qtbot.keyClick(verdict, Qt.Key.Key_Space)
        save_or_explain(dialog)

    when_modal_shows(review, name="reviewDialog")
    click(qtbot, find(page, "reviewDecision", QPushButton))
    assert db.rows("SELECT status, verdict, outcome FROM decisions") == [
        ("reviewed", "as expected", "Conversion held")
    ]
    assert "turned out <b>as expected</b>" in find(page, "decisionState", QLabel).text()

    def supersede(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "supersedeTitle"), "Raise prices 25%")
        save_or_explain(dialog)

    when_modal_shows(supersede, name="supersedeDialog")
    click(qtbot, find(page, "supersedeDecision", QPushButton))
    rows = dict(db.rows("SELECT title, status FROM decisions"))
    assert rows == {
        "Raise prices 15% for new customers": "superseded",
        "Raise prices 25%": "decided",
    }
    assert find(page, "decision_title").text() == "Raise prices 25%"
    back = find(page, "supersedesLink", QPushButton)
    assert back.text() == "Supersedes: Raise prices 15% for new customers ›"
    click(qtbot, back)
    assert find(page, "decision_title").text() == "Raise prices 15% for new customers"
    assert find(page, "supersededByLink", QPushButton).text() == "Superseded by: Raise prices 25% ›"


def test_a_confidence_outside_0_to_100_is_refused_next_to_the_field(qtbot, window, db):
    page = go(qtbot, window, Qt.Key.Key_5)
    new_record(qtbot, window, "Office in Rotterdam")
    confidence = find(page, "decision_confidence")
    confidence.selectAll()
    qtbot.keyClicks(confidence, "150")
    qtbot.keyClick(confidence, Qt.Key.Key_Tab)
    error = find(page, "decision_confidence_error", QLabel)
    assert error.isVisible()
    assert error.text() == "The confidence must be a whole number from 0 to 100."
    assert db.one("SELECT confidence FROM decisions") == 70


def test_due_for_review_filter(today, qtbot, journal_path, window):
    from datetime import timedelta

    from ceocto_desktop.services.records import decisions

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        decisions.create_decision(
            session,
            Seat.A,
            "Due now",
            decided_on=today - timedelta(90),
            review_on=today - timedelta(1),
        )
        decisions.create_decision(
            session, Seat.A, "Not yet", decided_on=today, review_on=today + timedelta(30)
        )
    journal.close()
    page = go(qtbot, window, Qt.Key.Key_5)
    page.reload()
    assert page.model.rowCount() == 2
    find(page, "decisionDueFilter", QCheckBox).setChecked(True)
    assert [page.model.row_at(r).title for r in range(page.model.rowCount())] == ["Due now"]


def test_our_roles_page_edits_a_profile_and_shows_what_each_owns(qtbot, journal_path, window, db):
    from ceocto_desktop.models import Owner

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, "Hire a VP Engineering", owner=Owner.B)
    journal.close()
    page = go(qtbot, window, Qt.Key.Key_7)
    assert page.objectName() == "rolesPage"
    page.refresh()
    owned = page.findChild(QListWidget, "partnerBGoals")
    assert owned.item(0).text().startswith("Hire a VP Engineering")
    # The profile shows as a view; its form is one click away (issue 12).
    strengths = page.findChild(QPlainTextEdit, "partnerB_strengths")
    assert not strengths.isVisible()
    qtbot.mouseClick(page.findChild(QPushButton, "editPartnerB"), Qt.MouseButton.LeftButton)
    assert strengths.isVisible()
    strengths.setFocus()
    qtbot.keyClicks(strengths, "Systems design; calm under pressure")
    title = page.findChild(QLineEdit, "partnerB_title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "CTO & co-founder")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert db.rows("SELECT title, strengths FROM partners WHERE seat='B'") == [
        ("CTO & co-founder", "Systems design; calm under pressure")
    ]
    assert window.author_switch.itemText(1) == "Priya Natarajan, CTO & co-founder"
    qtbot.mouseClick(page.findChild(QPushButton, "editPartnerB"), Qt.MouseButton.LeftButton)
    assert not strengths.isVisible()
    shown = page.findChild(QLabel, "partnerBStrengthsView").text()
    assert "Systems design" in shown and "calm under pressure" in shown
    page.columns[1].set_colour("#aa3366")
    assert db.one("SELECT color FROM partners WHERE seat='B'") == "#aa3366"
    owned.itemClicked.emit(owned.item(0))
    assert window.stack.currentWidget().objectName() == "goalsPage"


def test_an_obstacle_open_one_day_says_one_day(today, qtbot, window, journal_path):
    from datetime import timedelta

    from ceocto_desktop.models import ObstacleCategory
    from ceocto_desktop.services.records import obstacles

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        made = obstacles.create_obstacle(
            session,
            Seat.A,
            "Cloud bill doubled",
            ObstacleCategory.FINANCES,
            opened_on=today - timedelta(days=1),
        )
    journal.close()
    window.context.openRequested.emit("obstacles", made.id)
    state = window.findChild(QLabel, "obstacleState")
    qtbot.waitUntil(lambda: "Open" in state.text())
    assert "for 1 day" in state.text() and "1 days" not in state.text()
