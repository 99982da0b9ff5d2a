"""Everything a delete removes, kept as plain rows so an undo can put it all back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, insert, select, update
from sqlalchemy.orm import Session

from ceocto_desktop.models import Base, Tag, note_tags
from ceocto_desktop.services.common import fetch
from ceocto_desktop.services.records.notes import drop_unused_tags

TAGS = Tag.__tablename__


@dataclass
class Snapshot:
    """Rows by table (parents first) and the references a delete sets to NULL."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    nulled: list[tuple[str, dict[str, Any], str, Any]] = field(default_factory=list)


def _key(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)


def take_snapshot(session: Session, model: type[Base], record_id: str) -> Snapshot:
    """The record and every row that cascades from it, and the links that would go NULL."""
    fetch(session, model, record_id)
    table: Table = model.__table__  # type: ignore[assignment]
    snapshot = Snapshot()
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    pending: list[tuple[Table, Any]] = [(table, table.c.id == record_id)]
    while pending:
        current, where = pending.pop()
        rows = [dict(row) for row in session.execute(select(current).where(where)).mappings()]
        fresh = [r for r in rows if (current.name, _key(current, r)) not in seen]
        if not fresh:
            continue
        seen.update((current.name, _key(current, r)) for r in fresh)
        snapshot.rows.setdefault(current.name, []).extend(fresh)
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is not current:
                    continue
                values = [r[fk.column.name] for r in fresh]
                condition = fk.parent.in_(values)
                if fk.ondelete == "CASCADE":
                    pending.append((child, condition))
                elif fk.ondelete == "SET NULL":
                    for row in session.execute(select(child).where(condition)).mappings():
                        keys = {c.name: row[c.name] for c in child.primary_key.columns}
                        snapshot.nulled.append(
                            (child.name, keys, fk.parent.name, row[fk.parent.name])
                        )
    _keep_tag_names(session, snapshot)
    return snapshot


def _keep_tag_names(session: Session, snapshot: Snapshot) -> None:
    # A note's last tag goes when the note does (drop_unused_tags): undo needs its name.
    tag_ids = {row["tag_id"] for row in snapshot.rows.get(note_tags.name, [])}
    if tag_ids:
        rows = session.execute(select(Tag.id, Tag.name).where(Tag.id.in_(tag_ids))).mappings()
        snapshot.rows[TAGS] = [dict(row) for row in rows]


def _put_tags_back(session: Session, snapshot: Snapshot) -> None:
    """The snapshot's tags, made again where gone; note_tags rows follow a tag made anew."""
    wanted = snapshot.rows.get(TAGS, [])
    if not wanted:
        return
    by_name = {name: tag_id for name, tag_id in session.execute(select(Tag.name, Tag.id))}
    new_id: dict[int, int] = {}
    for row in wanted:
        if row["name"] not in by_name:
            made = session.execute(insert(Tag).values(name=row["name"]).returning(Tag.id))
            by_name[row["name"]] = made.scalar_one()
        new_id[row["id"]] = by_name[row["name"]]
    for link in snapshot.rows.get(note_tags.name, []):
        link["tag_id"] = new_id.get(link["tag_id"], link["tag_id"])


def restore_snapshot(session: Session, snapshot: Snapshot) -> None:
    """Insert the rows back, parents first, and restore the references that went NULL."""
    session.flush()
    _put_tags_back(session, snapshot)
    for table in Base.metadata.sorted_tables:
        if table.name == TAGS:
            continue
        rows = snapshot.rows.get(table.name)
        if rows:
            session.execute(insert(table), rows)
    for table_name, keys, column, value in snapshot.nulled:
        table = Base.metadata.tables[table_name]
        where = and_(*(table.c[name] == key for name, key in keys.items()))
        session.execute(update(table).where(where).values({column: value}))
    session.expire_all()


def delete_record(session: Session, model: type[Base], record_id: str) -> Snapshot:
    """Delete a record with all that cascades from it; return what an undo needs."""
    snapshot = take_snapshot(session, model, record_id)
    session.delete(fetch(session, model, record_id))
    session.flush()
    drop_unused_tags(session)
    return snapshot


def replace_with_snapshot(
    session: Session, model: type[Base], record_id: str, snapshot: Snapshot
) -> None:
    """Put a record (and all that cascades from it) back exactly as the snapshot holds it."""
    if session.get(model, record_id) is not None:
        delete_record(session, model, record_id)
    restore_snapshot(session, snapshot)
    drop_unused_tags(session)
