"""The tray's reminder on the check-in day (who answered, what falls due; never a written
word, nothing while locked, once a day) and Settings › Reminders' start-at-login switch."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel

from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import checkins, commitments
from ceocto_desktop.ui import idle_lock
from ceocto_desktop.ui.settings.settings_dialog import SettingsDialog
from ceocto_desktop.ui.tray import autostart_path

FRIDAY = date(2026, 12, 4)
WEEK = date(2026, 11, 30)
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}


def test_the_check_in_day_reminder_says_who_answered_never_what_and_waits_while_locked(
    window, monkeypatch
):
    window.context.write(
        lambda s: checkins.submit_answers(
            s, WEEK, Seat.B, CALM, {"needs": "SECRET-NEED", "wins": "SECRET-WIN"}
        ),
        Changed.CHECKINS,
    )
    window.context.write(
        lambda s: commitments.create_commitment(s, Seat.A, "SECRET-PROMISE", date(2026, 12, 5)),
        Changed.COMMITMENTS,
    )
    tray = window.tray
    window.settings.setValue("reminders/lastShown", "")
    assert tray.remind(date(2026, 12, 3)) == ""  # Thursday: not the check-in day
    monkeypatch.setattr(idle_lock, "_app_locked", [True])
    assert tray.remind(FRIDAY) == "" and tray.shown == []  # locked: nothing, not even later
    monkeypatch.setattr(idle_lock, "_app_locked", [False])
    said = tray.remind(FRIDAY)
    assert said == (
        "This week's check-in: Priya has answered, you have not. 1 commitment due tomorrow."
    )
    assert "SECRET" not in " ".join(tray.shown)
    assert tray.remind(FRIDAY) == ""  # once a day
    window.context.set_author(Seat.B)  # Priya has answered and owes nothing: nothing to say
    window.settings.setValue("reminders/lastShown", "")
    assert tray.remind(FRIDAY) == ""
    window.settings.setValue("reminders/checkinWeekday", -1)  # no reminder at all
    window.context.set_author(Seat.A)
    assert tray.remind(FRIDAY) == ""


def test_start_at_login_writes_and_removes_its_entry_and_leaves_anothers_alone(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "ceocto.desktop"
    assert autostart_path() == entry
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    start = dialog.findChild(QCheckBox, "startAtLogin")
    assert not start.isChecked()
    start.click()
    text = entry.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "\nExec=" in text and "X-Ceocto-Autostart=true" in text
    start.click()
    assert not entry.exists()

    entry.write_text("[Desktop Entry]\nName=someone else's\n", encoding="utf-8")
    start.click()  # not ours: refused, left as it is, the box says so
    error = dialog.findChild(QLabel, "remindersError")
    assert not error.isHidden() and "left as it is" in error.text()
    assert not start.isChecked()
    assert entry.read_text(encoding="utf-8") == "[Desktop Entry]\nName=someone else's\n"

    day = dialog.findChild(QComboBox, "reminderDay")
    assert day.currentText() == "Friday"
    day.setCurrentIndex(day.findText("Monday"))
    assert int(window.settings.value("reminders/checkinWeekday")) == 0


def test_a_journal_busy_at_reminder_time_skips_it_quietly(window, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from ceocto_desktop.ui import tray as tray_module

    def busy(*_args):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(tray_module, "reminder_text", busy)
    window.settings.setValue("reminders/checkinWeekday", date.today().weekday())
    window.settings.setValue("reminders/lastShown", "")
    window.tray._tick()  # no traceback out of the timer
    assert window.tray.shown == []
    assert window.settings.value("reminders/lastShown") == ""  # it tries again next time
