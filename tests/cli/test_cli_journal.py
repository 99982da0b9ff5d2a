"""`ceocto init`, `backup` and `restore`, and every other command refusing a non-journal."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main
from ceocto_desktop.store import check_journal
from tests.cli.conftest import ceocto, digest


def one_line(stderr: str) -> str:
    assert stderr.startswith("ceocto: ") and stderr.count("\n") == 1, stderr
    return stderr


def partners(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT seat, name, title FROM partners ORDER BY seat").fetchall()
    db.close()
    return rows


@pytest.mark.parametrize(
    "command",
    [
        ["note", "Hello", "--author", "A"],
        ["export", "retro", "--quarter", "2026-Q3", "--format", "md", "-o", "{out}"],
        ["backup"],
    ],
)
def test_a_zero_byte_file_is_refused_by_every_command_and_left_empty(tmp_path, command):
    empty = tmp_path / "empty.db"
    empty.touch()
    out = tmp_path / "out.md"
    args = [part.replace("{out}", str(out)) for part in command]
    result = ceocto(*args, "--db", str(empty))
    assert result.returncode != 0
    assert "is empty" in one_line(result.stderr)
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_init_creates_a_private_journal_for_the_pair(tmp_path):
    path = tmp_path / "ours.db"
    made = ceocto("init", str(path), "--a", "Sam Rivera", "--b", "Priya", "--title-b", "CPTO")
    assert (made.returncode, made.stderr) == (0, "")
    assert made.stdout == f"Created {path} for Sam Rivera (CEO) and Priya (CPTO).\n"
    assert partners(path) == [("A", "Sam Rivera", "CEO"), ("B", "Priya", "CPTO")]
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours.db"]
    assert check_journal(path) == []
    noted = ceocto("note", "First words", "--author", "Priya", "--db", str(path))
    assert noted.returncode == 0, noted.stderr


def test_init_fills_an_empty_file(tmp_path):
    path = tmp_path / "ours.db"
    path.touch()
    assert main(["init", str(path), "--a", "Sam", "--b", "Priya"]) == 0
    assert partners(path) == [("A", "Sam", "CEO"), ("B", "Priya", "CTO")]


def test_init_never_replaces_a_file(journal_path, capsys):
    before = digest(journal_path)
    assert main(["init", str(journal_path), "--a", "Sam", "--b", "Priya"]) == 2
    assert "already exists" in one_line(capsys.readouterr().err)
    assert digest(journal_path) == before


def test_init_with_the_same_name_twice_leaves_no_file(tmp_path, capsys):
    path = tmp_path / "ours.db"
    assert main(["init", str(path), "--a", "Alex", "--b", "alex"]) == 2
    assert "different names" in one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_backup_then_restore_from_the_shell(journal_path, tmp_path):
    ceocto("note", "In the backup", "--author", "A", "--db", str(journal_path))
    made = ceocto("backup", "--db", str(journal_path))
    assert made.returncode == 0, made.stderr
    (backup,) = (journal_path.parent / "backups").iterdir()
    assert made.stdout.startswith(f"Backed up {journal_path} to {backup} (")
    ceocto("note", "After the backup", "--author", "A", "--db", str(journal_path))
    restored = ceocto("restore", str(backup), "--db", str(journal_path))
    assert restored.returncode == 0, restored.stderr
    assert "the journal it replaced is kept as" in restored.stdout
    found = ceocto("search", "backup", "--json", "--db", str(journal_path))
    assert '"In the backup"' in found.stdout and "After the backup" not in found.stdout


def test_backup_to_a_file_never_replaces_it(journal_path, tmp_path, capsys):
    target = tmp_path / "copy.db"
    assert main(["backup", "--db", str(journal_path), "-o", str(target)]) == 0
    assert "Backed up" in capsys.readouterr().out
    before = digest(target)
    assert main(["backup", "--db", str(journal_path), "-o", str(target)]) == 1
    assert "already exists" in one_line(capsys.readouterr().err)
    assert digest(target) == before
    assert main(["backup", "--db", str(journal_path), "-o", str(journal_path)]) == 1
    assert "already exists" in one_line(capsys.readouterr().err)


def test_restore_of_another_pairs_backup_needs_force(journal_path, tmp_path, capsys):
    other = tmp_path / "other" / "theirs.db"
    other.parent.mkdir()
    assert main(["init", str(other), "--a", "Ada", "--b", "Linus"]) == 0
    before = digest(journal_path)
    assert main(["restore", str(other), "--db", str(journal_path)]) == 1
    assert "another pair's journal" in one_line(capsys.readouterr().err)
    assert digest(journal_path) == before
    assert main(["restore", str(other), "--db", str(journal_path), "--force"]) == 0
    assert partners(journal_path) == [("A", "Ada", "CEO"), ("B", "Linus", "CTO")]


def test_the_journal_commands_load_neither_qt_nor_matplotlib(journal_path, tmp_path):
    script = (
        "import sys\n"
        "from ceocto_desktop.cli.shell import main\n"
        f"assert main(['backup', '--db', {str(journal_path)!r}]) == 0\n"
        f"assert main(['init', {str(tmp_path / 'new.db')!r}, '--a', 'A1', '--b', 'B1']) == 0\n"
        f"assert main(['check', '--db', {str(tmp_path / 'new.db')!r}]) == 0\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'matplotlib')]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_two_shell_writers_at_once_do_not_lock_each_other_out(journal_path):
    def note(text: str) -> subprocess.Popen[str]:
        args = ["note", text, "--author", "A", "--db", str(journal_path)]
        return subprocess.Popen(
            [sys.executable, "-m", "ceocto_desktop", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    writers = [note("From the first shell"), note("From the second shell")]
    outcomes = [(w.wait(timeout=120), w.stderr.read() if w.stderr else "") for w in writers]
    assert outcomes == [(0, ""), (0, "")]
    assert not journal_path.with_name("journal.db.lock").exists()
    with sqlite3.connect(journal_path) as db:
        bodies = {row[0] for row in db.execute("SELECT body FROM notes")}
    db.close()
    assert bodies == {"From the first shell", "From the second shell"}
