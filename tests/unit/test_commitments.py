"""Commitments: made, kept, dropped with a reason, overdue; kept over a quarter; help."""

from __future__ import annotations

from datetime import date

import pytest

from ceocto_desktop.models import Area, CommitmentStatus, Goal, Seat
from ceocto_desktop.services import partners
from ceocto_desktop.services.errors import NotFoundError, ValidationError
from ceocto_desktop.services.records import goals
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.weekly import commitments

TODAY = date(2026, 12, 2)


def test_a_commitment_is_owed_to_the_other_partner_and_open_until_kept(session):
    made = commitments.create_commitment(
        session, Seat.B, "  Join the Ardennes call ", "2026-12-04", week_start=date(2026, 11, 30)
    )
    assert (made.owed_by, made.owed_to, made.what) == (Seat.B, Seat.A, "Join the Ardennes call")
    assert made.status is CommitmentStatus.OPEN
    assert [c.id for c in commitments.open_commitments(session, owed_by=Seat.B)] == [made.id]
    assert commitments.open_commitments(session, owed_by=Seat.A) == []

    kept = commitments.complete_commitment(session, made.id, on=date(2026, 12, 3))
    assert (kept.status, kept.done_on) == (CommitmentStatus.DONE, date(2026, 12, 3))
    assert commitments.open_commitments(session) == []
    with pytest.raises(ValidationError, match="already done"):
        commitments.drop_commitment(session, made.id, "no longer needed")


def test_dropping_needs_a_reason_and_undo_reopens(session):
    made = commitments.create_commitment(session, Seat.A, "Send the board deck", TODAY)
    with pytest.raises(ValidationError, match="Say why"):
        commitments.drop_commitment(session, made.id, "   ")
    assert commitments.get_commitment(session, made.id).status is CommitmentStatus.OPEN
    dropped = commitments.drop_commitment(session, made.id, "The meeting moved to January", TODAY)
    assert (dropped.status, dropped.drop_reason) == (
        CommitmentStatus.DROPPED,
        "The meeting moved to January",
    )
    reopened = commitments.reopen_commitment(session, made.id)
    assert (reopened.status, reopened.drop_reason, reopened.dropped_on) == (
        CommitmentStatus.OPEN,
        "",
        None,
    )
    commitments.delete_commitment(session, made.id)
    with pytest.raises(NotFoundError):
        commitments.get_commitment(session, made.id)


def test_what_a_person_can_get_wrong_is_refused_with_a_sentence(session):
    with pytest.raises(ValidationError, match="cannot be empty"):
        commitments.create_commitment(session, Seat.A, "", TODAY)
    with pytest.raises(ValidationError, match="not a date"):
        commitments.create_commitment(session, Seat.A, "Call the bank", "next Friday")
    with pytest.raises(ValidationError, match="not an area"):
        commitments.create_commitment(session, Seat.A, "Call the bank", TODAY, area="banking")
    with pytest.raises(NotFoundError):
        commitments.create_commitment(session, Seat.A, "Call the bank", TODAY, goal_id="nope")
    assert commitments.open_commitments(session) == []


def test_overdue_is_open_past_its_due_date(session):
    late = commitments.create_commitment(session, Seat.A, "Intro to the bank", date(2026, 11, 28))
    commitments.create_commitment(session, Seat.B, "Fix the export", TODAY)
    done = commitments.create_commitment(session, Seat.B, "Old promise", date(2026, 11, 1))
    commitments.complete_commitment(session, done.id, on=date(2026, 11, 2))
    assert [c.id for c in commitments.overdue_commitments(session, TODAY)] == [late.id]
    assert late.overdue(TODAY) and not late.overdue(date(2026, 11, 28))


def test_kept_over_a_quarter_counts_what_fell_due_per_partner(session):
    for day in (date(2026, 10, 5), date(2026, 11, 9), date(2026, 11, 30)):
        made = commitments.create_commitment(session, Seat.A, f"Promise {day}", day)
        commitments.complete_commitment(session, made.id, on=day)
    dropped = commitments.create_commitment(session, Seat.A, "Hire help", date(2026, 11, 20))
    commitments.drop_commitment(session, dropped.id, "Budget frozen", date(2026, 11, 19))
    commitments.create_commitment(session, Seat.A, "Still open", date(2026, 12, 1))
    commitments.create_commitment(session, Seat.A, "Not yet due", date(2026, 12, 20))
    commitments.create_commitment(session, Seat.B, "Last quarter", date(2026, 9, 30))

    kept = commitments.kept_over_quarter(session, "2026-Q4", TODAY)
    assert kept[Seat.A].sentence() == "kept 3 of 5"
    assert (kept[Seat.A].dropped, kept[Seat.A].open) == (1, 1)
    assert kept[Seat.B].sentence() == "nothing fell due"
    with pytest.raises(ValidationError, match="not a quarter"):
        commitments.kept_over_quarter(session, "Q4", TODAY)


