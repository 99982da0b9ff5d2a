"""One sentence above each chart saying what it shows, computed from the chart's own values.

A chart says its point in a sentence above it (house style): the pair should not have to
read axes to learn that their views of trust drifted apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ceocto_desktop.analytics.cooperation import WeekPoint
from ceocto_desktop.analytics.records import GoalQuarter

RECENT = 4  # weeks compared with the four before them
CLOSE = 0.5  # points: views this close are "alike"


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _month(day: date) -> str:
    return f"{day:%B %Y}"


def cooperation(
    points: Sequence[WeekPoint],
    rolling: Mapping[str, Sequence[float | None]],
    names: Mapping[str, str],
    label: str = "the partnership",
) -> str:
    """How each partner's 4-week mean moved from the start of the range to its end."""
    parts = []
    for seat in ("A", "B"):
        values = [v for v in rolling.get(seat, ()) if v is not None]
        if len(values) < 2:
            continue
        first, last = values[0], values[-1]
        if abs(last - first) < 0.2:
            parts.append(f"{names[seat]}'s held at about {last:.1f}")
        else:
            verb = "rose" if last > first else "fell"
            parts.append(f"{names[seat]}'s {verb} from {first:.1f} to {last:.1f}")
    if not parts or not points:
        return "Two check-ins are needed for a trend."
    since = _month(points[0].week)
    return f"Since {since}, how you rate {label.lower()}: " + "; ".join(parts) + "."


def gap(
    points: Sequence[WeekPoint],
    gaps: Sequence[float | None],
    names: Mapping[str, str],
    label: str = "the partnership",
) -> str:
    """Whether the two views drifted apart, came closer or stayed alike, and since when."""
    known = [(p.week, g) for p, g in zip(points, gaps, strict=True) if g is not None]
    if len(known) < 2:
        return "Two check-ins answered by both are needed for the gap."
    recent = [abs(g) for _, g in known[-RECENT:]]
    before = [abs(g) for _, g in known[-2 * RECENT : -RECENT]] or [abs(known[0][1])]
    now, then = _mean(recent), _mean(before)
    topic = label.lower()
    since = _month(known[-min(len(known), RECENT)][0])
    signed = _mean([g for _, g in known[-RECENT:]])
    higher = names["A"] if signed > 0 else names["B"]
    if now >= CLOSE and now > then + 0.3:
        return (
            f"Your views of {topic} drifted apart since {since}: {higher} rates it "
            f"{now:.1f} points higher lately — talk about it."
        )
    if then >= CLOSE and now < then - 0.3:
        return f"Your views of {topic} came closer since {since} ({now:.1f} points apart lately)."
    if now < CLOSE:
        return f"You see {topic} alike lately (within {now:.1f} points)."
    return f"{higher} rates {topic} about {now:.1f} points higher, much as before."


def obstacle_flow(
    flow: Sequence[tuple[date, int, int]], open_age: float | None, still_open: int
) -> str:
    """How many opened and were resolved in the range, and how long the open ones wait."""
    if not flow:
        return "No obstacles recorded in this period."
    opened = sum(o for _, o, _ in flow)
    resolved = sum(r for _, _, r in flow)
    verdict = (
        "you resolve them as fast as they come"
        if resolved >= opened
        else "more come than you resolve"
    )
    tail = ""
    if still_open and open_age is not None:
        tail = f"; {still_open} still open, for {open_age:.0f} days at the median"
    return f"Since {_month(flow[0][0])}: {opened} opened, {resolved} resolved — {verdict}{tail}."


def goal_quarters(quarters: Sequence[GoalQuarter]) -> str:
    """The latest quarter with goals: achieved, missed and carried over."""
    if not quarters:
        return "No goals with a target date yet."
    latest = quarters[-1]
    progress = "" if latest.progress is None else f", {latest.progress * 100:.0f}% progress"
    return (
        f"{latest.quarter}: {latest.achieved} achieved, {latest.missed} missed, "
        f"{latest.carried_over} carried over{progress}."
    )


def confident_calls(calls: Mapping[str, tuple[int, int]], names: Mapping[str, str]) -> str:
    """How often each one's confident calls came true, in words."""
    parts = []
    for seat, (right, count) in calls.items():
        if not count:
            continue
        who = "your joint" if seat == "joint" else f"{names[seat]}'s"
        times = "time" if right == 1 else "times"
        parts.append(f"{who} confident calls came true {right} {times} out of {count}")
    if not parts:
        return "No confident call (70% or more) has been reviewed yet."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def commitments_kept(
    per_month: Sequence[tuple[date, Mapping[str, int], Mapping[str, int]]],
    names: Mapping[str, str],
) -> str:
    """How many commitments each partner made and kept in the range, as thanks, not a score."""
    if not per_month:
        return "No commitments made or kept in this period."
    parts = []
    for seat in ("A", "B"):
        made = sum(m[seat] for _, m, _ in per_month)
        kept = sum(k[seat] for _, _, k in per_month)
        parts.append(f"{names[seat]} made {made} and kept {kept}")
    return f"Since {_month(per_month[0][0])}: " + "; ".join(parts) + "."
