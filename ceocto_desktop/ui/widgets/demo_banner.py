"""The demo journal says it is one, and leads to the pair's own journal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ceocto_desktop.ui.widgets.basic import named, primary


class DemoBanner(QFrame):
    """ "This is a demo journal …  [Start our own journal]" above the pages."""

    def __init__(self, start_own: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setProperty("role", "card")
        text = named(
            "demoBannerText",
            QLabel(
                "<b>This is a demo journal</b> — a made-up founder pair's year, to look "
                "around. Nothing you do here touches your own journal."
            ),
        )
        text.setWordWrap(True)
        self.start = primary(named("startOwnJournal", QPushButton("Start our own journal")))
        self.start.clicked.connect(start_own)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(text, 1)
        row.addWidget(self.start)
