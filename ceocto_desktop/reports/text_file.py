"""Writing a text export (JSON, iCalendar) to a file: all or nothing, like the reports."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ceocto_desktop.reports.export import ExportError, TargetExists, check_target
from ceocto_desktop.store.files.backups import fsync_file, fsync_folder


def write_text_file(path: Path, text: str, *, force: bool, protect: tuple[Path, ...]) -> None:
    """Write text under a temporary name, flush it, then give it the name: all or nothing."""
    check_target(path, force=force, protect=protect)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    partial = Path(temporary)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        fsync_file(partial)
        if force:
            check_target(path, force=True, protect=protect)
            os.replace(partial, path)
        else:
            try:
                os.link(partial, path)  # fails, rather than replaces, if the name was taken
            except FileExistsError:
                raise TargetExists(f"{path} already exists.") from None
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    finally:
        partial.unlink(missing_ok=True)
    fsync_folder(path.parent)
