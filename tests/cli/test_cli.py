"""The `ceocto` command as a person types it: demo, check, --version and mistakes."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from ceocto_desktop import __version__
from ceocto_desktop.cli.shell import main
from tests.cli.conftest import ceocto, digest


def test_demo_then_check_prints_ok(tmp_path):
    path = tmp_path / "d.db"
    made = ceocto("demo", str(path))
    assert made.returncode == 0, made.stderr
    assert "check-ins" in made.stdout and str(path) in made.stdout
    # Its dates in the one format of every page and report ("1 Dec 2025"), never ISO.
    assert re.search(r": \d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}, ", made.stdout)
    checked = ceocto("check", "--db", str(path))
    assert (checked.returncode, checked.stdout.strip(), checked.stderr) == (0, "ok", "")
    assert not list(tmp_path.glob("*.partial*"))


def test_demo_never_overwrites(tmp_path, capsys):
    path = tmp_path / "d.db"
    path.write_text("our real journal")
    assert main(["demo", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "our real journal"


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"ceocto {__version__}"


def _newer(tmp_path: Path) -> Path:
    path = tmp_path / "newer.db"
    assert main(["demo", str(path), "--notes", "10"]) == 0
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("UPDATE alembic_version SET version_num='9999_newer'")
    connection.close()
    return path


def _not_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not a journal" * 50)
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: tmp, "is a folder"),
        (_not_sqlite, "not an SQLite database"),
        (_newer, "newer version of ceocto"),
        (lambda tmp: tmp / "no-such-folder" / "j.db", "does not exist"),
        (lambda tmp: Path("/proc/version/j.db"), "is not a folder"),
    ],
    ids=["folder", "not-sqlite", "newer-schema", "missing-folder", "unwritable-place"],
)
def test_a_bad_db_is_one_clear_line_and_the_file_is_untouched(tmp_path, make, expected):
    path = make(tmp_path)
    before = digest(path) if path.is_file() else None
    for command in ([], ["check"]):
        args = [*command, "--db", str(path)]
        result = ceocto(*args)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("ceocto: ")
        if command == [] or expected != "does not exist":
            assert expected in lines[0]
    if before is not None:
        assert digest(path) == before


def test_a_read_only_journal_file_is_refused_for_the_window(tmp_path, capsys, monkeypatch):
    path = tmp_path / "j.db"
    assert main(["demo", str(path), "--notes", "5"]) == 0
    monkeypatch.setattr("os.access", lambda p, mode: not (Path(p) == path and mode == 2))
    assert main(["--db", str(path)]) == 1
    assert "read-only" in capsys.readouterr().err


def test_bad_arguments_are_one_message_not_a_traceback():
    result = ceocto("demo", "/tmp/x.db", "--years", "ten")
    assert result.returncode == 2
    assert "'ten' is not a whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_on_a_missing_journal_says_so(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "none.db")]) == 1
    assert "There is no journal" in capsys.readouterr().err
