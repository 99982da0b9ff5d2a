"""A note's opening words serve as its title as plain text: no Markdown syntax in search
results (shell and palette), the recent list or the notes table."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlcipher3.dbapi2 as sqlite3

from ceocto_desktop.models import Seat
from ceocto_desktop.services import search
from ceocto_desktop.services.records.note_rows import NoteFilter
from ceocto_desktop.services.records.note_titles import plain_title
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.services.records.notes_journal import journal_entries
from ceocto_desktop.services.records.paging import Page

MEETING = "## Partner meeting, 17 December\n\n- **Runway**: 19 months\n- `hiring`"


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        ("## Partner meeting, Wednesday 17 December", "Partner meeting, Wednesday 17 December"),
        ("# Board prep #", "Board prep"),
        ("> **Runway** is 19 months", "Runway is 19 months"),
        ("- [ ] call Kestrel Fund", "call Kestrel Fund"),
        ("3. third point", "third point"),
        ("*Quiet* week, _no_ pages", "Quiet week, no pages"),
        ("***Both*** and ~~dropped~~", "Both and dropped"),
        ("See [the plan](https://example.org/plan) ![chart](c.png)", "See the plan chart"),
        ("Use `git bisect` first", "Use git bisect first"),
        ("<https://example.org> for details", "https://example.org for details"),
        ("Offsite\n=======\nagenda", "Offsite agenda"),
        ("**Partner meeting, Wednes", "Partner meeting, Wednes"),  # cut by the title's length
        ("A [link cut](https://exam", "A link cut"),
        ("snake_case_name, 2*3*4, c++ and c#", "snake_case_name, 2*3*4, c++ and c#"),
        (r"5 \* 3 is \_fifteen\_", "5 * 3 is _fifteen_"),
    ],
)
def test_markdown_syntax_is_left_out_of_a_title(markdown, title):
    assert plain_title(markdown) == title


def test_search_and_recent_records_title_a_heading_note_in_plain_text(journal):
    with journal.transaction() as session:
        note_id = create_note(session, Seat.A, MEETING).id
    # The app's own SQLite library, as the palette and the shell use.
    with sqlite3.connect(journal.path) as connection:
        hits = search.search(connection, "runway")
        latest = search.recent(connection)
    assert [(h.record_id, h.title) for h in hits] == [
        (note_id, "Partner meeting, 17 December Runway: 19 months hiring")
    ]
    assert latest[0].title == hits[0].title


def test_the_notes_table_and_journal_title_a_heading_note_in_plain_text(session):
    create_note(session, Seat.B, MEETING)
    session.commit()
    entry = journal_entries(session, NoteFilter(), Page())[0]
    assert entry.first_line == "Partner meeting, 17 December Runway: 19 months hiring"


def test_ceocto_search_json_titles_a_heading_note_in_plain_text(journal_path):
    def ceocto(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ceocto_desktop", *args, "--db", str(journal_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert ceocto("note", MEETING, "--author", "A").returncode == 0
    found = ceocto("search", "runway", "--json")
    assert found.returncode == 0, found.stderr
    assert [h["title"] for h in json.loads(found.stdout)] == [
        "Partner meeting, 17 December Runway: 19 months hiring"
    ]
