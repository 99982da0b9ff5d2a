"""The home page: what needs attention this week, each item one click from its record."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QListWidget

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.models import GoalStatus, ObstacleCategory, Seat
from ceocto_desktop.services.records import decisions, goals, obstacles
from ceocto_desktop.services.review import board
from ceocto_desktop.services.review.attention import needs_attention
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.widgets.title_edit import TitleEdit

RATINGS = ("role_clarity", "cooperation", "communication", "trust", "alignment")


def texts(widget):
    return [widget.item(row).text() for row in range(widget.count())]


def test_an_empty_journal_shows_how_to_start(qtbot, window):
    attention = window.findChild(QListWidget, "attentionList")
    assert texts(attention)[0].startswith("Answer this week's check-in")
    goal_step = next(i for i in range(attention.count()) if "goal" in attention.item(i).text())
    attention.itemClicked.emit(attention.item(goal_step))
    page = window.stack.currentWidget()
    assert page.objectName() == "goalsPage"
    assert page.findChild(TitleEdit, "goal_title").text() == "New goal"


def seed(today, journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(
            session,
            Seat.A,
            "Close the Series A",
            status=GoalStatus.AT_RISK,
            target_date=today + timedelta(days=40),
        )
        goals.create_goal(
            session,
            Seat.A,
            "Old miss",
            status=GoalStatus.OFF_TRACK,
            target_date=today - timedelta(days=40),
        )
        obstacles.create_obstacle(
            session,
            Seat.B,
            "No one owns recruiting",
            ObstacleCategory.HIRING,
            opened_on=today - timedelta(days=45),
        )
        obstacles.create_obstacle(session, Seat.B, "Fresh one", ObstacleCategory.ROLES)
        due = decisions.create_decision(
            session,
            Seat.A,
            "Raise prices",
            decided_on=today - timedelta(days=90),
            review_on=today - timedelta(days=2),
        )
        board.create_meeting(session, Seat.A, today + timedelta(days=12), "Q1 board")
        week = checkins.current_week(session, today)
        checkins.submit_answers(session, week, Seat.A, dict.fromkeys(RATINGS, 4))
        # Three complete weeks whose gap grows: 0, then 1, then 2.
        for n, b in ((3, 4), (2, 3), (1, 2)):
            earlier = week - timedelta(weeks=n)
            checkins.submit_answers(session, earlier, Seat.A, dict.fromkeys(RATINGS, 4))
            checkins.submit_answers(session, earlier, Seat.B, dict.fromkeys(RATINGS, b))
    journal.close()
    return due.id


def test_needs_attention_lists_what_is_due(today, journal_path):
    seed(today, journal_path)
    journal = open_journal(journal_path)
    with journal.sessions() as session:
        found = needs_attention(session)
    journal.close()
    assert found.answered == {Seat.A}
    assert [i.text for i in found.goals_at_risk] == [
        "Goal “Close the Series A” is at risk, due in 6 weeks"  # as the Goals table says it
    ]
    assert [i.text for i in found.old_obstacles] == [
        "Obstacle “No one owns recruiting” has been open 45 days"
    ]
    assert [i.text for i in found.decisions_due] == [
        "Review the decision “Raise prices” (overdue 2 days)"
    ]
    assert found.gap_widening
    assert found.next_board_meeting == today + timedelta(days=12)
    assert found.streak == 3  # the three weeks before this one, both answered


def test_each_item_is_one_click_from_its_record(today, qtbot, journal_path, window):
    decision_id = seed(today, journal_path)
    window.stack.currentWidget().refresh()
    attention = window.findChild(QListWidget, "attentionList")
    shown = texts(attention)
    assert shown[0] == "This week's check-in: Priya still to answer (streak: 3 weeks)"
    assert shown[1].startswith("Your perception gap has widened")
    meeting = today + timedelta(days=12)
    assert shown[-1] == f"Next board meeting in 12 days ({day_text(meeting)})"
    row = next(i for i, t in enumerate(shown) if t.startswith("Review the decision"))
    attention.itemClicked.emit(attention.item(row))
    page = window.stack.currentWidget()
    assert page.objectName() == "decisionsPage" and page.current_id == decision_id
    window.sidebar.setCurrentRow(0)
    attention.itemClicked.emit(attention.item(0))
    assert window.stack.currentWidget().objectName() == "checkinPage"
    window.sidebar.setCurrentRow(0)
    attention.itemClicked.emit(attention.item(1))
    assert window.stack.currentWidget().objectName() == "trendsPage"


def test_a_young_critical_obstacle_needs_attention_at_once(today, qtbot, journal_path, window):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        obstacles.create_obstacle(
            session,
            Seat.B,
            "Lead investor walked",
            ObstacleCategory.FINANCES,
            opened_on=today - timedelta(days=3),
            severity="critical",
        )
        obstacles.create_obstacle(
            session, Seat.B, "Slow laptop", ObstacleCategory.EXTERNAL, severity="high"
        )
    journal.close()
    window.stack.currentWidget().refresh()
    shown = texts(window.findChild(QListWidget, "attentionList"))
    assert "Critical obstacle “Lead investor walked” opened 3 days ago" in shown
    assert not any("Slow laptop" in line for line in shown)  # young and not critical
