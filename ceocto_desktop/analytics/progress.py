"""Goal progress from key results: the mean of their progress, the health of the weakest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ceocto_desktop.models.progress import key_result_progress

__all__ = [
    "AT_RISK",
    "OFF_TRACK",
    "ON_TRACK",
    "expected_progress",
    "goal_progress",
    "health",
    "key_result_progress",
    "weakest_index",
]


def goal_progress(progresses: Sequence[float]) -> float | None:
    """The mean of the key results' progress; None for a goal with no key result."""
    if not progresses:
        return None
    return sum(progresses) / len(progresses)


def weakest_index(progresses: Sequence[float]) -> int | None:
    """Which key result holds the goal back (lowest progress); None when there is none."""
    if not progresses:
        return None
    return min(range(len(progresses)), key=lambda i: progresses[i])


ON_TRACK = "on track"
AT_RISK = "at risk"
OFF_TRACK = "off track"


def expected_progress(start: date, target: date, today: date) -> float:
    """The share of the way from start to target date that time has already gone."""
    total = (target - start).days
    if total <= 0:
        return 1.0
    return min(1.0, max(0.0, (today - start).days / total))


def health(progress: float, expected: float) -> str:
    """On track when progress keeps 90% of the pace time asks, at risk from 60%, else off."""
    if progress >= 1.0 or expected <= 0.0:
        return ON_TRACK
    pace = progress / expected
    if pace >= 0.9:
        return ON_TRACK
    if pace >= 0.6:
        return AT_RISK
    return OFF_TRACK
