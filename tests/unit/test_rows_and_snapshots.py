"""Table rows sorted and filtered in SQL; deletes that an undo restores row for row."""

from __future__ import annotations

from datetime import date

import pytest

# The app's own SQLite library: a second one in this process reads stale pages
# beside the app's open connections (they do not share locks or the WAL index).
import sqlcipher3.dbapi2 as sqlite3

from ceocto_desktop.models import (
    Decision,
    Goal,
    GoalStatus,
    ObstacleCategory,
    Owner,
    Seat,
    Severity,
)
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import decisions, goals, obstacles
from ceocto_desktop.services.records.decision_rows import (
    DecisionFilter,
    count_decision_rows,
    decision_rows,
)
from ceocto_desktop.services.records.goal_rows import GoalFilter, count_goal_rows, goal_rows
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.services.records.obstacle_rows import (
    ObstacleFilter,
    count_obstacle_rows,
    obstacle_rows,
)
from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.services.records.snapshots import delete_record, restore_snapshot
from ceocto_desktop.services.review.overview import first_entry
from ceocto_desktop.services.review.roles import what_is_owned


def make_goal(session, title, shares, **fields):
    goal = goals.create_goal(session, Seat.A, title, **fields)
    for n, share in enumerate(shares):
        goals.add_key_result(session, goal.id, Seat.A, f"kr{n}", 0, 10, current_value=share * 10)
    return goal


def test_goal_rows_sort_by_progress_in_sql_with_goals_without_key_results_last(session):
    make_goal(session, "Half", [0.5])
    make_goal(session, "Most", [1.0, 0.6])
    make_goal(session, "None yet", [])
    make_goal(session, "Little", [0.1, 0.2])
    ascending = goal_rows(session, GoalFilter(), Page("progress"))
    assert [r.title for r in ascending] == ["Little", "Half", "Most", "None yet"]
    descending = goal_rows(session, GoalFilter(), Page("progress", descending=True))
    assert [r.title for r in descending] == ["Most", "Half", "Little", "None yet"]
    assert descending[0].progress == pytest.approx(0.8)


def test_goal_rows_show_the_change_since_the_previous_update(session):
    goal = make_goal(session, "Series A", [0.0])
    kr = goals.get_goal(session, goal.id).key_results[0]
    goals.record_goal_progress(
        session, goal.id, Seat.A, values={kr.id: 2}, on_date=date(2026, 10, 1)
    )
    goals.record_goal_progress(
        session, goal.id, Seat.A, values={kr.id: 5}, on_date=date(2026, 10, 15)
    )
    (row,) = goal_rows(session, GoalFilter(), Page())
    assert row.change == pytest.approx(0.3)


def test_filters_narrow_goal_rows_and_text_is_not_a_pattern(session):
    make_goal(
        session,
        "Close the Series A",
        [],
        status=GoalStatus.AT_RISK,
        owner=Owner.A,
        target_date=date(2026, 12, 1),
    )
    make_goal(session, "Grow to 25 people", [], target_date=date(2027, 2, 1))
    make_goal(session, "100% uptime", [])
    assert count_goal_rows(session, GoalFilter(status=GoalStatus.AT_RISK)) == 1
    assert count_goal_rows(session, GoalFilter(owner=Owner.JOINT)) == 2
    assert count_goal_rows(session, GoalFilter(quarter="2027-Q1")) == 1
    assert [r.title for r in goal_rows(session, GoalFilter(text="%"), Page())] == ["100% uptime"]
    assert count_goal_rows(session, GoalFilter(text="_")) == 0
    with pytest.raises(ValidationError):
        count_goal_rows(session, GoalFilter(quarter="next quarter"))


def test_pages_follow_each_other_without_gaps(session):
    for n in range(25):
        goals.create_goal(session, Seat.A, f"Goal {n:02d}")
    first = goal_rows(session, GoalFilter(), Page("title", limit=10))
    second = goal_rows(session, GoalFilter(), Page("title", offset=10, limit=10))
    third = goal_rows(session, GoalFilter(), Page("title", offset=20, limit=10))
    titles = [r.title for r in first + second + third]
    assert titles == [f"Goal {n:02d}" for n in range(25)]


def test_obstacle_rows_rank_severity_and_count_days_open(session):
    early = obstacles.create_obstacle(
        session,
        Seat.A,
        "Early",
        ObstacleCategory.HIRING,
        opened_on=date(2026, 11, 1),
        severity=Severity.CRITICAL,
    )
    obstacles.create_obstacle(
        session,
        Seat.A,
        "Late",
        ObstacleCategory.ROLES,
        opened_on=date(2026, 11, 20),
        severity=Severity.LOW,
    )
    obstacles.resolve_obstacle(session, early.id, Seat.B, "Done", on_date=date(2026, 11, 11))
    rows = obstacle_rows(
        session, ObstacleFilter(), Page("severity", descending=True), today=date(2026, 11, 28)
    )
    assert [(r.title, r.days_open) for r in rows] == [("Early", 10), ("Late", 8)]
    open_only = obstacle_rows(session, ObstacleFilter(is_open=True), Page())
    assert [r.title for r in open_only] == ["Late"]


