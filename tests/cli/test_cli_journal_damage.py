"""A damaged page in the notes table: one clear line from every command, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ceocto_desktop.store import JournalDamaged, JournalError, open_journal
from tests.cli.conftest import ceocto, digest, overwrite_notes_page


def damage_notes_page(path: Path) -> None:
    """Overwrite the notes table's root page with noise, as a bad disk sector would."""
    overwrite_notes_page(
        path, 30, "SELECT rootpage FROM sqlite_master WHERE name = 'notes'", wal=True
    )


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
