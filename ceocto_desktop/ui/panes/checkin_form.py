"""The check-in's answer form: five ratings and four prompts, filled from a draft or answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.models import PROMPTS, RATINGS
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.ui.panes.checkin_rating import MEANINGS, SegmentedRating
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named, primary

DRAFT_STYLE = "color: palette(placeholder-text);"


class AnswerForm(QGroupBox):
    """Five ratings from 1 to 5 and four prompts, for the partner writing now."""

    typed = Signal()  # a prompt's text changed (kept after a pause)
    picked = Signal()  # a rating was chosen (kept at once)
    left = Signal()  # the cursor left a prompt (kept at once)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = self._make_ratings()
        self.prompt_labels: dict[str, QLabel] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        self.note = named("checkinFormNote", QLabel())
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        scale = named(
            "ratingScale",
            QLabel(
                "1 = poor … 5 = excellent · click, or Tab to a row and press 1–5 or the arrow keys"
            ),
        )
        scale.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        scale.setWordWrap(True)
        layout.addWidget(scale)
        layout.addLayout(grid)
        self._add_prompts(layout)
        self._add_buttons(layout)
        self._loading = False

    def _make_ratings(self) -> QGridLayout:
        """A row a rating: its name, 1 to 5, and what the chosen value means."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.rating_controls: dict[str, SegmentedRating] = {}
        self.meanings: dict[str, QLabel] = {}
        for row, name in enumerate(RATINGS):
            label = QLabel(checkins.RATING_LABELS[name])
            control = SegmentedRating(name, checkins.RATING_LABELS[name])
            label.setBuddy(control)
            meaning = named(f"meaning_{name}", QLabel())
            meaning.setMinimumWidth(70)
            meaning.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            control.picked.connect(lambda _value: self.picked.emit())
            control.group.idToggled.connect(lambda _id, _on, n=name: self._show_meaning(n))
            grid.addWidget(label, row, 0)
            grid.addWidget(control, row, 1)
            grid.addWidget(meaning, row, 2)
            self.rating_controls[name] = control
            self.meanings[name] = meaning
        grid.setColumnStretch(3, 1)
        return grid

    def _add_prompts(self, layout: QVBoxLayout) -> None:
        """The four prompts, each a label over its box."""
        for name in PROMPTS:
            label = named(f"prompt_{name}", QLabel())
            label.setWordWrap(True)
            box = named(f"answer_{name}", QPlainTextEdit())
            box.setMinimumHeight(64)
            box.setMaximumHeight(96)
            box.setTabChangesFocus(True)  # Tab walks the form; Enter still makes new lines
            box.textChanged.connect(self._text_changed)
            box.installEventFilter(self)
            self.prompt_labels[name] = label
            self.texts[name] = box
            layout.addWidget(label)
            layout.addWidget(box)

    def _add_buttons(self, layout: QVBoxLayout) -> None:
        """The error line, the draft's state, Cancel and Submit."""
        self.error = named("checkinError", QLabel())
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.draft_state = named("checkinDraftState", QLabel())
        self.draft_state.setWordWrap(True)
        self.cancel = named("cancelCheckinEdit", QPushButton("Keep my answers as they were"))
        self.cancel.hide()
        self.submit = primary(named("submitCheckin", QPushButton("Submit my check-in")))
        self.submit.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_state, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.submit)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.left.emit()
        return super().eventFilter(watched, event)

    def _text_changed(self) -> None:
        if not self._loading:
            self.typed.emit()

    def fill(self, payload: Mapping[str, Any], prompts: Mapping[str, str]) -> None:
        """Show ratings and texts (a draft's or submitted answers') without keeping them again."""
        ratings = payload.get("ratings") or {}
        texts = payload.get("texts") or {}
        self._loading = True
        try:
            for name, control in self.rating_controls.items():
                control.set_value(ratings.get(name))
            for name, box in self.texts.items():
                wanted = str(texts.get(name, ""))
                if box.toPlainText() != wanted:
                    box.setPlainText(wanted)
                self.prompt_labels[name].setText(f"<b>{prompts[name]}</b>")
        finally:
            self._loading = False
        self.error.hide()
        self.draft_state.clear()

    def focus_first_rating(self) -> None:
        """The cursor on the first rating not yet chosen (the first when all are)."""
        controls = list(self.rating_controls.values())
        target = next((c for c in controls if c.value() == 0), controls[0])
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def ratings(self) -> dict[str, int]:
        return {n: c.value() for n, c in self.rating_controls.items() if c.value() > 0}

    def _show_meaning(self, name: str) -> None:
        value = self.rating_controls[name].value()
        self.meanings[name].setText(MEANINGS[value] if value else "")

    def answer_texts(self) -> dict[str, str]:
        return {name: box.toPlainText() for name, box in self.texts.items()}

    def payload(self) -> dict[str, Any]:
        """What the form holds, as a draft keeps it; empty when nothing was rated or typed."""
        ratings = self.ratings()
        texts = {name: text for name, text in self.answer_texts().items() if text.strip()}
        if not ratings and not texts:
            return {}
        return {"ratings": ratings, "texts": self.answer_texts()}

    def show_draft_state(self, text: str, failed: bool) -> None:
        self.draft_state.setStyleSheet(ERROR_STYLE if failed else DRAFT_STYLE)
        self.draft_state.setText(text)
