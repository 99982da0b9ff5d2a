"""A sync worker to be killed: run by tests/sync/test_sync_kill.py, never collected.

Started once as `python kill_worker.py MODE JOURNAL`, it imports the app, then forks one
worker per "go N" line on stdin and says its pid; the test SIGKILLs that worker. MODE
"write" writes a note per transaction and syncs after each (reporting each commit);
MODE "apply" syncs over and over, applying the other laptop's change files.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.store import open_journal
from ceocto_desktop.sync import service

MAX_SECONDS = 10.0


def say(line: str) -> None:
    """One line to the test, written through at once."""
    os.write(1, (line + "\n").encode())


def work(mode: str, path: Path, run: int) -> None:
    """Write or apply until killed (or for MAX_SECONDS)."""
    journal = open_journal(path)
    say("open")
    stop = time.monotonic() + MAX_SECONDS
    count = 0
    while time.monotonic() < stop:
        if mode == "write":
            body = f"run {run} note {count}"
            with journal.transaction() as session:
                notes.create_note(session, Seat.A, body)
            say(f"committed {body}")
            count += 1
        service.sync_now(journal)


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    for line in sys.stdin:
        run = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                work(mode, path, run)
            finally:
                os._exit(0)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"ended {status}")


if __name__ == "__main__":
    main()
