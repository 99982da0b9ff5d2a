"""Reports state the facts of their period, as they stood then: a hand-built journal.

The journal below is small enough to check every figure by hand. "Today" is 28 Nov 2026;
the quarter is 2026-Q3 (1 Jul – 30 Sep); board meetings on 15 Jun and 15 Sep.
"""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ceocto_desktop.analytics.progress import key_result_progress
from ceocto_desktop.models import Goal, GoalStatus, KeyResult, ObstacleCategory, Seat, Verdict
from ceocto_desktop.reports.board import build_board_brief
from ceocto_desktop.reports.export import export
from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import decisions, goals, obstacles
from ceocto_desktop.services.records.goal_rows import GoalFilter, goal_rows
from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.services.review import board
from ceocto_desktop.services.review.board_review import board_review
from ceocto_desktop.services.review.quarter import quarter_facts
from ceocto_desktop.services.review.trends import (
    Period,
    cooperation_series,
    decision_facts,
    obstacle_facts,
)
from ceocto_desktop.services.weekly import checkins
from tests.system_tools import require_tool

TODAY = date(2026, 11, 28)
RATINGS = ("role_clarity", "cooperation", "communication", "trust", "alignment")


def _obstacle(session, title, opened, *moves):
    made = obstacles.create_obstacle(
        session, Seat.A, title, ObstacleCategory.CUSTOMERS, opened_on=opened
    )
    for kind, day in moves:
        if kind == "reopen":
            obstacles.reopen_obstacle(session, made.id, Seat.B, "back again", on_date=day)
        else:
            obstacles.resolve_obstacle(
                session, made.id, Seat.B, "done", accepted=kind == "accept", on_date=day
            )
    return made


@pytest.fixture
def q3(session):
    planner = goals.create_goal(
        session, Seat.A, "Ship planner v2", target_date="2026-09-30", board_visible=True
    )
    modules = goals.add_key_result(session, planner.id, Seat.A, "Modules shipped", 0, 4)
    for day, value, status in (
        (date(2026, 5, 20), 1, GoalStatus.ON_TRACK),
        (date(2026, 8, 15), 2, GoalStatus.ON_TRACK),
        (date(2026, 10, 20), 4, GoalStatus.ACHIEVED),
    ):
        goals.record_goal_progress(
            session, planner.id, Seat.B, values={modules.id: value}, status=status, on_date=day
        )
    incidents = goals.create_goal(session, Seat.B, "Cut incidents", target_date="2026-09-30")
    down = goals.add_key_result(session, incidents.id, Seat.B, "Incidents a month", 12, 3)
    goals.record_goal_progress(
        session, incidents.id, Seat.B, values={down.id: 6}, on_date=date(2026, 9, 10)
    )
    germany = goals.create_goal(session, Seat.A, "Enter Germany", target_date="2026-09-30")
    goals.record_goal_progress(
        session, germany.id, Seat.A, status=GoalStatus.DROPPED, on_date=date(2026, 8, 20)
    )
    hire = goals.create_goal(session, Seat.A, "Hire a VP Sales", target_date="2026-09-30")
    again = goals.create_goal(session, Seat.A, "Hire a VP Sales by Q4", target_date="2026-12-31")
    session.get(Goal, again.id).carried_from_id = hire.id

    _obstacle(session, "Roadmap pulled two ways", date(2026, 5, 10), ("resolve", date(2026, 7, 6)))
    planner_db = _obstacle(
        session, "Planner database at its limits", date(2026, 8, 3), ("accept", date(2026, 11, 14))
    )
    obstacles.link_obstacle_goal(session, planner_db.id, planner.id)
    _obstacle(session, "Largest customer threatens to churn", date(2026, 9, 1), ("resolve", TODAY))
    _obstacle(session, "Old Q1 matter", date(2026, 2, 1), ("resolve", date(2026, 3, 1)))
    _obstacle(session, "Hiring freeze", date(2026, 4, 1))
    _obstacle(
        session,
        "Flaky exports",
        date(2026, 7, 10),
        ("resolve", date(2026, 7, 20)),
        ("reopen", date(2026, 10, 1)),
    )

    postgres = decisions.create_decision(
        session, Seat.A, "Adopt Postgres", decided_on=date.fromisoformat("2026-07-15")
    )
    decisions.review_decision(
        session, postgres.id, "Played out as we expected", Verdict.AS_EXPECTED, date(2026, 10, 10)
    )
    price = decisions.create_decision(
        session, Seat.B, "Raise prices", decided_on=date.fromisoformat("2026-08-01")
    )
    decisions.supersede_decision(
        session, price.id, Seat.B, "Raise prices, less", decided_on=date.fromisoformat("2026-10-05")
    )
    early = decisions.create_decision(
        session, Seat.A, "Weekly sync", decided_on=date.fromisoformat("2026-04-02")
    )
    decisions.review_decision(
        session, early.id, "Played out as we expected", Verdict.AS_EXPECTED, date(2026, 8, 30)
    )

    week = date(2026, 7, 6)  # a Monday; 13 weeks answered by both
    while week <= date(2026, 9, 28):
        for seat in Seat:
            checkins.submit_answers(
                session,
                week,
                seat,
                dict.fromkeys(RATINGS, 4),
                {"wins": f"Win {seat} {week}", "appreciation": f"Thanks {seat} {week}"},
            )
        week += timedelta(days=7)
    board.create_meeting(session, Seat.A, "2026-06-15", "Q2 board")
    board.create_meeting(session, Seat.A, "2026-09-15", "Q3 board", ask_of_board="Intros")
    return session


