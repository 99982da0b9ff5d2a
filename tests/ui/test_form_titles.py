"""A record's long title shows its start in a narrow detail pane, not its end."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.ui.panes.forms import RecordForm

LONG = "Move the customer import pipeline from the nightly CSV batch to Postgres"


def test_a_long_title_shows_its_first_words(qtbot, window):
    form = RecordForm(window.context, Changed.DECISIONS, "decision", save=lambda *a: None)
    qtbot.addWidget(form)
    title = form.add("title", "Title", QLineEdit())
    form.resize(220, 60)
    form.show()
    form.load("d1", {"title": LONG})
    assert title.text() == LONG
    assert title.cursorPosition() == 0  # its start in view: "Move the customer…"
    assert title.cursorRect().left() < title.width() // 2
