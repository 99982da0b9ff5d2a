"""Two writers and a reader at once on one journal: no error, no lost row."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

WRITES = 100

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ceocto_desktop.services.records.notes import create_note
    from ceocto_desktop.services.partners import find_partner
    from ceocto_desktop.store import open_journal

    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    journal = open_journal(path)
    for number in range(count):
        # As `ceocto note` does: read who the author is, then write, in one transaction.
        with journal.transaction() as session:
            seat = find_partner(session, "A" if name == "one" else "B")
            create_note(session, seat, f"{name} {number}", tags=["load"])
        print(f"{name} {number}", flush=True)
    journal.close()
    """
)

READER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from sqlalchemy import text
    from ceocto_desktop.store import open_journal

    journal = open_journal(Path(sys.argv[1]))
    seen = 0
    for _ in range(int(sys.argv[2])):
        with journal.sessions() as session:
            now = session.execute(text("SELECT count(*) FROM notes")).scalar_one()
        assert now >= seen, (now, seen)
        seen = now
    journal.close()
    print("read", seen)
    """
)


def test_two_writers_and_a_reader_lose_nothing_and_fail_nothing(journal_path):
    def start(script: str, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", script, str(journal_path), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    processes = [
        start(WRITER, "one", str(WRITES)),
        start(WRITER, "two", str(WRITES)),
        start(READER, "300"),
    ]
    results = [process.communicate(timeout=120) for process in processes]
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert (process.returncode, stderr) == (0, "")
    reported = set(results[0][0].split("\n")[:-1]) | set(results[1][0].split("\n")[:-1])
    assert len(reported) == 2 * WRITES
    with sqlite3.connect(journal_path) as db:
        stored = {row[0] for row in db.execute("SELECT body FROM notes")}
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    assert stored == reported
