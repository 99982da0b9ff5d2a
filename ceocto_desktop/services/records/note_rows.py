"""The notes table's rows, filtered, sorted and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import (
    Note,
    Seat,
    Tag,
    note_tags,
)
from ceocto_desktop.services.common import plain_text
from ceocto_desktop.services.records.note_titles import plain_title
from ceocto_desktop.services.records.paging import AnySelect, Page, like, ordered


@dataclass(frozen=True)
class NoteFilter:
    tag: str = ""
    pinned_only: bool = False
    author: Seat | None = None
    text: str = ""


@dataclass(frozen=True)
class NoteRow:
    id: str
    created_at: datetime
    author: Seat
    pinned: bool
    first_line: str
    tags: str


def note_where(query: AnySelect, where: NoteFilter) -> AnySelect:
    if where.tag:
        tag = plain_text(where.tag).strip().lstrip("#").strip().lower()
        query = query.where(Note.tags.any(Tag.name == tag))
    if where.pinned_only:
        query = query.where(Note.pinned.is_(True))
    if where.author is not None:
        query = query.where(Note.author == where.author)
    if where.text.strip():
        query = query.where(Note.body.ilike(like(where.text), escape="\\"))
    return query


def note_tags_text() -> Any:
    """A note's tags as one text ("#hiring #board"), as a column of a notes query."""
    return (
        select(func.group_concat("#" + Tag.name, " "))
        .join(note_tags, note_tags.c.tag_id == Tag.id)
        .where(note_tags.c.note_id == Note.id)
        .correlate(Note)
        .scalar_subquery()
        .label("tags")
    )


def note_first_line() -> Any:
    """A note's first 120 characters, as a column of a notes query (shown through
    plain_title(): one line, no Markdown)."""
    return func.substr(Note.body, 1, 120).label("first_line")


def note_rows(session: Session, where: NoteFilter, page: Page) -> list[NoteRow]:
    """One page of notes, newest first unless another order is asked for."""
    tags = note_tags_text()
    first_line = note_first_line()
    query = select(Note.id, Note.created_at, Note.author, Note.pinned, first_line, tags)
    sortable = {
        "created_at": Note.created_at,
        "author": Note.author,
        "pinned": Note.pinned,
        "first_line": first_line,
        "tags": tags,
    }
    if not page.sort:
        page = Page("created_at", True, page.offset, page.limit)
    query = ordered(note_where(query, where), sortable, page, Note.created_at)
    return [
        NoteRow(r.id, r.created_at, r.author, r.pinned, plain_title(r.first_line), r.tags or "")
        for r in session.execute(query)
    ]