def _goal(facts, title):
    return next(g for g in facts.goals if g.title == title)


def test_goals_show_their_status_and_progress_at_the_quarter_end(q3):
    facts = quarter_facts(q3, "2026-Q3", TODAY)
    planner = _goal(facts, "Ship planner v2")
    # Achieved on 20 Oct, after the quarter: on 30 Sep it stood at 2 of 4 modules.
    assert (planner.status, planner.progress, planner.outcome) == (
        GoalStatus.ON_TRACK,
        0.5,
        "missed",
    )
    assert planner.moves == (("Modules shipped", 1.0, 2.0),)
    # 12 → 3, at 6: three quarters... no, (12 - 6) / (12 - 3) = 6/9 of the way.
    assert _goal(facts, "Cut incidents").progress == pytest.approx(6 / 9)
    assert _goal(facts, "Enter Germany").outcome == "dropped"  # not "missed"
    assert _goal(facts, "Hire a VP Sales").outcome == "carried over"
    text = to_markdown(build_retrospective(q3, "2026-Q3", TODAY))
    assert "| Ship planner v2 | missed | 50% | Modules shipped: 1 → 2 |" in text
    assert "| Cut incidents | missed | 67% | Incidents a month: 12 → 6 |" in text
    assert "| Enter Germany | dropped | — | — |" in text
    assert "4 goals targeted at 2026-Q3: 1 carried over, 1 dropped, 2 missed." in text


def test_obstacles_opened_resolved_and_still_open_with_their_status_then(q3):
    facts = quarter_facts(q3, "2026-Q3", TODAY)
    status = {o.title: o.status.value for o in facts.obstacles}
    assert status == {
        "Roadmap pulled two ways": "resolved",  # opened in Q2, resolved 6 Jul
        "Planner database at its limits": "open",  # accepted only on 14 Nov
        "Largest customer threatens to churn": "open",  # resolved after the quarter
        "Hiring freeze": "open",  # opened in Q2, still open
        "Flaky exports": "resolved",  # reopened only in October
    }
    assert len(facts.obstacles) == len(status)  # opened and resolved in it: still one row
    assert [o.title for o in facts.opened] == [
        "Flaky exports",
        "Planner database at its limits",
        "Largest customer threatens to churn",
    ]
    assert {o.title for o in facts.resolved} == {"Roadmap pulled two ways", "Flaky exports"}
    text = to_markdown(build_retrospective(q3, "2026-Q3", TODAY))
    assert "3 obstacles opened and 2 resolved this quarter; 3 still open at its end" in text
    # May 10 → Jul 6 is 57 days, Jul 10 → Jul 20 is 10: the median is 33.5.
    assert "median time to resolve 34 days" in text
    assert "| Planner database at its limits | customers | 3 Aug 2026 | open |" in text
    assert "Old Q1 matter" not in text and "accepted" not in text


def test_decisions_carry_their_status_at_the_quarter_end(q3):
    facts = quarter_facts(q3, "2026-Q3", TODAY)
    status = {d.title: d.status.value for d in facts.decisions}
    # Reviewed in October and superseded in October: both merely decided on 30 Sep.
    assert status == {
        "Adopt Postgres": "decided",
        "Raise prices": "decided",
        "Weekly sync": "reviewed",
    }
    assert len(facts.decisions) == len(status)  # decided and reviewed in it: one row
    text = to_markdown(build_retrospective(q3, "2026-Q3", TODAY))
    assert "| Adopt Postgres | 15 Jul 2026 | Joint | 70% | decided |" in text
    # Its outcome is not repeated after the verdict that says the same.
    assert "- Weekly sync: Played out as we expected\n" in text
    assert "Raise prices, less" not in text


def test_every_win_and_appreciation_of_the_quarter_is_there_by_month(q3):
    facts = quarter_facts(q3, "2026-Q3", TODAY)
    assert len(facts.wins) == 26 and len(facts.appreciations) == 26
    text = to_markdown(build_retrospective(q3, "2026-Q3", TODAY))
    assert "### Wins worth keeping (26)" in text
    assert "### What we appreciated in each other (26)" in text
    for voice in facts.wins + facts.appreciations:
        assert voice.text in text
    assert text.count("#### July 2026") == 2 and text.count("#### September 2026") == 2
    assert "Sam, week of 6 Jul 2026: Win A 2026-07-06" in text


