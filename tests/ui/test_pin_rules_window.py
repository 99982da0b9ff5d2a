"""PINs in the window: the wait survives a new window, each partner sets only their own
PIN (asked who they are first), a forgotten PIN is reset together, Settings says plainly
what a 4-digit PIN is worth."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QTabWidget

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from tests.ui.helpers import when_modal_shows
from tests.ui.test_privacy_pin import (
    open_window,
    pin_dialog_answer,
    sams_secrets,
    switch_author,
)
from tests.ui.test_privacy_settings import click, fill, has_pin, message, open_settings


def test_three_wrong_pins_still_wait_in_a_new_window(qtbot, journal_path):
    sams_secrets(journal_path)
    first = open_window(qtbot, journal_path, Seat.B)
    for _ in range(3):
        pin_dialog_answer(qtbot, "0000", [])
        switch_author(first)
    first.close()
    qtbot.waitUntil(lambda: not first.isVisible())

    # A new window (as after quitting and starting again) has a throttle of its own.
    second = open_window(qtbot, journal_path, Seat.B)
    assert second.pin_gate.throttle is not first.pin_gate.throttle
    seen: list[object] = []

    def act(dialog):  # type: ignore[no-untyped-def]
        field = dialog.findChild(QLineEdit, "pinField")
        seen.append(dialog.findChild(QLabel, "pinError").text())
        seen.append(field.isEnabled())
        dialog.reject()

    when_modal_shows(act, name="pinDialog")
    switch_author(second)
    assert seen[1] is False
    assert str(seen[0]).startswith("Three wrong PINs. Wait ")
    assert second.context.author is Seat.B


def test_writing_as_priya_settings_does_not_let_her_set_sams_pin(qtbot, journal_path):
    sams_secrets(journal_path, pin=None)
    window = open_window(qtbot, journal_path, Seat.B)
    dialog = open_settings(qtbot, window)
    dialog.findChild(QTabWidget, "settingsTabs").setCurrentIndex(1)
    sams = dialog.findChild(QLabel, "pinStateA")
    assert "Only Sam sets or changes it, writing as Sam." in sams.text()
    assert not dialog.findChild(QPushButton, "savePinA").isEnabled()
    assert not dialog.findChild(QLineEdit, "newPinA").isEnabled()
    assert dialog.findChild(QPushButton, "savePinB").isEnabled()  # her own
    assert not has_pin(window, Seat.A)


def test_a_first_pin_asks_who_is_typing_and_a_no_sets_nothing(qtbot, window):
    dialog = open_settings(qtbot, window)
    dialog.findChild(QTabWidget, "settingsTabs").setCurrentIndex(1)
    asked: list[str] = []

    def not_me(box):  # type: ignore[no-untyped-def]
        asked.append(box.text())
        box.reject()

    fill(qtbot, dialog, Seat.A, new="1234", repeat="1234")
    when_modal_shows(not_me, name="confirmOwnPin")
    click(qtbot, dialog, "savePinA")
    assert asked == ["Are you Sam Rivera, CEO?"]
    assert not has_pin(window, Seat.A) and message(dialog, Seat.A) == ""


def test_settings_says_what_a_four_digit_pin_is_worth(qtbot, window):
    dialog = open_settings(qtbot, window)
    dialog.findChild(QTabWidget, "settingsTabs").setCurrentIndex(1)
    text = dialog.findChild(QLabel, "pinStrength").text()
    assert text.isprintable() and "every 4-digit PIN in minutes" in text
    assert dialog.findChild(QLabel, "pinStrength").isVisible()


def test_a_forgotten_pin_is_reset_by_both_partners_and_sam_writes_again(qtbot, journal_path):
    sams_secrets(journal_path)
    window = open_window(qtbot, journal_path, Seat.B)
    said: list[str] = []

    def reset(box):  # type: ignore[no-untyped-def]
        qtbot.mouseClick(box.findChild(QPushButton, "resetTogether"), Qt.MouseButton.LeftButton)
        said.append(box.findChild(QLabel, "resetPinMessage").text())
        box.findChild(QCheckBox, "bothHereBox").setChecked(True)
        qtbot.mouseClick(box.findChild(QPushButton, "resetTogether"), Qt.MouseButton.LeftButton)

    def forgot(dialog):  # type: ignore[no-untyped-def]
        when_modal_shows(reset, name="resetPinDialog")
        dialog.findChild(QPushButton, "forgotPinButton").click()

    when_modal_shows(forgot, name="pinDialog")
    switch_author(window)
    assert said == ["Both of you confirm the reset: tick the box. Nothing was changed."]
    assert window.context.author is Seat.A
    assert not has_pin(window, Seat.A)
    assert window.context.read(lambda s: pins.holds_private_words(s, Seat.A))  # words kept
