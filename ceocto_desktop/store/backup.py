"""Consistent copies of a journal with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_journal(source: Path, destination: Path) -> Path:
    """Copy the journal at source to destination, page by page, even while it is open."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=1024)
        finally:
            dst.close()
    finally:
        src.close()
    # Only a complete copy takes the final name, so a full disk leaves no half backup.
    partial.replace(destination)
    return destination


def backup_path_for(journal: Path, reason: str, now: datetime | None = None) -> Path:
    """A backup file name next to the journal, saying why and when it was made."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return journal.with_name(f"{journal.stem}.{reason}.{stamp}{journal.suffix}.bak")