def test_a_past_board_meeting_shows_its_state_against_the_previous_one(q3):
    review = board_review(q3, date(2026, 9, 15), TODAY)
    planner = next(g for g in review.goals if g.title == "Ship planner v2")
    # 1 of 4 at 15 Jun, 2 of 4 at 15 Sep; achieved only in October.
    assert (planner.progress_then, planner.progress_now) == (0.25, 0.5)
    assert planner.status_now is GoalStatus.ON_TRACK
    assert planner.open_obstacles == ("Planner database at its limits",)  # accepted later
    assert [d.title for d in review.decided_since] == ["Adopt Postgres", "Raise prices"]
    text = to_markdown(build_board_brief(q3, date(2026, 9, 15), TODAY))
    assert "| Ship planner v2 | 25% → 50% | on track | Modules shipped 0 → 2, target 4 |" in text
    assert "achieved" not in text and "100%" not in text
    assert text.index("What we ask of the board") < text.index("Goals the board follows")


def test_progress_has_one_definition_in_python_and_in_sql(session):
    goal = goals.create_goal(session, Seat.A, "Both ways")
    down = goals.add_key_result(session, goal.id, Seat.A, "Incidents", 12, 3, current_value=6)
    assert down.progress == pytest.approx(6 / 9)
    # A key result whose target equals its start (written before the service refused it).
    session.add(
        KeyResult(
            goal_id=goal.id,
            author=Seat.A,
            title="Flat",
            start_value=5,
            target_value=5,
            current_value=5,
            position=1,
        )
    )
    session.flush()
    session.expire_all()
    python = goals.get_goal(session, goal.id).progress
    assert python == pytest.approx((6 / 9 + key_result_progress(5, 5, 5)) / 2)
    sql = goal_rows(session, GoalFilter(), Page("progress")).pop().progress
    assert sql == pytest.approx(python)
    with pytest.raises(ValidationError, match="differ from the start"):
        goals.add_key_result(session, goal.id, Seat.A, "Nothing to measure", 3, 3)


def test_progress_sorts_by_the_stored_value(session):
    for title, current in (("Low", 1), ("High", 9), ("Middle", 5)):
        goal = goals.create_goal(session, Seat.A, title)
        goals.add_key_result(session, goal.id, Seat.A, "n", 0, 10, current_value=current)
    goals.create_goal(session, Seat.A, "No key results")
    rows = goal_rows(session, GoalFilter(), Page("progress", descending=True))
    assert [r.title for r in rows] == ["High", "Middle", "Low", "No key results"]
    stored = dict(session.execute(select(Goal.title, Goal.progress)).all())
    assert stored["Middle"] == pytest.approx(0.5) and stored["No key results"] is None


def test_values_and_status_change_only_with_a_dated_authored_update(session):
    goal = goals.create_goal(session, Seat.A, "One door")
    kr = goals.add_key_result(session, goal.id, Seat.A, "Customers", 0, 10)
    with pytest.raises(ValidationError, match="recorded as progress"):
        goals.update_key_result(session, kr.id, current_value=4)
    with pytest.raises(ValidationError, match="recorded as progress"):
        goals.update_goal(session, goal.id, status=GoalStatus.AT_RISK)
    goals.update_goal(session, goal.id, title="One door only", status=GoalStatus.PROPOSED)
    assert goals.update_key_result(session, kr.id, target_value=12).target_value == 12
    assert goals.get_goal(session, goal.id).key_results[0].current_value == 0
    assert goals.goal_history(session, goal.id) == []


def test_cooperation_series_holds_its_period_only(session):
    for week, b in ((date(2026, 6, 29), 2), (date(2026, 7, 6), 3), (date(2026, 7, 13), 4)):
        checkins.submit_answers(session, week, Seat.A, dict.fromkeys(RATINGS, 4), {})
        checkins.submit_answers(session, week, Seat.B, dict.fromkeys(RATINGS, b), {})
    series = cooperation_series(session, Period(date(2026, 7, 1), date(2026, 9, 30)))
    assert [p.week for p in series.points] == [date(2026, 7, 6), date(2026, 7, 13)]
    assert series.mean("A") == 4.0 and series.mean("B") == 3.5 and series.mean() == 3.75
    assert series.gaps == (1.0, 0.0) and series.mean_gap() == 0.5
    assert series.rolling["B"] == (3.0, 3.5)


