"""UI fixtures: settings cleared for every test so none leaks into another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from ceocto_desktop.ui.app import make_application


@pytest.fixture(autouse=True)
def clean_settings(qapp) -> Iterator[QSettings]:  # type: ignore[no-untyped-def]
    make_application()
    settings = QSettings()
    settings.clear()
    yield settings
    settings.clear()
    settings.sync()
