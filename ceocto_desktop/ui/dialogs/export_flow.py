"""Exporting a report from the window: pick a file, assemble off the GUI thread, offer to open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from ceocto_desktop.reports.document import Document
from ceocto_desktop.reports.export import ExportError, TargetExists, check_target, export
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.store import JournalError
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.workers import run_with_progress

FILTERS = {"PDF (*.pdf)": "pdf", "Markdown (*.md)": "md", "HTML, self-contained (*.html)": "html"}


def format_for(path: Path, chosen_filter: str) -> str:
    """The format a file name asks for, else the one of the chosen filter."""
    by_suffix = {".pdf": "pdf", ".md": "md", ".html": "html", ".htm": "html"}
    return by_suffix.get(path.suffix.lower(), FILTERS.get(chosen_filter, "pdf"))


def export_report(
    parent: QWidget,
    context: JournalContext,
    build: Callable[[Session], Document],
    default_name: str,
) -> Path | None:
    """The whole flow; returns the file written, or None (cancelled or refused, said why)."""
    # We ask about replacing a file ourselves, once, after the suffix is settled below.
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        "Export",
        str(Path.home() / f"{default_name}.pdf"),
        ";;".join(FILTERS),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = Path(name)
    file_format = format_for(path, chosen)
    if path.suffix.lower() not in (".pdf", ".md", ".html", ".htm"):
        path = path.with_suffix(f".{file_format}")
    protect = (context.journal.path,)
    force = replace_allowed(parent, path, protect)
    if force is None:
        return None

    def assemble(progress: Callable[[str, float], None]) -> Document:
        progress("gathering the quarter's records", 0.2)
        try:
            return context.read(build)
        except ValidationError as exc:
            raise JournalError(exc.message) from None

    ok, result = run_with_progress(parent, "Preparing the report…", assemble)
    if not ok:
        QMessageBox.warning(parent, "Export", str(result))
        return None
    try:
        # The PDF is drawn by Qt, on this thread.
        export(result, file_format, path, force=force, protect=protect)
    except ExportError as exc:
        QMessageBox.warning(parent, "Export", str(exc))
        return None
    announce_saved(parent, path)
    context.notice.emit(f"Saved {path}")
    return path


def replace_allowed(parent: QWidget, path: Path, protect: tuple[Path, ...]) -> bool | None:
    """Whether writing path replaces a file (asked once), or None: not to be written
    (the person said no, or the target is refused, said why)."""
    try:
        check_target(path, protect=protect)
    except TargetExists:
        replace = QMessageBox.question(
            parent, "Export", f"{path.name} already exists in {path.parent}.\n\nReplace it?"
        )
        return True if replace == QMessageBox.StandardButton.Yes else None
    except ExportError as exc:
        QMessageBox.warning(parent, "Export", str(exc))
        return None
    return False


def announce_saved(parent: QWidget, path: Path) -> None:
    """The window's bar offers Open and Show in folder (no modal question to dismiss)."""
    show_saved = getattr(parent.window(), "show_saved_file", None)
    if show_saved is not None:
        show_saved(path)
        return
    answer = QMessageBox.question(parent, "Export", f"Saved {path}.\n\nOpen it now?")
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