def test_the_board_brief_of_a_typical_quarter_fits_one_page(q3, tmp_path):
    for tool in ("pdfinfo", "pdftotext"):
        require_tool(tool)
    path = export(build_board_brief(q3, date(2026, 9, 15), TODAY), "pdf", tmp_path / "b.pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Pages:           1\n" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert text.index("What we ask of the board") < text.index("Goals the board follows")
    assert "25% → 50%" in text


def test_the_trends_facts_are_those_of_the_period(q3):
    quarter = Period(date(2026, 7, 1), date(2026, 9, 30))
    # Opened or resolved in Q3: Roadmap (resolved 6 Jul), Flaky exports, Planner, Churn.
    assert len(obstacle_facts(q3, quarter)) == 4
    assert sorted(d.decided_on for d in decision_facts(q3, quarter)) == [
        date(2026, 7, 15),
        date(2026, 8, 1),
    ]
    assert len(obstacle_facts(q3)) == 6  # no period: all of them


def test_an_obstacle_resolved_after_the_quarter_counts_as_open_at_its_end(session):
    # Opened before Q3, resolved only in November: open on 30 Sep, as its row says.
    _obstacle(session, "Roadmap pulled two ways", date(2026, 6, 6), ("resolve", date(2026, 11, 21)))
    _obstacle(session, "Hiring freeze", date(2026, 4, 1))  # untouched, open all through
    _obstacle(session, "Flaky exports", date(2026, 5, 1), ("resolve", date(2026, 8, 2)))
    facts = quarter_facts(session, "2026-Q3", TODAY)
    assert facts.still_open_count == 2
    text = to_markdown(build_retrospective(session, "2026-Q3", TODAY))
    assert "0 obstacles opened and 1 resolved this quarter; 2 still open at its end" in text
    assert "| Roadmap pulled two ways | customers | 6 Jun 2026 | open |" in text


def test_a_goal_carried_over_since_the_last_meeting_is_one_row_against_its_predecessor(session):
    title = "Build a reseller channel in Poland"
    old = goals.create_goal(session, Seat.A, title, target_date="2026-09-30", board_visible=True)
    partners = goals.add_key_result(session, old.id, Seat.A, "Resellers signed", 0, 100)
    goals.record_goal_progress(
        session,
        old.id,
        Seat.A,
        values={partners.id: 87},
        status=GoalStatus.OFF_TRACK,
        on_date=date(2026, 6, 1),
    )
    goals.record_goal_progress(
        session, old.id, Seat.A, status=GoalStatus.DROPPED, on_date=date(2026, 8, 20)
    )
    new = goals.create_goal(session, Seat.A, title, target_date="2026-12-31", board_visible=True)
    session.get(Goal, new.id).carried_from_id = old.id
    signed = goals.add_key_result(session, new.id, Seat.A, "Resellers signed", 0, 100)
    goals.record_goal_progress(
        session,
        new.id,
        Seat.A,
        values={signed.id: 100},
        status=GoalStatus.ON_TRACK,
        on_date=date(2026, 9, 1),
    )
    board.create_meeting(session, Seat.A, "2026-06-15", "Q2 board")
    board.create_meeting(session, Seat.A, "2026-09-15", "Q3 board")

    review = board_review(session, date(2026, 9, 15), TODAY)
    assert [(g.goal_id, g.progress_then, g.progress_now) for g in review.goals] == [
        (new.id, 0.87, 1.0)
    ]
    assert review.goals[0].status_then is GoalStatus.OFF_TRACK and not review.goals[0].is_new
    text = to_markdown(build_board_brief(session, date(2026, 9, 15), TODAY))
    assert f"| {title} | 87% → 100% · carried over | off track → on track |" in text
    assert text.count(title) == 1
    assert "dropped" not in text and "(new)" not in text


def test_a_quarter_under_way_says_its_statuses_are_todays(q3):
    today = date(2026, 12, 6)
    _obstacle(q3, "Churn in the Nordics", date(2026, 10, 5))
    facts = quarter_facts(q3, "2026-Q4", today)
    assert not facts.ended
    text = to_markdown(build_retrospective(q3, "2026-Q4", today))
    assert "Status and progress as they stand today (6 Dec 2026)." in text
    assert "31 Dec 2026" not in text.split("\n", 3)[3]  # only the subtitle names the end
    assert "still open today" in text and "| Status today |" in text
    # An ended quarter still says the day it ended.
    past = to_markdown(build_retrospective(q3, "2026-Q3", today))
    assert "Status and progress as they stood on 30 Sep 2026." in past
    assert "| Status on 30 Sep 2026 |" in past


def test_a_quarter_not_begun_has_no_retrospective(q3):
    with pytest.raises(ValidationError, match=r"^2027-Q1 has not begun yet \(it starts on 1 Jan"):
        build_retrospective(q3, "2027-Q1", TODAY)
    assert quarter_facts(q3, "2026-Q4", date(2026, 10, 1)).name == "2026-Q4"  # its first day
