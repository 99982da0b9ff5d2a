"""File › Export…: choose a quarter's retrospective or a meeting's board brief, then export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.reports.board import build_board_brief
from ceocto_desktop.services.review.board import list_meetings
from ceocto_desktop.services.review.overview import first_entry
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.dialogs.export_flow import export_report
from ceocto_desktop.ui.pages.retro_page import build_retrospective, quarters_between
from ceocto_desktop.ui.widgets.basic import named, primary


class ExportChooser(QDialog):
    """Which report: a quarter's retrospective or the brief of one board meeting."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportChooser")
        self.setWindowTitle("Export")
        self.context = context
        self.retro = named("exportRetroChoice", QRadioButton("Retrospective of a quarter"))
        self.brief = named("exportBriefChoice", QRadioButton("Board brief of a meeting"))
        self.quarter = named("exportQuarter", QComboBox())
        first = context.read(first_entry) or date.today()
        quarters = quarters_between(first, date.today())
        self.quarter.addItems(quarters)
        # The quarter just ended is the one a pair usually looks back on.
        self.quarter.setCurrentIndex(1 if len(quarters) > 1 else 0)
        self.meeting = named("exportMeeting", QComboBox())
        for meeting in context.read(list_meetings):
            self.meeting.addItem(f"{day_text(meeting.held_on)} — {meeting.title}", meeting.held_on)
        if self.meeting.count() == 0:
            self.meeting.addItem("No board meeting yet", None)
            self.brief.setEnabled(False)
            self.meeting.setEnabled(False)
        self.retro.setChecked(True)
        self.retro.toggled.connect(self._choice_changed)
        self._choice_changed()
        grid = QGridLayout()
        grid.addWidget(self.retro, 0, 0)
        grid.addWidget(self.quarter, 0, 1)
        grid.addWidget(self.brief, 1, 0)
        grid.addWidget(self.meeting, 1, 1)
        grid.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        primary(buttons.button(QDialogButtonBox.StandardButton.Ok))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("PDF, Markdown or self-contained HTML; you choose the file next."))
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def _choice_changed(self) -> None:
        self.quarter.setEnabled(self.retro.isChecked())
        self.meeting.setEnabled(self.brief.isChecked())

    def run_export(self, parent: QWidget) -> Path | None:
        """The existing export flow for what was chosen: file, progress, offer to open."""
        if self.retro.isChecked():
            quarter = self.quarter.currentText()
            return export_report(
                parent,
                self.context,
                lambda s: build_retrospective(s, quarter),
                f"retrospective-{quarter}",
            )
        held_on: date = self.meeting.currentData()
        return export_report(
            parent, self.context, lambda s: build_board_brief(s, held_on), f"board-brief-{held_on}"
        )


def choose_and_export(context: JournalContext, parent: QWidget) -> Path | None:
    """File › Export…: the chooser, then the export flow; None when cancelled."""
    chooser = ExportChooser(context, parent)
    if not chooser.exec():
        return None
    return chooser.run_export(parent)
