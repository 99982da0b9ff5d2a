"""The shell's retrospective PDF draws its charts in a helper process (issue 21): the same
pixels as drawn here, the report whole when the helper dies, and no process left behind."""

from __future__ import annotations

import os
import signal
from datetime import date, timedelta

import pytest

from ceocto_desktop.analytics.cooperation import WeekPoint
from ceocto_desktop.charts.style import Style
from ceocto_desktop.charts.worker import ChartJob, ChartWorker, draw
from ceocto_desktop.services.review.trend_types import Chart, CooperationSeries

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper forks")


def series() -> CooperationSeries:
    weeks = [date(2026, 7, 6) + timedelta(weeks=n) for n in range(8)]
    points = tuple(
        WeekPoint(week, {"A": 3.0 + n / 10, "B": 3.4 - n / 20}) for n, week in enumerate(weeks)
    )
    gaps = tuple(p.values["A"] - p.values["B"] for p in points)
    rolling = {seat: tuple(p.values[seat] for p in points) for seat in "AB"}
    return CooperationSeries(points, rolling, gaps, widening=True)


def jobs() -> list[ChartJob]:
    style = Style({"A": "#1f77b4", "B": "#d62728"}, {"A": "Maya", "B": "Tom"}, dark=False)
    return [ChartJob(chart, series(), style, 60) for chart in (Chart.COOPERATION, Chart.GAP)]


def gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_helper_draws_the_same_pixels_as_this_process():
    worker = ChartWorker.start()
    assert worker is not None
    try:
        worker.draw_all(jobs())
        drawn = [worker.result(1), worker.result(0)]  # asked out of order
    finally:
        worker.close()
    expected = [draw(jobs()[1]), draw(jobs()[0])]
    assert [d[:2] for d in drawn] == [e[:2] for e in expected]
    assert drawn == expected
    assert gone(worker.pid)


def test_a_helper_that_dies_says_none_so_the_report_draws_its_charts_itself():
    worker = ChartWorker.start()
    assert worker is not None
    os.kill(worker.pid, signal.SIGKILL)
    worker.draw_all(jobs())
    assert worker.result(0) is None and worker.result(1) is None
    worker.close()
    assert gone(worker.pid)


def test_a_command_that_fails_early_stops_the_helper_at_once():
    worker = ChartWorker.start()
    assert worker is not None
    worker.close()  # before any chart was asked for: killed while it loads matplotlib
    assert gone(worker.pid)


def test_a_helper_that_hangs_is_given_up_on_and_stopped(monkeypatch):
    from ceocto_desktop.charts import worker as module

    monkeypatch.setattr(module, "PATIENCE", 0.5)
    worker = ChartWorker.start()
    assert worker is not None
    os.kill(worker.pid, signal.SIGSTOP)  # alive, but says nothing
    worker.draw_all(jobs())
    assert worker.result(0) is None  # after half a second, not forever
    worker.close()
    assert gone(worker.pid)
