"""`ceocto note` and `ceocto search` from a shell: ids, JSON, exit codes like grep."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import ceocto


@pytest.fixture
def journal(journal_path):
    return str(journal_path)


def test_a_note_from_the_shell_is_found_by_search(journal):
    added = ceocto(
        "note", "Board prep: runway slide", "--author", "priya", "--tag", "board", "--db", journal
    )
    assert added.returncode == 0, added.stderr
    note_id = added.stdout.strip()
    assert len(note_id) == 36
    found = ceocto("search", "runway", "--json", "--db", journal)
    assert found.returncode == 0
    hits = json.loads(found.stdout)
    assert [(h["kind"], h["record_id"], h["author"]) for h in hits] == [("note", note_id, "B")]
    assert "[runway]" in hits[0]["snippet"]
    text = ceocto("search", "runway", "--db", journal)
    assert "note" in text.stdout and "Board prep" in text.stdout


def test_no_result_exits_1_like_grep(journal):
    result = ceocto("search", "nothing-like-this", "--db", journal)
    assert (result.returncode, result.stdout) == (1, "")


def test_filters_by_type_and_author(journal):
    ceocto("note", "Pricing talk", "--author", "A", "--db", journal)
    assert ceocto("search", "pricing", "--type", "goal", "--db", journal).returncode == 1
    assert ceocto("search", "pricing", "--author", "B", "--db", journal).returncode == 1
    assert (
        ceocto("search", "pricing", "--type", "note", "--author", "A", "--db", journal).returncode
        == 0
    )


def test_a_stranger_as_author_changes_nothing(journal):
    result = ceocto("note", "Hello", "--author", "Bob", "--db", journal)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "ceocto: 'Bob' is not a partner here; use A, B, Sam Rivera or Priya Natarajan."
    )
    assert ceocto("search", "hello", "--db", journal).returncode == 1


def test_an_empty_note_is_refused(journal):
    result = ceocto("note", "   ", "--author", "A", "--db", journal)
    assert result.returncode == 2 and "cannot be empty" in result.stderr


def test_search_on_a_missing_journal_is_one_line(tmp_path):
    result = ceocto("search", "x", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"ceocto: There is no journal at {tmp_path / 'none.db'}."


def test_a_note_over_the_size_limit_is_refused_in_one_line(journal):
    # One argument holds at most 128 KiB, so a shell passes a long note as many words.
    words = ["w" * 120_000] * 9
    result = ceocto("note", *words, "--author", "A", "--db", journal)
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "ceocto: A note holds at most 1,000,000 characters and this one has 1,080,008; "
        "split it into several notes. Nothing was saved."
    )
    assert ceocto("search", "w", "--db", journal).returncode == 1


def test_search_finds_a_commitment_by_what_was_asked(journal_path):
    from datetime import date

    from ceocto_desktop.models import Seat
    from ceocto_desktop.services.weekly import commitments
    from ceocto_desktop.store import open_journal

    opened = open_journal(journal_path)
    with opened.transaction() as session:
        asked = commitments.ask_for_commitment(
            session, Seat.A, "Join the Ardennes pricing call", date(2026, 12, 11)
        )
        commitments.counter_commitment(session, asked.id, "Send the security answers")
    opened.close()
    found = ceocto("search", "ardennes", "--json", "--db", str(journal_path))
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert [(h["kind"], h["record_id"], h["title"]) for h in hits] == [
        ("commitment", asked.id, "Send the security answers")
    ]
