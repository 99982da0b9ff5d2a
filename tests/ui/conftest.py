"""UI fixtures: settings cleared for every test, and the window on a fresh journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ceocto_desktop.store import driver
from ceocto_desktop.ui.app import make_application
from tests.ui.helpers import open_window


@pytest.fixture(autouse=True)
def clean_settings(qapp) -> Iterator[QSettings]:  # type: ignore[no-untyped-def]
    make_application()
    settings = QSettings()
    settings.clear()
    yield settings
    settings.clear()
    settings.sync()


@pytest.fixture
def window(qtbot, journal_path):  # type: ignore[no-untyped-def]
    """The main window on a journal holding only the pair, shown and active."""
    return open_window(qtbot, journal_path)


class Db:
    """Reads the journal file the way a person's next start would."""

    def __init__(self, path: Path):
        self.path = path

    def rows(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        # The app's own SQLite library: in one process with the window, a second library
        # closing the file would drop the window's locks (and knows no passphrase).
        connection = driver.connect(self.path, passphrase=driver.passphrase_for(self.path))
        try:
            return list(connection.execute(sql, args).fetchall())
        finally:
            connection.close()

    def one(self, sql: str, *args: object) -> object:
        rows = self.rows(sql, *args)
        return rows[0][0] if rows else None


@pytest.fixture
def db(journal_path) -> Db:  # type: ignore[no-untyped-def]
    return Db(journal_path)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):  # type: ignore[no-untyped-def]
    # Before pytest-qt closes the windows, let go of what a test made fail (a lock held by
    # "another program", a save patched to raise): closing then saves what is pending
    # instead of waiting on the "Not saved" dialog with no one to answer it.
    funcargs = getattr(item, "funcargs", {})
    if "locker" in funcargs:
        funcargs["locker"].release()
    if "monkeypatch" in funcargs:
        funcargs["monkeypatch"].undo()
    return (yield)
