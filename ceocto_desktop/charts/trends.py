"""Figure builders for the trends page and the reports: drawn into a given Figure."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ceocto_desktop.analytics.cooperation import WeekPoint
from ceocto_desktop.analytics.records import GoalQuarter
from ceocto_desktop.charts.style import Style as Style  # re-exported for the pages

NAN = math.nan


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
            markersize=3,
            linewidth=1,
            alpha=0.55,
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
            alpha=0.18,
            label="perception gap",
            interpolate=False,
        )
    axes.set_ylim(1, 5.2)
    _dates(axes, weeks)
    _mark_quarter(axes, style)
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
    _dates(axes, weeks)
    _mark_quarter(axes, style)


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
        slowest = sorted(to_resolve.items(), key=lambda item: -item[1])[:3]
        title += "  ·  slowest to resolve (median days): "
        title += ", ".join(f"{category} {days:.0f}" for category, days in slowest)
    if not flow:
        _message(figure, style, title, "No obstacles recorded in this period.")
        return
    axes = _prepare(figure, style, title)
    months = [m for m, _, _ in flow]
    axes.bar(
        months, [o for _, o, _ in flow], width=-12, align="edge", color="#c0392b", label="opened"
    )
    axes.bar(
        months, [r for _, _, r in flow], width=12, align="edge", color="#27ae60", label="resolved"
    )
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(max(o, r) for _, o, r in flow) + 1)
    _dates(axes, months)
    legend = axes.legend(fontsize=8, frameon=False, ncol=2, loc="upper right")
    for text in legend.get_texts():
        text.set_color(style.ink)


def draw_goal_quarters(figure: Figure, quarters: Sequence[GoalQuarter], style: Style) -> None:
    """Mean goal progress at each quarter's end, with achieved/missed/carried counts."""
    title = "Goals by quarter: progress at quarter end (✓ achieved  ✗ missed  → carried over)"
    if not quarters:
        _message(figure, style, title, "No goals with a target date yet.")
        return
    axes = _prepare(figure, style, title)
    names = [q.quarter for q in quarters]
    shares = [0.0 if q.progress is None else q.progress * 100 for q in quarters]
    bars = axes.bar(names, shares, color=style.colors["A"], alpha=0.8)
    for bar, q in zip(bars, quarters, strict=True):
        axes.annotate(
            f"{q.achieved}✓ {q.missed}✗ {q.carried_over}→",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=8,
            color=style.ink,
        )
    axes.set_ylim(0, 110)
    axes.set_ylabel("%", color=style.ink)
    if len(names) > 8:
        axes.tick_params(axis="x", labelrotation=45)


def draw_decisions(
    figure: Figure,
    per_month: Sequence[tuple[date, int, int]],
    calibration: Mapping[str, tuple[float | None, int]],
    style: Style,
) -> None:
    """Decisions per month, joint and by one partner; each partner's Brier score in the title."""
    scores = []
    for seat, (score, count) in calibration.items():
        shown = "—" if score is None else f"{score:.2f}"
        scores.append(f"{style.names[seat]} {shown} (n={count})")
    title = "Decisions per month\nCalibration (Brier score, lower is better): " + ", ".join(scores)
    if not per_month:
        _message(figure, style, title, "No decisions recorded in this period.")
        return
    axes = _prepare(figure, style, title)
    months = [m for m, _, _ in per_month]
    joint = [j for _, j, _ in per_month]
    alone = [a for _, _, a in per_month]
    axes.bar(months, joint, width=20, color=style.muted, label="joint")
    axes.bar(months, alone, width=20, bottom=joint, color=style.colors["A"], label="by one")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(j + a for j, a in zip(joint, alone, strict=True)) + 1)
    _dates(axes, months)
    legend = axes.legend(fontsize=8, frameon=False, ncol=2, loc="upper right")
    for text in legend.get_texts():
        text.set_color(style.ink)
