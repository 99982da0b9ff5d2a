"""Writing a report to a file: Markdown, self-contained HTML or PDF, all or nothing.

The file is written beside its target under a temporary name, flushed to disk, and only
then takes the target's name, so a failure (a full disk, a crash) leaves an older file as
it was. Export never writes over a journal, any SQLite file, a device or through a link.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ceocto_desktop.reports.document import Document
from ceocto_desktop.reports.html import to_html
from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.store.files.backups import fsync_file, fsync_folder

FORMATS = ("pdf", "md", "html")
SQLITE_HEADER = b"SQLite format 3\x00"
# Files SQLite keeps beside a database; replacing one would damage the journal it serves.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
# ceocto's own lock files beside a journal (store.lock): replacing a live one lets a
# second window in, or a conversion run under a writer.
LOCK_SUFFIXES = (".lock", ".writers.lock")


class ExportError(Exception):
    """The report could not be written where asked; no file was left behind."""


class TargetExists(ExportError):
    """An ordinary file is already there; it is replaced only when the person says so."""


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False


def _refuse_protected(path: Path, protect: Iterable[Path]) -> None:
    exists = path.exists()
    for journal in protect:
        journal = journal.expanduser()
        if exists and _same_file(path, journal):
            raise ExportError(f"{path} is the open journal; export never replaces it.")
        # Its companions too, present or not: a report under the name of a WAL would be
        # taken for one the next time the journal opens.
        companions = (
            journal.with_name(journal.name + suffix) for suffix in SQLITE_COMPANIONS + LOCK_SUFFIXES
        )
        if any(path.resolve() == c.resolve() or _same_file(path, c) for c in companions):
            raise ExportError(f"{path} belongs to the open journal; choose another name.")
    if exists and _is_sqlite_file(path):
        raise ExportError(f"{path} is a database (perhaps a journal); export never replaces one.")
    if path.name.endswith(".lock") and any(
        path.with_name(path.name.removesuffix(suffix)).exists() for suffix in LOCK_SUFFIXES
    ):
        raise ExportError(f"{path} is the lock file of a journal; choose another name.")
    if path.name.endswith(SQLITE_COMPANIONS) and _is_sqlite_file(
        path.with_name(path.name.rsplit("-", 1)[0])
    ):
        raise ExportError(f"{path} belongs to a database; choose another name.")


def check_target(path: Path, *, force: bool = False, protect: Iterable[Path] = ()) -> None:
    """Refuse at once a path that cannot or must not take the file (before any work is done).

    protect names the open journal(s); an existing ordinary file is replaced only with force.
    """
    folder = path.parent
    try:
        found = path.lstat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    if found is not None:
        if stat.S_ISLNK(found.st_mode):
            raise ExportError(
                f"{path} is a symbolic link; export does not write through links. "
                "Give the real file's path, or another name."
            )
        if stat.S_ISDIR(found.st_mode):
            raise ExportError(f"{path} is a folder; give a file name.")
        if not stat.S_ISREG(found.st_mode):
            raise ExportError(f"{path} is a device or special file, not a file export can replace.")
    _refuse_protected(path, protect)
    if found is not None and not force:
        raise TargetExists(f"{path} already exists.")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"Cannot write to the folder {folder}: permission denied.")


def _write_error(path: Path, exc: OSError) -> ExportError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportError(f"the disk is full; {path} was not written. Free some space first.")
    return ExportError(f"Could not write {path}: {exc.strerror or exc}.")


def load_renderer(report: str, file_format: str, charts_elsewhere: bool = False) -> None:
    """Import what writing this report in this format will need (it would load anyway);
    charts_elsewhere: a helper process draws the charts, matplotlib stays out of this one."""
    if report == "retro":
        from ceocto_desktop.reports import retro  # noqa: F401

        if file_format != "md" and not charts_elsewhere:  # its charts
            from ceocto_desktop.charts import render, trends  # noqa: F401
    else:
        from ceocto_desktop.reports import board  # noqa: F401
    if file_format == "pdf":
        from ceocto_desktop.reports import pdf  # noqa: F401


def _render(document: Document, file_format: str, partial: Path) -> None:
    if file_format == "pdf":
        from ceocto_desktop.reports.pdf import write_pdf

        write_pdf(document, partial)
        return
    text = to_markdown(document) if file_format == "md" else to_html(document)
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)


def _move_into_place(partial: Path, path: Path, force: bool, protect: Iterable[Path]) -> None:
    if force:
        check_target(path, force=True, protect=protect)  # once more: it may have changed
        os.replace(partial, path)
        return
    # No file is replaced without force, even one that appeared while we were writing:
    # a hard link fails if the name is taken, where a rename would silently replace it.
    try:
        os.link(partial, path)
    except FileExistsError:
        raise TargetExists(f"{path} already exists.") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # A file system without hard links: claim the name exclusively, then fill it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
        os.replace(partial, path)


def export(
    document: Document,
    file_format: str,
    path: Path,
    *,
    force: bool = False,
    protect: Iterable[Path] = (),
) -> Path:
    """Write the document; a half-written file never takes the final name."""
    if file_format not in FORMATS:
        raise ExportError(f"Unknown format {file_format}; choose pdf, md or html.")
    protect = tuple(protect)
    check_target(path, force=force, protect=protect)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    os.close(handle)
    partial = Path(temporary)
    try:
        _render(document, file_format, partial)
        fsync_file(partial)  # a full disk often shows only here
        _move_into_place(partial, path, force, protect)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    finally:
        partial.unlink(missing_ok=True)
    fsync_folder(path.parent)
    return path
