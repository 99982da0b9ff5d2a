"""Notes as a journal reads them: newest first, with a Markdown excerpt, found by words or tags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import Note, Seat, Tag
from ceocto_desktop.services.common import plain_text
from ceocto_desktop.services.note_titles import plain_title
from ceocto_desktop.services.rows import (
    NoteFilter,
    Page,
    note_first_line,
    note_tags_text,
    note_where,
)

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
    first_line = note_first_line()
    excerpt = func.substr(Note.body, 1, EXCERPT).label("excerpt")
    query = select(Note.id, Note.created_at, Note.author, Note.pinned, first_line, tags, excerpt)
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
            plain_title(r.first_line),
            " ".join(sorted((r.tags or "").split())),
            r.excerpt,
        )
        for r in session.execute(query)
    ]


def count_journal_entries(session: Session, where: NoteFilter) -> int:
    """How many notes the filter keeps."""
    return session.scalar(_filtered(select(func.count(Note.id)), where)) or 0
