"""The Overview shows the services' gap sentence as it is: the widget adds nothing."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from ceocto_desktop.models import Seat
from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.services.review.overview import gap_sentence, gap_trend
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.app import Launcher


def test_the_overview_says_what_happened_to_the_gap_on_the_demo_journal(today, qtbot, tmp_path):
    path = tmp_path / "demo.db"
    write_demo_file(path, DemoOptions(until=today))
    journal = open_journal(path)
    try:
        with journal.sessions() as session:
            expected = gap_sentence(gap_trend(session), {Seat.A: "Sam", Seat.B: "Priya"})
    finally:
        journal.close()
    launcher = Launcher(QSettings())
    assert launcher.open_path(path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    label = window.findChild(QLabel, "signalGap")
    qtbot.waitUntil(lambda: bool(label.text()))
    assert label.text() == expected
