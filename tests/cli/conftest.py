"""What the shell tests share: one way to run `python -m ceocto_desktop` (this checkout's
code, not an installed copy). Files that run it differently (the installed script, another
user, another time zone) keep their own runner."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.store import open_journal


def ceocto(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run `ceocto ARGS…` in a fresh interpreter; its output is captured as text unless
    `options` (passed to subprocess.run) say otherwise."""
    settings: dict[str, Any] = {"capture_output": True, "text": True, "timeout": 180}
    if "stdout" in options or "stderr" in options:
        settings.pop("capture_output")
    settings.update(options)
    return subprocess.run([sys.executable, "-m", "ceocto_desktop", *args], **settings)


def digest(path: Path) -> str:
    """The file's bytes, in short: equal digests, not one byte changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def overwrite_notes_page(path: Path, notes: int, root_query: str, wal: bool) -> None:
    """Write notes, then overwrite with noise the page root_query names (one row: its
    rootpage), as a bad disk sector would; wal: the file stays a WAL journal, as ours are
    (else it is left as a backup is: no -wal, a plain header)."""
    journal = open_journal(path)
    with journal.transaction() as session:
        for number in range(notes):
            create_note(session, Seat.A, f"Note {number} " + "words " * 40)
    journal.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=DELETE")  # everything into the file itself
        if wal:
            db.execute("PRAGMA journal_mode=WAL")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        (root,) = db.execute(root_query).fetchone()
    db.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = bytes([0x5A]) * page_size
    path.write_bytes(bytes(data))
