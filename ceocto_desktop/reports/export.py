"""Writing a report to a file: Markdown, self-contained HTML or PDF, all or nothing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ceocto_desktop.reports.document import Document
from ceocto_desktop.reports.html import to_html
from ceocto_desktop.reports.markdown import to_markdown

FORMATS = ("pdf", "md", "html")


class ExportError(Exception):
    """The report could not be written where asked; no file was left behind."""


def check_target(path: Path) -> None:
    """Refuse at once a path that cannot take the file (before any work is done)."""
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name.")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"Cannot write to the folder {folder}: permission denied.")


def export(document: Document, file_format: str, path: Path) -> Path:
    """Write the document; a half-written file never takes the final name."""
    if file_format not in FORMATS:
        raise ExportError(f"Unknown format {file_format}; choose pdf, md or html.")
    check_target(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    partial = Path(temporary)
    try:
        if file_format == "md":
            partial.write_text(to_markdown(document), encoding="utf-8")
        elif file_format == "html":
            partial.write_text(to_html(document), encoding="utf-8")
        else:
            from ceocto_desktop.reports.pdf import write_pdf

            write_pdf(document, partial)
        os.replace(partial, path)
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    finally:
        partial.unlink(missing_ok=True)
    return path
