"""The trends page: how the pair's cooperation moves, drawn with matplotlib, offline.

matplotlib is imported the first time the page is shown, not at start-up (about 0.7 s).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.common import parse_date
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.review import trends
from ceocto_desktop.services.weekly.checkins import RATING_LABELS
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.theme import is_dark
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, FlowLayout, keep_fitted, named
from ceocto_desktop.ui.widgets.empty_state import EmptyState

RANGES = ("This quarter", "Last 4 quarters", "All", "Custom dates")


def quarter_start(day: date) -> date:
    return parse_quarter(quarter_of(day))[0]


def period_for(choice: str, today: date, first: str = "", last: str = "") -> trends.Period:
    """The dates a range choice covers (custom dates are checked here)."""
    if choice == "This quarter":
        return trends.Period(quarter_start(today), today)
    if choice == "Last 4 quarters":
        start = quarter_start(today)
        for _ in range(3):
            start = quarter_start(start - timedelta(days=1))
        return trends.Period(start, today)
    if choice == "Custom dates":
        since = parse_date(first, "from") if first.strip() else None
        until = parse_date(last, "to") if last.strip() else None
        if since and until and until < since:
            raise ValidationError("to", "The end date comes before the start date.")
        return trends.Period(since, until)
    return trends.Period()


class TrendsPage(JournalPage):
    title = "Trends"
    depends_on = (
        Changed.CHECKINS
        | Changed.GOALS
        | Changed.DECISIONS
        | Changed.OBSTACLES
        | Changed.PARTNERS
        | Changed.COMMITMENTS
    )

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trendsPage")
        self.context = context
        self.canvas: Any = None
        self.figure: Any = None
        self.chart = named("chartChoice", QComboBox())
        for chart in trends.Chart:  # each item carries its chart: chosen by it, not by text
            self.chart.addItem(chart.title, chart)
        self.range = named("rangeChoice", QComboBox())
        self.range.addItems(list(RANGES))
        self.range.setCurrentText("Last 4 quarters")
        self.since = named("rangeFrom", QLineEdit(placeholderText="from YYYY-MM-DD"))
        self.until = named("rangeTo", QLineEdit(placeholderText="to YYYY-MM-DD"))
        self.dimension = named("dimensionChoice", QComboBox())
        self.dimension.addItem("Index (mean of five)", None)
        for name, label in RATING_LABELS.items():
            self.dimension.addItem(label, name)
        self.show_seat = {
            seat: named(f"show{seat.value}", QCheckBox(context.partner_label(seat)))
            for seat in Seat
        }
        save = named("saveChart", QPushButton("Save chart…"))
        save.clicked.connect(self.save_chart)
        # The chart's point in a sentence above it, computed from what it draws.
        self.takeaway = named("chartTakeaway", QLabel())
        self.takeaway.setWordWrap(True)
        self.takeaway.setStyleSheet("font-size: 12pt; font-weight: 600; padding: 4px 2px;")
        # No check-ins yet: what this page will show, and the way to the first one.
        self.empty_state = EmptyState("trends")
        self.empty_state.say(
            "No trend yet",
            "Once both of you have answered two weekly check-ins, this page draws how you "
            "rate your work together, week by week, and where your views drift apart.",
            "Answer this week's check-in",
            lambda: self.context.openRequested.emit("checkins", ""),
        )
        self.error = named("trendsError", QLabel())
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        for box in (self.chart, self.range, self.dimension):
            box.currentIndexChanged.connect(lambda _index: self.redraw())
        for edit in (self.since, self.until):
            edit.editingFinished.connect(self.redraw)
            edit.setMaximumWidth(140)
        for check in self.show_seat.values():
            check.setChecked(True)
            check.toggled.connect(lambda _on: self.redraw())
        self.body = QVBoxLayout(self)
        self.body.addWidget(self._toolbar(save))
        self.body.addWidget(self.error)
        self.body.addWidget(self.empty_state, 1)
        self.watch_journal(context)

    def _toolbar(self, save: QPushButton) -> QWidget:
        """The chart, range and dimension choices, the partners and Save chart…, wrapping
        onto a second line where one cannot hold them whole (1024 px at 11 pt)."""
        for box in (self.chart, self.range, self.dimension):
            # As wide as the choice it shows (not its longest), whole at any font:
            # "Commitments made and kept" was cut to 12 characters' width.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(0)
            keep_fitted(box)
        row = named("trendsToolbar", QWidget())
        flow = FlowLayout(row)
        for widget in (
            self.chart,
            self.range,
            self.since,
            self.until,
            self.dimension,
            *self.show_seat.values(),
        ):
            flow.addWidget(widget)
        flow.add_widget_after_gap(save)
        return row

    def showEvent(self, event: QShowEvent) -> None:
        if self.canvas is None:
            self._build_canvas()
        super().showEvent(event)  # redraws when the journal changed since it was drawn

    def _build_canvas(self) -> None:
        # No matplotlib navigation toolbar: a developer's tool, not the pair's (Save stays).
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(8, 4.5), dpi=100, layout="constrained")
        self.canvas = named("trendsCanvas", FigureCanvasQTAgg(self.figure))
        self.body.addWidget(self.takeaway)
        self.body.addWidget(self.canvas, 1)

    def refresh(self) -> None:
        self.redraw()

    def chosen_chart(self) -> trends.Chart:
        chart = self.chart.currentData()
        assert isinstance(chart, trends.Chart)
        return chart

    def redraw(self) -> None:
        """Draw the chosen chart for the chosen range; draw_idle, so Qt paints once."""
        if self.canvas is None:
            return
        chart = self.chosen_chart()
        custom = self.range.currentText() == "Custom dates"
        self.since.setVisible(custom)
        self.until.setVisible(custom)
        self.dimension.setVisible(chart.by_dimension)
        for check in self.show_seat.values():
            check.setVisible(chart.by_partner)
        today = date.today()
        try:
            period = period_for(
                self.range.currentText(), today, self.since.text(), self.until.text()
            )
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.error.hide()
        dimension = self.dimension.currentData()
        facts = self.context.read(lambda s: trends.chart_facts(s, chart, period, today, dimension))
        self._draw(chart, facts)
        # The index and the gap need two answered weeks: until then, what will show here.
        empty = isinstance(facts, trends.CooperationSeries) and len(facts.points) < 2
        self.empty_state.setVisible(empty)
        self.canvas.setVisible(not empty)
        self.takeaway.setVisible(not empty)
        self.canvas.draw_idle()

    def chart_options(self) -> trends.ChartOptions:
        """Whose lines are shown, and the rating drawn (the index of all five by default)."""
        rating = self.dimension.currentText() if self.dimension.currentData() else ""
        return trends.ChartOptions(
            seats=tuple(s.value for s in Seat if self.show_seat[s].isChecked()),
            label=rating or "Cooperation index",
            topic=rating.split(" (")[0] if rating else "the partnership",
        )

    def _draw(self, chart: trends.Chart, facts: trends.TrendFacts) -> None:
        from ceocto_desktop.charts import trends as charts

        partners = self.context.partners
        names = {s.value: partners[s].name.split()[0] for s in Seat}
        style = charts.Style(
            colors={s.value: partners[s].color for s in Seat}, names=names, dark=is_dark()
        )
        options = self.chart_options()
        charts.draw_chart(self.figure, chart, facts, style, options)
        self.takeaway.setText(trends.takeaway(chart, facts, names, options))

    def save_chart(self) -> None:
        if self.figure is None:
            return
        name = self.chart.currentText().lower().replace(" ", "-")
        path, _ = QFileDialog.getSaveFileName(
            self, "Save chart", f"{name}.png", "PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)"
        )
        if not path:
            return
        try:
            self.figure.savefig(path, dpi=200, facecolor=self.figure.get_facecolor())
        except (OSError, ValueError) as exc:
            self.error.setText(f"Could not save the chart: {exc}")
            self.error.show()
            return
        self.context.notice.emit(f"Saved the chart to {path}")
