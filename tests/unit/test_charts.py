"""Each chart builder on no data, one point and ten years: what the figure holds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics import records
from ceocto_desktop.charts import trends
from ceocto_desktop.models import ObstacleCategory, Seat
from ceocto_desktop.services.records import obstacles
from ceocto_desktop.services.review import trends as trend_facts

STYLE = trends.Style(colors={"A": "#2f6db5", "B": "#d9822b"}, names={"A": "Sam", "B": "Priya"})


def texts(figure):
    found = [t.get_text() for t in figure.texts]
    for axes in figure.axes:
        found.append(axes.get_title(loc="left"))
    return found


def weekly(n_weeks, missing_every=0):
    answers = []
    start = date(2016, 11, 28)
    for n in range(n_weeks):
        week = start + timedelta(weeks=n)
        value = 3 + (n % 3)
        answers.append(coop.Answer(week, "A", dict.fromkeys(coop.DIMENSIONS, value)))
        if not missing_every or n % missing_every:
            answers.append(coop.Answer(week, "B", dict.fromkeys(coop.DIMENSIONS, 4)))
    return coop.weekly_index(answers)


@pytest.mark.parametrize("n_weeks", [0, 1])
def test_too_little_data_is_a_sentence_not_empty_axes(n_weeks):
    figure = Figure()
    points = weekly(n_weeks)
    rolling = {s: coop.rolling_mean(points, s) for s in "AB"}
    trends.draw_cooperation(figure, points, rolling, STYLE)
    assert figure.axes == []
    assert "Two check-ins are needed for a trend." in texts(figure)
    trends.draw_gap(figure, points, coop.perception_gap(points), False, STYLE)
    assert figure.axes == [] and any("needed for the gap" in t for t in texts(figure))
    trends.draw_obstacle_flow(figure, [], STYLE)
    assert "No obstacles recorded in this period." in texts(figure)
    trends.draw_goal_quarters(figure, [], STYLE)
    assert "No goals with a target date yet." in texts(figure)
    trends.draw_decisions(figure, [], {"A": (0, 0), "B": (0, 0)}, STYLE)
    assert "No decisions recorded in this period." in texts(figure)


def test_ten_years_of_weeks_draw_two_partners_their_means_and_the_gap():
    figure = Figure()
    points = weekly(520, missing_every=7)
    rolling = {s: coop.rolling_mean(points, s) for s in "AB"}
    trends.draw_cooperation(figure, points, rolling, STYLE)
    (axes,) = figure.axes
    labels = [line.get_label() for line in axes.get_lines()]
    assert labels == ["Sam", "Sam, 4-week mean", "Priya", "Priya, 4-week mean"]
    assert axes.get_lines()[2].get_color() == "#d9822b"  # a partner keeps their colour
    ydata = axes.get_lines()[2].get_ydata()
    assert sum(1 for y in ydata if y != y) == 75  # weeks B missed are gaps (NaN), not zeros
    assert len(axes.collections) == 1  # the shaded gap
    figure.canvas.draw()
    ticks = [t.get_text() for t in axes.get_xticklabels()]
    assert 3 <= len([t for t in ticks if t]) <= 10  # dates read well over ten years


def test_one_partner_switched_off_draws_only_the_other():
    figure = Figure()
    points = weekly(10)
    rolling = {s: coop.rolling_mean(points, s) for s in "AB"}
    trends.draw_cooperation(figure, points, rolling, STYLE, seats=("B",))
    assert [line.get_label() for line in figure.axes[0].get_lines()] == [
        "Priya",
        "Priya, 4-week mean",
    ]
    assert len(figure.axes[0].collections) == 0


def test_gap_widening_is_said_in_the_title():
    figure = Figure()
    points = weekly(6)
    gaps = coop.perception_gap(points)
    trends.draw_gap(figure, points, gaps, True, STYLE)
    assert figure.axes[0].get_title(loc="left").endswith("— widening")
    assert len(figure.axes[0].containers[0]) == 6  # a bar a week (quarter bands aside)
    # The flag shows on the chart, and the axis says what the sign means.
    said = [t.get_text() for t in figure.axes[0].texts if t.get_gid() != "quarter"]
    assert said == ["widening: talk about it"]
    assert figure.axes[0].get_ylabel() == "↑ Sam rates higher\n↓ Priya rates higher"


def test_records_charts_draw_their_bars_and_labels():
    figure = Figure()
    flow = [(date(2026, 9, 1), 2, 1), (date(2026, 10, 1), 0, 3)]
    trends.draw_obstacle_flow(figure, flow, STYLE, 12.0, {"hiring": 20.0, "roles": 5.0})
    assert len(figure.axes[0].patches) == 4
    title = figure.axes[0].get_title(loc="left")
    assert "median age 12 days" in title and "hiring 20, roles 5" in title
    quarters = [records.GoalQuarter("2026-Q2", 0.5, 1, 1, 1)]
    trends.draw_goal_quarters(figure, quarters, STYLE)
    assert figure.axes[0].texts[0].get_text() == "1 achieved\n1 missed\n1 carried"
    per_month = [(date(2026, 9, 1), 2, 1, 0), (date(2026, 10, 1), 0, 3, 1)]
    calibration = {"A": (2, 3), "B": (0, 0), "joint": (1, 1)}
    trends.draw_decisions(figure, per_month, calibration, STYLE)
    title = figure.axes[0].get_title(loc="left")
    assert "Confident calls (70%+) that came true: Sam 2 of 3, joint 1 of 1" in title
    assert "Brier" not in title and "Priya" not in title  # no calls, no figure
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert legend == ["Joint", "Sam alone", "Priya alone"]
    assert figure.axes[0].get_yticks()[1] == 1  # whole decisions, not fractions


def test_the_dark_theme_paints_light_ink_on_dark_paper():
    dark = trends.Style(STYLE.colors, STYLE.names, dark=True)
    figure = Figure()
    points = weekly(8)
    trends.draw_cooperation(figure, points, {s: coop.rolling_mean(points, s) for s in "AB"}, dark)
    assert figure.get_facecolor()[:3] < (0.2, 0.2, 0.2)
    assert figure.axes[0].yaxis.get_majorticklabels()[0].get_color() == "#e6e6e6"


def test_opened_and_resolved_use_colour_blind_safe_colours_and_the_index_keeps_1_to_5():
    figure = Figure()
    flow = [(date(2026, 9, 1), 2, 1)]
    trends.draw_obstacle_flow(figure, flow, STYLE)
    assert {to_hex(c.patches[0].get_facecolor()) for c in figure.axes[0].containers} == {
        "#d55e00",
        "#0072b2",
    }
    points = [
        coop.WeekPoint(date(2026, 7, 6) + timedelta(weeks=i), {"A": 3.6 + i / 10, "B": 3.8})
        for i in range(5)
    ]
    trends.draw_cooperation(figure, points, {s: coop.rolling_mean(points, s) for s in "AB"}, STYLE)
    low, high = figure.axes[0].get_ylim()
    assert low < 1 and 5 < high < 5.5  # the whole 1–5 scale, however narrow the data
    assert list(figure.axes[0].get_yticks()) == [1, 2, 3, 4, 5]


TODAY = date(2026, 9, 30)


@pytest.mark.parametrize("chart", list(trend_facts.Chart))
def test_every_chart_is_built_drawn_and_said_by_its_enum_member(session, chart):
    """Each Trends chart has its facts, its drawing and its sentence: none is left out."""
    obstacles.create_obstacle(
        session, Seat.A, "Hiring stalls", ObstacleCategory.HIRING, opened_on=date(2026, 8, 3)
    )
    period = trend_facts.Period(date(2026, 7, 1), TODAY)
    facts = trend_facts.chart_facts(session, chart, period, TODAY)
    figure = Figure()
    trends.draw_chart(figure, chart, facts, STYLE)
    said = trend_facts.takeaway(chart, facts, STYLE.names, trend_facts.ChartOptions())
    assert any(texts(figure)) and said.endswith(".")
    if chart is trend_facts.Chart.OBSTACLE_FLOW:
        assert said.startswith("Since August 2026: 1 opened, 0 resolved")


def test_the_cooperation_chart_bands_quarters_and_leads_with_the_4_week_mean():
    style = trends.Style(colors={"A": "#3d6fd1", "B": "#e07b24"}, names={"A": "Sam", "B": "Priya"})
    weeks = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(40)]
    points = [coop.WeekPoint(w, {"A": 4.0, "B": 3.0 + (n % 3) / 2}) for n, w in enumerate(weeks)]
    rolling = {"A": [4.0] * 40, "B": [3.5] * 40}
    figure = Figure()
    trends.draw_cooperation(figure, points, rolling, style)
    axes = figure.axes[0]
    names = [t.get_text() for t in axes.texts if t.get_gid() == "quarter"]
    assert names == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    _left, right = axes.get_xlim()
    assert right < date2num(date(2026, 12, 1))  # the last band stops at the last week
    lines = {line.get_label(): line for line in axes.get_lines()}
    weekly, mean = lines["Sam"], lines["Sam, 4-week mean"]
    assert weekly.get_alpha() < 0.5 <= (mean.get_alpha() or 1.0)
    assert mean.get_linewidth() > 2 * weekly.get_linewidth()
