"""`ceocto export` from a shell: files written whole, mistakes one line and no file."""

from __future__ import annotations

import subprocess

import pytest

from tests.cli.conftest import ceocto


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    made = ceocto("demo", str(path), "--until", "2026-11-28", "--notes", "40")
    assert made.returncode == 0, made.stderr
    return str(path)


@pytest.mark.parametrize("file_format", ["md", "html", "pdf"])
def test_export_retro_in_each_format(demo, tmp_path, file_format):
    out = tmp_path / f"retro.{file_format}"
    result = ceocto(
        "export",
        "retro",
        "--quarter",
        "2026-Q3",
        "--format",
        file_format,
        "-o",
        str(out),
        "--db",
        demo,
    )
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert {"md": b"# Retrospective 2026-Q3", "html": b"<!DOCTYPE html>", "pdf": b"%PDF"}[
        file_format
    ] in data[:200]
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_export_board_defaults_to_the_next_meeting(demo, tmp_path):
    out = tmp_path / "brief.md"
    assert ceocto("export", "board", "--format", "md", "-o", str(out), "--db", demo).returncode == 0
    assert "Board brief" in out.read_text() and "22 Dec 2026" in out.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["retro", "--quarter", "2026-Q9"], "is not a quarter"),
        # A quarter not begun has no retrospective (not one of today's statuses).
        (["retro", "--quarter", "9000-Q1"], "ceocto: 9000-Q1 has not begun yet"),
        (["board", "--meeting", "2026-01-01"], "There is no board meeting on 1 Jan 2026."),
    ],
)
def test_an_unknown_quarter_or_meeting_is_one_line_and_no_file(demo, tmp_path, args, message):
    out = tmp_path / "x.md"
    result = ceocto("export", *args, "--format", "md", "-o", str(out), "--db", demo)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()


def test_an_unwritable_output_is_one_line(demo, tmp_path):
    out = tmp_path / "no-such-folder" / "r.pdf"
    result = ceocto(
        "export", "retro", "--quarter", "2026-Q3", "--format", "pdf", "-o", str(out), "--db", demo
    )
    assert result.returncode == 1 and "does not exist" in result.stderr


@pytest.mark.parametrize("file_format", ["md", "html", "pdf"])
def test_a_quarter_of_only_promises_exports_them_in_each_format(
    journal_path, tmp_path, file_format
):
    # The report of a quarter holding nothing but commitments said "Nothing was recorded".
    from datetime import date

    from ceocto_desktop.models import Seat
    from ceocto_desktop.services.weekly import commitments
    from ceocto_desktop.store import open_journal
    from tests.system_tools import require_tool

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        made = commitments.create_commitment(
            session, Seat.A, "Intro to the bank", date(2024, 5, 10)
        )
        commitments.complete_commitment(session, made.id, on=date(2024, 5, 9))
        gone = commitments.create_commitment(session, Seat.B, "Hire a contractor", date(2024, 6, 3))
        commitments.drop_commitment(session, gone.id, "Budget frozen", on=date(2024, 6, 1))
    journal.close()
    out = tmp_path / f"retro.{file_format}"
    result = ceocto(
        "export", "retro", "--quarter", "2024-Q2", "--format", file_format, "-o", str(out),
        "--db", str(journal_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    if file_format == "pdf":
        text = subprocess.run(
            [require_tool("pdftotext"), str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
    else:
        text = out.read_text()
    assert "Nothing was recorded" not in text
    assert "What we promised each other" in text
    assert "Budget frozen" in text
