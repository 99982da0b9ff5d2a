"""Dark mode reads as well as light: selected text and the main button at 4.5:1 or more,
the retrospective's tables without glaring grid lines, the perception gap's shading seen."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from matplotlib.figure import Figure
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ceocto_desktop.analytics.cooperation import WeekPoint
from ceocto_desktop.charts import trends as charts
from ceocto_desktop.ui import theme
from tests.ui.layout_checks import contrast
from tests.ui.test_layout_at_font import demo_journal, demo_template, open_page, open_window, scheme

__all__ = ["demo_journal", "demo_template", "scheme"]  # fixtures, used by name


@pytest.mark.parametrize("tokens", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_selected_text_and_the_main_button_read_at_4_5_to_1(tokens):  # type: ignore[no-untyped-def]
    sheet = theme.stylesheet(tokens)
    pairs = re.findall(r"selection-background-color:\s*(#\w+);\s*selection-color:\s*(#\w+)", sheet)
    primary = re.search(
        r'QPushButton\[role="primary"\] \{ background: (#\w+); color: (#\w+);', sheet
    )
    assert primary is not None and len(pairs) >= 2
    pairs.append(primary.groups())
    palette = theme.palette_for(tokens)
    pairs.append(
        (
            palette.color(QPalette.ColorRole.Highlight).name(),
            palette.color(QPalette.ColorRole.HighlightedText).name(),
        )
    )
    low = [
        (ground, ink, round(contrast(QColor(ground), QColor(ink)), 2))
        for ground, ink in pairs
        if contrast(QColor(ground), QColor(ink)) < 4.5
    ]
    assert low == []  # dark: white on the light accent read at 2.7:1


def long_bright_runs(image: QImage, length: int = 200) -> int:
    """Rows holding a run of `length` or more bright pixels: a drawn line, never text."""
    found = 0
    for y in range(image.height()):
        run = 0
        for x in range(image.width()):
            if QColor(image.pixel(x, y)).lightness() > 110:
                run += 1
                if run >= length:
                    found += 1
                    break
            else:
                run = 0
    return found


@pytest.mark.parametrize("scheme", ["dark"], indirect=True)
def test_dark_retrospective_tables_have_no_glaring_grid(qtbot, demo_journal, scheme, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    page = open_page(window, "Retrospective")
    preview = page.findChild(QWidget, "retroPreview")
    qtbot.waitUntil(lambda: "What blocked us" in preview.toPlainText(), timeout=20_000)
    for _ in range(3):
        QApplication.processEvents()
    image = preview.viewport().grab().toImage()
    image.save(str(tmp_path / "preview.png"))
    assert long_bright_runs(image) == 0, tmp_path


def week(n: int, a: float, b: float) -> WeekPoint:
    return WeekPoint(date(2026, 1, 5) + timedelta(weeks=n), {"A": a, "B": b})


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_perception_gap_shading_is_seen(dark):  # type: ignore[no-untyped-def]
    style = charts.Style(
        colors={"A": "#3d6fd1", "B": "#e07b24"}, names={"A": "Sam", "B": "Priya"}, dark=dark
    )
    points = [week(n, 4.0, 3.0 + (n % 2)) for n in range(6)]
    rolling = {"A": [4.0] * 6, "B": [3.5] * 6}
    figure = Figure()
    charts.draw_cooperation(figure, points, rolling, style)
    fills = [c for c in figure.axes[0].collections if c.get_label() == "perception gap"]
    assert len(fills) == 1
    r, g, b, alpha = fills[0].get_facecolor()[0]
    paper = QColor(style.paper)
    shade = QColor.fromRgbF(
        alpha * r + (1 - alpha) * paper.redF(),
        alpha * g + (1 - alpha) * paper.greenF(),
        alpha * b + (1 - alpha) * paper.blueF(),
    )
    assert contrast(shade, paper) >= 1.2  # as the light chart: seen, yet calm
    if dark:
        assert contrast(shade, paper) >= 1.6  # dark paper swallowed 0.18 of grey (1.25:1)


def test_the_retrospective_preview_draws_charts_at_the_screens_pixel_ratio(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, tmp_path, monkeypatch
):
    """On a 2× screen the charts carry twice the pixels, drawn at their same size: no
    jagged text, no lost "–" or "−"."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    page = open_page(window, "Retrospective")
    preview = page.findChild(QWidget, "retroPreview")
    qtbot.waitUntil(lambda: "What blocked us" in preview.toPlainText(), timeout=20_000)

    def chart():  # type: ignore[no-untyped-def]
        name = re.findall(r'src="(chart\d+\.png)"', preview.document().toHtml())[0]
        kind = QTextDocument.ResourceType.ImageResource.value
        return preview.document().resource(kind, QUrl(name))

    plain = chart()
    assert plain.devicePixelRatio() == 1.0
    monkeypatch.setattr(preview, "devicePixelRatioF", lambda: 2.0)
    page.refresh()
    sharp = chart()
    assert sharp.devicePixelRatio() == 2.0
    assert abs(sharp.width() - 2 * plain.width()) <= 2


@pytest.mark.parametrize("scheme", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("row", ["plain", "selected"])
def test_status_chips_read_at_4_5_to_1(qapp, scheme, row):  # type: ignore[no-untyped-def]
    """ "at risk" in amber on its amber tint read at 3.6:1 (light), 2.9:1 on a selected row."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPainter

    from ceocto_desktop.ui.widgets.delegates import draw_chip
    from tests.ui.layout_checks import strongest_contrast

    tokens = theme.DARK if scheme == "dark" else theme.LIGHT
    ground = tokens.selection if row == "selected" else tokens.surface
    low = {}
    for word in ("at risk", "on track", "off track", "achieved", "high", "proposed", "open"):
        image = QImage(140, 26, QImage.Format.Format_RGB32)
        image.fill(QColor(ground))
        painter = QPainter(image)
        draw_chip(painter, QRect(0, 0, 140, 26), word, qapp.font())
        painter.end()
        seen = strongest_contrast(image.copy(QRect(14, 3, 112, 20)))  # the chip, not its corners
        if seen < 4.5:
            low[word] = round(seen, 2)
    assert low == {}
