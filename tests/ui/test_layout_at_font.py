"""Every page and detail pane holds at 1024×640 with the desktop's font (11 pt) and at 9 pt,
light and dark: no sideways scroll bar, no scroll area scrolling inside another, nothing
past the window's right edge."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.ui import theme
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.pages.record_page import WIDEST_COLUMN, RecordPage
from tests.ui.layout_checks import layout_problems


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("layout") / "demo.db"
    write_demo_file(path, DemoOptions(until=date(2026, 11, 28)))
    return path


@pytest.fixture
def demo_journal(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo journal: what a test changes stays with the test."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
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


def open_window(qtbot, journal: Path, folder: Path, width: int, height: int):  # type: ignore[no-untyped-def]
    launcher = Launcher(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    assert launcher.open_path(journal, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() == width
    return window


def open_page(window, title: str):  # type: ignore[no-untyped-def]
    rows = {window.sidebar.item(r).text(): r for r in range(window.sidebar.count())}
    window.sidebar.setCurrentRow(rows[title])
    QApplication.processEvents()
    return window.stack.currentWidget()


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
    window = open_window(qtbot, demo_journal, tmp_path, 1024, 640)
    problems = walk(window, qtbot)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
@pytest.mark.parametrize("title", ["Goals", "Obstacles", "Decisions", "Notes"])
def test_table_columns_show_whole_values_at_the_desktop_font(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, tmp_path, title
):
    """Decisions' "overdue 4 months", Goals' "Board" header: whole, not "overdue 4 m…"."""
    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    page = open_page(window, title)
    table, model = page.table, page.model
    header = table.horizontalHeader()
    cut = []
    for number, column in enumerate(model.columns):
        if header.isSectionHidden(number) or column.draw in ("title", "progress"):
            continue
        width = table.columnWidth(number)
        if width >= WIDEST_COLUMN:
            continue  # a list of linked titles may elide past this; it shows whole on hover
        if header.fontMetrics().horizontalAdvance(column.title) > width:
            cut.append(f"header {column.title!r} in {width}px")
        for row in range(min(30, model.rowCount())):
            index = model.index(row, number)
            text = str(index.data() or "")
            font = index.data(Qt.ItemDataRole.FontRole) or table.font()
            if QFontMetrics(font).horizontalAdvance(text) > width - 8:
                cut.append(f"{column.title}: {text!r} in {width}px")
    assert cut == []


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
@pytest.mark.parametrize("scheme", ["dark"], indirect=True)
def test_detail_text_boxes_show_their_whole_text(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, scheme, tmp_path
):
    """A text box in a detail pane is as tall as its text: nothing cut at its bottom."""
    from PySide6.QtWidgets import QPlainTextEdit

    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    for title in ("Goals", "Obstacles", "Decisions"):
        page = open_page(window, title)
        for row in range(min(5, page.model.rowCount())):
            window.resize(1440, 900)
            page.table.selectRow(row)
            QApplication.processEvents()
            window.resize(1024, 640)  # narrower: the boxes' text wraps onto more lines
            for _ in range(3):
                QApplication.processEvents()
            for box in page.detail.findChildren(QPlainTextEdit):
                if not box.isVisibleTo(window) or not box.toPlainText():
                    continue
                layout = box.document().documentLayout()
                lines = layout.documentSize().height() * box.fontMetrics().lineSpacing()
                used = lines + 2 * box.document().documentMargin()
                room = box.viewport().height()
                assert used <= room + 1, f"{title} {box.objectName()}: {used} > {room}"


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
@pytest.mark.parametrize("title", ["Goals", "Obstacles"])
def test_filter_boxes_show_their_whole_choice_at_1024(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, tmp_path, title
):
    """ "Any own…", "Any categ…" at 1024 px and 11 pt: each filter shows its choice whole."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    window = open_window(qtbot, demo_journal, tmp_path, 1024, 640)
    page = open_page(window, title)
    page.table.selectRow(1)
    QApplication.processEvents()
    cut = []
    for box in page.findChildren(QComboBox):
        if not box.objectName().endswith("Filter") or not box.isVisibleTo(window):
            continue
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        metrics = box.fontMetrics()
        text = QSize(metrics.horizontalAdvance(box.currentText()), metrics.height())
        need = box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, box)
        if box.width() < need.width():
            cut.append(f"{box.currentText()!r} in {box.width()}px, needs {need.width()}")
    assert cut == []


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
def test_key_results_table_headers_whole_at_1024(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, tmp_path
):
    """The goal's key results: "Key", "Progres" and "100'" read whole at 1024 px and 11 pt."""
    window = open_window(qtbot, demo_journal, tmp_path, 1024, 640)
    page = open_page(window, "Goals")
    page.table.selectRow(1)
    for _ in range(3):
        QApplication.processEvents()
    table = page.detail.kr_table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetrics(bold)
    cut = []
    used = 0
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        used += header.sectionSize(column)
        text = table.horizontalHeaderItem(column).text()
        if header.sectionSize(column) < metrics.horizontalAdvance(text) + 12:
            cut.append(f"header {text!r} in {header.sectionSize(column)}px")
    assert used <= table.viewport().width(), "columns run past the table's right edge"
    assert cut == []
    if header.isSectionHidden(1):  # "Start" gave way: its value shows on hover over the title
        start = table.item(0, 1).text()
        assert f"start {start}" in table.item(0, 0).toolTip()


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
@pytest.mark.parametrize("width", [1024, 1440])
def test_trends_toolbar_shows_every_control_whole(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, tmp_path, width
):
    """ "Cooperation in", "Index (mean of", "Sam Rivera, CE": at 1024 px the toolbar wraps."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox

    from ceocto_desktop.ui.widgets.basic import current_text_width

    window = open_window(qtbot, demo_journal, tmp_path, width, 640)
    page = open_page(window, "Trends")
    for _ in range(3):
        QApplication.processEvents()
    bar = page.findChild(QWidget, "trendsToolbar")
    cut = []
    for box in bar.findChildren(QComboBox):
        if box.isVisibleTo(window) and box.width() < current_text_width(box):
            cut.append(f"{box.currentText()!r} in {box.width()}px")
    for button in bar.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.width() < button.sizeHint().width():
            cut.append(f"{button.text()!r} in {button.width()}px")
        right = button.mapTo(window, button.rect().topRight()).x()
        if right > window.width():
            cut.append(f"{button.text()!r} ends at {right}")
    assert cut == []
    overlapping = [
        (a.objectName(), b.objectName())
        for a in bar.findChildren(QWidget)
        for b in bar.findChildren(QWidget)
        if a is not b
        and a.parentWidget() is bar
        and b.parentWidget() is bar
        and a.isVisibleTo(window)
        and b.isVisibleTo(window)
        and a.geometry().intersects(b.geometry())
    ]
    assert overlapping == []
    assert page.findChild(QWidget, "trendsCanvas").geometry().top() > bar.geometry().bottom()


@pytest.mark.parametrize("app_font", [9.0], indirect=True)
def test_filter_boxes_refit_when_the_font_grows(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, tmp_path, qapp
):
    """Opened at 9 pt, then the desktop font set to 11 pt: each filter still shows its choice."""
    from PySide6.QtWidgets import QComboBox

    from ceocto_desktop.ui.widgets.basic import current_text_width

    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    page = open_page(window, "Obstacles")
    bigger = QFont(qapp.font())
    bigger.setPointSizeF(13.0)
    qapp.setFont(bigger)
    for _ in range(3):
        QApplication.processEvents()
    boxes = [b for b in page.findChildren(QComboBox) if b.objectName().endswith("Filter")]
    assert boxes
    cut = [
        f"{b.currentText()!r}: min {b.minimumWidth()} < {current_text_width(b)}"
        for b in boxes
        if b.minimumWidth() < current_text_width(b)
    ]
    assert cut == []


@pytest.mark.parametrize("scheme", ["light", "dark"], indirect=True)
def test_board_reviewed_tick_is_visible(qtbot, demo_journal, scheme, tmp_path):  # type: ignore[no-untyped-def]
    """The "Reviewed" box stands out from its cell (3:1, WCAG's mark for a control's
    outline), ticked or not; in dark it was a shadow."""
    from tests.ui.layout_checks import strongest_contrast

    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    page = open_page(window, "Board review")
    table = page.findChild(QWidget, "boardGoals")
    for _ in range(3):
        QApplication.processEvents()
    seen = []
    for ticked in (False, True):
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if table.item(0, 0).checkState() != state:
            table.item(0, 0).setCheckState(state)  # the table is filled again, ticked
        QApplication.processEvents()
        assert table.item(0, 0).checkState() == state
        shot = table.viewport().grab().toImage()
        rect = table.visualItemRect(table.item(0, 0))
        seen.append(round(strongest_contrast(shot.copy(rect)), 1))
    assert min(seen) >= 3.0, seen


@pytest.mark.parametrize("scheme", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("app_font", [11.0], indirect=True)
def test_every_chart_choice_shows_whole_at_1024_by_640(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, scheme, tmp_path
):
    """ "Commitments made and kept" was cut in the Trends page's chooser at the desktop font:
    each choice shows whole in the box once chosen, and in its list when it opens."""
    from PySide6.QtWidgets import QComboBox

    from ceocto_desktop.ui.widgets.basic import current_text_width

    window = open_window(qtbot, demo_journal, tmp_path, 1024, 640)
    page = open_page(window, "Trends")
    box = page.findChild(QComboBox, "chartChoice")
    cut = []
    for index in range(box.count()):
        box.setCurrentIndex(index)
        QApplication.processEvents()
        text = box.currentText()
        if box.width() < current_text_width(box):
            cut.append(f"{text!r} in a {box.width()}px box (needs {current_text_width(box)})")
        right = box.mapTo(window, box.rect().topRight()).x()
        if right > window.width():
            cut.append(f"{text!r} past the window's edge")
    box.setCurrentIndex(0)  # the list opens from the first, shortest-named chart
    QApplication.processEvents()
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    for index in range(box.count()):
        rect = view.visualRect(view.model().index(index, 0))
        needed = QFontMetrics(view.font()).horizontalAdvance(box.itemText(index))
        if rect.width() < needed + 8:
            cut.append(f"{box.itemText(index)!r} in a {rect.width()}px list row")
    box.hidePopup()
    assert cut == [], "\n".join(cut)


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
def test_a_button_squeezed_below_its_text_is_reported(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, app_font, tmp_path
):
    # The walk above counts cut-off words too; this shows that check can fail.
    from PySide6.QtWidgets import QPushButton

    window = open_window(qtbot, demo_journal, tmp_path, 1024, 640)
    page = open_page(window, "Retrospective")
    assert layout_problems(window, page, "Retrospective") == []
    page.findChild(QPushButton, "exportRetro").setFixedWidth(24)
    problems = layout_problems(window, page, "Retrospective")
    assert len(problems) == 1 and "'Export…' is 24 px wide" in problems[0]
