"""What a person can do to `ceocto` from a shell: one `ceocto:` line, never a traceback.

These run the installed `ceocto` command in its own process, as a person's shell does.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from tests.cli.conftest import digest

CEOCTO = str(Path(sys.executable).with_name("ceocto"))


def ceocto(*args: str | bytes, **options) -> subprocess.CompletedProcess[str]:
    if "stdout" not in options:
        options["capture_output"] = True
    return subprocess.run([CEOCTO, *args], text=True, timeout=120, **options)


def notes_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT count(*) FROM notes").fetchone()[0]
    connection.close()
    return int(count)


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    """The message a person reads: a first line starting `ceocto:`, and no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("ceocto: "), result.stderr
    return result.stderr.splitlines()[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    made = ceocto("demo", str(path), "--until", "2026-11-28", "--notes", "40")
    assert made.returncode == 0, made.stderr
    return path


def test_a_closed_pipe_ends_quietly_like_grep(demo):
    # `ceocto search the | head -1`, made certain: the reader has gone before the first
    # line is written (with head, it depends on which process runs first).
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = ceocto("search", "the", "--db", str(demo), stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (141, "")


def test_a_closed_pipe_after_some_lines_is_quiet_too(demo):
    process = subprocess.Popen(
        f"'{CEOCTO}' search the --limit 500 --db '{demo}' | head -1",
        shell=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = process.communicate(timeout=120)
    assert len(out.splitlines()) == 1 and err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["note", b"caf\xe9 with the board", "--author", "A"],
        ["note", "fine text", "--author", "A", "--tag", b"\xff"],
        ["note", "fine text", "--author", b"\xff"],
        ["search", b"\xff"],
    ],
)
def test_text_that_is_not_utf8_is_named_and_nothing_changes(journal_path, args):
    before = digest(journal_path)
    result = ceocto(*args, "--db", str(journal_path))
    line = one_clear_line(result)
    assert result.returncode == 2
    assert "is not UTF-8 text" in line and "\\x" in line
    assert digest(journal_path) == before


def test_a_huge_limit_means_all_results(demo):
    result = ceocto("search", "the", "--limit", "99999999999999999999", "--db", str(demo))
    assert (result.returncode, result.stderr) == (0, "")
    everything = ceocto("search", "the", "--limit", "100000", "--db", str(demo))
    assert result.stdout == everything.stdout and result.stdout.count("\n") > 40


def test_a_limit_that_is_not_a_number_is_one_line(demo):
    result = ceocto("search", "the", "--limit", "9" * 5000, "--db", str(demo))
    assert result.returncode == 2
    assert "is not a whole number" in one_clear_line(result)


def test_a_100_kb_query_gets_a_clear_answer(demo):
    result = ceocto("search", "the board " * 10_000, "--db", str(demo))
    assert result.returncode == 2
    assert one_clear_line(result) == (
        "ceocto: A search takes at most 1,000 characters; this one has 100,000."
    )
    words = ceocto("search", " ".join(f"w{i}" for i in range(100)), "--db", str(demo))
    assert one_clear_line(words) == "ceocto: A search takes at most 64 words; this one has 100."
    assert ceocto("search", "webinar series", "--db", str(demo)).returncode == 0


# The journal is given no room to grow: SQLite then answers SQLITE_FULL ("database or disk
# is full"), exactly as it does when the disk itself is full. Every connection of ours,
# through the ORM or the driver alone (`ceocto note`), is made by driver.connect.
FULL_DISK = """
import sys
from ceocto_desktop.store import driver

_connect = driver.connect

def _no_room(*args, **kwargs):
    connection = _connect(*args, **kwargs)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    return connection

driver.connect = _no_room

from ceocto_desktop.cli.shell import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_full_disk_during_a_note_is_one_line_and_changes_nothing(journal_path):
    before = digest(journal_path)
    note = ["note", "x" * 120_000, "--author", "A", "--db", str(journal_path)]
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, *note],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert one_clear_line(result).startswith("ceocto: the disk is full; nothing was written.")
    assert digest(journal_path) == before and notes_in(journal_path) == 0
    assert ceocto("note", "room again", "--author", "A", "--db", str(journal_path)).returncode == 0
    assert notes_in(journal_path) == 1


def test_a_journal_another_program_is_writing_is_one_line(journal_path, monkeypatch, capsys):
    from ceocto_desktop.cli.shell import main
    from ceocto_desktop.store import engine, writer

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)  # not the 5 s a person would wait
    monkeypatch.setattr(writer, "BUSY_TIMEOUT_MS", 50)  # (`ceocto note` uses the driver alone)
    # The same SQLite library as ceocto's: in one process, another library's locks are
    # invisible (that is how two libraries corrupt a file, and why ceocto has one driver).
    holder = sqlcipher3.connect(str(journal_path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["note", "while it is busy", "--author", "A", "--db", str(journal_path)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert capsys.readouterr().err == (
        f"ceocto: another program is writing to {journal_path}; nothing was written. "
        "Try again in a moment.\n"
    )
    assert notes_in(journal_path) == 0


def test_a_damaged_journal_is_one_line_and_left_as_it_was(journal_path):
    with sqlite3.connect(journal_path) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'notes'"
        ).fetchone()[0]
    connection.close()
    with journal_path.open("r+b") as handle:  # a page of the notes table overwritten
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * (page_size - 1))
    before = digest(journal_path)
    for args in (["note", "hello", "--author", "A"], ["check"]):
        result = ceocto(*args, "--db", str(journal_path))
        assert result.returncode != 0
        one_clear_line(result)
        assert result.stderr.count("\n") == 1
    assert digest(journal_path) == before
