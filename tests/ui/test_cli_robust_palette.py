"""Ctrl+K as Priya: Sam's answers of a blind week are not found; a pasted page gets a sentence."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget

from ceocto_desktop.models import Seat
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.dialogs.search_palette import SearchPalette, row_html

RATINGS = ("role_clarity", "cooperation", "communication", "trust", "alignment")


def palette(qtbot, window):
    window.context.set_author(Seat.B)  # writing as Priya
    dialog = SearchPalette(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return (
        dialog,
        dialog.findChild(QLineEdit, "searchBox"),
        dialog.findChild(QLabel, "searchSummary"),
    )


def test_a_week_sam_alone_answered_is_not_found_by_priya(qtbot, window, journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        for week, seats in ((date(2026, 11, 16), Seat), (date(2026, 11, 23), (Seat.A,))):
            for seat in seats:
                worry = "Payroll timing" if week.day == 16 else "Payroll and whether Priya stays"
                checkins.submit_answers(
                    session, week, seat, dict.fromkeys(RATINGS, 3), {"worries": worry}
                )
    journal.close()
    dialog, box, summary = palette(qtbot, window)
    qtbot.keyClicks(box, "payroll")
    qtbot.waitUntil(lambda: summary.text().endswith("found"))
    results = dialog.findChild(QListWidget, "searchResults")
    shown = [row_html(results.item(i)) for i in range(results.count())]
    assert summary.text() == "2 found"  # both answers of the revealed week, none of the blind
    assert all("16 Nov 2026" in text for text in shown)  # the week, in the one format
    box.clear()
    qtbot.keyClicks(box, "whether Priya stays")
    qtbot.waitUntil(lambda: summary.text() == "Nothing found")


def test_a_pasted_page_gets_a_sentence_not_an_error(qtbot, window):
    dialog, box, summary = palette(qtbot, window)
    QApplication.clipboard().setText("the board deck " * 200)
    box.setFocus()
    box.paste()
    qtbot.waitUntil(lambda: "at most" in summary.text())
    assert summary.text() == "A search takes at most 1,000 characters; this one has 3,000."
    assert dialog.findChild(QListWidget, "searchResults").count() == 0
