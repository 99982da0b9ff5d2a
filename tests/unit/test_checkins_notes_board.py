"""Check-ins blind until both answer; notes with tags and links; board meetings; retros."""

from __future__ import annotations

from datetime import date

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services import partners
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.services.review import board
from ceocto_desktop.services.weekly import checkins

RATINGS = {"role_clarity": 4, "cooperation": 5, "communication": 3, "trust": 5, "alignment": 4}


def test_the_other_partners_answers_stay_hidden_until_both_answered(session):
    week = date(2026, 11, 23)
    seen = checkins.submit_answers(
        session,
        week,
        Seat.A,
        RATINGS,
        {"wins": "Closed Hafenlogistik"},
        {"wins": "What went well this week?"},
    )
    assert seen.answered == {Seat.A}
    assert checkins.week_as_seen_by(session, week, Seat.B).answers == {}
    checkins.submit_answers(session, week, Seat.B, {**RATINGS, "trust": 3})
    both = checkins.week_as_seen_by(session, week, Seat.B)
    assert both.complete
    assert both.answers[Seat.A].wins == "Closed Hafenlogistik"
    assert both.answers[Seat.A].wins_prompt == "What went well this week?"
    assert both.answers[Seat.B].trust == 3


def test_a_partner_answers_a_week_only_once_and_a_late_week_lands_on_its_start(session):
    checkins.submit_answers(session, date(2026, 11, 26), Seat.A, RATINGS)  # a Thursday
    with pytest.raises(ValidationError):
        checkins.submit_answers(session, date(2026, 11, 23), Seat.A, RATINGS)
    assert checkins.answered_weeks(session) == [(date(2026, 11, 23), 1)]


def test_the_week_starts_on_the_day_the_pair_chose(session):
    partners.set_week_start_day(session, 6)  # Sunday
    assert checkins.current_week(session, date(2026, 11, 26)) == date(2026, 11, 22)


@pytest.mark.parametrize("bad", [0, 6, "4"])
def test_ratings_outside_1_to_5_are_refused(session, bad):
    with pytest.raises(ValidationError) as refused:
        checkins.submit_answers(session, date(2026, 11, 23), Seat.A, {**RATINGS, "trust": bad})
    assert refused.value.field == "trust"


def test_notes_with_tags_and_links_are_found_by_tag(session):
    goal = goals.create_goal(session, Seat.A, "Series A")
    written = notes.create_note(
        session, Seat.B, "Investor update sent.", tags=["#Investors", "board"], goal_ids=[goal.id]
    )
    notes.create_note(session, Seat.A, "Walked the pipeline.", tags=["sales"])
    assert written.tags == ("board", "investors")
    assert [n.body for n in notes.list_notes(session, tag="investors")] == ["Investor update sent."]
    assert notes.list_notes(session, tag="investors")[0].goal_ids == (goal.id,)
    assert ("sales", 1) in notes.all_tags(session)
    with pytest.raises(ValidationError):
        notes.create_note(session, Seat.A, "   ")
    with pytest.raises(ValidationError):
        notes.create_note(session, Seat.A, "x", tags=["two words"])


def test_board_meetings_and_goal_review_ticks(session):
    goal = goals.create_goal(session, Seat.A, "Runway to 24 months", board_visible=True)
    meeting = board.create_meeting(session, Seat.A, "2026-12-15", "Q4 board")
    ticked = board.set_goal_reviewed(session, meeting.id, goal.id, True, "On plan")
    assert ticked.reviewed_goal_ids == {goal.id}
    board.create_meeting(session, Seat.B, date(2026, 6, 15), "Q2 board")
    assert [m.title for m in board.list_meetings(session)] == ["Q4 board", "Q2 board"]
    with pytest.raises(ValidationError):
        board.create_meeting(session, Seat.A, "next Tuesday")


def test_a_retrospective_is_kept_per_quarter(session):
    board.save_retrospective(session, Seat.A, "2026q3", went_well="Decisions written down")
    retro = board.get_retrospective(session, "2026-Q3")
    assert retro.quarter == "2026-Q3" and retro.went_well == "Decisions written down"
    with pytest.raises(ValidationError, match="2026-Q3"):
        board.get_retrospective(session, "2026-Q5")


def test_partner_names_are_validated_before_anything_is_written():
    with pytest.raises(ValidationError) as refused:
        partners.check_partner_inputs(
            partners.PartnerInput("Sam", "CEO"), partners.PartnerInput("   ", "CTO")
        )
    assert refused.value.field == "name_b"
    with pytest.raises(ValidationError) as refused:
        partners.check_partner_inputs(
            partners.PartnerInput("Sam", "CEO"), partners.PartnerInput("sam", "CTO")
        )
    assert refused.value.field == "name_b"


def test_a_partner_profile_is_edited(session):
    edited = partners.update_partner(session, Seat.B, strengths="Systems design", color="#AA3366")
    assert edited.strengths == "Systems design" and edited.color == "#aa3366"
    assert partners.get_partners(session)[Seat.B].label == "Priya Natarajan, CTO"
    with pytest.raises(ValidationError):
        partners.update_partner(session, Seat.B, color="pink")
