"""Shell commands start light (issue 21): what each one loads, and that a note written
through the driver alone is the note the window and the services read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ceocto_desktop.models import Seat

# Runs one command in a fresh interpreter and prints the heavy packages it loaded.
PROBE = """
import sys
from ceocto_desktop.cli.shell import main
code = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'mako',
               'pygments', 'PySide6', 'matplotlib'})
print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)
"""


def loaded_by(*args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", "import json\n" + PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "command",
    [
        ["note", "Light start", "--author", "A"],
        ["search", "anything"],
        ["check"],
        ["backup", "-o", "{tmp}/copy.db"],
    ],
)
def test_shell_commands_on_a_current_journal_load_no_orm_and_no_alembic(
    journal_path: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    probe = loaded_by(*args, "--db", str(journal_path))
    assert probe["code"] in (0, 1)
    assert probe["heavy"] == []


def test_a_shell_note_reads_back_through_the_services_as_written(journal_path: Path) -> None:
    from ceocto_desktop.cli.shell import main
    from ceocto_desktop.services.records.notes import list_notes
    from ceocto_desktop.store import open_journal

    assert (
        main(
            [
                "note",
                "Runway review\n\nTwo slides",
                "--author",
                "priya",
                "--tag",
                "Board",
                "--tag",
                "#board",
                "--tag",
                "cash",
                "--db",
                str(journal_path),
            ]
        )
        == 0
    )
    journal = open_journal(journal_path)
    try:
        with journal.sessions() as session:
            (note,) = list_notes(session)
    finally:
        journal.close()
    assert note.body == "Runway review\n\nTwo slides"
    assert note.author.value == "B"
    assert note.tags == ("board", "cash")
    assert note.created_at.tzinfo is not None and note.created_at == note.updated_at
    assert not note.pinned


def test_a_shell_note_in_an_older_journal_upgrades_it_first(tmp_path: Path) -> None:
    from ceocto_desktop.cli.shell import main
    from ceocto_desktop.store import inspect_journal, migrate
    from ceocto_desktop.store.inspect import JournalState

    path = tmp_path / "old.db"
    migrate(path, "0003")
    assert inspect_journal(path).state is JournalState.OLDER
    assert main(["note", "After the upgrade", "--author", "A", "--db", str(path)]) == 0
    assert inspect_journal(path).state is JournalState.CURRENT


def test_a_search_that_leaves_at_once_has_written_every_line_first(
    journal_path: Path, tmp_path: Path
) -> None:
    # `ceocto search` ends with os._exit (no interpreter teardown): its output must be whole.
    from ceocto_desktop.services.records.notes import create_note
    from ceocto_desktop.store import open_journal

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        for number in range(30):
            create_note(session, Seat.A, f"Quokkaberry plan number {number}")
    journal.close()
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "ceocto_desktop", "search", "quokkaberry", "--limit", "30",
             "--json", "--db", str(journal_path)],
            stdout=handle, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(json.loads(out.read_text())) == 30
    nothing = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "search", "zzyzx", "--db", str(journal_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert nothing.returncode == 1 and nothing.stderr == ""


def test_the_benchmark_times_what_the_installed_command_runs() -> None:
    import tomllib

    root = Path(__file__).resolve().parents[2]
    entry = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]["ceocto"]
    module, function = entry.split(":")
    assert f"from {module} import {function}" in (root / "benchmarks" / "run.py").read_text()
