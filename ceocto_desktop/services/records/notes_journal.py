"""Notes as a journal reads them: newest first, with a Markdown excerpt, found by words or tags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, defer

from ceocto_desktop.models import Note, Seat, Tag
from ceocto_desktop.services.common import plain_text
from ceocto_desktop.services.errors import NotFoundError
from ceocto_desktop.services.records.note_rows import NoteFilter, note_tags_text, note_where
from ceocto_desktop.services.records.note_titles import plain_title
from ceocto_desktop.services.records.notes import NOTE_MAX, NoteView, note_view
from ceocto_desktop.services.records.paging import Page

FIRST_LINE = 120
# Of a note over NOTE_MAX, the start the editor shows read-only: a long read, quick to lay
# out even as one paragraph.
OVERSIZED_SHOWN = 100_000
EXCERPT = 700  # characters of Markdown a list entry renders (the editor shows the whole)


@dataclass(frozen=True)
class NoteEntry:
    """One note as the journal's list shows it."""

    id: str
    created_at: datetime
    author: Seat
    pinned: bool
    first_line: str
    tags: str  # "#board #investors", as the table showed them
    excerpt: str  # the start of the Markdown body, line breaks kept

    @property
    def tag_names(self) -> tuple[str, ...]:
        """The tags without their "#"."""
        return tuple(t.lstrip("#") for t in self.tags.split())


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matching(query: Any, text: str) -> Any:
    """Each word must match: "#word" a tag starting so, any other the body or a tag."""
    for word in plain_text(text).split():
        tag_like = Note.tags.any(
            Tag.name.like(_escaped(word.lstrip("#").lower()) + "%", escape="\\")
        )
        if word.startswith("#"):
            if word.strip("#"):
                query = query.where(tag_like)
            continue
        pattern = f"%{_escaped(word)}%"
        query = query.where(
            or_(
                Note.body.ilike(pattern, escape="\\"),
                Note.tags.any(Tag.name.like(f"%{_escaped(word.lower())}%", escape="\\")),
            )
        )
    return query


def _filtered(query: Any, where: NoteFilter) -> Any:
    plain = NoteFilter(tag=where.tag, pinned_only=where.pinned_only, author=where.author)
    return _matching(note_where(query, plain), where.text)


def journal_entries(session: Session, where: NoteFilter, page: Page) -> list[NoteEntry]:
    """One page of notes, newest first, each with its tags and a Markdown excerpt."""
    tags = note_tags_text()
    # The excerpt is read once, and never the whole body (a huge note costs one read).
    excerpt = func.substr(Note.body, 1, EXCERPT).label("excerpt")
    query = select(Note.id, Note.created_at, Note.author, Note.pinned, tags, excerpt)
    query = (
        _filtered(query, where)
        .order_by(Note.created_at.desc(), Note.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    return [
        NoteEntry(
            r.id,
            r.created_at,
            r.author,
            r.pinned,
            plain_title(r.excerpt[:FIRST_LINE]),
            " ".join(sorted((r.tags or "").split())),
            r.excerpt,
        )
        for r in session.execute(query)
    ]


def count_journal_entries(session: Session, where: NoteFilter) -> int:
    """How many notes the filter keeps."""
    return session.scalar(_filtered(select(func.count()).select_from(Note), where)) or 0


@dataclass(frozen=True)
class NoteForWindow:
    """A note as the editor gets it: the body whole, or its start when over NOTE_MAX."""

    view: NoteView  # body: whole, or the first OVERSIZED_SHOWN characters when oversized
    length: int  # the whole body's length, in characters

    @property
    def oversized(self) -> bool:
        """Longer than a note may be (written by an older version): shown in part, read-only."""
        return self.length > NOTE_MAX


def note_for_window(session: Session, note_id: str) -> NoteForWindow:
    """The note with at most NOTE_MAX characters of its body read (a 50 MB one stays fast)."""
    record = session.scalars(
        select(Note).options(defer(Note.body)).where(Note.id == note_id)
    ).one_or_none()
    if record is None:
        raise NotFoundError(f"No note with id {note_id} in this journal.")
    length = int(session.scalar(select(func.length(Note.body)).where(Note.id == note_id)) or 0)
    shown = NOTE_MAX if length <= NOTE_MAX else OVERSIZED_SHOWN
    head = session.scalar(select(func.substr(Note.body, 1, shown)).where(Note.id == note_id))
    return NoteForWindow(note_view(record, body=str(head or "")), length)


def note_heading(session: Session, note_id: str) -> str:
    """The note's first line as plain text, as an undo step names it."""
    head = session.scalar(select(func.substr(Note.body, 1, 200)).where(Note.id == note_id))
    if head is None:
        raise NotFoundError(f"No note with id {note_id} in this journal.")
    return plain_title(str(head).split("\n", 1)[0])