def test_help_across_the_line_is_marked_or_follows_from_the_area(session):
    # Priya (seat B) is the CTO: sales is outside her role, product is hers.
    sales = commitments.create_commitment(
        session, Seat.B, "Security answers", TODAY, area=Area.SALES
    )
    product = commitments.create_commitment(session, Seat.B, "Ship SSO", TODAY, area=Area.PRODUCT)
    marked = commitments.create_commitment(
        session, Seat.B, "Sit in the pricing review", TODAY, area=Area.STRATEGY, help_across=True
    )
    assert sales.help_across and not sales.marked_help
    assert not product.help_across
    assert marked.help_across and marked.marked_help
    # Sam (seat A) the CEO: product is outside his role.
    assert commitments.create_commitment(
        session, Seat.A, "Run the incident review", TODAY, area=Area.PRODUCT
    ).help_across
    # A title we do not know owns every area: only the mark counts.
    partners.update_partner(session, Seat.B, title="Co-founder")
    assert not commitments.get_commitment(session, sales.id).help_across


def test_a_commitment_links_to_a_goal_and_loses_the_link_when_the_goal_goes(session):
    goal = goals.create_goal(session, Seat.A, "Close Series A")
    made = commitments.create_commitment(session, Seat.B, "Data room", TODAY, goal_id=goal.id)
    assert made.goal_id == goal.id
    delete_record(session, Goal, goal.id)
    session.expire_all()
    assert commitments.get_commitment(session, made.id).goal_id is None


def test_a_commitment_asked_for_is_no_promise_until_taken_on(session):
    asked = commitments.ask_for_commitment(session, Seat.A, "Take the Thursday demo", TODAY)
    assert (asked.owed_by, asked.owed_to, asked.status) == (
        Seat.B,
        Seat.A,
        CommitmentStatus.PROPOSED,
    )
    assert [c.id for c in commitments.proposals_for(session, Seat.B)] == [asked.id]
    assert commitments.proposals_for(session, Seat.A) == []
    # Not owed yet: not open, not counted kept or due, not among the quarter's promises.
    assert commitments.open_commitments(session) == []
    assert commitments.kept_over_quarter(session, "2026-Q4", TODAY)[Seat.B].due == 0
    assert commitments.promises_due(session, date(2026, 10, 1), TODAY) == []
    with pytest.raises(ValidationError, match="already proposed"):
        commitments.complete_commitment(session, asked.id, TODAY)
    with pytest.raises(ValidationError, match="only asked for"):
        commitments.reopen_commitment(session, asked.id)

    countered = commitments.counter_commitment(session, asked.id, "Run Friday's demo", "")
    assert (countered.what, countered.asked_for, countered.status, countered.due_on) == (
        "Run Friday's demo",
        "Take the Thursday demo",
        CommitmentStatus.OPEN,
        TODAY,
    )
    with pytest.raises(ValidationError, match="already open"):
        commitments.accept_commitment(session, asked.id)
    commitments.restore_proposal(session, asked.id, "Take the Thursday demo", TODAY)
    with pytest.raises(ValidationError, match="offer cannot be empty"):
        commitments.counter_commitment(session, asked.id, "  ")
    taken = commitments.accept_commitment(session, asked.id)
    assert (taken.what, taken.asked_for, taken.status) == (
        "Take the Thursday demo",
        "",
        CommitmentStatus.OPEN,
    )
    assert commitments.kept_over_quarter(session, "2026-Q4", TODAY)[Seat.B].due == 1


def test_commitments_per_month_counts_made_and_kept_inside_the_range():
    from ceocto_desktop.analytics.records import CommitmentFacts, commitments_per_month

    facts = [
        CommitmentFacts("A", date(2026, 9, 28), date(2026, 10, 2)),
        CommitmentFacts("A", date(2026, 10, 5), None),
        CommitmentFacts("B", date(2026, 10, 6), date(2026, 10, 20)),
    ]
    assert commitments_per_month(facts, first=date(2026, 10, 1)) == [
        (date(2026, 10, 1), {"A": 1, "B": 1}, {"A": 1, "B": 1})
    ]
    assert commitments_per_month(facts)[0] == (date(2026, 9, 1), {"A": 1, "B": 0}, {"A": 0, "B": 0})
