"""File › Merge a journal…: the other laptop's journal file or JSON export, merged by sync's
rules (sync/merge.py) after showing what the merge would do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.sync.merge import MergeReport, is_json_export, merge_journal
from ceocto_desktop.sync.service import SyncError
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.dialogs import passphrase_dialog
from ceocto_desktop.ui.workers import run_with_progress

TITLE = "Merge a journal"
SHOWN_LINES = 12  # of the dry run's list, in the question; the count says the rest


def choose_and_merge(context: JournalContext, parent: QWidget) -> str | None:
    """Ask for the other file, then merge it; the status bar's line, or None."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        "The other laptop's journal, or its JSON export",
        str(context.journal.path.parent),
        "ceocto journals and JSON exports (*.db *.json);;All files (*)",
    )
    return merge_file(context, parent, Path(chosen)) if chosen else None


def _run(context: JournalContext, parent: QWidget, other: Path, **how: bool) -> Any:
    journal = context.journal

    def work(progress: Any) -> MergeReport | SyncError:
        progress("reading the other journal", 0.2)
        try:
            return merge_journal(journal, other, **how)
        except SyncError as exc:
            return exc

    ok, outcome = run_with_progress(parent, "Merging…" if not how["dry_run"] else "Reading…", work)
    return outcome if ok else SyncError(str(outcome))


def _question(report: MergeReport, other: Path) -> str:
    done = report.applied
    text = (
        f"Merging {other.name} would add {done.added}, change {done.changed}, keep "
        f"{done.conflicts} as a conflict (the other value in history) and delete "
        f"{done.deleted}. A backup is made first."
    )
    if report.lines:
        shown = report.lines[:SHOWN_LINES]
        more = len(report.lines) - len(shown)
        text += "\n\n" + "\n".join(shown) + (f"\n… and {more} more" if more > 0 else "")
    if report.held_back:
        text += (
            f"\n\n{report.held_back} check-in answer(s) stay out until this journal has "
            "answered that week."
        )
    return text


def _ask(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        TITLE,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def merge_file(context: JournalContext, parent: QWidget, other: Path) -> str | None:
    """Show what merging other would do, and merge it once the person says so."""
    if not is_json_export(other):
        unlocked = passphrase_dialog.unlock(other, parent)
        if not unlocked:
            return None
    force = False
    report = _run(context, parent, other, dry_run=True, force=False)
    if isinstance(report, SyncError) and "another pair's journal" in str(report):
        if not _ask(parent, f"{other.name} is another pair's journal. Merge it anyway?"):
            return None
        force = True
        report = _run(context, parent, other, dry_run=True, force=True)
    if isinstance(report, SyncError):
        QMessageBox.warning(parent, TITLE, str(report))
        return None
    if report.applied.total + report.applied.conflicts == 0:
        QMessageBox.information(parent, TITLE, f"{other.name} holds nothing new for this journal.")
        return None
    if not _ask(parent, _question(report, other)):
        return None
    done = _run(context, parent, other, dry_run=False, force=force)
    if isinstance(done, SyncError):
        QMessageBox.warning(parent, TITLE, str(done))
        return None
    context.changed.emit(Changed.ALL)
    applied = done.applied
    return (
        f"Merged {other.name}: {applied.added} added, {applied.changed} changed, "
        f"{applied.conflicts} kept as a conflict, {applied.deleted} deleted"
    )
