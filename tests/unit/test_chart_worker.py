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


def test_the_command_line_that_forks_the_helper_early():
    from ceocto_desktop.cli.launch import draws_charts

    assert draws_charts(["export", "retro", "--quarter", "2026-Q3", "--format", "pdf", "-o", "x"])
    assert draws_charts(["--db", "j.db", "export", "retro", "--format=pdf", "-o", "retro"])
    assert not draws_charts(["export", "retro", "--format", "md", "-o", "x.pdf"])
    assert not draws_charts(["export", "board", "--format", "pdf", "-o", "x"])
    assert not draws_charts(["search", "export", "retro", "--format", "pdf"][1:2])


def processes_naming(token: str) -> list[str]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if token.encode() in handle.read():
                        found.append(entry)
            except OSError:
                pass
    return found


@pytest.mark.parametrize(
    "extra",
    [
        [],  # written: the helper drew and was reaped
        ["--quarter", "1999-Q9"],  # refused by the report: the helper stopped
        ["--bogus"],  # refused by the parser, before the export took the helper
    ],
)
def test_no_helper_outlives_a_shell_export(journal_path, tmp_path, extra):
    import subprocess
    import sys
    import time
    import uuid

    out = tmp_path / f"retro-{uuid.uuid4().hex}.pdf"
    quarter = [] if extra[:1] == ["--quarter"] else ["--quarter", "2026-Q4"]
    line = ["export", "retro", *quarter, *extra, "--format", "pdf", "-o", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", *line, "--db", str(journal_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == (0 if not extra else 2), result.stderr
    assert out.exists() == (not extra)
    time.sleep(0.1)  # a helper left to itself would still be loading matplotlib
    assert processes_naming(out.name) == []
