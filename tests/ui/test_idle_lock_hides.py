"""The idle lock hides every window of the app, not only the main window's pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.store import driver
from ceocto_desktop.store.files.encryption import encrypt_journal
from ceocto_desktop.store.journal import open_journal
from ceocto_desktop.ui import idle_lock
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.dialogs.search_palette import HIT_ROLE
from tests.ui.helpers import when_modal_shows

PASSPHRASE = "correct horse battery staple"
SECRET = "Sales wants a date for Ardennes Logistique"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    driver.forget_passphrases()
    yield
    driver.forget_passphrases()


@pytest.fixture
def encrypted(journal_path: Path) -> Path:
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, SECRET)
    journal.close()
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    driver.forget_passphrases()
    return journal_path


def on_screen_text(leave_out: QWidget) -> str:
    """Every piece of text a visible window of the app shows, but leave_out's."""
    said: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible() or top is leave_out:
            continue
        said.append(top.windowTitle())
        for widget in top.findChildren(QWidget):
            if not widget.isVisible() or widget.window() is leave_out:
                continue
            if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
                said.append(widget.text())
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                for row in range(model.rowCount()):
                    index = model.index(row, 0)
                    said.append(str(index.data(Qt.ItemDataRole.DisplayRole)))
                    hit = index.data(HIT_ROLE)
                    if hit is not None:
                        said.append(f"{hit.title} {hit.snippet}")
    return "\n".join(said)


def test_the_idle_lock_hides_an_open_search_with_its_query_results_and_the_path(
    qtbot, encrypted, clean_settings
):
    clean_settings.setValue(idle_lock.SETTING, 30)
    driver.remember_passphrase(encrypted, PASSPHRASE)
    launcher = Launcher(QSettings())
    assert launcher.open_path(encrypted, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    seen: dict[str, object] = {}

    def at_the_lock(dialog: QWidget) -> None:
        seen["locked"] = on_screen_text(leave_out=dialog)
        dialog.field.setFocus()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.field, PASSPHRASE)  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    def in_the_palette(palette: QWidget) -> None:
        qtbot.keyClicks(palette.box, "Ardennes")  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: palette.results.count() > 0)  # type: ignore[attr-defined]
        seen["before"] = on_screen_text(leave_out=window)
        when_modal_shows(at_the_lock, name="idleLockDialog")
        window.idle_lock.lock_now()
        seen["after"] = on_screen_text(leave_out=window)
        palette.reject()  # type: ignore[attr-defined]

    when_modal_shows(in_the_palette, name="searchPalette")
    window.open_search()

    assert "Ardennes" in str(seen["before"])  # the check can see the palette
    locked = str(seen["locked"])
    assert "Ardennes" not in locked and "Logistique" not in locked
    assert str(encrypted) not in locked and encrypted.name not in locked
    # Unlocked, everything is back as it was: the query and its results.
    assert "Ardennes" in str(seen["after"])
    assert window.path_label.isVisible() and window.centralWidget().isVisible()
    window.close()


def test_giving_up_at_the_lock_closes_the_open_search_with_the_window(
    qtbot, encrypted, clean_settings
):
    clean_settings.setValue(idle_lock.SETTING, 30)
    driver.remember_passphrase(encrypted, PASSPHRASE)
    launcher = Launcher(QSettings())
    assert launcher.open_path(encrypted, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)

    def wrong_three_times(dialog: QWidget) -> None:
        for _ in range(3):
            dialog.field.setFocus()  # type: ignore[attr-defined]
            qtbot.keyClicks(dialog.field, "not it")  # type: ignore[attr-defined]
            qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    def in_the_palette(palette: QWidget) -> None:
        qtbot.keyClicks(palette.box, "Ardennes")  # type: ignore[attr-defined]
        when_modal_shows(wrong_three_times, name="idleLockDialog")
        window.idle_lock.lock_now()

    when_modal_shows(in_the_palette, name="searchPalette")
    window.open_search()
    assert not window.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []
