"""Settings › Sync: set up the pair's sync folder, see how syncing goes, sync now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.store import Journal
from ceocto_desktop.sync import service
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named
from ceocto_desktop.ui.workers import run_with_progress

INTRO = (
    "Each partner can keep this journal on their own laptop. Pick a folder that Syncthing, "
    "Dropbox, Nextcloud, a network share or a USB stick carries between the two laptops: "
    "only encrypted change files go there, never the journal itself. The other laptop joins "
    "with 'ceocto sync join FOLDER --as NAME --db NEW' and the pairing code shown here."
)


class SyncPanel(QWidget):
    """The Sync tab: set up (first laptop) or the folder, last sync and Sync now."""

    syncRequested = Signal()

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self.context = context
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.state = named("syncState", QLabel())
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = named("pairingCode", QLabel())
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setWordWrap(True)
        self.message = named("syncMessage", QLabel())
        self.message.setWordWrap(True)
        self.setup_button = named("setUpSyncButton", QPushButton("Set up sync in a folder…"))
        self.setup_button.clicked.connect(self.choose_folder)
        self.sync_button = named("syncNowButton", QPushButton("Sync now"))
        self.sync_button.clicked.connect(self.syncRequested)
        form = QFormLayout()
        form.addRow(self.state)
        form.addRow(self.code)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.setup_button)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.message)
        layout.addStretch()
        self.refresh()

    def refresh(self) -> None:
        """Show how sync stands for this journal."""
        lines = service.status(self.context.journal)
        set_up = self.context.read(lambda s: service.is_set_up(s.connection()))
        self.state.setText("\n".join(lines) if set_up else "This journal does not sync yet.")
        self.setup_button.setVisible(not set_up)
        self.sync_button.setVisible(set_up)

    def choose_folder(self) -> None:
        """Ask for the shared folder, then set sync up there."""
        chosen = QFileDialog.getExistingDirectory(self, "The folder both laptops share")
        if chosen:
            self.set_up(Path(chosen))

    def set_up(self, folder: Path) -> None:
        """Set sync up in folder for the partner writing now; show the pairing code."""
        seat = self.context.author.value
        journal = self.context.journal
        ok, result = run_with_progress(
            self, "Setting up sync", lambda progress: _setup(journal, folder, seat)
        )
        if not ok or isinstance(result, service.SyncError):
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(str(result))
            return
        self.message.setStyleSheet("")
        self.message.setText(
            "Write the code down or print it: it is the pair's one sync secret and the way "
            "back to this folder from a new laptop."
        )
        self.code.setText(f"Pairing code: {result}")
        self.refresh()


def _setup(journal: Journal, folder: Path, seat: str) -> str | service.SyncError:
    try:
        return service.setup(journal, folder, seat)
    except service.SyncError as exc:
        return exc
