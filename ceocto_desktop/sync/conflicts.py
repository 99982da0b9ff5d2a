"""Records changed on both laptops: what the Conflicts view lists, and taking the other value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from ceocto_desktop.store.travel.changelog import capture, dumps, get_state, sql
from ceocto_desktop.store.travel.sync_tables import BY_NAME
from ceocto_desktop.sync.apply import Locator

KIND_WORDS = {
    "both": "changed on both laptops",
    "text": "both laptops changed the same lines",
    "resurrected": "deleted here, brought back by a later edit on the other laptop",
    "kept": "deleted on the other laptop, kept because it was edited here later",
    "deleted": "edited on the other laptop before it was deleted here",
}
RECORD_WORDS = {
    "notes": "Note",
    "goals": "Goal",
    "obstacles": "Obstacle",
    "decisions": "Decision",
    "checkin_answers": "Check-in answer",
    "retrospectives": "Retrospective",
    "partners": "Partner",
    "board_meetings": "Board meeting",
    "key_results": "Key result",
}


@dataclass(frozen=True)
class ConflictView:
    """One entry of a record's sync history, as the Conflicts view shows it."""

    id: int
    record: str
    field: str
    what: str
    kept: str
    other: str
    other_seat: str
    can_take_other: bool
    kind: str = "both"


def _shown(value: str | None) -> str:
    if value is None:
        return ""
    loaded: Any = json.loads(value)
    return "" if loaded is None else str(loaded)


def _record_label(session: Session, table: str, rkey: str) -> str:
    kind = RECORD_WORDS.get(table, table.replace("_", " ").capitalize())
    spec = BY_NAME.get(table)
    if spec is None:
        return kind
    row = Locator(session.connection()).row(spec, json.loads(rkey))
    if row is None:
        return f"{kind} (deleted)"
    for column in ("title", "name", "quarter", "body"):
        if row.get(column):
            text = str(row[column]).strip().splitlines()[0]
            return f"{kind}: {text[:60]}"
    return kind


def device_seats(connection: Connection) -> dict[str, str]:
    """Whose laptop each device is (A or B): the other's from its files, this one's own."""
    seats = {
        str(key).removeprefix("seat_of:"): str(value)
        for key, value in sql(
            connection, "SELECT key, value FROM sync_state WHERE key LIKE 'seat_of:%'"
        )
    }
    own = get_state(connection, "seat")
    if own:
        for device in get_state(connection, "previous_devices").split():
            seats[device] = own
        device = get_state(connection, "device")
        if device:
            seats[device] = own
    return seats


def list_conflicts(session: Session, *, include_resolved: bool = False) -> list[ConflictView]:
    """What sync kept from both laptops, newest first."""
    return _conflicts(session, "" if include_resolved else "WHERE resolved = 0 ", ())


def record_conflicts(session: Session, table: str, record_id: str) -> list[ConflictView]:
    """What a record's own page shows: its fields changed on both laptops, not yet settled."""
    return _conflicts(
        session,
        "WHERE resolved = 0 AND tbl = ? AND rkey = ? AND kind IN ('both', 'text') AND field != '' ",
        (table, dumps([record_id])),
    )


def _conflicts(session: Session, where: str, params: tuple[Any, ...]) -> list[ConflictView]:
    connection = session.connection()
    seats = device_seats(connection)
    rows = sql(
        connection,
        "SELECT id, tbl, rkey, field, kind, kept, other, other_device FROM sync_conflicts "
        + where
        + "ORDER BY id DESC",
        params,
    ).fetchall()
    return [
        ConflictView(
            id=int(row[0]),
            record=_record_label(session, str(row[1]), str(row[2])),
            field=str(row[3]).replace("_", " "),
            what=KIND_WORDS.get(str(row[4]), str(row[4])),
            kept=_shown(row[5]),
            other=_shown(row[6]),
            other_seat=seats.get(str(row[7]), ""),
            can_take_other=str(row[4]) == "both" and bool(row[3]),
            kind=str(row[4]),
        )
        for row in rows
    ]


def take_other(session: Session, conflict_id: int) -> None:
    """Put the other laptop's value back in the field (an edit that travels like any other)."""
    if _put(session, conflict_id, "other"):
        resolve(session, conflict_id)


def put_back(session: Session, conflict_id: int) -> None:
    """Undo take_other: the value kept before goes back and the entry is listed again."""
    if _put(session, conflict_id, "kept"):
        sql(
            session.connection(),
            "UPDATE sync_conflicts SET resolved = 0 WHERE id = ?",
            (conflict_id,),
        )


def _put(session: Session, conflict_id: int, which: str) -> bool:
    connection = session.connection()
    session.flush()
    row = sql(
        connection,
        f"SELECT tbl, rkey, field, {which} FROM sync_conflicts WHERE id = ?",
        (conflict_id,),
    ).first()
    if row is None:
        return False
    spec = BY_NAME[str(row[0])]
    found = Locator(connection).where(spec, json.loads(row[1]))
    if found is None:
        return False
    column = str(row[2])
    if column not in spec.long_text and column in spec.refs:
        return False
    sql(
        connection,
        f'UPDATE "{spec.name}" SET "{column}" = ? WHERE {found[0]}',
        (json.loads(row[3]), *found[1]),
    )
    capture(connection)  # a plain UPDATE flushes nothing: make it this transaction's change
    session.expire_all()  # the ORM's copies of the record are stale now
    return True


def unresolve(session: Session, conflict_id: int) -> None:
    """List an entry again (what undoing "resolved" does)."""
    sql(session.connection(), "UPDATE sync_conflicts SET resolved = 0 WHERE id = ?", (conflict_id,))


def resolve(session: Session, conflict_id: int) -> None:
    """Mark one entry as looked at: it leaves the Conflicts view (and stays in history)."""
    sql(session.connection(), "UPDATE sync_conflicts SET resolved = 1 WHERE id = ?", (conflict_id,))
