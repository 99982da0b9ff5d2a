"""File › Backups…: the journal's backups with dates and sizes, back up now, restore one."""

from __future__ import annotations

import enum
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.formats import moment_text
from ceocto_desktop.store import BackupInfo, list_backups, make_backup
from ceocto_desktop.store.files.backups import backups_folder
from ceocto_desktop.ui.widgets.basic import named
from ceocto_desktop.ui.workers import run_with_progress

REASONS = {
    "daily": "daily",
    "quit": "on quit",
    "manual": "made by hand",
    "before-restore": "before a restore",
    "damaged": "the damaged journal, kept as it was",
}


def describe_reason(reason: str) -> str:
    """Why a backup was made, in words."""
    if reason.startswith("before-schema"):
        return "before an upgrade"
    return REASONS.get(reason, reason.replace("-", " "))


def describe_size(size: int) -> str:
    """A file size a person reads at a glance."""
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupChoice(enum.Enum):
    NONE = "none"
    RESTORE = "restore"


class BackupsDialog(QDialog):
    """Lists a journal's backups; Back up now (when the journal is readable) and Restore…."""

    def __init__(self, journal: Path, *, can_back_up: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle("Backups")
        self.journal = journal
        self.choice = BackupChoice.NONE
        self.chosen: Path | None = None
        self.resize(640, 420)

        intro = QLabel(
            f"Copies of <b>{journal.name}</b> in <code>{backups_folder(journal)}</code>. "
            "ceocto keeps one a day for a week, one a week for two months and one a month "
            "for a year, plus those made before an upgrade or a restore."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.table = named("backupsTable", QTableWidget(0, 3))
        self.table.setHorizontalHeaderLabels(["Made", "Size", "Why"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty = named("backupsEmpty", QLabel("No backups yet."))
        self.message = named("backupsMessage", QLabel(""))
        self.message.setWordWrap(True)

        self.back_up_button = named("backUpNowButton", QPushButton("&Back up now"))
        self.back_up_button.setEnabled(can_back_up)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = named("restoreBackupButton", QPushButton("&Restore…"))
        self.restore_button.setToolTip(
            "Replace the journal with the selected backup; the journal as it is now is kept "
            "as a backup first."
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button = named("restoreOtherButton", QPushButton("Restore from a &file…"))
        self.other_button.clicked.connect(self.restore_from_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_button)
        buttons.addStretch(1)
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.restore_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.backups: list[BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        """Read the backups folder again."""
        self.backups = list_backups(self.journal)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            made = QTableWidgetItem(_when(info.made_at))
            made.setToolTip(str(info.path))
            self.table.setItem(row, 0, made)
            size = QTableWidgetItem(describe_size(info.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, size)
            self.table.setItem(row, 2, QTableWidgetItem(describe_reason(info.reason)))
        self.empty.setVisible(not self.backups)
        self.restore_button.setEnabled(bool(self.backups))
        if self.backups:
            self.table.selectRow(0)

    def back_up_now(self) -> None:
        """Make a backup off the GUI thread, then show it at the top of the list."""
        ok, result = run_with_progress(
            self,
            "Backing up the journal…",
            lambda progress: make_backup(self.journal, "manual"),
        )
        if ok:
            assert isinstance(result, BackupInfo)
            self.message.setText(f"Backed up to {result.path.name} ({describe_size(result.size)}).")
        else:
            self.message.setText(str(result))
        self.reload()

    def restore_selected(self) -> None:
        """Close with the selected backup chosen for restoring."""
        row = self.table.currentRow()
        if 0 <= row < len(self.backups):
            self._choose(self.backups[row].path)

    def restore_from_file(self) -> None:
        """Pick any backup file (a copy kept elsewhere) to restore."""
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from a backup file",
            str(backups_folder(self.journal)),
            "ceocto journals and backups (*.db *.bak *.sqlite);;All files (*)",
        )
        if chosen:
            self._choose(Path(chosen))

    def _choose(self, backup: Path) -> None:
        self.choice = BackupChoice.RESTORE
        self.chosen = backup
        self.accept()


def _when(moment: datetime) -> str:
    today = datetime.now().date()
    if moment.date() == today:
        return f"Today {moment:%H:%M}"
    return f"{moment:%a} {moment_text(moment)}"
