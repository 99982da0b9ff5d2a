"""note and export check the journal first; export reads a read-only journal (issue 17)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.store import open_journal
from tests.cli.conftest import digest, overwrite_notes_page

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def ceocto(*args: str, cwd: Path = ROOT, as_nobody: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "ceocto_desktop", *args]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if as_nobody and os.geteuid() == 0:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
        env.update(HOME="/tmp", XDG_CONFIG_HOME="/tmp/x", XDG_DATA_HOME="/tmp/x")
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd, env=env)


def damage_an_index(path: Path) -> None:
    """Overwrite one page of the notes' index with noise; the table itself reads fine."""
    overwrite_notes_page(
        path,
        60,
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notes' "
        "ORDER BY name LIMIT 1",
        wal=False,
    )


@pytest.fixture
def damaged(journal_path: Path) -> Path:
    damage_an_index(journal_path)
    assert ceocto("check", "--db", str(journal_path)).returncode == 1
    return journal_path


def test_note_on_a_journal_with_a_damaged_index_is_refused_and_left_byte_for_byte(damaged):
    before = digest(damaged)
    result = ceocto("note", "Lost?", "--author", "A", "--db", str(damaged))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "is damaged" in result.stderr and "nothing was changed" in result.stderr
    assert digest(damaged) == before  # not even its header switched to WAL
    assert sorted(p.name for p in damaged.parent.iterdir()) == ["journal.db"]


def test_export_of_a_journal_with_a_damaged_index_is_refused(damaged, tmp_path):
    # The retrospective counts the quarter's notes: the notes' index is among what it reads.
    out = tmp_path / "retro.md"
    result = ceocto(
        "export", "retro", "--quarter", "2026-Q4", "--format", "md", "-o", str(out),
        "--db", str(damaged),
    )  # fmt: skip
    assert result.returncode != 0 and "is damaged" in result.stderr
    assert not out.exists()


def test_damage_where_a_report_does_not_read_leaves_it_to_check(journal_path, tmp_path):
    # The board brief reads no notes: it is written, and `ceocto check` still names the
    # damage (an export checks what it reads, not the whole file: issue 21).
    from ceocto_desktop.services.review.board import create_meeting

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        create_meeting(session, Seat.A, "2026-12-15", "Q4 board")
    journal.close()
    damage_an_index(journal_path)
    out = tmp_path / "brief.md"
    result = ceocto(
        "export", "board", "--format", "md", "-o", str(out), "--db", str(journal_path)
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Q4 board" in out.read_text()
    assert ceocto("check", "--db", str(journal_path)).returncode == 1


def test_the_damage_message_names_the_backups_folder_by_its_full_path(damaged):
    result = ceocto("note", "x", "--author", "A", "--db", damaged.name, cwd=damaged.parent)
    assert f"(backups are in {damaged.parent / 'backups'})" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="runs as another user (setpriv) to be read-only")
def test_export_works_on_a_read_only_journal_and_leaves_nothing(journal_path):
    folder = Path(tempfile.mkdtemp(prefix="ceocto-ro-"))
    try:
        target = folder / "journal.db"
        journal = open_journal(journal_path)
        with journal.transaction() as session:
            create_note(session, Seat.A, "Read from a read-only place")
        journal.close()
        shutil.copyfile(journal_path, target)
        folder.chmod(0o755)  # root's: the person (nobody) can read, not write
        target.chmod(0o644)
        before = digest(target)
        out = Path(tempfile.mkdtemp(prefix="ceocto-out-"))
        os.chown(out, NOBODY, NOBODY)
        report = str(out / "brief.md")
        result = ceocto(
            "export", "retro", "--quarter", "2026-Q4", "--format", "md", "-o", report,
            "--db", str(target), as_nobody=True,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert (out / "brief.md").read_text().startswith("#")
        assert digest(target) == before
        assert sorted(p.name for p in folder.iterdir()) == ["journal.db"]
        leftovers = [p for p in Path(tempfile.gettempdir()).glob("ceocto-read-*")]
        assert not [p for p in leftovers if p.stat().st_uid == NOBODY]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
