"""`ceocto demo PATH` takes its name exclusively: a file made meanwhile is never replaced."""

from __future__ import annotations

import errno
import os
import sqlite3

from ceocto_desktop.cli.shell import main
from ceocto_desktop.services.demo import file as demo_file


def test_a_file_created_while_the_demo_generates_is_kept(tmp_path, monkeypatch, capsys):
    target = tmp_path / "journal.db"
    generate = demo_file.write_demo_journal

    def another_program_saves_there(session, options, progress=None):
        summary = generate(session, options, progress)
        target.write_text("a journal saved by another program meanwhile")
        return summary

    monkeypatch.setattr(demo_file, "write_demo_journal", another_program_saves_there)
    assert main(["demo", str(target), "--notes", "5", "--until", "2026-11-28"]) == 1
    assert capsys.readouterr().err == (
        f"ceocto: {target} already exists; the demo never overwrites a file.\n"
    )
    assert target.read_text() == "a journal saved by another program meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["journal.db"]  # nothing of ours left


def test_a_demo_journal_is_whole_under_its_name(tmp_path, capsys):
    target = tmp_path / "demo.db"
    assert main(["demo", str(target), "--notes", "5", "--until", "2026-11-28"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["demo.db"]
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (5,)
    connection.close()


def test_a_dangling_link_is_not_followed(tmp_path, capsys):
    target = tmp_path / "demo.db"
    target.symlink_to(tmp_path / "elsewhere.db")
    assert main(["demo", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere.db").exists() and target.is_symlink()


def test_a_full_disk_while_generating_leaves_nothing(tmp_path, monkeypatch, capsys):
    target = tmp_path / "demo.db"

    def disk_fills_up(session, options, progress=None):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(demo_file, "write_demo_journal", disk_fills_up)
    assert main(["demo", str(target)]) == 1
    assert capsys.readouterr().err.startswith(f"ceocto: the disk is full; {target} was not")
    assert list(tmp_path.iterdir()) == []
