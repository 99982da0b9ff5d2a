"""File › Import…, Export everything as Markdown…, Export calendar…: the window's doors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ceocto_desktop.reports.export import ExportError
from ceocto_desktop.reports.text_file import write_text_file
from ceocto_desktop.services.inout.export_calendar import calendar_text
from ceocto_desktop.services.inout.export_markdown import (
    FolderExportError,
    markdown_files,
    write_markdown_folder,
)
from ceocto_desktop.store import JournalError
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.dialogs.export_flow import announce_saved, replace_allowed
from ceocto_desktop.ui.dialogs.import_dialog import ImportDialog, describe_result
from ceocto_desktop.ui.workers import run_with_progress


def import_entries(context: JournalContext, parent: QWidget) -> str | None:
    """The import dialog; the status bar's line when something was imported, else None."""
    dialog = ImportDialog(context, parent)
    if dialog.exec() != ImportDialog.DialogCode.Accepted or dialog.imported is None:
        return None
    return describe_result(dialog.imported)


def export_markdown_folder(context: JournalContext, parent: QWidget) -> Path | None:
    """Choose a folder and write everything into it as Markdown, off the GUI thread."""
    name = QFileDialog.getExistingDirectory(
        parent, "Export everything as Markdown", str(Path.home())
    )
    if not name:
        return None
    folder = Path(name)

    def work(progress: Callable[[str, float], None]) -> int:
        progress("gathering every record", 0.1)
        files = context.read(markdown_files)
        progress(f"writing {len(files):,} files", 0.5)
        try:
            return write_markdown_folder(folder, files)
        except FolderExportError as exc:
            raise JournalError(str(exc)) from None

    ok, outcome = run_with_progress(parent, "Exporting as Markdown…", work)
    if not ok:
        QMessageBox.warning(parent, "Export", str(outcome))
        return None
    QMessageBox.information(parent, "Export", f"Wrote {outcome:,} Markdown files into {folder}.")
    return folder


def export_calendar(context: JournalContext, parent: QWidget) -> Path | None:
    """Choose a file and write the journal's dates into it as iCalendar."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Export calendar",
        str(Path.home() / "ceocto.ics"),
        "iCalendar (*.ics)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".ics":
        path = path.with_suffix(".ics")
    protect = (context.journal.path,)
    force = replace_allowed(parent, path, protect)
    if force is None:
        return None
    try:
        write_text_file(path, context.read(calendar_text), force=force, protect=protect)
    except ExportError as exc:
        QMessageBox.warning(parent, "Export", str(exc))
        return None
    announce_saved(parent, path)
    return path


def merge_journal(context: JournalContext, parent: QWidget) -> str | None:
    """File › Merge a journal…: another journal of the pair, or a JSON export, merged in."""
    from ceocto_desktop.ui.dialogs.merge_flow import choose_and_merge

    return choose_and_merge(context, parent)
