"""A damaged page in the notes table: one clear line from every command, never a traceback."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from pathlib import Path

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.store import JournalDamaged, JournalError, open_journal
from tests.cli.conftest import ceocto


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_notes_page(path: Path) -> None:
    """Overwrite the notes table's root page with noise, as a bad disk sector would."""
    journal = open_journal(path)
    with journal.transaction() as session:
        for number in range(30):
            create_note(session, Seat.A, f"Note {number} " + "words " * 40)
    journal.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=DELETE")  # everything into the file itself...
        db.execute("PRAGMA journal_mode=WAL")  # ...which stays a WAL journal, as ours are
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()
    db.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = bytes([0x5A]) * page_size
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(journal_path: Path) -> Path:
    damage_notes_page(journal_path)
    return journal_path


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("ceocto: ") and result.stderr.count("\n") == 1
    return result.stderr


def test_note_on_a_damaged_journal_says_so_and_changes_nothing(damaged):
    before = digest(damaged)
    line = one_clear_line(ceocto("note", "Still here?", "--author", "A", "--db", str(damaged)))
    assert "is damaged" in line and "ceocto restore" in line
    assert digest(damaged) == before


def test_export_of_a_damaged_journal_says_so_and_writes_no_file(damaged, tmp_path):
    out = tmp_path / "retro.md"
    result = ceocto(
        "export", "retro", "--quarter", "2026-Q4", "--format", "md", "-o", str(out),
        "--db", str(damaged),
    )  # fmt: skip
    assert "is damaged" in one_clear_line(result)
    assert not out.exists()


def test_check_of_a_damaged_journal_says_so(damaged):
    assert "is damaged" in one_clear_line(ceocto("check", "--db", str(damaged)))


def test_the_window_can_tell_damage_from_other_errors(damaged):
    journal = open_journal(damaged)
    try:
        with pytest.raises(JournalDamaged) as raised, journal.sessions() as session:
            from sqlalchemy import text

            session.execute(text("SELECT body FROM notes")).fetchall()
    finally:
        journal.close()
    assert isinstance(raised.value, JournalError)
    assert str(damaged) in str(raised.value)
