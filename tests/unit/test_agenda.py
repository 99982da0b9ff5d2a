"""The weekly sync agenda: built once both answered, never a word of anything unrevealed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ceocto_desktop.models import GoalStatus, ObstacleCategory, Seat
from ceocto_desktop.services import search
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import decisions, goals, obstacles
from ceocto_desktop.services.review import board
from ceocto_desktop.services.weekly import agenda, checkins, commitments, drafts

WEEK = date(2026, 11, 30)  # a Monday
TODAY = date(2026, 12, 3)
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}


def _answer(session, week, seat, needs="", **ratings):
    checkins.submit_answers(session, week, seat, {**CALM, **ratings}, {"needs": needs})


def _titles(result):
    return [item.title for item in result.items]


def test_a_week_answered_by_one_partner_has_no_agenda_and_keeps_nothing(session):
    _answer(session, WEEK, Seat.A, needs="A straight answer on the Q1 hire", trust=1)
    result = agenda.open_agenda(session, WEEK, TODAY)
    assert not result.ready
    assert result.items == []
    assert result.answered == {Seat.A}
    assert agenda.open_agenda(session, WEEK + timedelta(days=7), TODAY).items == []


def test_ratings_apart_and_each_need_are_on_the_agenda(session):
    _answer(session, WEEK, Seat.A, needs="Cover the Łódź call on Thursday", trust=4)
    _answer(session, WEEK, Seat.B, needs="", trust=2, cooperation=3)
    result = agenda.open_agenda(session, WEEK, TODAY)
    assert result.ready
    assert _titles(result) == [
        "Trust: Sam 4, Priya 2 — talk about it",
        "What Sam needs from Priya: Cover the Łódź call on Thursday",
    ]


def test_commitments_decisions_goals_obstacles_and_board_come_from_the_journal(session):
    due = commitments.create_commitment(session, Seat.B, "Security answers", date(2026, 12, 1))
    commitments.create_commitment(session, Seat.A, "Far ahead", date(2027, 2, 1))
    decisions.create_decision(
        session, Seat.A, "Price per seat", decided_on=date(2026, 9, 1), review_on=date(2026, 12, 1)
    )
    goals.create_goal(session, Seat.A, "Close Series A", status=GoalStatus.AT_RISK)
    goals.create_goal(session, Seat.A, "Hire a designer", status=GoalStatus.ON_TRACK)
    obstacles.create_obstacle(
        session, Seat.B, "Flaky CI", ObstacleCategory.TECHNICAL_DEBT, opened_on=date(2026, 10, 1)
    )
    obstacles.create_obstacle(
        session, Seat.B, "New and small", ObstacleCategory.EXTERNAL, opened_on=date(2026, 11, 20)
    )
    board.create_meeting(session, Seat.A, date(2026, 12, 10), "December board")
    board.create_meeting(session, Seat.A, date(2027, 3, 10), "March board")
    _answer(session, WEEK, Seat.A)
    _answer(session, WEEK, Seat.B)

    result = agenda.open_agenda(session, WEEK, TODAY)
    assert _titles(result) == [
        "Priya owes Sam: Security answers (overdue 2 days, 1 Dec 2026)",
        "Review the decision “Price per seat” (overdue 2 days)",
        "Goal “Close Series A” is at risk",
        "Obstacle “Flaky CI” open 63 days",
        "Board meeting “December board” in 7 days (10 Dec 2026)",
    ]
    assert result.items[0].key == f"commitment:{due.id}"


def test_no_draft_and_no_unrevealed_answer_reaches_an_agenda(session):
    _answer(session, WEEK, Seat.A, needs="Revealed need")
    _answer(session, WEEK, Seat.B)
    # Priya's draft for this week's edit and Sam's half of next week stay unseen.
    drafts.save_draft(session, Seat.B, drafts.checkin_key(WEEK), {"needs": "SECRET-DRAFT"})
    next_week = WEEK + timedelta(days=7)
    _answer(session, next_week, Seat.A, needs="SECRET-UNREVEALED", trust=1)
    text = " ".join(_titles(agenda.open_agenda(session, WEEK, TODAY)))
    assert "Revealed need" in text
    assert "SECRET" not in text
    assert "Trust" not in text  # next week's low trust is not this week's gap
    assert agenda.open_agenda(session, next_week, next_week).items == []


def test_ticked_items_keep_their_outcome_and_the_rest_carry_forward_saying_since(session):
    late = commitments.create_commitment(session, Seat.A, "Intro to the bank", date(2026, 11, 27))
    _answer(session, WEEK, Seat.A, needs="Quiet Fridays", trust=5)
    _answer(session, WEEK, Seat.B, trust=2)
    first = agenda.open_agenda(session, WEEK, TODAY)
    gap = first.items[0]
    agenda.mark_discussed(session, gap.id, True, "  Talk on Friday over lunch ")

    # Reopening the same week keeps what was ticked and adds nothing twice.
    again = agenda.open_agenda(session, WEEK, TODAY)
    assert [(i.discussed, i.outcome) for i in again.items] == [
        (True, "Talk on Friday over lunch"),
        (False, ""),
        (False, ""),
    ]

    next_week = WEEK + timedelta(days=7)
    _answer(session, next_week, Seat.A)
    _answer(session, next_week, Seat.B)
    later = agenda.open_agenda(session, next_week, next_week + timedelta(days=2))
    assert [(i.kind, i.since_week) for i in later.items] == [
        ("need", WEEK),
        ("commitment", WEEK),
    ]
    assert (
        later.items[1].title == "Sam owes Priya: Intro to the bank (overdue 12 days, 27 Nov 2026)"
    )
    assert later.items[1].commitment_status == "open"
    assert agenda.kept_agenda(session, next_week).items == later.items

    # Kept: the commitment no longer stands, so the week after it is gone; the need stays.
    commitments.complete_commitment(session, late.id, on=next_week)
    third = next_week + timedelta(days=7)
    _answer(session, third, Seat.A)
    _answer(session, third, Seat.B)
    assert [(i.kind, i.since_week) for i in agenda.open_agenda(session, third, third).items] == [
        ("need", WEEK)
    ]


def test_an_outcome_becomes_a_commitment_linked_to_the_week_and_the_goal(session):
    goal = goals.create_goal(session, Seat.A, "Close Series A", status=GoalStatus.OFF_TRACK)
    _answer(session, WEEK, Seat.A)
    _answer(session, WEEK, Seat.B)
    (item,) = agenda.open_agenda(session, WEEK, TODAY).items
    with pytest.raises(ValidationError, match="cannot be empty"):
        agenda.commitment_from_item(session, item.id, Seat.B, date(2026, 12, 11))
    agenda.mark_discussed(session, item.id, True, "Priya writes the security section")
    made = agenda.commitment_from_item(session, item.id, Seat.B, date(2026, 12, 11))
    assert (made.what, made.owed_by, made.week_start, made.goal_id) == (
        "Priya writes the security section",
        Seat.B,
        WEEK,
        goal.id,
    )
    (kept,) = agenda.open_agenda(session, WEEK, TODAY).items
    assert (kept.discussed, kept.commitment_id) == (True, made.id)


def test_commitments_and_kept_agendas_are_found_by_search_but_never_a_blind_week(session):
    connection = search.session_connection(session)
    made = commitments.create_commitment(session, Seat.B, "Write the Ardennes answers", TODAY)
    hits = search.search(connection, "ardennes")
    assert [(h.kind, h.record_id, h.author) for h in hits] == [("commitment", made.id, "B")]

    _answer(session, WEEK, Seat.A, needs="Quieter Fridays please")
    _answer(session, WEEK, Seat.B)
    need = next(i for i in agenda.open_agenda(session, WEEK, TODAY).items if i.kind == "need")
    agenda.mark_discussed(session, need.id, True, "No meetings after three on Fridays")
    found = search.search(connection, "meetings", kinds=("agenda",))
    assert [(h.kind, h.title, h.day) for h in found] == [
        ("agenda", "Weekly talk, week of 30 Nov 2026", "2026-11-30")
    ]
    # Priya withdraws her answers: the week is blind again, and so is what quoted it.
    checkins.delete_answers(session, WEEK, Seat.B)
    assert search.search(connection, "quieter") == []
    assert search.search(connection, "meetings") == []
