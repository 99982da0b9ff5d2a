"""Analytics on small hand-built journals, against numbers worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics import records

W = date(2026, 9, 7)  # a Monday


def week(n):
    return W + timedelta(weeks=n)


def answer(n, seat, rc, co, cm, tr, al):
    values = dict(zip(coop.DIMENSIONS, (rc, co, cm, tr, al), strict=True))
    return coop.Answer(week(n), seat, values)


ANSWERS = [
    answer(0, "A", 4, 4, 4, 4, 4),
    answer(0, "B", 4, 4, 4, 4, 4),  # 4.0 / 4.0, gap 0
    answer(1, "A", 5, 4, 4, 4, 4),
    answer(1, "B", 4, 4, 3, 4, 4),  # 4.2 / 3.8, gap 0.4
    answer(2, "A", 5, 5, 4, 4, 4),  # B missing
    answer(3, "A", 5, 5, 5, 4, 4),
    answer(3, "B", 3, 4, 3, 4, 3),  # 4.6 / 3.4, gap 1.2
]


def test_index_is_the_mean_of_five_and_missing_answers_are_gaps():
    points = coop.weekly_index(ANSWERS)
    assert [p.week for p in points] == [week(0), week(1), week(2), week(3)]
    assert [p.values["A"] for p in points] == pytest.approx([4.0, 4.2, 4.4, 4.6])
    assert points[2].values["B"] is None
    assert coop.weekly_index(ANSWERS, "communication")[1].values["B"] == 3.0


def test_rolling_four_week_mean_skips_missing_weeks():
    points = coop.weekly_index(ANSWERS)
    assert coop.rolling_mean(points, "A") == pytest.approx([4.0, 4.1, 4.2, 4.3])
    assert coop.rolling_mean(points, "B") == pytest.approx([4.0, 3.9, 3.9, (4.0 + 3.8 + 3.4) / 3])


def test_perception_gap_and_its_widening():
    gaps = coop.perception_gap(coop.weekly_index(ANSWERS))
    assert gaps[0] == pytest.approx(0.0) and gaps[1] == pytest.approx(0.4)
    assert gaps[2] is None and gaps[3] == pytest.approx(1.2)
    assert coop.gap_widening(gaps)  # 0 < 0.4 < 1.2 over the last three complete weeks
    assert not coop.gap_widening([0.5, 0.4, 0.6])
    assert not coop.gap_widening([0.1, 0.2])


def test_streak_counts_weeks_both_answered_in_a_row():
    both = [week(0), week(1), week(3), week(4)]
    assert coop.streak(both, week(4)) == 2
    assert coop.streak(both, week(5)) == 2  # this week not done yet: count from last week
    assert coop.streak(both, week(7)) == 0


def test_obstacle_flow_ages_and_medians():
    facts = [
        records.ObstacleFacts("hiring", date(2026, 9, 1), date(2026, 9, 11)),  # 10 days
        records.ObstacleFacts("hiring", date(2026, 9, 20), date(2026, 10, 20)),  # 30 days
        records.ObstacleFacts("roles", date(2026, 10, 5), None),
        records.ObstacleFacts("roles", date(2026, 10, 25), None),
    ]
    assert records.obstacle_flow(facts) == [(date(2026, 9, 1), 2, 1), (date(2026, 10, 1), 2, 1)]
    assert records.median_open_age(facts, date(2026, 11, 4)) == 20.0  # 30 and 10 days
    assert records.median_days_to_resolve(facts) == {"hiring": 20.0}


def test_brier_score_per_partner_with_its_count():
    facts = [
        records.DecisionFacts(date(2026, 9, 1), "A", 80, "better"),  # (0.8-1)^2 = 0.04
        records.DecisionFacts(date(2026, 9, 2), "A", 60, "worse"),  # (0.6-0)^2 = 0.36
        records.DecisionFacts(date(2026, 9, 3), "A", 90, None),  # not reviewed
        records.DecisionFacts(date(2026, 10, 3), "joint", 70, "as expected"),
    ]
    score, count = records.brier_score([d for d in facts if d.decided_by == "A"])
    assert (score, count) == (pytest.approx(0.20), 2)
    assert records.brier_score([]) == (None, 0)
    assert records.decisions_per_month(facts) == [
        (date(2026, 9, 1), 0, 3, 0),
        (date(2026, 10, 1), 1, 0, 0),
    ]


def test_goals_by_quarter_achieved_missed_and_carried_over():
    facts = [
        records.GoalFacts(
            "Series A",
            date(2026, 6, 30),
            "off track",
            ((date(2026, 5, 1), 0.3), (date(2026, 6, 20), 0.5)),
        ),
        records.GoalFacts("SOC 2", date(2026, 6, 30), "achieved", ((date(2026, 6, 29), 1.0),)),
        records.GoalFacts("Hire VP", date(2026, 6, 30), "dropped", ()),
        records.GoalFacts(
            "Series A",
            date(2026, 9, 30),
            "on track",
            ((date(2026, 8, 1), 0.6), (date(2026, 10, 2), 0.9)),
        ),
    ]
    q2, q3 = records.goals_by_quarter(facts, today=date(2026, 11, 28))
    assert (q2.quarter, q2.achieved, q2.missed, q2.carried_over) == ("2026-Q2", 1, 1, 1)
    assert q2.progress == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert (q3.quarter, q3.missed, q3.progress) == ("2026-Q3", 1, pytest.approx(0.6))
