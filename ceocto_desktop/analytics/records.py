"""Figures over obstacles, goals and decisions: flow, ageing, quarters, calibration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of

RIGHT = ("better", "as expected")


def month_of(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class ObstacleFacts:
    category: str
    opened_on: date
    resolved_on: date | None


def obstacle_flow(obstacles: Sequence[ObstacleFacts]) -> list[tuple[date, int, int]]:
    """Per month (oldest first): how many obstacles opened and how many were resolved."""
    opened: dict[date, int] = {}
    resolved: dict[date, int] = {}
    for o in obstacles:
        opened[month_of(o.opened_on)] = opened.get(month_of(o.opened_on), 0) + 1
        if o.resolved_on is not None:
            month = month_of(o.resolved_on)
            resolved[month] = resolved.get(month, 0) + 1
    months = sorted(set(opened) | set(resolved))
    return [(m, opened.get(m, 0), resolved.get(m, 0)) for m in months]


def median_open_age(obstacles: Sequence[ObstacleFacts], today: date) -> float | None:
    """Median days that the still-open obstacles have been open."""
    ages = [(today - o.opened_on).days for o in obstacles if o.resolved_on is None]
    return float(median(ages)) if ages else None


def median_days_to_resolve(obstacles: Sequence[ObstacleFacts]) -> dict[str, float]:
    """Median days from opening to resolution, by category (resolved ones only)."""
    days: dict[str, list[int]] = {}
    for o in obstacles:
        if o.resolved_on is not None:
            days.setdefault(o.category, []).append((o.resolved_on - o.opened_on).days)
    return {category: float(median(values)) for category, values in sorted(days.items())}


@dataclass(frozen=True)
class DecisionFacts:
    decided_on: date
    decided_by: str  # "A", "B" or "joint"
    confidence: int
    verdict: str | None


def decisions_per_month(decisions: Sequence[DecisionFacts]) -> list[tuple[date, int, int, int]]:
    """Per month: decisions taken jointly, by partner A alone, and by partner B alone."""
    counts: dict[date, list[int]] = {}
    column = {"joint": 0, "A": 1, "B": 2}
    for d in decisions:
        counts.setdefault(month_of(d.decided_on), [0, 0, 0])[column[d.decided_by]] += 1
    return [(m, counts[m][0], counts[m][1], counts[m][2]) for m in sorted(counts)]


def brier_score(decisions: Sequence[DecisionFacts]) -> tuple[float | None, int]:
    """Mean squared gap between stated confidence and outcome (right = 1), with its count.

    Only reviewed decisions count; "better" or "as expected" is right. Lower is better:
    0 is perfect, 0.25 is what always saying 50% earns.
    """
    reviewed = [d for d in decisions if d.verdict is not None]
    if not reviewed:
        return None, 0
    total = sum((d.confidence / 100 - (1.0 if d.verdict in RIGHT else 0.0)) ** 2 for d in reviewed)
    return total / len(reviewed), len(reviewed)


CONFIDENT = 70  # % and above: a call the partner was sure of


def confident_calls(decisions: Sequence[DecisionFacts]) -> tuple[int, int]:
    """Of the reviewed decisions taken with CONFIDENT % or more: how many came true, of how many.

    The plain-words face of calibration: "Sam's confident calls came true 8 times out of 10".
    """
    sure = [d for d in decisions if d.verdict is not None and d.confidence >= CONFIDENT]
    return sum(1 for d in sure if d.verdict in RIGHT), len(sure)


@dataclass(frozen=True)
class GoalQuarter:
    quarter: str
    progress: float | None  # mean of the goals' progress at quarter end
    achieved: int
    missed: int
    carried_over: int


@dataclass(frozen=True)
class GoalFacts:
    title: str
    target_date: date | None
    status: str
    updates: tuple[tuple[date, float], ...]  # (day, progress) of each recorded update


def goals_by_quarter(goals: Sequence[GoalFacts], today: date) -> list[GoalQuarter]:
    """Per target quarter: mean progress at quarter end, achieved, missed, carried over.

    Carried over: not achieved, and a goal of the same title targets a later quarter.
    Missed: the quarter has ended, not achieved and not carried over (dropped included).
    """
    by_quarter: dict[str, list[GoalFacts]] = {}
    for goal in goals:
        if goal.target_date is not None:
            by_quarter.setdefault(quarter_of(goal.target_date), []).append(goal)
    later_titles: dict[str, set[str]] = {}
    for quarter in by_quarter:
        later_titles[quarter] = {
            g.title for q, items in by_quarter.items() if q > quarter for g in items
        }
    rows = []
    for quarter in sorted(by_quarter):
        _, end = parse_quarter(quarter)
        shares = []
        achieved = missed = carried = 0
        for goal in by_quarter[quarter]:
            before = [p for day, p in goal.updates if day <= end]
            shares.append(before[-1] if before else 0.0)
            if goal.status == "achieved":
                achieved += 1
            elif goal.title in later_titles[quarter]:
                carried += 1
            elif end < today:
                missed += 1
        progress = sum(shares) / len(shares) if shares else None
        rows.append(GoalQuarter(quarter, progress, achieved, missed, carried))
    return rows


@dataclass(frozen=True)
class CommitmentFacts:
    owed_by: str  # "A" or "B"
    made_on: date
    done_on: date | None


def commitments_per_month(
    commitments: Sequence[CommitmentFacts], first: date | None = None, last: date | None = None
) -> list[tuple[date, dict[str, int], dict[str, int]]]:
    """Per month (oldest first): commitments each partner made, and those each kept (by the
    month kept), counting only days from first to last when given."""

    def inside(day: date) -> bool:
        return (first is None or day >= first) and (last is None or day <= last)

    made: dict[date, dict[str, int]] = {}
    kept: dict[date, dict[str, int]] = {}
    for c in commitments:
        if inside(c.made_on):
            month = made.setdefault(month_of(c.made_on), {"A": 0, "B": 0})
            month[c.owed_by] += 1
        if c.done_on is not None and inside(c.done_on):
            month = kept.setdefault(month_of(c.done_on), {"A": 0, "B": 0})
            month[c.owed_by] += 1
    months = sorted(set(made) | set(kept))
    none = {"A": 0, "B": 0}
    return [(m, made.get(m, none), kept.get(m, none)) for m in months]
