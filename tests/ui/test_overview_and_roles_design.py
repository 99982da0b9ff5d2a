"""The overview's signals and attention, and Our roles as a view of who does what."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QPushButton

from ceocto_desktop.models import GoalStatus, ObstacleCategory, Owner, Seat, Verdict
from ceocto_desktop.services.records import decisions, goals, obstacles
from ceocto_desktop.services.review.overview import GapTrend
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.pages.overview_page import SEVERITY_ROLE
from ceocto_desktop.ui.pages.overview_signals import gap_sentence

CTRL = Qt.KeyboardModifier.ControlModifier
RATINGS = ("role_clarity", "cooperation", "communication", "trust", "alignment")
NAMES = {Seat.A: "Sam", Seat.B: "Priya"}


def answer(session, week, seat, appreciation, rating=4):
    checkins.submit_answers(
        session, week, seat, dict.fromkeys(RATINGS, rating), {"appreciation": appreciation}
    )


def seed_appreciation(journal_path):
    """Two revealed weeks, then a week only Sam has answered (still blind)."""
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        week = checkins.current_week(session)
        two, one = week - timedelta(weeks=2), week - timedelta(weeks=1)
        answer(session, two, Seat.A, "Old thanks to Priya")
        answer(session, two, Seat.B, "Old thanks to Sam")
        answer(session, one, Seat.A, "Thanks for the hiring panel, Priya")
        answer(session, one, Seat.B, "Thanks for handling the board, Sam", rating=3)
        answer(session, week, Seat.A, "BLIND: thanks for the launch, Priya")
    journal.close()


def overview(window):
    window.sidebar.setCurrentRow(0)
    page = window.stack.currentWidget()
    page.refresh()
    return page


def test_appreciation_each_way_never_from_an_unrevealed_week(qtbot, journal_path, window):
    seed_appreciation(journal_path)
    page = overview(window)
    sam_to_priya = page.findChild(QLabel, "signalAppreciationA").text()
    priya_to_sam = page.findChild(QLabel, "signalAppreciationB").text()
    assert "Sam → Priya" in sam_to_priya and "Thanks for the hiring panel, Priya" in sam_to_priya
    assert "Priya → Sam" in priya_to_sam and "Thanks for handling the board, Sam" in priya_to_sam
    on_screen = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "BLIND" not in on_screen  # Priya has not answered that week: it stays Sam's
    assert "Sam rates the partnership 1.0 points higher than Priya" in (
        page.findChild(QLabel, "signalGap").text()
    )
    assert page.findChild(QLabel, "signalStreak").text() == (
        "2 weeks in a row answered by both; this week's is still open."
    )
    assert page.findChild(QLabel, "signalBoard").text() == "No board meeting planned."
    assert page.findChild(QLabel, "figure_checkins") is None  # no count tiles


def test_the_gap_trend_reads_as_one_sentence():
    steady = GapTrend(latest=0.1, latest_week=None, recent=0.2, earlier=0.25, weeks=8)
    assert gap_sentence(steady, NAMES) == (
        "Lately you see the partnership alike, much as in the month before."
    )
    wider = GapTrend(latest=-1.2, latest_week=None, recent=1.0, earlier=0.3, weeks=8)
    assert gap_sentence(wider, NAMES) == (
        "Priya rates the partnership 1.2 points higher than Sam, "
        "and the gap has been widening: worth talking about."
    )
    none = GapTrend(latest=None, latest_week=None, recent=None, earlier=None, weeks=0)
    assert "once you have both answered a week" in gap_sentence(none, NAMES)


def attention_texts(page):
    attention = page.findChild(QListWidget, "attentionList")
    return [attention.item(r).text() for r in range(attention.count())], attention


def test_each_attention_item_goes_once_handled(today, qtbot, journal_path, window):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goal = goals.create_goal(
            session,
            Seat.A,
            "Close the Series A",
            status=GoalStatus.OFF_TRACK,
            target_date=today + timedelta(days=30),
        )
        due = decisions.create_decision(
            session,
            Seat.A,
            "Raise prices",
            decided_on=today - timedelta(days=90),
            review_on=today - timedelta(days=30),
        )
        obstacles.create_obstacle(
            session,
            Seat.B,
            "No one owns recruiting",
            ObstacleCategory.HIRING,
            opened_on=today - timedelta(days=45),
        )
        week = checkins.current_week(session)
        answer(session, week, Seat.A, "Thanks")
    journal.close()
    page = overview(window)
    shown, attention = attention_texts(page)
    assert shown[0].startswith("This week's check-in: Priya still to answer")
    goal_row = next(r for r, t in enumerate(shown) if "Close the Series A" in t)
    decision_row = next(r for r, t in enumerate(shown) if "Raise prices" in t)
    # Severity: an off-track goal and a review a month overdue are urgent, each with its icon.
    assert attention.item(goal_row).data(SEVERITY_ROLE) == "high"
    assert attention.item(decision_row).data(SEVERITY_ROLE) == "high"
    assert not attention.item(goal_row).icon().isNull()
    assert "pressing" in page.findChild(QLabel, "attentionHeading").text()

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        answer(session, week, Seat.B, "Thanks too")
        goals.record_goal_progress(session, goal.id, Seat.A, status=GoalStatus.ON_TRACK)
        decisions.review_decision(session, due.id, "It worked", Verdict.AS_EXPECTED)
    journal.close()
    page.refresh()
    shown, _ = attention_texts(page)
    assert not any("check-in" in t for t in shown)  # both answered: handled, gone
    assert not any("Close the Series A" in t for t in shown)
    assert not any("Raise prices" in t for t in shown)
    assert any("No one owns recruiting" in t for t in shown)  # still open


def test_our_roles_shows_who_does_what_with_editing_one_click_away(
    today, qtbot, journal_path, window
):
    seed_appreciation(journal_path)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, "Hire a VP Engineering", owner=Owner.JOINT)
        obstacles.create_obstacle(
            session,
            Seat.B,
            "Pricing has no owner",
            ObstacleCategory.ROLES,
            owner=Owner.JOINT,
            opened_on=today - timedelta(days=1),
        )
    journal.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "rolesPage"
    page.refresh()
    headings = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "Goals we own together" in headings and "we share owns" not in headings
    assert "Open obstacles we own together" in headings
    joint = page.findChild(QListWidget, "jointObstacles")
    assert joint.item(0).text() == "Pricing has no owner — medium, open 1 day"
    received = page.findChild(QLabel, "partnerBAppreciation").text()
    assert "Thanks for the hiring panel, Priya" in received and "Old thanks to Priya" in received
    assert "BLIND" not in headings
    # The profile reads as a view; Edit opens its form, Done closes it.
    strengths = page.findChild(QPlainTextEdit, "partnerA_strengths")
    assert not strengths.isVisible()
    edit = page.findChild(QPushButton, "editPartnerA")
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert strengths.isVisible() and edit.text() == "Done"
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert not strengths.isVisible() and edit.text() == "Edit"


def test_recent_notes_read_rendered_and_open_in_notes(qtbot, journal_path, window):
    from ceocto_desktop.services.records import notes

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        note = notes.create_note(session, Seat.A, "## Board prep\n\n**Deck** is ready")
    journal.close()
    page = overview(window)
    recent = page.findChild(QListWidget, "recentNotes")
    assert recent.item(0).text().endswith("\nBoard prep")  # no "##"
    recent.itemClicked.emit(recent.item(0))
    shown = window.stack.currentWidget()
    assert shown.objectName() == "notesPage" and shown.current_id == note.id


def test_attention_dates_read_relative(journal_path):
    from ceocto_desktop.services.review.attention import needs_attention

    today = date(2026, 11, 29)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        decisions.create_decision(
            session, Seat.A, "Raise prices", decided_on=date(2026, 8, 1), review_on=today
        )
        decisions.create_decision(
            session,
            Seat.A,
            "Hire in Lisbon",
            decided_on=date(2026, 8, 1),
            review_on=today - timedelta(days=3),
        )
        goals.create_goal(
            session,
            Seat.A,
            "Ship v3",
            status=GoalStatus.AT_RISK,
            target_date=today + timedelta(days=1),
        )
        found = needs_attention(session, today=today)
    journal.close()
    assert [i.text for i in found.decisions_due] == [
        "Review the decision “Hire in Lisbon” (overdue 3 days)",
        "Review the decision “Raise prices” (due today)",
    ]
    assert [i.text for i in found.goals_at_risk] == ["Goal “Ship v3” is at risk, due tomorrow"]
