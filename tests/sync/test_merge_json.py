"""`ceocto merge FILE.json`: the other laptop's JSON export, merged by the same rules."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main
from ceocto_desktop.models import Seat
from ceocto_desktop.services.inout.journal_json import export_json
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.store import open_journal


def _rows(path: Path, query: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return sorted(db.execute(query).fetchall())
    finally:
        db.close()


@pytest.fixture
def laptops(template_journal: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Sam's journal and Priya's copy of it, each edited since; Priya's exported as JSON."""
    mine, theirs = tmp_path / "a" / "journal.db", tmp_path / "b" / "journal.db"
    for path in (mine, theirs):
        path.parent.mkdir()
    shutil.copyfile(template_journal, mine)
    journal = open_journal(mine)
    with journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire engineers")
        notes.create_note(session, Seat.A, "on the first laptop")
    journal.close()
    shutil.copyfile(mine, theirs)
    journal = open_journal(mine)
    with journal.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire two engineers")
    journal.close()
    journal = open_journal(theirs)
    with journal.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire three engineers by June")
        notes.create_note(session, Seat.B, "Priya, on the second laptop")
    with journal.sessions() as session:
        (tmp_path / "priya.json").write_text(export_json(session), encoding="utf-8")
    journal.close()
    return mine, tmp_path / "priya.json"


def test_a_json_export_merges_once_keeping_the_losing_value(
    laptops: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    mine, export = laptops
    before = _rows(mine, "SELECT body FROM notes")
    assert main(["merge", str(export), "--dry-run", "--db", str(mine)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("Would merge: 1 added, 1 changed")
    assert listed[1:] == [
        "  changed: Goal: Hire three engineers by June — title",
        "  added: Note: Priya, on the second laptop",
        "  kept as a conflict: Goal title — keeps “Hire three engineers by June”, the other "
        "in history",
    ]
    assert _rows(mine, "SELECT body FROM notes") == before
    assert main(["merge", str(export), "--db", str(mine)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Merged: 1 added, 1 changed") and "1 kept as a conflict" in out
    assert _rows(mine, "SELECT body FROM notes") == [
        ("Priya, on the second laptop",),
        ("on the first laptop",),
    ]
    assert _rows(mine, "SELECT title FROM goals") == [("Hire three engineers by June",)]
    kept = _rows(mine, "SELECT field, kept, other FROM sync_conflicts")
    assert [(f, k) for f, k, _ in kept] == [("title", '"Hire three engineers by June"')]
    assert "Hire two engineers" in str(kept[0][2])  # Sam's title stays in the history
    assert list((mine.parent / "backups").glob("*before-merge*"))
    again = _rows(mine, "SELECT id, title, updated_at FROM goals")
    assert main(["merge", str(export), "--db", str(mine)]) == 0
    assert capsys.readouterr().out.startswith("Merged: 0 added, 0 changed, 0 kept")
    assert _rows(mine, "SELECT id, title, updated_at FROM goals") == again
    assert not list(Path("/tmp").glob("ceocto-merge-*/export.db"))  # the private copy went


def test_a_broken_or_foreign_export_is_one_line_and_changes_nothing(
    laptops: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mine, _export = laptops
    before = _rows(mine, "SELECT title FROM goals")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "ceocto-export", "version": 1, "tables": ', encoding="utf-8")
    assert main(["merge", str(broken), "--db", str(mine)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nothing was changed" in err
    foreign = tmp_path / "foreign.db"
    assert main(["init", str(foreign), "--a", "Ann", "--b", "Bob"]) == 0
    assert main(["export", "json", "-o", str(tmp_path / "ann.json"), "--db", str(foreign)]) == 0
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "ann.json"), "--db", str(mine)]) == 1
    assert "another pair's journal" in capsys.readouterr().err
    assert _rows(mine, "SELECT title FROM goals") == before
