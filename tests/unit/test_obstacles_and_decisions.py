"""Obstacles resolved and reopened; setbacks with their lesson; decisions reviewed, superseded."""

from __future__ import annotations

from datetime import date

import pytest

from ceocto_desktop.models import (
    DecisionStatus,
    ObstacleCategory,
    ObstacleEventKind,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Seat,
    Stance,
    Verdict,
)
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import decisions, goals, obstacles
from ceocto_desktop.services.records.decision_rows import DecisionFilter
from ceocto_desktop.services.records.obstacle_rows import ObstacleFilter


def test_an_obstacle_is_joint_by_default_links_to_a_goal_and_resolves(session):
    goal = goals.create_goal(session, Seat.A, "Hire a VP Engineering")
    raised = obstacles.create_obstacle(
        session, Seat.B, "Offers declined", ObstacleCategory.HIRING, opened_on=date(2026, 9, 1)
    )
    assert raised.owner is Owner.JOINT and raised.raised_by is Seat.B
    linked = obstacles.link_obstacle_goal(session, raised.id, goal.id)
    assert linked.goal_titles == ("Hire a VP Engineering",)
    done = obstacles.resolve_obstacle(
        session, raised.id, Seat.A, "Raised the band", on_date=date(2026, 9, 21)
    )
    assert done.status is ObstacleStatus.RESOLVED
    assert done.days_open() == 20
    assert obstacles.list_obstacles(session, ObstacleFilter(is_open=True)) == []
    assert [
        o.title for o in obstacles.list_obstacles(session, ObstacleFilter(goal_id=goal.id))
    ] == ["Offers declined"]


def test_a_setback_is_closed_only_with_its_lesson(session):
    setback = obstacles.create_obstacle(
        session,
        Seat.A,
        "Missed the pilot go-live",
        ObstacleCategory.CUSTOMERS,
        kind=ObstacleKind.SETBACK,
        description="We promised a date before scoping.",
    )
    with pytest.raises(ValidationError) as refused:
        obstacles.resolve_obstacle(session, setback.id, Seat.A, "Went live three weeks late")
    assert refused.value.field == "lesson"
    closed = obstacles.resolve_obstacle(
        session,
        setback.id,
        Seat.A,
        "Went live three weeks late",
        lesson="Scope with their IT before a date leaves the room.",
        covered_by="Priya took the customer calls; Sam took her two hires.",
    )
    assert closed.lesson.startswith("Scope with their IT")
    assert closed.covered_by.startswith("Priya took")


def test_reopening_keeps_the_earlier_resolution_in_history(session):
    raised = obstacles.create_obstacle(
        session, Seat.A, "Flaky tests", ObstacleCategory.TECHNICAL_DEBT
    )
    obstacles.resolve_obstacle(session, raised.id, Seat.B, "Quarantined the flaky suite")
    reopened = obstacles.reopen_obstacle(session, raised.id, Seat.A, "Flaky again")
    assert reopened.status is ObstacleStatus.OPEN and reopened.resolution == ""
    assert [(e.kind, e.text) for e in reopened.events] == [
        (ObstacleEventKind.OPENED, ""),
        (ObstacleEventKind.RESOLVED, "Quarantined the flaky suite"),
        (ObstacleEventKind.REOPENED, "Flaky again"),
    ]


def test_an_empty_resolution_is_refused(session):
    raised = obstacles.create_obstacle(session, Seat.A, "Pricing owner", ObstacleCategory.ROLES)
    with pytest.raises(ValidationError) as refused:
        obstacles.resolve_obstacle(session, raised.id, Seat.A, "  ")
    assert refused.value.field == "resolution"


def test_a_decision_with_both_stances_is_reviewed(session):
    made = decisions.create_decision(
        session,
        Seat.A,
        "Raise prices 15%",
        decided_on=date(2026, 6, 1),
        stance_a=Stance.AGREE,
        stance_b=Stance.DISAGREE_AND_COMMIT,
        confidence=65,
        review_on="2026-08-01",
    )
    assert (made.stance_a, made.stance_b, made.confidence) == (
        Stance.AGREE,
        Stance.DISAGREE_AND_COMMIT,
        65,
    )
    assert made.due_for_review(date(2026, 8, 2))
    due = decisions.list_decisions(session, DecisionFilter(due_on=date(2026, 8, 2)))
    assert [d.title for d in due] == ["Raise prices 15%"]
    reviewed = decisions.review_decision(
        session, made.id, "Conversion held", Verdict.AS_EXPECTED, on_date=date(2026, 8, 3)
    )
    assert reviewed.status is DecisionStatus.REVIEWED and reviewed.verdict is Verdict.AS_EXPECTED
    assert decisions.list_decisions(session, DecisionFilter(due_on=date(2026, 8, 4))) == []


@pytest.mark.parametrize("confidence", [-1, 101, 50.5])
def test_a_confidence_outside_0_to_100_is_refused(session, confidence):
    with pytest.raises(ValidationError) as refused:
        decisions.create_decision(session, Seat.A, "Office", confidence=confidence)
    assert refused.value.field == "confidence"


def test_superseding_links_both_ways_and_keeps_goal_links(session):
    goal = goals.create_goal(session, Seat.A, "Grow to 25")
    old = decisions.create_decision(session, Seat.A, "Remote only", goal_ids=(goal.id,))
    new = decisions.supersede_decision(session, old.id, Seat.B, "Small office in Rotterdam")
    assert new.supersedes_id == old.id
    old_now = decisions.get_decision(session, old.id)
    assert old_now.status is DecisionStatus.SUPERSEDED
    assert old_now.superseded_by_id == new.id
    assert new.goal_titles == ("Grow to 25",)
    with pytest.raises(ValidationError):
        decisions.supersede_decision(session, old.id, Seat.B, "Again")


def test_a_review_date_before_the_decision_is_refused(session):
    with pytest.raises(ValidationError) as refused:
        decisions.create_decision(
            session, Seat.A, "Bridge", decided_on=date(2026, 5, 1), review_on=date(2026, 4, 1)
        )
    assert refused.value.field == "review_on"
