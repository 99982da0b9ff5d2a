"""Figure builders for the trends page and the reports: drawn into a given Figure."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ceocto_desktop.analytics.cooperation import WeekPoint
from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.analytics.records import GoalQuarter
from ceocto_desktop.charts.style import Style as Style  # re-exported for the pages
from ceocto_desktop.services.review.trend_types import (
    Chart,
    ChartOptions,
    CommitmentFacts,
    CooperationSeries,
    DecisionFacts,
    GoalQuarterFacts,
    ObstacleFlowFacts,
    TrendFacts,
)

NAN = math.nan
# Okabe–Ito, told apart with every common colour-vision deficiency.
OPENED = "#D55E00"  # vermillion
RESOLVED = "#0072B2"  # blue
WARNING = "#D55E00"
QUARTERS_SHOWN = 12


def _prepare(figure: Figure, style: Style, title: str, size: int = 12):  # type: ignore[no-untyped-def]
    figure.clear()
    figure.set_facecolor(style.paper)
    axes = figure.add_subplot(1, 1, 1)
    axes.set_facecolor(style.paper)
    axes.set_title(title, color=style.ink, loc="left", fontsize=size if "\n" not in title else 10)
    axes.tick_params(colors=style.ink, labelsize=9)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(style.muted)
    axes.grid(True, axis="y", color=style.muted, alpha=0.25)
    return axes


def _message(figure: Figure, style: Style, title: str, text: str) -> None:
    """Too little data: a plain sentence where the chart would be, no empty axes."""
    figure.clear()
    figure.set_facecolor(style.paper)
    figure.text(0.02, 0.92, title, color=style.ink, fontsize=12, ha="left")
    figure.text(0.5, 0.5, text, color=style.muted, fontsize=12, ha="center", va="center")


def _dates(axes, days: Sequence[date]) -> None:  # type: ignore[no-untyped-def]
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def _quarter_bands(axes, weeks: Sequence[date], style: Style) -> None:  # type: ignore[no-untyped-def]
    """Every other quarter faintly banded, each named at the top ("2026-Q3"): where a
    quarter starts, as the pair plans and reports in quarters."""
    shown = axes.get_xlim()  # the bands never widen the axis past the weeks drawn
    start = parse_quarter(quarter_of(weeks[0]))[0]
    number = 0
    while start <= weeks[-1]:
        name = quarter_of(start)
        end = parse_quarter(name)[1] + timedelta(days=1)
        if number % 2:
            axes.axvspan(start, end, color=style.muted, alpha=0.08, linewidth=0, zorder=0)
        middle = max(start, weeks[0]) + (min(end, weeks[-1]) - max(start, weeks[0])) / 2
        axes.text(
            middle,
            0.985,
            name,
            transform=axes.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=7.5,
            color=style.muted,
            gid="quarter",
        )
        start, number = end, number + 1
    axes.set_xlim(*shown)


def _mark_quarter(axes, style: Style) -> None:  # type: ignore[no-untyped-def]
    """Shade the report's quarter so the reader sees where it starts and ends."""
    if style.quarter is None:
        return
    first, last = style.quarter
    axes.axvspan(first, last, color=style.muted, alpha=0.12, linewidth=0, zorder=0)
    axes.axvline(first, color=style.muted, linewidth=0.8, linestyle="--", zorder=0)


def _values(items: Sequence[float | None]) -> list[float]:
    return [NAN if value is None else value for value in items]


def draw_cooperation(
    figure: Figure,
    points: Sequence[WeekPoint],
    rolling: Mapping[str, Sequence[float | None]],
    style: Style,
    seats: Sequence[str] = ("A", "B"),
    label: str = "Cooperation index",
) -> None:
    """Each partner's weekly index (gaps where one did not answer), 4-week means, the gap."""
    title = f"{label} by week (1–5)"
    if len(points) < 2:
        _message(figure, style, title, "Two check-ins are needed for a trend.")
        return
    axes = _prepare(figure, style, title)
    weeks = [p.week for p in points]
    for seat in seats:
        values = _values([p.values[seat] for p in points])
        axes.plot(
            weeks,
            values,
            marker="o",
            markersize=2.5,
            linewidth=0.8,
            alpha=0.35,  # the weekly points faint: the 4-week mean is the line to read
            color=style.colors[seat],
            label=f"{style.names[seat]}",
        )
        axes.plot(
            weeks,
            _values(list(rolling[seat])),
            linewidth=2.4,
            color=style.colors[seat],
            label=f"{style.names[seat]}, 4-week mean",
        )
    if len(seats) == 2:
        a = _values([p.values["A"] for p in points])
        b = _values([p.values["B"] for p in points])
        both = [not (math.isnan(x) or math.isnan(y)) for x, y in zip(a, b, strict=True)]
        axes.fill_between(
            weeks,
            a,
            b,
            where=both,
            color=style.muted,
            alpha=style.gap_alpha,
            label="perception gap",
            interpolate=False,
        )
    # The whole 1–5 scale, always: a 3.8 → 4.1 wobble must not look like a landslide, and
    # one chart reads like the next (issue 20's "full 1–5 axis").
    axes.set_ylim(0.85, 5.15)
    axes.set_yticks([1, 2, 3, 4, 5])
    _dates(axes, weeks)
    _mark_quarter(axes, style)
    if style.quarter is None:  # a report's chart shades its own quarter instead
        _quarter_bands(axes, weeks, style)
    legend = axes.legend(loc="lower left", fontsize=8, ncol=2, frameon=False)
    for text in legend.get_texts():
        text.set_color(style.ink)


