"""A journal holding one 50 MB note (as an older version let in): open the window, show it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/huge_note.py /tmp/huge.db [MB]

Run it twice: the first run writes the journal (one 50 MB note of plain sentences and one
small note), the second times, in one process after the imports: opening the window (the
Overview reads the recent notes) and showing the huge note on the Notes page. Peak memory is
the process's maximum resident size. Timings go here, never in tests.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.partners import PartnerInput, create_partners
from ceocto_desktop.services.records import notes
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.app import Launcher, make_application

WORDS = [
    "the",
    "pair",
    "met",
    "the",
    "board",
    "and",
    "talked",
    "about",
    "Ardennes",
    "routes",
    "pricing",
    "hiring",
]


def write(path: Path, megabytes: int) -> str:
    journal = open_journal(path, create=True)
    pick = random.Random(1).choice
    lines = [" ".join(pick(WORDS) for _ in range(12)) for _ in range(megabytes * 14_000)]
    with journal.transaction() as session:
        create_partners(session, PartnerInput("Sam Rivera", "CEO"), PartnerInput("Priya N", "CTO"))
        notes.create_note(session, Seat.A, "A small note")
        record = Note(author=Seat.B, body="# Huge minutes\n" + "\n".join(lines))
        session.add(record)
        session.flush()
        note_id = record.id
    journal.close()
    return note_id


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


path = Path(sys.argv[1])
if not path.exists():
    write(path, int(sys.argv[2]) if len(sys.argv) > 2 else 50)
    sys.exit(f"Wrote {path}; run again to time it (a fresh process, memory not yet used).")
journal = open_journal(path)
with journal.sessions() as session:
    big = session.scalar(select(Note.id).order_by(func.length(Note.body).desc()).limit(1))
journal.close()
print(f"before the window: peak {peak_mb()} MB")
app = make_application()
settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
start = time.perf_counter()
launcher = Launcher(settings)
launcher.open_path(path, explicit=True)
window = launcher.windows[-1]
app.processEvents()
print(f"open the window: {time.perf_counter() - start:.2f} s, peak {peak_mb()} MB")
start = time.perf_counter()
window.open_record("notes", big)
app.processEvents()
print(f"show the huge note: {time.perf_counter() - start:.2f} s, peak {peak_mb()} MB")
window.close()
