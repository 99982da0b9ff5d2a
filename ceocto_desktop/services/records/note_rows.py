"""The notes table's rows, filtered, sorted and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from ceocto_desktop.models import (
    Note,
    Seat,
    Tag,
    note_tags,
)
from ceocto_desktop.services.common import plain_text
from ceocto_desktop.services.records.paging import AnySelect, like


@dataclass(frozen=True)
class NoteFilter:
    tag: str = ""
    pinned_only: bool = False
    author: Seat | None = None
    text: str = ""


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
