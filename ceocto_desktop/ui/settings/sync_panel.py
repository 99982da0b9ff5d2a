"""Settings › Sync: set up the pair's sync folder, see how syncing goes, sync now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.store import Journal
from ceocto_desktop.sync import laptops, service
from ceocto_desktop.sync import status as sync_status
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named
from ceocto_desktop.ui.workers import run_with_progress

INTRO = (
    "Each partner can keep this journal on their own laptop. Pick a folder that Syncthing, "
    "Dropbox, Nextcloud, a network share or a USB stick carries between the two laptops: "
    "only encrypted change files go there, never the journal itself. The other laptop joins "
    "with File › Join our journal… (or 'ceocto sync join FOLDER --as NAME --db NEW') and the "
    "pairing code shown here."
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
        self.laptops = named("syncLaptops", QListWidget())
        self.laptops.setToolTip("The pair's other laptops that sync through this folder")
        self.laptops.setWordWrap(True)
        self.laptops.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.laptops.setMaximumHeight(120)
        self.laptops_title = QLabel("The other laptops of this folder:")
        self.forget_button = named("forgetLaptopButton", QPushButton("Forget this laptop…"))
        self.forget_button.setToolTip(
            "For a laptop lost for good: stop waiting for it, so old change files can go"
        )
        self.forget_button.clicked.connect(self.forget_selected)
        self.laptops.currentItemChanged.connect(lambda *_: self._enable_forget())
        form = QFormLayout()
        form.addRow(self.state)
        form.addRow(self.code)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.setup_button)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.laptops_title)
        layout.addWidget(self.laptops)
        layout.addWidget(self.forget_button)
        layout.addWidget(self.message)
        layout.addStretch()
        self.refresh()

    def refresh(self) -> None:
        """Show how sync stands for this journal."""
        lines = sync_status.status(self.context.journal)
        set_up = self.context.read(lambda s: service.is_set_up(s.connection()))
        self.state.setText("\n".join(lines) if set_up else "This journal does not sync yet.")
        self.setup_button.setVisible(not set_up)
        self.sync_button.setVisible(set_up)
        self._show_laptops(set_up)

    def _show_laptops(self, set_up: bool) -> None:
        self.laptops.clear()
        found: list[laptops.Laptop] = []
        if set_up:
            try:
                found = [
                    one for one in laptops.laptops(self.context.journal) if not one.this_laptop
                ]
            except service.SyncError:
                found = []  # the folder is away: the state above says so
        for laptop in found:
            item = QListWidgetItem(laptop.describe())
            item.setData(Qt.ItemDataRole.UserRole, laptop)
            self.laptops.addItem(item)
        self.laptops.setVisible(bool(found))
        self.laptops_title.setVisible(bool(found))
        self.forget_button.setVisible(bool(found))
        self._enable_forget()

    def _enable_forget(self) -> None:
        item = self.laptops.currentItem()
        laptop = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.forget_button.setEnabled(laptop is not None and not laptop.forgotten)

    def forget_selected(self) -> None:
        """Forget the chosen laptop once the person confirms it was lost for good."""
        item = self.laptops.currentItem()
        if item is None:
            return
        laptop = item.data(Qt.ItemDataRole.UserRole)
        whose = f"{laptop.name}'s laptop" if laptop.name else "this laptop"
        answer = QMessageBox.question(
            self,
            "Forget a laptop",
            f"Forget {whose} ({laptop.device[:8]})? Do it only for a laptop lost for good: "
            "no laptop will wait for it any more, so change files it never got may be "
            "removed. Its own files stay in the folder. If it turns up, join it afresh.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            laptops.forget(self.context.journal, laptop.device)
        except service.SyncError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(str(exc))
            return
        self.message.setStyleSheet("")
        self.message.setText(f"Forgot {whose}: no laptop of the pair waits for it any more.")
        self.refresh()

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
