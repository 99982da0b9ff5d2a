"""Entries of another journal app (jrnl, Day One) as notes: preview first, then one write.

A reader (`import_jrnl`, `import_dayone`) turns a file into an `ImportPreview` without
touching the journal, or raises `ImportFileError` naming the entry at fault. `apply_import`
then writes the notes in the caller's transaction, skipping entries an earlier import
brought in already (`import_sources` keeps each entry's own id).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import ImportSource, Seat, Tag, new_id
from ceocto_desktop.services.demo.bulk import indexed_at_the_end
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records.notes import clean_tag

CHUNK = 5000
# Above this many new notes the search index is rebuilt once instead of row by row.
REBUILD_INDEX_FROM = 2000
SOURCES = {"jrnl": "jrnl", "dayone": "Day One"}


class ImportFileError(Exception):
    """A file that cannot be imported as it is; nothing was written."""


@dataclass(frozen=True)
class ImportedEntry:
    """One entry as it will become a note."""

    source_id: str
    written: datetime  # the wall-clock time where it was written (naive)
    text: str  # the note's Markdown; its first line is the title
    tags: tuple[str, ...]
    pinned: bool
    media_left_out: int = 0


@dataclass(frozen=True)
class ImportPreview:
    """What a file holds, shown before anything is written."""

    path: Path
    source: str  # "jrnl" or "dayone"
    kind: str  # "JSON export", "journal file", "Day One zip"…
    entries: tuple[ImportedEntry, ...]

    @property
    def first_day(self) -> date | None:
        """The day of the earliest entry."""
        return min(e.written for e in self.entries).date() if self.entries else None

    @property
    def last_day(self) -> date | None:
        """The day of the latest entry."""
        return max(e.written for e in self.entries).date() if self.entries else None

    @property
    def tags(self) -> list[tuple[str, int]]:
        """The tags the entries carry with how many carry each, most used first."""
        counts = Counter(tag for entry in self.entries for tag in entry.tags)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @property
    def media_left_out(self) -> int:
        """Photos and other attachments mentioned but not imported."""
        return sum(entry.media_left_out for entry in self.entries)


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    added: int
    already_there: int


def entry_label(number: int, written: datetime | str, title: str) -> str:
    """How a message names an entry: its number, date and the start of its title."""
    when = written if isinstance(written, str) else f"{written:%Y-%m-%d %H:%M}"
    start = " ".join(title.split())
    start = start if len(start) <= 40 else start[:39] + "…"
    return f"entry {number} ({when}" + (f", '{start}')" if start else ")")


_SYMBOLS = re.compile(r"^[^\w]+")


@functools.lru_cache(maxsize=4096)
def _clean_one(tag: str) -> str:
    # The same few tags recur across thousands of entries: clean each spelling once.
    bare = _SYMBOLS.sub("", tag)
    return clean_tag(bare) if bare else ""


def clean_tags(raw: Iterable[str], label: Callable[[], str]) -> tuple[str, ...]:
    """Tags without their symbol (@, #, +…), lower case, each once; empty ones dropped."""
    found: list[str] = []
    for tag in raw:
        try:
            name = _clean_one(tag)
        except ValidationError as exc:
            raise ImportFileError(f"{label()}: {exc.message}") from None
        if name and name not in found:
            found.append(name)
    return tuple(found)


def _known_ids(session: Session, source: str) -> set[str]:
    query = select(ImportSource.source_id).where(ImportSource.source == source)
    return set(session.scalars(query))


def _tag_ids(session: Session, names: set[str]) -> dict[str, int]:
    known = {t.name: t.id for t in session.scalars(select(Tag).where(Tag.name.in_(names)))}
    missing = sorted(names - set(known))
    if missing:
        session.execute(insert(Tag), [{"name": name} for name in missing])
        added = session.scalars(select(Tag).where(Tag.name.in_(missing)))
        known.update({tag.name: tag.id for tag in added})
    return known


# Straight to the driver: at 100,000 notes the ORM's per-row bookkeeping costs more than
# SQLite's own work. Times in the format SQLAlchemy's SQLite DateTime stores and reads.
_NOTE_SQL = (
    "INSERT INTO notes (id, created_at, updated_at, author, body, pinned) VALUES (?, ?, ?, ?, ?, ?)"
)
_TAG_SQL = "INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)"
_SOURCE_SQL = "INSERT INTO import_sources (source, source_id, note_id) VALUES (?, ?, ?)"
_STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"


def _write(
    session: Session,
    source: str,
    entries: list[ImportedEntry],
    author: Seat,
    progress: Callable[[int, int], None] | None,
) -> None:
    tag_ids = _tag_ids(session, {tag for entry in entries for tag in entry.tags})
    connection = session.connection()
    seat = author.value
    for start in range(0, len(entries), CHUNK):
        chunk = entries[start : start + CHUNK]
        notes: list[tuple[object, ...]] = []
        links: list[tuple[str, int]] = []
        sources: list[tuple[str, str, str]] = []
        for entry in chunk:
            note_id = new_id()
            # The wall-clock time read as this machine's local time, stored in UTC.
            moment = entry.written.astimezone(UTC).strftime(_STORED_TIME)
            notes.append((note_id, moment, moment, seat, entry.text, int(entry.pinned)))
            links.extend((note_id, tag_ids[t]) for t in entry.tags)
            sources.append((source, entry.source_id, note_id))
        connection.exec_driver_sql(_NOTE_SQL, notes)
        if links:
            connection.exec_driver_sql(_TAG_SQL, links)
        connection.exec_driver_sql(_SOURCE_SQL, sources)
        if progress is not None:
            progress(start + len(chunk), len(entries))


def apply_import(
    session: Session,
    preview: ImportPreview,
    author: Seat,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write the preview's entries as author's notes; those imported before are skipped."""
    known = _known_ids(session, preview.source)
    fresh: list[ImportedEntry] = []
    for entry in preview.entries:
        if entry.source_id not in known:
            known.add(entry.source_id)
            fresh.append(entry)
    if len(fresh) >= REBUILD_INDEX_FROM:
        with indexed_at_the_end(session, ("notes",)):
            _write(session, preview.source, fresh, author, progress)
    else:
        _write(session, preview.source, fresh, author, progress)
    session.flush()
    return ImportResult(added=len(fresh), already_there=len(preview.entries) - len(fresh))


def read_import(path: Path, source: str) -> ImportPreview:
    """Read a jrnl or Day One file into a preview; ImportFileError names what is wrong."""
    if source == "jrnl":
        from ceocto_desktop.services.inout.import_jrnl import read_jrnl

        return read_jrnl(path)
    if source == "dayone":
        from ceocto_desktop.services.inout.import_dayone import read_dayone

        return read_dayone(path)
    raise ImportFileError(f"Unknown source {source}; choose jrnl or dayone.")


def read_bytes(path: Path, what: str) -> bytes:
    """A file's bytes, or a clear message for a missing file, a folder, a refused read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not {what}.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