def draw_gap(
    figure: Figure,
    points: Sequence[WeekPoint],
    gaps: Sequence[float | None],
    widening: bool,
    style: Style,
) -> None:
    """A's index minus B's per week; a widening gap says so in the title."""
    title = "Perception gap (" + style.names["A"] + " − " + style.names["B"] + ")"
    if widening:
        title += " — widening"
    present = [g for g in gaps if g is not None]
    if len(present) < 2:
        _message(figure, style, title, "Two weeks both answered are needed for the gap.")
        return
    axes = _prepare(figure, style, title)
    weeks = [p.week for p in points]
    values = _values(list(gaps))
    colors = [style.colors["A"] if v >= 0 else style.colors["B"] for v in present]
    kept = [(w, v) for w, v in zip(weeks, values, strict=True) if not math.isnan(v)]
    axes.bar([w for w, _ in kept], [v for _, v in kept], width=5, color=colors)
    axes.axhline(0, color=style.muted, linewidth=1)
    reach = max(0.5, max(abs(v) for v in present) * 1.15)
    axes.set_ylim(-reach, reach)
    # What the sign means, on the axis itself: above zero the first partner rates higher.
    axes.set_ylabel(
        f"↑ {style.names['A']} rates higher\n↓ {style.names['B']} rates higher",
        color=style.ink,
        fontsize=8,
    )
    if widening:
        axes.text(
            0.99,
            0.97,
            "widening: talk about it",
            transform=axes.transAxes,
            ha="right",
            va="top",
            fontsize=9,
            fontweight="bold",
            color=WARNING,
        )
    _dates(axes, weeks)
    _mark_quarter(axes, style)
    if style.quarter is None:
        _quarter_bands(axes, weeks, style)


def draw_obstacle_flow(
    figure: Figure,
    flow: Sequence[tuple[date, int, int]],
    style: Style,
    open_age: float | None = None,
    to_resolve: Mapping[str, float] | None = None,
) -> None:
    """Obstacles opened and resolved per month, with how long they stay open."""
    title = "Obstacles opened and resolved per month"
    if open_age is not None:
        title += f"\nStill open: median age {open_age:.0f} days"
    if to_resolve:
        # Two categories keep the line inside the figure at print width.
        slowest = sorted(to_resolve.items(), key=lambda item: -item[1])[:2]
        title += "  ·  slowest to resolve (median days): "
        title += ", ".join(f"{category} {days:.0f}" for category, days in slowest)
    if not flow:
        _message(figure, style, title, "No obstacles recorded in this period.")
        return
    axes = _prepare(figure, style, title)
    months = [m for m, _, _ in flow]
    axes.bar(months, [o for _, o, _ in flow], width=-12, align="edge", color=OPENED, label="opened")
    axes.bar(
        months, [r for _, _, r in flow], width=12, align="edge", color=RESOLVED, label="resolved"
    )
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(max(o, r) for _, o, r in flow) + 1)
    _dates(axes, months)
    legend = axes.legend(fontsize=8, frameon=False, ncol=2, loc="upper right")
    for text in legend.get_texts():
        text.set_color(style.ink)


def draw_goal_quarters(figure: Figure, quarters: Sequence[GoalQuarter], style: Style) -> None:
    """Mean goal progress at each quarter's end, with achieved/missed/carried counts."""
    title = "Goals by quarter: mean progress at each quarter's end"
    if len(quarters) > QUARTERS_SHOWN:  # beyond a dozen bars the counts cannot be read
        quarters = quarters[-QUARTERS_SHOWN:]
        title += f" (the last {QUARTERS_SHOWN} quarters)"
    if not quarters:
        _message(figure, style, title, "No goals with a target date yet.")
        return
    axes = _prepare(figure, style, title)
    names = [q.quarter for q in quarters]
    shares = [0.0 if q.progress is None else q.progress * 100 for q in quarters]
    bars = axes.bar(names, shares, color=style.colors["A"], alpha=0.8)
    for bar, q in zip(bars, quarters, strict=True):
        axes.annotate(
            "\n".join(
                f"{n} {word}"
                for n, word in (
                    (q.achieved, "achieved"),
                    (q.missed, "missed"),
                    (q.carried_over, "carried"),
                )
                if n
            )
            or "none closed",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            linespacing=1.1,
            color=style.ink,
        )
    axes.set_ylim(0, 135)  # room above a full bar for its three lines of counts
    axes.set_yticks([0, 25, 50, 75, 100])
    axes.set_ylabel("progress, %", color=style.ink, fontsize=8)


