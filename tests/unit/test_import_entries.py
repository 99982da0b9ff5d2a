"""apply_import: progress in chunks for a long import, each entry once even within one file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from ceocto_desktop.models import ImportSource, Note, Seat
from ceocto_desktop.services.inout.import_entries import ImportedEntry, ImportPreview, apply_import


def _preview(count: int, *, repeat_first: bool = False) -> ImportPreview:
    start = datetime(2020, 1, 1, 9, 0)
    entries = [
        ImportedEntry(
            source_id=f"id-{n}",
            written=start + timedelta(hours=n),
            text=f"Entry {n}\nbody",
            tags=("work",) if n % 2 else (),
            pinned=False,
        )
        for n in range(count)
    ]
    if repeat_first:
        entries.append(entries[0])
    return ImportPreview(path=Path("x.json"), source="jrnl", kind="test", entries=tuple(entries))


def test_a_long_import_reports_its_progress_chunk_by_chunk(session):
    seen: list[tuple[int, int]] = []
    result = apply_import(session, _preview(12_000), Seat.B, lambda d, t: seen.append((d, t)))
    assert seen == [(5000, 12000), (10000, 12000), (12000, 12000)]
    assert result.added == 12_000
    assert session.scalar(select(func.count()).select_from(Note)) == 12_000
    # The search index was rebuilt after the bulk insert: an imported note is found.
    from ceocto_desktop.services.search import search

    hits = search(session.connection().connection.dbapi_connection, "Entry 11999", limit=5)
    assert hits and hits[0].title.startswith("Entry 11999")


def test_an_entry_twice_in_one_file_becomes_one_note(session):
    result = apply_import(session, _preview(3, repeat_first=True), Seat.A)
    assert (result.added, result.already_there) == (3, 1)
    assert session.scalar(select(func.count()).select_from(ImportSource)) == 3
