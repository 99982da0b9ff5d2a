"""What an export ends with: "Saved board-brief.pdf" and the two things one does next.

A bar above the status bar, not a modal question: the pair can open the file, show it in
its folder, or carry on (it goes when closed or after the next export).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ceocto_desktop.ui.widgets.basic import named, primary


def open_file(path: Path) -> bool:
    """Open the file in the desktop's application for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Open the folder holding the file in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class SavedBar(QFrame):
    """ "Saved <file> in <folder>"  [Open]  [Show in folder]  [×]"""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("savedBar")
        self.setProperty("role", "card")
        self.path: Path | None = None
        self.text = named("savedBarText", QLabel())
        self.text.setWordWrap(True)
        self.open_button = primary(named("savedOpen", QPushButton("Open")))
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = named("savedShowInFolder", QPushButton("Show in folder"))
        self.folder_button.clicked.connect(self.show_folder)
        close = named("savedClose", QPushButton("Close"))
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(close)
        self.hide()

    def show_saved(self, path: Path) -> None:
        """Say where the file went, with Open and Show in folder."""
        self.path = path
        self.text.setText(f"Saved <b>{path.name}</b> in {path.parent}")
        self.show()
        self.open_button.setFocus()

    def open_file(self) -> None:
        if self.path is not None:
            open_file(self.path)
            self.hide()

    def show_folder(self) -> None:
        if self.path is not None:
            show_in_folder(self.path)
            self.hide()
