"""Encrypt, decrypt and restore racing a loop of `ceocto note`: no acknowledged note is lost.

A conversion or a restore holds the journal alone from its first read to its swap; a note
waits for it (or it for the note), so every id a note printed is in the journal after.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ceocto_desktop.store import driver

PASSPHRASE = "correct horse battery staple"
SECOND = "a second passphrase, line two"
ROOT = Path(__file__).resolve().parents[2]


def ceocto(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )


def note_ids(path: Path, passphrase: str | None) -> set[str]:
    connection = driver.connect(path, passphrase=passphrase)
    try:
        return {str(row[0]) for row in connection.execute("SELECT id FROM notes")}
    finally:
        connection.close()


def _opens(path: Path) -> str | None:
    if driver.has_sqlite_header(path):
        return None
    return PASSPHRASE if driver.opens_with(path, PASSPHRASE) else SECOND


@pytest.fixture
def env(tmp_path, monkeypatch) -> dict[str, str]:
    import os

    secret = tmp_path / "secret.txt"
    secret.write_text(f"{PASSPHRASE}\n{SECOND}\n", encoding="utf-8")
    return {**os.environ, "CEOCTO_PASSPHRASE_FILE": str(secret)}


def test_no_acknowledged_note_is_lost_to_a_conversion_or_restore(journal_path, env, tmp_path):
    backup = tmp_path / "start.db"
    made = ceocto("backup", "--db", str(journal_path), "-o", str(backup), env=env)
    assert made.returncode == 0, made.stderr
    acknowledged: list[tuple[float, str]] = []
    refused: list[str] = []
    stop = threading.Event()

    def writers() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            done = ceocto(
                "note", f"Race note {number}", "--author", "A", "--db", str(journal_path), env=env
            )
            if done.returncode == 0:
                acknowledged.append((time.monotonic(), done.stdout.strip()))
            else:
                assert "Traceback" not in done.stderr, done.stderr
                refused.append(done.stderr)

    loop = threading.Thread(target=writers)
    loop.start()
    try:
        while len(acknowledged) < 2:
            time.sleep(0.05)
        steps = []
        for command in (["encrypt"], ["passphrase"], ["decrypt"], ["restore", str(backup)]):
            started = time.monotonic()
            done = ceocto(*command, "--db", str(journal_path), env=env)
            assert done.returncode == 0, (command, done.stderr)
            steps.append((command[0], started, time.monotonic()))
            time.sleep(0.5)  # let a note or two land between the steps
    finally:
        stop.set()
        loop.join(timeout=600)
    assert not refused, refused
    final = note_ids(journal_path, _opens(journal_path))
    restore_ended = steps[-1][2]
    before_restore = next((journal_path.parent / "backups").glob("*.before-restore.db"))
    # What the restore replaced is kept: a note written before it is there, or (if it
    # waited for the restore) in the restored journal; one written after, in the journal.
    kept = note_ids(before_restore, _opens(before_restore))
    for when, note in acknowledged:
        where = final if when > restore_ended else final | kept
        assert note in where, f"note {note}, acknowledged, is in no file"
    assert len(acknowledged) >= 4
