"""Writing a demo journal to a new file: complete under its name, or not there at all."""

from __future__ import annotations

import os
from pathlib import Path

from ceocto_desktop.services.demo import DemoOptions, DemoSummary, Progress, write_demo_journal
from ceocto_desktop.store import JournalError, open_journal


def write_demo_file(
    target: Path, options: DemoOptions, progress: Progress | None = None
) -> DemoSummary:
    """Generate the demo journal beside target, then move it into place in one step."""
    if target.exists():
        raise JournalError(f"{target} already exists; the demo never overwrites a file.")
    partial = target.with_name(target.name + ".partial")
    if target.parent.is_dir():
        # A demo run killed half-way leaves these; they are ours to clear.
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    try:
        journal = open_journal(partial, create=True)
    except JournalError as exc:
        raise JournalError(str(exc).replace(str(partial), str(target))) from None
    try:
        with journal.transaction() as session:
            summary = write_demo_journal(session, options, progress)
    except OSError as exc:
        journal.close()
        partial.unlink(missing_ok=True)
        raise JournalError(f"Could not write {target}: {exc.strerror or exc}.") from exc
    journal.close()
    os.replace(partial, target)
    return summary
