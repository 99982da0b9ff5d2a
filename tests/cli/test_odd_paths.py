"""Odd journal paths and arguments over every shell command: one line, never a traceback.

Table-driven: each command is run (in this process, through `main`) with each odd path as
its journal, and must answer with a `ceocto:` line (or succeed), change nothing outside the
scratch folder, and leave every file in it as it was. Issue 17's "Crashes" and "Proof".
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main

LONG = "x" * 5000


def _odd_paths(scratch: Path, journal: Path) -> dict[str, str]:
    (scratch / "plain.txt").write_text("not a journal")
    os.mkfifo(scratch / "fifo")
    (scratch / "dangling").symlink_to(scratch / "nowhere.db")
    (scratch / "loop").symlink_to(scratch / "loop")
    os.link(journal, scratch / "hard.db")
    return {
        "root": "/",
        "empty": "",
        "other user's home": "~nobody-ceocto-none/j.db",
        "inside a file": str(scratch / "plain.txt" / "inner.db"),
        "5000 characters": str(scratch / LONG),
        "5000 characters of folders": str(scratch) + "/ab" * 2500,
        "fifo": str(scratch / "fifo"),
        "/dev/null": "/dev/null",
        "/proc/self/mem": "/proc/self/mem",
        "dangling link": str(scratch / "dangling"),
        "link loop": str(scratch / "loop"),
        "hard link": str(scratch / "hard.db"),
        "not utf-8": os.fsdecode(bytes(scratch) + b"/j\xff.db"),
        "plain text": str(scratch / "plain.txt"),
    }


def _commands(db: str, out: Path, backup: Path) -> dict[str, list[str]]:
    return {
        "check": ["check", "--db", db],
        "search": ["search", "anything", "--db", db],
        "note": ["note", "hello", "--author", "A", "--db", db],
        "export": ["export", "board", "--format", "md", "-o", str(out), "--db", db],
        "export retro": [
            "export",
            "retro",
            "--quarter",
            "2026-Q3",
            "--format",
            "md",
            "-o",
            str(out),
            "--db",
            db,
        ],
        "backup": ["backup", "--db", db],
        "backup -o": ["backup", "--db", str(backup), "-o", db],
        "restore": ["restore", str(backup), "--db", db],
        "restore from": ["restore", db, "--db", str(backup)],
        "encrypt": ["encrypt", "--db", db],
        "decrypt": ["decrypt", "--db", db],
        "passphrase": ["passphrase", "--db", db],
        "init": ["init", db, "--a", "Sam", "--b", "Priya"],
        "demo": ["demo", db, "--notes", "3"],
    }


def _state(folder: Path) -> dict[str, tuple[int, str]]:
    found = {}
    for entry in sorted(folder.rglob("*")):
        info = entry.lstat()
        content = ""
        if stat.S_ISREG(info.st_mode):
            content = hashlib.sha256(entry.read_bytes()).hexdigest()
        found[str(entry.relative_to(folder))] = (info.st_mode, content)
    return found


ODD = [
    "root",
    "empty",
    "other user's home",
    "inside a file",
    "5000 characters",
    "5000 characters of folders",
    "fifo",
    "/dev/null",
    "/proc/self/mem",
    "dangling link",
    "link loop",
    "hard link",
    "not utf-8",
    "plain text",
]
# A new name that is merely odd: a journal may be made there (by restore, init or demo).
MAY_BE_MADE = {"not utf-8"}
COMMANDS = list(_commands("", Path(), Path()))


@pytest.mark.parametrize("odd", ODD)
def test_every_command_answers_an_odd_path_in_one_line(
    odd, tmp_path, journal_path, capsys, monkeypatch
):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.chdir(scratch)
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(tmp_path / "no-such-file"))
    backup = tmp_path / "backup.db"
    shutil.copyfile(journal_path, backup)
    paths = _odd_paths(scratch, backup)
    db = paths[odd]
    before = _state(tmp_path)
    commands = _commands(db, scratch / "out.md", backup)
    if odd not in MAY_BE_MADE:
        import ceocto_desktop.ui.start_shell as start_shell

        def no_window(path, quit_at=None):  # type: ignore[no-untyped-def]
            raise AssertionError(f"a window was opened on {path!r}")

        monkeypatch.setattr(start_shell, "start_window", no_window)
        commands["window"] = ["--db", db]
    for name, argv in commands.items():
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's own refusals (exit 2), with their line
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err, (name, err)
        assert "\udcff" not in out + err, (name, err)  # a non-UTF-8 name is shown readably
        if odd in MAY_BE_MADE and code == 0:
            assert "\\xff" in out, (name, out)
            made = set(_state(tmp_path)) - set(before)
            assert all(entry.startswith("scratch/") for entry in made), made
            before = _state(tmp_path)
            continue
        assert code != 0, (name, odd)
        assert err.startswith("ceocto: "), (name, odd, err)
        assert _state(tmp_path) == before, (name, odd)
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert stat.S_ISFIFO((scratch / "fifo").lstat().st_mode)


def test_a_home_folder_path_is_not_called_a_link(capsys):
    main(["check", "--db", "~nobody/j.db"])
    assert "is a link" not in capsys.readouterr().err


@pytest.mark.parametrize("quarter", ["9999-Q4", "0001-Q1", "1899-Q4"])
def test_a_quarter_beyond_the_calendar_is_one_line(journal_path, tmp_path, capsys, quarter):
    out = tmp_path / "retro.md"
    code = main(["export", "retro", "--quarter", quarter, "--format", "md", "-o", str(out),
                 "--db", str(journal_path)])  # fmt: skip
    err = capsys.readouterr().err
    assert code != 0 and "outside the years a journal covers" in err
    assert not out.exists()