def test_decisions_due_for_review_are_a_filter(session):
    decisions.create_decision(
        session, Seat.A, "Due", decided_on=date(2026, 9, 1), review_on=date(2026, 11, 1)
    )
    decisions.create_decision(
        session, Seat.A, "Later", decided_on=date(2026, 9, 1), review_on=date(2027, 1, 1)
    )
    due = decision_rows(session, DecisionFilter(due_on=date(2026, 11, 28)), Page())
    assert [r.title for r in due] == ["Due"]


def count(path, table):
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_deleting_a_goal_and_restoring_its_snapshot_brings_back_every_row(journal):
    with journal.transaction() as session:
        goal = make_goal(session, "Runway", [0.2, 0.4])
        kr = goals.get_goal(session, goal.id).key_results[0]
        goals.record_goal_progress(session, goal.id, Seat.B, values={kr.id: 5}, note="moved")
        obstacle = obstacles.create_obstacle(
            session, Seat.A, "Bridge slow", ObstacleCategory.FINANCES, goal_ids=(goal.id,)
        )
    tables = ("goals", "key_results", "goal_updates", "key_result_changes", "obstacle_goals")
    before = {t: count(journal.path, t) for t in tables}
    with journal.transaction() as session:
        snapshot = delete_record(session, Goal, goal.id)
    assert {t: count(journal.path, t) for t in tables} == dict.fromkeys(tables, 0)
    with journal.transaction() as session:
        restore_snapshot(session, snapshot)
    assert {t: count(journal.path, t) for t in tables} == before
    with journal.sessions() as session:
        restored = goals.get_goal(session, goal.id)
        assert restored.progress == pytest.approx(0.45)  # (5/10 + 4/10) / 2
        assert goals.goal_history(session, goal.id)[0].note == "moved"
        assert obstacles.get_obstacle(session, obstacle.id).goal_titles == ("Runway",)


def test_restoring_a_superseded_decision_puts_back_the_link_from_its_successor(journal):
    with journal.transaction() as session:
        old = decisions.create_decision(session, Seat.A, "Remote only")
        new = decisions.supersede_decision(session, old.id, Seat.B, "Office in Rotterdam")
    with journal.transaction() as session:
        snapshot = delete_record(session, Decision, old.id)
        assert decisions.get_decision(session, new.id).supersedes_id is None
    with journal.transaction() as session:
        restore_snapshot(session, snapshot)
    with journal.sessions() as session:
        assert decisions.get_decision(session, new.id).supersedes_id == old.id
        assert decisions.get_decision(session, old.id).superseded_by_id == new.id


def test_what_each_partner_owns_now(session):
    make_goal(session, "Hire a VP Engineering", [], owner=Owner.B, status=GoalStatus.ON_TRACK)
    make_goal(
        session,
        "Old and missed",
        [],
        owner=Owner.B,
        status=GoalStatus.OFF_TRACK,
        target_date=date(2020, 1, 1),
    )
    make_goal(session, "Done", [], owner=Owner.B, status=GoalStatus.ACHIEVED)
    obstacles.create_obstacle(
        session, Seat.A, "Pricing owner", ObstacleCategory.ROLES, owner=Owner.B
    )
    decisions.create_decision(
        session,
        Seat.B,
        "Postgres",
        decided_by=Owner.B,
        decided_on=date(2026, 1, 1),
        review_on=date(2026, 3, 1),
    )
    load = what_is_owned(session, Owner.B, today=date(2026, 11, 28))
    assert [g.title for g in load.goals] == ["Hire a VP Engineering"]
    assert [o.title for o in load.obstacles] == ["Pricing owner"]
    assert [(d.title, d.detail) for d in load.decisions] == [
        ("Postgres", "review was due 1 Mar 2026")
    ]
    assert what_is_owned(session, Owner.A).goals == []


def test_the_counts_of_decisions_due_and_of_each_table_match_their_rows(session):
    today = date(2026, 11, 28)
    for n, review_on in enumerate((date(2026, 11, 1), date(2026, 11, 28), date(2026, 12, 5), None)):
        decisions.create_decision(
            session, Seat.A, f"Decision {n}", decided_on=date(2026, 10, 1), review_on=review_on
        )
    goals.create_goal(session, Seat.B, "Hire a designer")
    session.flush()
    due = DecisionFilter(due_on=today)
    assert count_decision_rows(session, due) == len(decision_rows(session, due, Page())) == 2
    assert count_decision_rows(session, DecisionFilter()) == 4
    assert count_goal_rows(session, GoalFilter()) == 1
    assert count_obstacle_rows(session, ObstacleFilter()) == 0


def test_the_journal_begins_with_its_first_note_or_check_in_week(session):
    assert first_entry(session) is None
    note = create_note(session, Seat.A, "Kick-off")
    session.flush()
    assert first_entry(session) == note.created_at.date()
