"""Restoring a journal from a backup in the window: confirm, restore off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ceocto_desktop.store import OtherPairsBackup, Restored, restore_backup
from ceocto_desktop.ui.workers import run_with_progress


def confirm_restore(parent: QWidget | None, journal: Path, backup: Path) -> bool:
    """Ask before replacing the journal; the journal as it is now is kept as a backup."""
    answer = QMessageBox.question(
        parent,
        "Restore from backup",
        f"Replace {journal.name} with the backup {backup.name}?\n\n"
        "The journal as it is now is kept as a backup first, so this can be undone "
        "by restoring that one.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def _restore(backup: Path, journal: Path, force: bool) -> Restored | OtherPairsBackup:
    try:
        return restore_backup(backup, journal, force=force)
    except OtherPairsBackup as refusal:
        return refusal


def restore_with_progress(parent: QWidget | None, journal: Path, backup: Path) -> Restored | None:
    """Restore backup over journal (its window must have closed it); None if it was not."""
    ok, result = run_with_progress(
        parent, "Restoring the journal…", lambda progress: _restore(backup, journal, False)
    )
    if ok and isinstance(result, OtherPairsBackup):
        answer = QMessageBox.warning(
            parent,
            "Restore from backup",
            f"{backup.name} is a backup of another pair's journal, not of this one.\n\n"
            f"Restore it over {journal.name} anyway? The journal as it is now is kept as a "
            "backup first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        ok, result = run_with_progress(
            parent, "Restoring the journal…", lambda progress: _restore(backup, journal, True)
        )
    if not ok:
        QMessageBox.critical(parent, "ceocto", str(result))
        return None
    assert isinstance(result, Restored)
    return result
