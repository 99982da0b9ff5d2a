"""Every page and detail pane holds at 1024×640 with the desktop's font (11 pt) and at 9 pt,
light and dark: no sideways scroll bar, no scroll area scrolling inside another, nothing
past the window's right edge."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ceocto_desktop.services.demo import DemoOptions
from ceocto_desktop.services.demo_file import write_demo_file
from ceocto_desktop.ui import theme
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.record_page import RecordPage
from tests.ui.layout_checks import layout_problems


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("layout") / "demo.db"
    write_demo_file(path, DemoOptions(until=date(2026, 11, 28)))
    return path


@pytest.fixture
def app_font(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[float]:
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(request.param)
    qapp.setFont(font)
    yield request.param
    qapp.setFont(before)


@pytest.fixture
def scheme(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    theme.apply_scheme(qapp, request.param == "dark")
    yield request.param
    theme.apply_scheme(qapp, False)


def walk(window, qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    """Visit every page; on a record page, open a record so its detail pane shows too."""
    problems: list[str] = []
    for row in range(window.sidebar.count()):
        title = window.sidebar.item(row).text()
        window.sidebar.setCurrentRow(row)
        page = window.stack.currentWidget()
        qtbot.waitUntil(page.isVisible)
        problems += layout_problems(window, page, title)
        if isinstance(page, RecordPage) and page.model.rowCount() > 0:
            for record in range(min(3, page.model.rowCount())):
                page.table.selectRow(record)
                problems += layout_problems(window, page, f"{title} › record {record + 1}")
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("app_font", [11.0, 9.0], indirect=True)
def test_every_page_holds_at_1024_by_640(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, scheme, tmp_path
):
    launcher = Launcher(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert launcher.open_path(demo_journal, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() == 1024
    problems = walk(window, qtbot)
    assert problems == [], "\n".join(problems)
