"""The tray icon while the app runs (where the desktop has a tray): quick actions, one quiet
reminder on the check-in day, and the optional start-at-login entry.

A reminder never shows a word of anything written (only who has answered and how many
commitments fall due) and never shows while the journal is locked. Nothing leaves the
machine: the notification is the desktop's own.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from ceocto_desktop.services.weekly import checkins, commitments
from ceocto_desktop.ui import idle_lock
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets.basic import named

DAY_SETTING = "reminders/checkinWeekday"  # 0 = Monday … 6 = Sunday, -1 = no reminder
LAST_SETTING = "reminders/lastShown"
DEFAULT_DAY = 4  # Friday
CHECK_MS = 30 * 60_000
FIRST_CHECK_MS = 5_000
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
AUTOSTART_NAME = "ceocto.desktop"
AUTOSTART_MARK = "X-Ceocto-Autostart=true"


# Start at login --------------------------------------------------------------------------
def config_home() -> Path:
    """$XDG_CONFIG_HOME when it is an absolute path, else ~/.config (XDG base dirs)."""
    given = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(given) if given and os.path.isabs(given) else Path.home() / ".config"


def autostart_path() -> Path:
    return config_home() / "autostart" / AUTOSTART_NAME


def autostart_on() -> bool:
    """Whether our start-at-login entry is there (one we did not write does not count)."""
    try:
        return AUTOSTART_MARK in autostart_path().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def _command() -> str:
    found = shutil.which("ceocto")
    return found or f"{sys.executable} -m ceocto_desktop"


def set_autostart(on: bool) -> None:
    """Write or remove the start-at-login entry; OSError says why it could not."""
    path = autostart_path()
    if not on:
        if autostart_on():
            path.unlink()
        return
    if path.exists() and not autostart_on():
        raise OSError(f"{path} is not ceocto's; it was left as it is")
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = (
        "[Desktop Entry]\nType=Application\nName=ceocto\n"
        "Comment=Our private CEO–CTO journal\n"
        f"Exec={_command()}\nIcon=ceocto\nTerminal=false\n"
        f"X-GNOME-Autostart-enabled=true\n{AUTOSTART_MARK}\n"
    )
    temporary = path.with_suffix(".tmp")
    temporary.write_text(entry, encoding="utf-8")
    temporary.replace(path)


# The reminder ------------------------------------------------------------------------------
def reminder_day(settings: QSettings) -> int:
    try:
        return int(str(settings.value(DAY_SETTING, DEFAULT_DAY)))
    except ValueError:
        return DEFAULT_DAY


def reminder_text(context: JournalContext, today: date) -> str:
    """Who has answered this week's check-in and how many commitments fall due tomorrow,
    for the partner writing; never a word of what anyone wrote. Empty: nothing to say."""
    me = context.author
    week = context.read(lambda s: checkins.current_week(s, today))
    answered = context.read(lambda s: checkins.week_as_seen_by(s, week, me).answered)
    other = first_name(context, me.other)
    parts = []
    if me not in answered:
        parts.append(
            f"This week's check-in: {other} has answered, you have not"
            if me.other in answered
            else "This week's check-in: neither of you has answered yet"
        )
    tomorrow = today + timedelta(days=1)
    due = context.read(lambda s: commitments.open_commitments(s, owed_by=me, due_by=tomorrow))
    count = sum(1 for c in due if c.due_on == tomorrow)
    if count:
        parts.append(f"{count} commitment{'s' if count > 1 else ''} due tomorrow")
    return ". ".join(parts) + ("." if parts else "")


class Tray(QObject):
    """The window's tray icon and its check-in-day reminder."""

    def __init__(self, window: QMainWindow, context: JournalContext, settings: QSettings):
        super().__init__(window)
        self.window, self.context, self.settings = window, context, settings
        self.icon: QSystemTrayIcon | None = None
        self.shown: list[str] = []  # what was shown (the desktop keeps no record we can read)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(QApplication.windowIcon(), self)
            self.icon.setToolTip("ceocto")
            self.icon.setContextMenu(self._menu())
            self.icon.activated.connect(self._activated)
            self.icon.show()
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        # The first look soon after start, on a timer that goes with the window.
        self.first = QTimer(self, singleShot=True, interval=FIRST_CHECK_MS)
        self.first.timeout.connect(self._tick)
        self.first.start()

    def _tick(self) -> None:
        # A reminder is a courtesy: a journal busy or gone (converting, closed) skips it;
        # the next check tries again.
        try:
            self.remind(date.today())
        except (SQLAlchemyError, OSError, RuntimeError):
            return

    def _menu(self) -> QMenu:
        menu = QMenu()
        for text, name, slot in (
            ("New note", "trayNewNote", self.new_note),
            ("This week's check-in", "trayCheckin", self.this_week),
            ("Show ceocto", "trayShow", self.bring_up),
        ):
            action = QAction(text, menu)
            action.setObjectName(name)
            action.triggered.connect(slot)
            menu.addAction(action)
        return menu

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.bring_up()

    def bring_up(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def new_note(self) -> None:
        self.bring_up()
        self.context.openRequested.emit("notes", "")

    def this_week(self) -> None:
        self.bring_up()
        week = self.context.read(checkins.current_week)
        self.context.openRequested.emit("checkins", week.isoformat())

    def locked(self) -> bool:
        lock = getattr(self.window, "idle_lock", None)
        return idle_lock._app_locked[0] or bool(lock is not None and lock.locked)

    def remind(self, today: date) -> str:
        """On the check-in day, once: say who has answered and what falls due tomorrow.
        Nothing while the journal is locked (it waits for the next check)."""
        if today.weekday() != reminder_day(self.settings) or self.locked():
            return ""
        if not self.window.isVisible():  # closing, or closed: the journal may be gone
            return ""
        if str(self.settings.value(LAST_SETTING, "")) == today.isoformat():
            return ""
        text = reminder_text(self.context, today)
        if not text:
            return ""
        self.settings.setValue(LAST_SETTING, today.isoformat())
        self.shown.append(text)
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage("ceocto", text, QSystemTrayIcon.MessageIcon.NoIcon, 10_000)
        return text


class RemindersTab(QWidget):
    """Settings › Reminders: start at login, and the check-in day's reminder."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.start = named("startAtLogin", QCheckBox("Start ceocto when I log in"))
        self.start.setChecked(autostart_on())
        self.start.setToolTip(f"Writes {autostart_path()}")
        self.start.toggled.connect(self._start_toggled)
        self.day = named("reminderDay", QComboBox())
        self.day.addItem("No reminder", -1)
        for number, name in enumerate(WEEKDAYS):
            self.day.addItem(name, number)
        self.day.setCurrentIndex(self.day.findData(reminder_day(settings)))
        self.day.currentIndexChanged.connect(
            lambda _index: settings.setValue(DAY_SETTING, self.day.currentData())
        )
        self.error = named("remindersError", QLabel())
        self.error.setWordWrap(True)
        self.error.hide()
        note = QLabel(
            "On the check-in day, one quiet notification says who has answered and how many "
            "commitments fall due tomorrow — never a word of what was written, and nothing "
            "while the journal is locked."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.start)
        form.addRow("Check-in day", self.day)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch()

    def _start_toggled(self, on: bool) -> None:
        self.error.hide()
        try:
            set_autostart(on)
        except OSError as exc:
            self.error.setText(f"Could not change the start-at-login entry: {exc}")
            self.error.show()
            self.start.blockSignals(True)
            self.start.setChecked(autostart_on())
            self.start.blockSignals(False)
