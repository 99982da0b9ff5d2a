"""The trends page: matplotlib only once it is shown, ranges, switches, saving a chart."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QLineEdit

from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly.checkins import submit_answers
from ceocto_desktop.store import open_journal

CTRL = Qt.KeyboardModifier.ControlModifier

STARTUP = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from ceocto_desktop.ui.app import Launcher, make_application
app = make_application()
launcher = Launcher(QSettings())
assert launcher.open_path(Path(sys.argv[1]), explicit=True)
window = launcher.windows[0]
app.processEvents()
print("before", "matplotlib" in sys.modules)
window.sidebar.setCurrentRow([window.sidebar.item(i).text()
                              for i in range(window.sidebar.count())].index("Trends"))
app.processEvents()
print("after", "matplotlib" in sys.modules)
window.close()
"""


def test_matplotlib_loads_only_when_the_trends_page_is_shown(journal_path, home):
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", STARTUP, str(journal_path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert result.stdout.split() == ["before", "False", "after", "True"], result.stderr


def seed_weeks(today, journal_path, weeks):
    journal = open_journal(journal_path)
    monday = today - timedelta(days=today.weekday())
    with journal.transaction() as session:
        for n in range(weeks):
            week = monday - timedelta(weeks=n * 4)  # one every four weeks, back over time
            for seat, value in ((Seat.A, 4), (Seat.B, 3 if n % 2 else 5)):
                submit_answers(
                    session,
                    week,
                    seat,
                    dict.fromkeys(
                        ("role_clarity", "cooperation", "communication", "trust", "alignment"),
                        value,
                    ),
                )
    journal.close()


def trends_page(qtbot, window):
    row = [window.sidebar.item(i).text() for i in range(window.sidebar.count())].index("Trends")
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{row + 1}"), CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "trendsPage"
    return page


def plotted_weeks(page):
    return len(page.figure.axes[0].get_lines()[0].get_xdata())


def test_the_range_selector_changes_what_is_plotted(today, qtbot, journal_path, window):
    seed_weeks(today, journal_path, 20)  # about a year and a half of check-ins
    page = trends_page(qtbot, window)
    assert page.findChild(QComboBox, "rangeChoice").currentText() == "Last 4 quarters"
    last_year = plotted_weeks(page)
    page.findChild(QComboBox, "rangeChoice").setCurrentText("All")
    assert plotted_weeks(page) == 20 > last_year
    page.findChild(QComboBox, "rangeChoice").setCurrentText("Custom dates")
    since = page.findChild(QLineEdit, "rangeFrom")
    assert since.isVisible()
    since.setText((today - timedelta(weeks=9)).isoformat())
    since.editingFinished.emit()
    assert plotted_weeks(page) == 3
    page.findChild(QCheckBox, "showA").setChecked(False)
    assert [line.get_label() for line in page.figure.axes[0].get_lines()] == [
        "Priya",
        "Priya, 4-week mean",
    ]
    page.findChild(QComboBox, "chartChoice").setCurrentText("Perception gap")
    assert page.figure.axes[0].get_title(loc="left").startswith("Perception gap")


def test_an_empty_journal_says_what_is_missing(qtbot, window):
    page = trends_page(qtbot, window)
    assert "Two check-ins are needed for a trend." in [t.get_text() for t in page.figure.texts]


def test_a_new_check_in_redraws_the_page(today, qtbot, journal_path, window):
    seed_weeks(today, journal_path, 3)
    page = trends_page(qtbot, window)
    page.findChild(QComboBox, "rangeChoice").setCurrentText("All")
    before = plotted_weeks(page)
    week = today - timedelta(days=today.weekday()) - timedelta(weeks=1)
    ratings = dict.fromkeys(
        ("role_clarity", "cooperation", "communication", "trust", "alignment"), 5
    )
    window.context.write(lambda s: submit_answers(s, week, Seat.A, ratings), Changed.CHECKINS)
    # One partner alone keeps the week blind, in the chart too; both answered reveal it.
    assert plotted_weeks(page) == before
    window.context.write(lambda s: submit_answers(s, week, Seat.B, ratings), Changed.CHECKINS)
    assert plotted_weeks(page) == before + 1


def test_saving_the_chart_writes_a_png(today, qtbot, journal_path, window, tmp_path, monkeypatch):
    seed_weeks(today, journal_path, 4)
    page = trends_page(qtbot, window)
    target = tmp_path / "cooperation.png"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kwargs: (str(target), "PNG image (*.png)")),
    )
    page.save_chart()
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_each_chart_says_its_point_above_it_with_no_developer_toolbar(
    today, qtbot, journal_path, window
):
    from PySide6.QtWidgets import QLabel, QPushButton, QToolBar

    seed_weeks(today, journal_path, 10)
    page = trends_page(qtbot, window)
    assert page.findChildren(QToolBar) == []  # no matplotlib pan/zoom bar
    assert page.findChild(QPushButton, "saveChart").isVisible()
    takeaway = page.findChild(QLabel, "chartTakeaway")
    chart = page.findChild(QComboBox, "chartChoice")
    said = {}
    for index in range(chart.count()):
        chart.setCurrentIndex(index)
        said[chart.currentText()] = takeaway.text()
    assert said["Cooperation index"].startswith("Since ")
    assert "Sam" in said["Cooperation index"] or "Priya" in said["Cooperation index"]
    assert said["Decisions and calibration"].startswith("No confident call")
    assert all(text.endswith(".") for text in said.values()), said
    assert "Brier" not in " ".join(said.values())


def test_commitments_made_and_kept_per_month_per_partner(today, qtbot, journal_path, window):
    from ceocto_desktop.services.weekly import commitments

    for seat, what, keep in (
        (Seat.A, "Intro to the bank", True),
        (Seat.A, "Board deck draft", False),
        (Seat.B, "Security answers", False),
    ):
        made = window.context.write(
            lambda s, seat=seat, what=what: commitments.create_commitment(s, seat, what, today),
            Changed.COMMITMENTS,
        )
        if keep:
            window.context.write(
                lambda s, made=made: commitments.complete_commitment(s, made.id, today),
                Changed.COMMITMENTS,
            )
    window.context.write(  # asked, not taken on: no commitment yet
        lambda s: commitments.ask_for_commitment(s, Seat.A, "Take the demo", today),
        Changed.COMMITMENTS,
    )
    page = trends_page(qtbot, window)
    page.findChild(QComboBox, "chartChoice").setCurrentText("Commitments made and kept")
    axes = page.figure.axes[0]
    assert axes.get_title(loc="left").startswith("Commitments made and kept per month")
    heights = {c.get_label(): [bar.get_height() for bar in c] for c in axes.containers}
    assert heights == {
        "Sam made": [2],
        "Sam kept": [1],
        "Priya made": [1],
        "Priya kept": [0],
    }
    from PySide6.QtWidgets import QLabel

    assert page.findChild(QLabel, "chartTakeaway").text() == (
        f"Since {today:%B %Y}: Sam made 2 and kept 1; Priya made 1 and kept 0."
    )
    window.context.write(  # a new commitment redraws the chart
        lambda s: commitments.create_commitment(s, Seat.B, "Hire a recruiter", today),
        Changed.COMMITMENTS,
    )
    axes = page.figure.axes[0]
    heights = {c.get_label(): [bar.get_height() for bar in c] for c in axes.containers}
    assert heights["Priya made"] == [2]
