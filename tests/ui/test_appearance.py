"""Settings › Appearance: as the system, light or dark — applied at once, kept for next time."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox

from ceocto_desktop.ui import theme
from ceocto_desktop.ui.settings.settings_dialog import SettingsDialog


def window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def choose(qtbot, window, label: str) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.appearance)
    combo = dialog.findChild(QComboBox, "appearanceSetting")
    combo.setCurrentIndex(combo.findText(label))
    return dialog


def test_dark_is_applied_at_once_and_kept(qtbot, window):
    try:
        choose(qtbot, window, "Dark")
        assert window_lightness() < 128
        assert window.grab().toImage().pixelColor(600, 400).lightness() < 128
        assert QSettings().value(theme.APPEARANCE_KEY) == "dark"
    finally:
        theme.apply_scheme(QApplication.instance(), False)


def test_the_choice_is_what_the_next_start_paints(qtbot, window):
    QSettings().setValue(theme.APPEARANCE_KEY, "dark")
    try:
        theme.apply_chosen_scheme(QApplication.instance())  # as make_application does
        assert window_lightness() < 128
        dialog = choose(qtbot, window, "Light")
        assert window_lightness() > 128
        dialog.close()
        reopened = SettingsDialog(window.context, window)
        qtbot.addWidget(reopened)
        assert reopened.findChild(QComboBox, "appearanceSetting").currentText() == "Light"
    finally:
        theme.apply_scheme(QApplication.instance(), False)


def test_as_the_system_stays_light_where_the_desktop_says_nothing(qtbot, window):
    QSettings().setValue(theme.APPEARANCE_KEY, "dark")
    try:
        theme.apply_chosen_scheme(QApplication.instance())
        choose(qtbot, window, "As the system")
        # Offscreen, like many Linux desktops, reports no scheme: the window is light.
        assert window_lightness() > 128
        assert QSettings().value(theme.APPEARANCE_KEY) == "system"
    finally:
        theme.apply_scheme(QApplication.instance(), False)


def test_a_value_someone_typed_into_the_settings_file_falls_back_to_the_system():
    QSettings().setValue(theme.APPEARANCE_KEY, "purple")
    assert theme.chosen_appearance() == "system"


def test_the_main_action_of_each_page_looks_main(qtbot, window):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QPushButton

    names = ("addNoteButton", "submitCheckin", "exportRetro", "exportBrief")
    window.build_all_pages()  # each page is built when first shown
    buttons = {name: window.findChild(QPushButton, name) for name in names}
    assert {n: b.property("role") for n, b in buttons.items()} == dict.fromkeys(names, "primary")
    add = buttons["addNoteButton"]
    qtbot.waitUntil(add.isVisible)
    fill = add.grab().toImage().pixelColor(add.width() // 2, 4)
    assert abs(fill.hue() - QColor(theme.LIGHT.accent).hue()) < 12  # accent-filled
    assert window.findChild(QPushButton, "newMeeting").property("role") is None  # one a page
