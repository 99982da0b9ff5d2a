"""One window per journal: the lock says who holds it; a killed holder's lock is taken over."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from ceocto_desktop.store import JournalInUse, JournalLock, lock_holder, open_journal
from ceocto_desktop.store.files.lock import lock_path

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from ceocto_desktop.store import JournalLock

    lock = JournalLock(Path(sys.argv[1]))
    lock.acquire()
    print("locked", flush=True)
    sys.stdin.read()  # held until the test closes our stdin, or kills us
    lock.release()
    """
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def window_elsewhere(journal_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the journal's lock, as a window would."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(journal_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_a_second_window_is_told_who_has_the_journal_and_since_when(journal_path):
    first = JournalLock(journal_path)
    first.acquire()
    try:
        with pytest.raises(JournalInUse) as refused:
            JournalLock(journal_path).acquire()
        message = str(refused.value)
        assert f"on {socket.gethostname()} (process {os.getpid()}) since " in message
        holder = lock_holder(journal_path)
        assert holder is not None and holder.pid == os.getpid()
        # Since when, written as people read days ("6 Dec 2026, 10:52"), not in ISO.
        assert f"{holder.since.day} {holder.since:%b %Y, %H:%M}" in message
        assert holder.since.isoformat()[:10] not in message
    finally:
        first.release()
    assert lock_holder(journal_path) is None
    assert not lock_path(journal_path).exists()
    second = JournalLock(journal_path)
    second.acquire()
    second.release()


def test_the_lock_of_a_killed_window_is_taken_over(journal_path, window_elsewhere):
    holder = lock_holder(journal_path)
    assert holder is not None and holder.pid == window_elsewhere.pid
    with pytest.raises(JournalInUse):
        JournalLock(journal_path).acquire()
    window_elsewhere.send_signal(signal.SIGKILL)
    window_elsewhere.wait()
    assert lock_path(journal_path).exists()  # the file is left behind...
    assert lock_holder(journal_path) is None  # ...but nobody holds it
    lock = JournalLock(journal_path)
    lock.acquire()
    try:
        assert lock.took_over is not None and lock.took_over.pid == window_elsewhere.pid
        mine = lock_holder(journal_path)
        assert mine is not None and mine.pid == os.getpid()
    finally:
        lock.release()


def test_a_released_lock_lets_the_next_window_in(journal_path, window_elsewhere):
    assert window_elsewhere.stdin is not None
    window_elsewhere.stdin.close()
    assert window_elsewhere.wait(timeout=30) == 0
    assert lock_holder(journal_path) is None
    with JournalLock(journal_path) as lock:
        assert lock.held and lock.took_over is None


def test_a_note_goes_through_and_a_restore_is_refused_while_a_window_holds_the_journal(
    journal_path, window_elsewhere, tmp_path
):
    def ceocto(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ceocto_desktop", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    # SQLite serialises writers: a note from a shell is simply one more writer.
    noted = ceocto("note", "Beside the open window", "--author", "A", "--db", str(journal_path))
    assert noted.returncode == 0, noted.stderr
    before = digest(journal_path)
    backup = tmp_path / "copy.db"
    made = ceocto("backup", "--db", str(journal_path), "-o", str(backup))
    assert made.returncode == 0, made.stderr  # reading is fine while the window is open
    restored = ceocto("restore", str(backup), "--db", str(journal_path))
    assert restored.returncode != 0 and "is open in a ceocto window" in restored.stderr
    assert f"(process {window_elsewhere.pid}) since " in restored.stderr
    assert digest(journal_path) == before


def test_the_window_holding_the_lock_still_opens_its_journal(journal_path):
    with JournalLock(journal_path):
        journal = open_journal(journal_path)
        journal.close()


def test_two_parallel_notes_go_through_while_a_window_holds_the_journal(
    journal_path, window_elsewhere
):
    command = [sys.executable, "-m", "ceocto_desktop", "note"]
    notes = [
        subprocess.Popen(
            [*command, f"Parallel {n}", "--author", "A", "--db", str(journal_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    results = [(note.wait(timeout=120), note.stderr.read()) for note in notes]  # type: ignore[union-attr]
    assert results == [(0, ""), (0, "")]
    assert window_elsewhere.poll() is None  # the window still holds its lock
    assert lock_holder(journal_path) is not None
