"""How the pair's cooperation moves: index per partner per week, rolling mean, the gap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

DIMENSIONS = ("role_clarity", "cooperation", "communication", "trust", "alignment")
SEATS = ("A", "B")


@dataclass(frozen=True)
class Answer:
    """One partner's ratings for one week (plain values, no ORM)."""

    week: date
    seat: str
    ratings: Mapping[str, int]


@dataclass(frozen=True)
class WeekPoint:
    week: date
    values: Mapping[str, float | None]  # by seat; None where that partner did not answer


def cooperation_index(ratings: Mapping[str, int], dimension: str | None = None) -> float:
    """The mean of the five ratings (or one dimension on its own)."""
    if dimension is not None:
        return float(ratings[dimension])
    return sum(ratings[name] for name in DIMENSIONS) / len(DIMENSIONS)


def weekly_index(answers: Sequence[Answer], dimension: str | None = None) -> list[WeekPoint]:
    """Every week with at least one answer, oldest first, each partner's index or None."""
    by_week: dict[date, dict[str, float | None]] = {}
    for answer in answers:
        values = by_week.setdefault(answer.week, dict.fromkeys(SEATS))
        values[answer.seat] = cooperation_index(answer.ratings, dimension)
    return [WeekPoint(week, by_week[week]) for week in sorted(by_week)]


def rolling_mean(points: Sequence[WeekPoint], seat: str, weeks: int = 4) -> list[float | None]:
    """For each point, the mean of that partner's answers in the last `weeks` weeks."""
    means: list[float | None] = []
    for point in points:
        start = point.week - timedelta(weeks=weeks - 1)
        window = [p.values[seat] for p in points if start <= p.week <= point.week]
        present = [v for v in window if v is not None]
        means.append(sum(present) / len(present) if present else None)
    return means


def perception_gap(points: Sequence[WeekPoint]) -> list[float | None]:
    """A's index minus B's, per week; None where one of them did not answer."""
    gaps: list[float | None] = []
    for point in points:
        a, b = point.values["A"], point.values["B"]
        gaps.append(None if a is None or b is None else a - b)
    return gaps


def gap_widening(gaps: Sequence[float | None]) -> bool:
    """True when the gap (its size) grew at each of the last two check-ins both answered."""
    sizes = [abs(g) for g in gaps if g is not None]
    return len(sizes) >= 3 and sizes[-3] < sizes[-2] < sizes[-1]


def streak(weeks_both_answered: Sequence[date], current_week: date) -> int:
    """Weeks in a row, up to this week (or last week, if this one is not done yet)."""
    done = set(weeks_both_answered)
    week = current_week if current_week in done else current_week - timedelta(weeks=1)
    count = 0
    while week in done:
        count += 1
        week -= timedelta(weeks=1)
    return count


# A gap smaller than this is two people seeing the partnership alike.
ALIKE = 0.25
# A partner's index falling this much from one week both answered to the next is news.
SUDDEN_DROP = 1.0


@dataclass(frozen=True)
class Drop:
    """One partner's index fell sharply from one week both answered to the next."""

    seat: str
    before: float
    after: float


@dataclass(frozen=True)
class GapChange:
    """What happened to the gap (A minus B) at the latest week both answered."""

    latest: float | None  # that week's gap, signed
    before: float | None  # the mean signed gap of up to four weeks before it
    before_weeks: int
    drops: tuple[Drop, ...]

    @property
    def flipped(self) -> bool:
        """The other partner now rates higher, clearly so, where before it was this one."""
        if self.latest is None or self.before is None:
            return False
        clear = abs(self.latest) >= ALIKE and abs(self.before) >= ALIKE
        return clear and (self.latest > 0) != (self.before > 0)


def gap_change(points: Sequence[WeekPoint], weeks_before: int = 4) -> GapChange:
    """The latest week's gap against the weeks before it, and who fell sharply, if anyone."""
    both = [p for p in points if all(p.values[seat] is not None for seat in SEATS)]
    if not both:
        return GapChange(None, None, 0, ())
    gaps = [_gap(p) for p in both]
    earlier = gaps[-1 - weeks_before : -1]
    drops: tuple[Drop, ...] = ()
    if len(both) >= 2:
        last, previous = both[-1].values, both[-2].values
        drops = tuple(
            Drop(seat, _value(previous, seat), _value(last, seat))
            for seat in SEATS
            if _value(previous, seat) - _value(last, seat) >= SUDDEN_DROP - 1e-9
        )
    return GapChange(
        latest=gaps[-1],
        before=sum(earlier) / len(earlier) if earlier else None,
        before_weeks=len(earlier),
        drops=drops,
    )


def _value(values: Mapping[str, float | None], seat: str) -> float:
    value = values[seat]
    assert value is not None
    return value


def _gap(point: WeekPoint) -> float:
    return _value(point.values, "A") - _value(point.values, "B")
