"""Edit › Settings… (Ctrl+,): General (the week's first day) and Privacy (each partner's PIN)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTabWidget

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.ui.settings.settings_dialog import SettingsDialog
from tests.ui.helpers import when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier


def open_settings(qtbot, window) -> SettingsDialog:
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(qtbot, dialog, seat: Seat, *, old: str = "", new: str = "", repeat: str = "") -> None:
    for name, text in ((f"oldPin{seat.value}", old), (f"newPin{seat.value}", new)):
        field = dialog.findChild(QLineEdit, name)
        field.clear()
        qtbot.keyClicks(field, text)
    field = dialog.findChild(QLineEdit, f"repeatPin{seat.value}")
    field.clear()
    qtbot.keyClicks(field, repeat)


def click(qtbot, dialog, name: str) -> None:
    qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def message(dialog, seat: Seat) -> str:
    return dialog.findChild(QLabel, f"pinMessage{seat.value}").text()


def i_am(box) -> None:
    """Answer "Are you …?" before a first PIN as that partner."""
    next(b for b in box.buttons() if b.text().startswith("I am")).click()


def has_pin(window, seat: Seat) -> bool:
    return window.context.read(lambda s: pins.has_pin(s, seat))


def test_ctrl_comma_opens_settings_with_general_and_privacy_tabs(qtbot, window):
    seen: list[list[str]] = []

    def look(dialog):
        tabs = dialog.findChild(QTabWidget, "settingsTabs")
        seen.append([tabs.tabText(i) for i in range(tabs.count())])
        dialog.reject()

    when_modal_shows(look, name="settingsDialog")
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    assert seen == [["General", "Privacy", "Appearance", "Encryption", "Sync", "Reminders"]]


def test_the_week_start_day_is_chosen_in_general(qtbot, window, db):
    dialog = open_settings(qtbot, window)
    combo = dialog.findChild(QComboBox, "weekStartSetting")
    assert combo.currentText() == "Monday"
    combo.setCurrentIndex(6)
    assert db.one("SELECT value FROM settings WHERE key='week_start_day'") == "Sunday"
    assert "Sunday" in dialog.findChild(QLabel, "generalMessage").text()
    again = open_settings(qtbot, window)
    assert again.findChild(QComboBox, "weekStartSetting").currentText() == "Sunday"


def test_a_pin_is_set_changed_and_removed_asking_the_old_one(qtbot, window, db):
    dialog = open_settings(qtbot, window)
    dialog.findChild(QTabWidget, "settingsTabs").setCurrentIndex(1)
    old = dialog.findChild(QLineEdit, "oldPinA")
    assert not old.isVisible()  # no PIN yet: nothing to ask
    fill(qtbot, dialog, Seat.A, new="1234", repeat="1243")
    click(qtbot, dialog, "savePinA")
    assert message(dialog, Seat.A) == "The two new PINs differ; type the same PIN twice."
    assert not has_pin(window, Seat.A)
    fill(qtbot, dialog, Seat.A, new="1234", repeat="1234")
    when_modal_shows(i_am, name="confirmOwnPin")
    click(qtbot, dialog, "savePinA")
    assert message(dialog, Seat.A) == "PIN set."
    assert has_pin(window, Seat.A) and not has_pin(window, Seat.B)
    assert "1234" not in str(db.rows("SELECT * FROM settings"))
    assert old.isVisible() and dialog.findChild(QPushButton, "savePinA").text() == "Change PIN"

    fill(qtbot, dialog, Seat.A, old="9999", new="5678", repeat="5678")
    click(qtbot, dialog, "savePinA")
    assert message(dialog, Seat.A) == "That is not the current PIN; nothing was changed."
    assert window.context.read(lambda s: pins.check_pin(s, Seat.A, "1234"))
    fill(qtbot, dialog, Seat.A, old="1234", new="5678", repeat="5678")
    click(qtbot, dialog, "savePinA")
    assert message(dialog, Seat.A) == "PIN changed."
    assert window.context.read(lambda s: pins.check_pin(s, Seat.A, "5678"))

    fill(qtbot, dialog, Seat.A, old="1234")
    click(qtbot, dialog, "removePinA")
    assert has_pin(window, Seat.A)
    fill(qtbot, dialog, Seat.A, old="5678")
    click(qtbot, dialog, "removePinA")
    assert message(dialog, Seat.A) == "PIN removed."
    assert not has_pin(window, Seat.A) and not old.isVisible()


def test_wrong_old_pins_in_settings_share_the_windows_wait(qtbot, window):
    window.context.write(lambda s: pins.set_pin(s, Seat.B, "2468", by=Seat.B), Changed.PINS)
    now = [10.0]
    window.pin_gate.throttle.clock = lambda: now[0]
    dialog = open_settings(qtbot, window)
    for _ in range(3):
        fill(qtbot, dialog, Seat.B, old="0000")
        click(qtbot, dialog, "removePinB")
    fill(qtbot, dialog, Seat.B, old="2468")
    click(qtbot, dialog, "removePinB")
    assert message(dialog, Seat.B) == "Three wrong PINs. Wait 30 seconds, then try again."
    assert has_pin(window, Seat.B)
    assert window.pin_gate.throttle.wait_left(Seat.B) == 30
    now[0] += 30
    click(qtbot, dialog, "removePinB")
    assert message(dialog, Seat.B) == "PIN removed."


def test_settings_has_an_encryption_tab_that_manages_the_passphrase(qtbot, window):
    from PySide6.QtWidgets import QTabWidget

    from ceocto_desktop.ui.settings.encryption_panel import EncryptionPanel

    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["General", "Privacy", "Appearance", "Encryption", "Sync", "Reminders"]
    assert isinstance(tabs.widget(3), EncryptionPanel)
