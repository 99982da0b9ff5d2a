"""Entries of another journal app (jrnl, Day One) as notes: preview first, then one write.

A reader (`import_jrnl`, `import_dayone`) turns a file into an `ImportPreview` without
touching the journal, or raises `ImportFileError` naming the entry at fault. `apply_import`
then writes the notes in the caller's transaction, skipping entries an earlier import
brought in already (`import_sources` keeps each entry's own id).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import ImportSource, Note, Seat, Tag, new_id, note_tags
from ceocto_desktop.services.demo_bulk import indexed_at_the_end
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.notes import clean_tag

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


def clean_tags(raw: Iterable[str], label: str) -> tuple[str, ...]:
    """Tags without their symbol (@, #, +…), lower case, each once; empty ones dropped."""
    found: list[str] = []
    for tag in raw:
        bare = re.sub(r"^[^\w]+", "", tag)
        if not bare:
            continue
        try:
            name = clean_tag(bare)
        except ValidationError as exc:
            raise ImportFileError(f"{label}: {exc.message}") from None
        if name not in found:
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


def _write(
    session: Session,
    source: str,
    entries: list[ImportedEntry],
    author: Seat,
    progress: Callable[[int, int], None] | None,
) -> None:
    tag_ids = _tag_ids(session, {tag for entry in entries for tag in entry.tags})
    for start in range(0, len(entries), CHUNK):
        chunk = entries[start : start + CHUNK]
        notes: list[dict[str, object]] = []
        links: list[dict[str, object]] = []
        sources: list[dict[str, object]] = []
        for entry in chunk:
            note_id = new_id()
            moment = entry.written.astimezone(UTC)  # read as this machine's local time
            notes.append(
                {
                    "id": note_id,
                    "created_at": moment,
                    "updated_at": moment,
                    "author": author,
                    "body": entry.text,
                    "pinned": entry.pinned,
                }
            )
            links.extend({"note_id": note_id, "tag_id": tag_ids[t]} for t in entry.tags)
            sources.append({"source": source, "source_id": entry.source_id, "note_id": note_id})
        session.execute(insert(Note), notes)
        if links:
            session.execute(insert(note_tags), links)
        session.execute(insert(ImportSource), sources)
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
        from ceocto_desktop.services.import_jrnl import read_jrnl

        return read_jrnl(path)
    if source == "dayone":
        from ceocto_desktop.services.import_dayone import read_dayone

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
