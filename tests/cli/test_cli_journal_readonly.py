"""Reading a journal leaves nothing behind, and a read-only place is named as such."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import digest

NOBODY = 65534


@pytest.fixture
def place(journal_path: Path) -> Iterator[Path]:
    """A folder of a person who is not root (root ignores file modes), holding the journal."""
    folder = Path(tempfile.mkdtemp(prefix="ceocto-ro-"))
    folder.chmod(0o755)
    target = folder / "journal.db"
    shutil.copyfile(journal_path, target)
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
        os.chown(target, NOBODY, NOBODY)
    yield target
    folder.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def as_person(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ceocto_desktop", *args]
    if os.geteuid() == 0:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    env = dict(os.environ, HOME="/tmp", XDG_CONFIG_HOME="/tmp/x", XDG_DATA_HOME="/tmp/x")
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_check_and_search_of_a_read_only_journal_leave_nothing_behind(place):
    place.chmod(0o444)
    before = digest(place)
    checked = as_person("check", "--db", str(place))
    assert checked.returncode == 1
    assert (
        checked.stderr == f"ceocto: {place} is read-only: ceocto can read it but not write to it.\n"
    )
    found = as_person("search", "Sam", "--db", str(place))
    assert found.stderr == ""
    assert names(place.parent) == ["journal.db"]
    assert digest(place) == before
    # Made writable again, it takes a note: no 0444 -shm is left to break the write.
    place.chmod(0o644)
    added = as_person("note", "Back to normal", "--author", "A", "--db", str(place))
    assert (added.returncode, added.stderr) == (0, "")


def test_a_journal_in_a_read_only_folder_is_named_so_not_damaged(place):
    place.parent.chmod(0o555)
    before = digest(place)
    checked = as_person("check", "--db", str(place))
    assert checked.returncode == 1
    assert "damaged" not in checked.stderr
    assert f"the folder {place.parent} is read-only" in checked.stderr.lower()
    assert checked.stderr.count("\n") == 1 and checked.stderr.startswith("ceocto: ")
    found = as_person("search", "Sam", "--db", str(place))
    assert (found.returncode, found.stderr) == (1, "")
    added = as_person("note", "Lost?", "--author", "A", "--db", str(place))
    assert added.returncode != 0
    assert f"the folder {place.parent} is read-only" in added.stderr
    assert names(place.parent) == ["journal.db"]
    assert digest(place) == before


def test_a_read_only_journal_with_a_crash_left_wal_is_read_whole_and_left_as_it_was(place):
    from ceocto_desktop.models import Seat
    from ceocto_desktop.services.records.notes import create_note
    from ceocto_desktop.store import open_journal

    journal = open_journal(place)
    with journal.transaction() as session:
        create_note(session, Seat.A, "Only in the write-ahead log")
    wal = place.with_name("journal.db-wal")
    crashed = {path: path.read_bytes() for path in (place, wal)}  # as a killed window left it
    journal.close()
    for path, data in crashed.items():
        path.write_bytes(data)
        if os.geteuid() == 0:
            os.chown(path, NOBODY, NOBODY)
    place.chmod(0o444)
    found = as_person("search", "write-ahead", "--db", str(place))
    assert (found.returncode, found.stderr) == (0, "")
    assert "Only in the write-ahead log" in found.stdout
    assert names(place.parent) == ["journal.db", "journal.db-wal"]
    assert {path: path.read_bytes() for path in (place, wal)} == crashed
