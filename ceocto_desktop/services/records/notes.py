"""Journal notes: write, edit, tag, pin, link to goals, obstacles and decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from ceocto_desktop.models import Decision, Goal, Note, Obstacle, Seat, Tag, note_tags
from ceocto_desktop.services.common import add_link, fetch, view_of, without_link
from ceocto_desktop.services.text import NOTE_MAX, TAG_MAX, clean_note_body, clean_tag

__all__ = ["NOTE_MAX", "TAG_MAX", "NoteView", "clean_note_body", "clean_tag"]


@dataclass(frozen=True)
class NoteView:
    id: str
    body: str
    pinned: bool
    author: Seat
    created_at: datetime
    updated_at: datetime
    tags: tuple[str, ...]
    goal_ids: tuple[str, ...]
    obstacle_ids: tuple[str, ...]
    decision_ids: tuple[str, ...]


def _tags(session: Session, names: Iterable[str]) -> list[Tag]:
    wanted = sorted({clean_tag(name) for name in names})
    existing = {tag.name: tag for tag in session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    return [existing.get(name) or Tag(name=name) for name in wanted]


def drop_unused_tags(session: Session) -> None:
    """Delete every tag no note carries any more, so its name leaves the file.

    With secure_delete on, the deleted row's bytes are overwritten too: a tag such as
    "layoffs" must not outlive the last note that carried it.
    """
    session.flush()
    used = select(note_tags.c.tag_id)
    session.execute(delete(Tag).where(Tag.id.not_in(used)))


def note_view(record: Note, **body: str) -> NoteView:
    """A note as the UI sees it (body given: that text instead of the stored one)."""
    return view_of(
        NoteView,
        record,
        **body,
        tags=tuple(tag.name for tag in record.tags),
        goal_ids=tuple(goal.id for goal in record.goals),
        obstacle_ids=tuple(obstacle.id for obstacle in record.obstacles),
        decision_ids=tuple(decision.id for decision in record.decisions),
    )


def create_note(
    session: Session,
    author: Seat,
    body: str,
    *,
    tags: Iterable[str] = (),
    goal_ids: Iterable[str] = (),
    obstacle_ids: Iterable[str] = (),
    decision_ids: Iterable[str] = (),
    pinned: bool = False,
    note_id: str | None = None,
) -> NoteView:
    """A new note in Markdown, with its tags and links (note_id given when redoing)."""
    record = Note(author=author, body=clean_note_body(body), pinned=pinned)
    if note_id is not None:
        record.id = note_id
    record.tags = _tags(session, tags)
    record.goals = [fetch(session, Goal, i) for i in goal_ids]
    record.obstacles = [fetch(session, Obstacle, i) for i in obstacle_ids]
    record.decisions = [fetch(session, Decision, i) for i in decision_ids]
    session.add(record)
    session.flush()
    return note_view(record)


def update_note(
    session: Session,
    note_id: str,
    *,
    body: str | None = None,
    tags: Iterable[str] | None = None,
    pinned: bool | None = None,
    goal_ids: Iterable[str] | None = None,
    obstacle_ids: Iterable[str] | None = None,
    decision_ids: Iterable[str] | None = None,
) -> NoteView:
    """Edit a note's text, tags, pin or links; what is not given stays."""
    record = fetch(session, Note, note_id)
    if body is not None:
        record.body = clean_note_body(body)
    if tags is not None:
        record.tags = _tags(session, tags)
        drop_unused_tags(session)
    if pinned is not None:
        record.pinned = pinned
    if goal_ids is not None:
        record.goals = [fetch(session, Goal, i) for i in goal_ids]
    if obstacle_ids is not None:
        record.obstacles = [fetch(session, Obstacle, i) for i in obstacle_ids]
    if decision_ids is not None:
        record.decisions = [fetch(session, Decision, i) for i in decision_ids]
    session.flush()
    return note_view(record)


def list_notes(
    session: Session,
    *,
    tag: str | None = None,
    author: Seat | None = None,
    pinned: bool | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[NoteView]:
    """Notes newest first, pinned or not, narrowed by tag and author."""
    query = select(Note).options(
        selectinload(Note.tags),
        selectinload(Note.goals),
        selectinload(Note.obstacles),
        selectinload(Note.decisions),
    )
    if tag:
        query = query.where(Note.tags.any(Tag.name == clean_tag(tag)))
    if author is not None:
        query = query.where(Note.author == author)
    if pinned is not None:
        query = query.where(Note.pinned == pinned)
    query = query.order_by(Note.created_at.desc()).offset(offset).limit(limit)
    return [note_view(record) for record in session.scalars(query)]


def all_tags(session: Session) -> list[tuple[str, int]]:
    """Every tag in use with how many notes carry it, most used first."""
    query = (
        select(Tag.name, func.count(note_tags.c.note_id))
        .join(note_tags, note_tags.c.tag_id == Tag.id)
        .group_by(Tag.name)
        .order_by(func.count(note_tags.c.note_id).desc(), Tag.name)
    )
    return [(row[0], int(row[1])) for row in session.execute(query)]


_LINKS = {
    "goals": ("goals", Goal),
    "obstacles": ("obstacles", Obstacle),
    "decisions": ("decisions", Decision),
}


def link_note(session: Session, note_id: str, kind: str, target_id: str) -> NoteView:
    """Link a note to a goal, obstacle or decision (linking twice is harmless)."""
    record = fetch(session, Note, note_id)
    attribute, model = _LINKS[kind]
    add_link(session, getattr(record, attribute), model, target_id)
    session.flush()
    return note_view(record)


def unlink_note(session: Session, note_id: str, kind: str, target_id: str) -> NoteView:
    """Remove a note's link to a goal, obstacle or decision."""
    record = fetch(session, Note, note_id)
    attribute, _ = _LINKS[kind]
    setattr(record, attribute, without_link(getattr(record, attribute), target_id))
    session.flush()
    return note_view(record)


def get_note(session: Session, note_id: str) -> NoteView:
    """One note by id."""
    return note_view(fetch(session, Note, note_id))


def split_tags(text: str) -> list[str]:
    """Tags as typed in one line: "#board, investors #q4" gives three."""
    return [part for part in text.replace(",", " ").split() if part.strip("#")]