def draw_decisions(
    figure: Figure,
    per_month: Sequence[tuple[date, int, int, int]],
    calibration: Mapping[str, tuple[int, int]],
    style: Style,
) -> None:
    """Decisions per month, joint and by each partner in their colour; how often each one's
    confident calls came true (right, of how many), in words."""
    scores = []
    for seat, (right, count) in calibration.items():
        if count:
            scores.append(f"{style.names.get(seat, 'joint')} {right} of {count}")
    title = "Decisions per month"
    if scores:
        title += "\nConfident calls (70%+) that came true: " + ", ".join(scores)
    if not per_month:
        _message(figure, style, title, "No decisions recorded in this period.")
        return
    axes = _prepare(figure, style, title)
    months = [m for m, *_ in per_month]
    bottom = [0] * len(per_month)
    columns = (
        ([j for _, j, _, _ in per_month], "Joint", style.muted),
        ([a for _, _, a, _ in per_month], f"{style.names['A']} alone", style.colors["A"]),
        ([b for _, _, _, b in per_month], f"{style.names['B']} alone", style.colors["B"]),
    )
    for heights, label, colour in columns:
        axes.bar(months, heights, width=20, bottom=bottom, color=colour, label=label)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(bottom) + 1)
    _dates(axes, months)
    legend = axes.legend(fontsize=8, frameon=False, ncol=3, loc="upper right")
    for text in legend.get_texts():
        text.set_color(style.ink)


def draw_commitments(
    figure: Figure,
    per_month: Sequence[tuple[date, Mapping[str, int], Mapping[str, int]]],
    style: Style,
) -> None:
    """Commitments each partner made (pale) and kept (solid) per month, in their colour."""
    title = "Commitments made and kept per month"
    if not per_month:
        _message(figure, style, title, "No commitments made or kept in this period.")
        return
    axes = _prepare(figure, style, title)
    months = [m for m, _, _ in per_month]
    # Four bars a month, side by side: each partner's made (pale) then kept, A then B.
    for seat, first_day in (("A", 1), ("B", 15)):
        name, colour = style.names[seat], style.colors[seat]
        for day, counts, alpha, word in (
            (first_day, [m[seat] for _, m, _ in per_month], 0.35, "made"),
            (first_day + 7, [k[seat] for _, _, k in per_month], 1.0, "kept"),
        ):
            axes.bar(
                [m.replace(day=day) for m in months],
                counts,
                width=6,
                align="edge",
                color=colour,
                alpha=alpha,
                label=f"{name} {word}",
            )
    highest = max(max(*m.values(), *k.values()) for _, m, k in per_month)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, highest + 1)
    _dates(axes, months)
    legend = axes.legend(fontsize=8, frameon=False, ncol=4, loc="upper right")
    for text in legend.get_texts():
        text.set_color(style.ink)


def _cooperation(figure: Figure, facts: TrendFacts, style: Style, options: ChartOptions) -> None:
    assert isinstance(facts, CooperationSeries)
    rolling = {s: list(v) for s, v in facts.rolling.items()}
    draw_cooperation(figure, list(facts.points), rolling, style, options.seats, options.label)


def _gap(figure: Figure, facts: TrendFacts, style: Style, _options: ChartOptions) -> None:
    assert isinstance(facts, CooperationSeries)
    draw_gap(figure, list(facts.points), list(facts.gaps), facts.widening, style)


def _obstacles(figure: Figure, facts: TrendFacts, style: Style, _options: ChartOptions) -> None:
    assert isinstance(facts, ObstacleFlowFacts)
    draw_obstacle_flow(
        figure, list(facts.flow), style, facts.median_open_age, facts.days_to_resolve
    )


def _goals(figure: Figure, facts: TrendFacts, style: Style, _options: ChartOptions) -> None:
    assert isinstance(facts, GoalQuarterFacts)
    draw_goal_quarters(figure, list(facts.quarters), style)


def _decisions(figure: Figure, facts: TrendFacts, style: Style, _options: ChartOptions) -> None:
    assert isinstance(facts, DecisionFacts)
    draw_decisions(figure, list(facts.per_month), facts.confident_calls, style)


def _commitments(figure: Figure, facts: TrendFacts, style: Style, _options: ChartOptions) -> None:
    assert isinstance(facts, CommitmentFacts)
    draw_commitments(figure, list(facts.per_month), style)


DRAW: Mapping[Chart, Callable[[Figure, TrendFacts, Style, ChartOptions], None]] = {
    Chart.COOPERATION: _cooperation,
    Chart.GAP: _gap,
    Chart.OBSTACLE_FLOW: _obstacles,
    Chart.GOAL_QUARTERS: _goals,
    Chart.DECISIONS: _decisions,
    Chart.COMMITMENTS: _commitments,
}


def draw_chart(
    figure: Figure,
    chart: Chart,
    facts: TrendFacts,
    style: Style,
    options: ChartOptions | None = None,
) -> None:
    """Draw one of the Trends charts from the facts services.trends.chart_facts built for it."""
    DRAW[chart](figure, facts, style, options or ChartOptions())
