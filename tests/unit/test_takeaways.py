"""The sentence above each chart, from hand-made values."""

from __future__ import annotations

from datetime import date, timedelta

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics import records, takeaways
from ceocto_desktop.analytics.cooperation import WeekPoint

NAMES = {"A": "Sam", "B": "Priya"}
START = date(2026, 9, 7)


def weeks(pairs: list[tuple[float, float]]) -> list[WeekPoint]:
    return [
        WeekPoint(START + timedelta(weeks=i), {"A": a, "B": b}) for i, (a, b) in enumerate(pairs)
    ]


def test_the_views_drifting_apart_are_named_with_who_rates_higher():
    points = weeks([(4, 4)] * 4 + [(4, 3), (4.5, 3), (4.5, 2.5), (5, 2.5)])
    said = takeaways.gap(points, coop.perception_gap(points), NAMES, "trust")
    assert said.startswith("Your views of trust drifted apart since October 2026: Sam rates")
    assert said.endswith("talk about it.")


def test_views_coming_closer_and_views_alike():
    closer = weeks([(5, 2)] * 4 + [(4, 3.5)] * 4)
    assert "came closer" in takeaways.gap(closer, coop.perception_gap(closer), NAMES)
    alike = weeks([(4, 4.2)] * 8)
    assert takeaways.gap(alike, coop.perception_gap(alike), NAMES).startswith("You see")


def test_too_few_weeks_say_so():
    one = weeks([(4, 4)])
    assert "needed" in takeaways.gap(one, coop.perception_gap(one), NAMES)
    assert "needed" in takeaways.cooperation([], {}, NAMES)


def test_cooperation_says_who_rose_and_who_fell():
    points = weeks([(3, 4.5)] * 4 + [(4.5, 3)] * 4)
    rolling = {s: coop.rolling_mean(points, s) for s in "AB"}
    said = takeaways.cooperation(points, rolling, NAMES)
    assert "Sam's rose from 3.0 to 4.5" in said and "Priya's fell from 4.5 to 3.0" in said


def test_confident_calls_in_plain_words():
    facts = [
        records.DecisionFacts(date(2026, 1, 1), "A", 80, "better"),
        records.DecisionFacts(date(2026, 1, 2), "A", 90, "worse"),
        records.DecisionFacts(date(2026, 1, 3), "A", 50, "worse"),  # not a confident call
        records.DecisionFacts(date(2026, 1, 4), "A", 70, None),  # not reviewed yet
    ]
    calls = {"A": records.confident_calls(facts), "B": (0, 0)}
    assert calls["A"] == (1, 2)
    assert takeaways.confident_calls(calls, NAMES) == (
        "Sam's confident calls came true 1 time out of 2."
    )
    assert "No confident call" in takeaways.confident_calls({"A": (0, 0)}, NAMES)


def test_obstacle_flow_and_goal_quarters():
    flow = [(date(2026, 9, 1), 3, 1), (date(2026, 10, 1), 2, 1)]
    said = takeaways.obstacle_flow(flow, 21.0, 3)
    assert said == (
        "Since September 2026: 5 opened, 2 resolved — more come than you resolve; "
        "3 still open, for 21 days at the median."
    )
    quarter = records.GoalQuarter("2026-Q3", 0.5, 2, 1, 1)
    assert takeaways.goal_quarters([quarter]) == (
        "2026-Q3: 2 achieved, 1 missed, 1 carried over, 50% progress."
    )
