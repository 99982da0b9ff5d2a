"""A note's size limit, and a note over it (written by an older version) read in part."""

from __future__ import annotations

import pytest

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.page_data import load_overview
from ceocto_desktop.services.records import notes
from ceocto_desktop.services.records.notes import NOTE_MAX
from ceocto_desktop.services.records.notes_journal import (
    EXCERPT,
    OVERSIZED_SHOWN,
    note_for_window,
    note_heading,
)

LINE = "Minutes of the Ardennes call, word for word. "


def huge_note(session, size: int) -> str:  # type: ignore[no-untyped-def]
    """A note as an older version let in: written past the services' limit."""
    head = "# Huge minutes\n"
    body = head + (LINE * (size // len(LINE) + 1))[: size - len(head)]
    record = Note(author=Seat.B, body=body)
    session.add(record)
    session.flush()
    return record.id


def test_a_note_of_the_limit_is_kept_and_one_more_character_is_refused(session):
    written = notes.create_note(session, Seat.A, "x" * NOTE_MAX)
    assert len(notes.get_note(session, written.id).body) == NOTE_MAX
    with pytest.raises(ValidationError) as refused:
        notes.create_note(session, Seat.A, "y" * (NOTE_MAX + 1))
    assert refused.value.field == "body"
    assert refused.value.message == (
        "A note holds at most 1,000,000 characters and this one has 1,000,001; "
        "split it into several notes. Nothing was saved."
    )
    assert [n.id for n in notes.list_notes(session)] == [written.id]


def test_an_edit_past_the_limit_is_refused_and_the_note_stays(session):
    written = notes.create_note(session, Seat.A, "Short and sweet")
    with pytest.raises(ValidationError, match="at most 1,000,000 characters"):
        notes.update_note(session, written.id, body="z" * (NOTE_MAX + 5))
    assert notes.get_note(session, written.id).body == "Short and sweet"


def test_the_editor_gets_a_huge_notes_start_and_its_whole_length(session):
    big = huge_note(session, 3 * NOTE_MAX)
    small = notes.create_note(session, Seat.A, "A small note").id
    shown = note_for_window(session, big)
    assert shown.oversized and shown.length == 3 * NOTE_MAX
    assert len(shown.view.body) == OVERSIZED_SHOWN
    assert shown.view.body.startswith("# Huge minutes\nMinutes of the Ardennes call")
    whole = note_for_window(session, small)
    assert not whole.oversized and whole.view.body == "A small note" and whole.length == 12
    assert note_heading(session, big) == "Huge minutes"  # plain text, as every title


def test_the_overview_reads_an_excerpt_of_each_recent_note_never_the_whole(session):
    huge_note(session, 2 * NOTE_MAX)
    (entry,) = load_overview(session).notes
    assert len(entry.excerpt) == EXCERPT
    assert entry.first_line.startswith("Huge minutes Minutes of the Ardennes")  # a plain-text title


def test_a_search_hit_in_a_very_long_note_shows_its_start_with_the_word_marked(journal):
    # FTS5's own snippet walks every hit of a long text (minutes on 50 MB, see
    # benchmarks/README.md); past SNIPPET_MAX the hit shows the note's start instead.
    import sqlcipher3.dbapi2 as sqlite3

    from ceocto_desktop.services.search import SNIPPET_MAX, search

    with journal.transaction() as session:
        long_id = huge_note(session, SNIPPET_MAX + 1)
        short = notes.create_note(session, Seat.A, "Ardennes Logistique signed").id
    with sqlite3.connect(journal.path) as connection:
        hits = {hit.record_id: hit for hit in search(connection, "ardennes")}
    assert set(hits) == {long_id, short}
    assert hits[long_id].title.startswith("Huge minutes Minutes of the Ardennes")
    assert hits[long_id].snippet == (
        "# Huge minutes\nMinutes of the [Ardennes] call, word for word. Minutes of the Ard…"
    )
    assert "[Ardennes]" in hits[short].snippet
