"""The trend charts' plain types: which chart, the facts each draws, how it is asked for.

No SQLAlchemy here: the process that draws a report's charts (charts.worker) loads these
and matplotlib only. services.review.trends reads the facts from the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics import records


@dataclass(frozen=True)
class Period:
    first: date | None = None
    last: date | None = None

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


@dataclass(frozen=True)
class CooperationSeries:
    """The weekly cooperation index of both partners over a period, with what the charts
    and reports draw from it: 4-week means, the perception gap and whether it widens."""

    points: tuple[coop.WeekPoint, ...]
    rolling: Mapping[str, tuple[float | None, ...]]
    gaps: tuple[float | None, ...]
    widening: bool

    def mean(self, seat: str | None = None) -> float | None:
        """The mean index over the period, of one partner or of both."""
        values = [
            v
            for p in self.points
            for s, v in p.values.items()
            if v is not None and seat in (None, s)
        ]
        return sum(values) / len(values) if values else None

    def mean_gap(self) -> float | None:
        """The mean size of the perception gap (its sign left aside)."""
        sizes = [abs(g) for g in self.gaps if g is not None]
        return sum(sizes) / len(sizes) if sizes else None


class Chart(Enum):
    """The Trends page's charts, in the order its chooser lists them; the value is the title.

    A new chart: a member here, its facts type and builder in FACTS below, its drawing in
    charts.trends.DRAW, and its takeaway on the Trends page (a test checks all four agree).
    """

    COOPERATION = "Cooperation index"
    GAP = "Perception gap"
    OBSTACLE_FLOW = "Obstacle flow"
    GOAL_QUARTERS = "Goals by quarter"
    DECISIONS = "Decisions and calibration"
    COMMITMENTS = "Commitments made and kept"

    @property
    def title(self) -> str:
        return self.value

    @property
    def by_dimension(self) -> bool:
        """Whether the chart can show one rating instead of the index of all five."""
        return self in (Chart.COOPERATION, Chart.GAP)

    @property
    def by_partner(self) -> bool:
        """Whether each partner's line can be shown or hidden."""
        return self is Chart.COOPERATION


@dataclass(frozen=True)
class ObstacleFlowFacts:
    """Obstacles opened and resolved by month, how long the open ones have waited."""

    flow: tuple[tuple[date, int, int], ...]
    median_open_age: float | None
    days_to_resolve: Mapping[str, float]  # median days to resolve, by category
    still_open: int


@dataclass(frozen=True)
class GoalQuarterFacts:
    """Goals due in the period, by the quarter they were due in."""

    quarters: tuple[records.GoalQuarter, ...]


@dataclass(frozen=True)
class DecisionFacts:
    """Decisions by month, and how each decider's confident calls turned out."""

    per_month: tuple[tuple[date, int, int, int], ...]
    confident_calls: Mapping[str, tuple[int, int]]  # by decider: A, B or joint


@dataclass(frozen=True)
class CommitmentFacts:
    """Commitments each partner made and kept, by month (a month with neither is left out)."""

    per_month: tuple[tuple[date, Mapping[str, int], Mapping[str, int]], ...]


# What one chart draws: the cooperation series serves both the index and the gap.
TrendFacts = (
    CooperationSeries | ObstacleFlowFacts | GoalQuarterFacts | DecisionFacts | CommitmentFacts
)


@dataclass(frozen=True)
class ChartOptions:
    """How a person asked to see a chart: whose lines, and the rating it shows."""

    seats: tuple[str, ...] = ("A", "B")
    label: str = "Cooperation index"  # the index, or one rating's name
    topic: str = "the partnership"  # what the sentence above the chart speaks of
