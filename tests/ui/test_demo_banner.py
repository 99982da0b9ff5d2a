"""The demo journal says it is one and leads to the welcome dialog; once the pair has their
own journal, the demo is not what the next start reopens."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton

from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.ui import app, main_window
from ceocto_desktop.ui.app import Launcher
from tests.ui.helpers import when_modal_shows
from tests.ui.test_first_run_fields import click_create


def test_the_demo_leads_to_our_own_journal(qtbot, tmp_path, monkeypatch):
    ours = tmp_path / "ours" / "journal.db"  # where the pair's own journal goes by default
    for module in (main_window, app):
        monkeypatch.setattr(module, "default_journal_path", lambda: ours)
    demo = tmp_path / "demo.db"
    write_demo_file(demo, DemoOptions(until=date(2026, 11, 28)))
    launcher = Launcher(QSettings())
    assert launcher.open_path(demo, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.show()
    banner = window.findChild(QFrame, "demoBanner")
    assert banner is not None and banner.isVisible()

    def welcome(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameA"), "Ana Ruiz")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameB"), "Ben Okafor")
        click_create(qtbot, dialog)

    when_modal_shows(welcome, name="firstRunDialog")
    qtbot.mouseClick(banner.findChild(QPushButton, "startOwnJournal"), Qt.MouseButton.LeftButton)
    own = launcher.windows[-1]
    qtbot.addWidget(own)
    assert own.context.journal.path == ours
    assert own.findChild(QFrame, "demoBanner") is None  # our own journal: no banner
    qtbot.waitUntil(lambda: not window.isVisible())
    assert QSettings().value("lastJournal") == str(ours)

    # Looking at the demo again does not make it the journal the next start opens.
    own.close()
    assert launcher.open_path(demo, explicit=True)
    qtbot.addWidget(launcher.windows[-1])
    assert QSettings().value("lastJournal") == str(ours)


def test_a_journal_of_our_own_shows_no_banner(window):
    assert window.findChild(QFrame, "demoBanner") is None
