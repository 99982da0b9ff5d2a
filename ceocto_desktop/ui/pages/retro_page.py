"""The quarterly retrospective: the quarter assembled, our reflection, and the export."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.reports.document import Document
from ceocto_desktop.reports.pdf import fill_text_document
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.review.board import get_retrospective, save_retrospective
from ceocto_desktop.services.review.overview import first_entry
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.dialogs.export_flow import export_report
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.panes.forms import RecordForm
from ceocto_desktop.ui.theme import is_dark
from ceocto_desktop.ui.widgets.basic import named, primary
from ceocto_desktop.ui.widgets.grow import grow_with_content


def build_retrospective(
    session: Any, quarter: str, preview: bool = False, pixel_ratio: float = 1.0
) -> Document:
    # matplotlib (for the charts) loads when a retrospective is first built, not at start-up.
    from ceocto_desktop.reports.retro import build_retrospective as build

    if preview:  # charts at the screen's resolution (2× on a HiDPI one), in its colours
        return build(session, quarter, chart_dpi=round(96 * pixel_ratio), dark=is_dark())
    return build(session, quarter)


def quarters_between(first: date, last: date) -> list[str]:
    """Every quarter from first to last, newest first (last's at least: never a later one)."""
    first = min(first, last)
    names = []
    day = parse_quarter(quarter_of(last))[0]
    while day >= parse_quarter(quarter_of(first))[0]:
        names.append(quarter_of(day))
        day = parse_quarter(quarter_of(day - timedelta(days=1)))[0]
    return names


class RetroPage(JournalPage):
    title = "Retrospective"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("retroPage")
        self.context = context
        self.quarter = named("retroQuarter", QComboBox())
        self.quarter.currentIndexChanged.connect(lambda _index: self.refresh())
        export = primary(named("exportRetro", QPushButton("Export…")))
        export.setToolTip("PDF, Markdown or self-contained HTML")
        export.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel("Quarter"))
        top.addWidget(self.quarter)
        top.addStretch()
        top.addWidget(export)
        self.preview = named("retroPreview", QTextBrowser())
        # Charts are drawn as wide as the preview (below); Qt lays 100 % tables out a few
        # pixels past the text width, which would show a sideways bar for nothing.
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._shown: Document | None = None
        self._filled_width = 0
        self._refill_timer = QTimer(self, singleShot=True, interval=0)
        self._refill_timer.timeout.connect(self._fill_preview)
        self._preview_viewport = self.preview.viewport()
        self._preview_viewport.installEventFilter(self)
        author = context.author
        self.form = RecordForm(
            context,
            Changed.RETROS,
            "retro",
            lambda s, quarter, values: save_retrospective(s, author, quarter, **values),
        )
        for field, label in (
            ("went_well", "What went well"),
            ("to_change", "What we change"),
            ("commitments", "Our commitments for next quarter"),
        ):
            box = QPlainTextEdit()
            grow_with_content(box, min_lines=3)
            self.form.add(field, label, box)
        self.form.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        reflection = QWidget()
        column = QVBoxLayout(reflection)
        column.addWidget(QLabel("<b>Our reflection</b> — stored with the quarter"))
        column.addWidget(self.form)
        column.addStretch()
        split = QSplitter()
        split.addWidget(self.preview)
        split.addWidget(reflection)
        split.setSizes([700, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._fill_quarters()
        self.watch_journal(context)

    def _fill_quarters(self) -> bool:
        """List the quarters from the journal's first to today's, keeping the one chosen;
        whether the list changed (a quarter began while the window was open, or an import
        or the other laptop brought older entries)."""
        first = self.context.read(first_entry) or date.today()
        names = quarters_between(first, date.today())
        if names == [self.quarter.itemText(i) for i in range(self.quarter.count())]:
            return False
        chosen = self.quarter.currentText()
        self.quarter.blockSignals(True)
        self.quarter.clear()
        self.quarter.addItems(names)
        # The quarter just ended is the one a pair usually looks back on.
        self.quarter.setCurrentIndex(
            names.index(chosen) if chosen in names else (1 if len(names) > 1 else 0)
        )
        self.quarter.blockSignals(False)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        if self._fill_quarters():
            self.stale = True  # the preview follows the list (shown again below)
        super().showEvent(event)

    def refresh(self) -> None:
        self._fill_quarters()
        quarter = self.quarter.currentText()
        if not quarter:
            return
        reflection = self.context.read(lambda s: get_retrospective(s, quarter))
        self.form.load(
            quarter,
            {
                "went_well": reflection.went_well,
                "to_change": reflection.to_change,
                "commitments": reflection.commitments,
            },
        )
        ratio = self.preview.devicePixelRatioF()
        self._shown = self.context.read(
            lambda s: build_retrospective(s, quarter, preview=True, pixel_ratio=ratio)
        )
        self._fill_preview()

    def _image_width(self) -> int:
        """Charts as wide as the preview allows (560 px at most): never a sideways scroll."""
        margin = int(self.preview.document().documentMargin())
        return max(200, min(560, self.preview.viewport().width() - 2 * margin - 16))

    def _fill_preview(self) -> None:
        if self._shown is None:
            return
        self._filled_width = self._image_width()
        scroll = self.preview.verticalScrollBar().value()
        # Text takes the palette's colour, so the preview reads in dark mode too.
        fill_text_document(
            self.preview.document(),
            self._shown,
            image_width=self._filled_width,
            dark=is_dark(),
            pixel_ratio=self.preview.devicePixelRatioF(),
        )
        self.preview.verticalScrollBar().setValue(scroll)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self._preview_viewport
            and self._shown is not None
            and self._image_width() != self._filled_width
        ):
            # After the resize, not inside it: refilling the document while its view lays
            # itself out painted the old layout over the new one.
            self._refill_timer.start()
        return super().eventFilter(watched, event)

    def flush_edits(self) -> None:
        self.form.flush()

    def export(self) -> None:
        self.flush_edits()
        quarter = self.quarter.currentText()
        export_report(
            self,
            self.context,
            lambda s: build_retrospective(s, quarter),
            f"retrospective-{quarter}",
        )
