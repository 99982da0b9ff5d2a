"""Goals: key results, progress as their mean, health of the weakest, dated history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ceocto_desktop.analytics.progress import (
    expected_progress,
    goal_progress,
    health,
    key_result_progress,
)
from ceocto_desktop.models import Area, Goal, GoalStatus, GoalUpdate, KeyResult, Owner, Seat
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import goals
from ceocto_desktop.services.records.goal_rows import GoalFilter, count_goal_rows, goal_rows
from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.services.records.snapshots import delete_record


def test_key_result_progress_runs_from_start_to_target_and_clamps():
    assert key_result_progress(4, 12, 8) == 0.5
    assert key_result_progress(540, 60, 300) == 0.5  # a target below start: going down
    assert key_result_progress(0, 10, 15) == 1.0
    assert key_result_progress(0, 10, -3) == 0.0


def test_goal_progress_is_the_mean_and_health_follows_the_pace():
    assert goal_progress([0.2, 0.6]) == pytest.approx(0.4)
    assert goal_progress([]) is None
    assert expected_progress(date(2026, 7, 1), date(2026, 9, 30), date(2026, 8, 15)) == (
        pytest.approx(45 / 91)
    )
    assert health(0.5, 0.5) == "on track"
    assert health(0.35, 0.5) == "at risk"
    assert health(0.1, 0.5) == "off track"


def test_create_goal_with_two_key_results_and_see_progress(session):
    goal = goals.create_goal(
        session,
        Seat.A,
        "  Reach product-market fit  ",
        owner=Owner.JOINT,
        area=Area.SALES,
        target_date="2026-12-31",
        board_visible=True,
    )
    assert goal.title == "Reach product-market fit"
    assert goal.progress is None
    goals.add_key_result(session, goal.id, Seat.A, "Paying customers", 4, 12, unit="customers")
    goals.add_key_result(session, goal.id, Seat.B, "Net retention", 95, 110, current_value=110)
    view = goals.get_goal(session, goal.id)
    assert [kr.title for kr in view.key_results] == ["Paying customers", "Net retention"]
    assert view.progress == pytest.approx(0.5)
    assert view.weakest == "Paying customers"
    assert view.target_date == date(2026, 12, 31)


def test_record_progress_twice_keeps_a_dated_authored_history(session):
    goal = goals.create_goal(session, Seat.A, "Ship routing v2")
    kr = goals.add_key_result(session, goal.id, Seat.A, "Customers on v2", 0, 20)
    goals.record_goal_progress(
        session,
        goal.id,
        Seat.B,
        values={kr.id: 5},
        status=GoalStatus.ON_TRACK,
        note="First five",
        on_date=date(2026, 10, 1),
    )
    goals.record_goal_progress(
        session,
        goal.id,
        Seat.A,
        values={kr.id: 8},
        status=GoalStatus.AT_RISK,
        note="Migration slower",
        on_date=date(2026, 10, 20),
    )
    history = goals.goal_history(session, goal.id)
    assert [(u.on_date, u.author, u.status, u.note) for u in history] == [
        (date(2026, 10, 1), Seat.B, GoalStatus.ON_TRACK, "First five"),
        (date(2026, 10, 20), Seat.A, GoalStatus.AT_RISK, "Migration slower"),
    ]
    assert history[0].changes == (("Customers on v2", 0.0, 5.0),)
    assert history[1].progress == pytest.approx(0.4)
    assert goals.get_goal(session, goal.id).status is GoalStatus.AT_RISK


def test_recording_nothing_is_refused(session):
    goal = goals.create_goal(session, Seat.A, "Hire a VP Engineering")
    with pytest.raises(ValidationError):
        goals.record_goal_progress(session, goal.id, Seat.A)
    assert session.scalar(select(func.count()).select_from(GoalUpdate)) == 0


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_an_empty_title_is_refused(session, title):
    with pytest.raises(ValidationError) as refused:
        goals.create_goal(session, Seat.A, title)
    assert refused.value.field == "title"


def test_a_key_result_whose_target_equals_its_start_is_refused(session):
    goal = goals.create_goal(session, Seat.A, "SOC 2")
    with pytest.raises(ValidationError) as refused:
        goals.add_key_result(session, goal.id, Seat.A, "Controls", 10, 10)
    assert refused.value.field == "target_value"
    assert session.scalar(select(func.count()).select_from(KeyResult)) == 0


def test_a_bad_date_is_refused_with_the_format_named(session):
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        goals.create_goal(session, Seat.A, "Series A", target_date="31/12/2026")


def test_filters_narrow_the_list(session):
    goals.create_goal(
        session,
        Seat.A,
        "Close the Series A",
        area=Area.FINANCE,
        status=GoalStatus.AT_RISK,
        target_date=date(2026, 9, 30),
    )
    goals.create_goal(
        session,
        Seat.B,
        "Cut incidents",
        area=Area.PRODUCT,
        owner=Owner.B,
        target_date=date(2026, 12, 31),
    )
    assert [g.title for g in goal_rows(session, GoalFilter(area=Area.FINANCE), Page())] == [
        "Close the Series A"
    ]
    assert [g.title for g in goal_rows(session, GoalFilter(owner=Owner.B), Page())] == [
        "Cut incidents"
    ]
    assert [g.title for g in goal_rows(session, GoalFilter(quarter="2026-Q4"), Page())] == [
        "Cut incidents"
    ]
    assert [g.title for g in goal_rows(session, GoalFilter(text="series"), Page())] == [
        "Close the Series A"
    ]
    assert count_goal_rows(session, GoalFilter(status=GoalStatus.AT_RISK)) == 1
    with pytest.raises(ValidationError, match="2026-Q3"):
        goal_rows(session, GoalFilter(quarter="Q5"), Page())


def test_deleting_a_goal_takes_its_key_results_and_history(session):
    goal = goals.create_goal(session, Seat.A, "Partner channel")
    kr = goals.add_key_result(session, goal.id, Seat.A, "Partners", 0, 2)
    goals.record_goal_progress(session, goal.id, Seat.A, values={kr.id: 1})
    delete_record(session, Goal, goal.id)
    assert session.scalar(select(func.count()).select_from(KeyResult)) == 0
    assert session.scalar(select(func.count()).select_from(GoalUpdate)) == 0
