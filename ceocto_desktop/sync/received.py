"""What arrived from the other laptop, and undoing it like any other edit.

Each change file a sync pass applies keeps its steps here (sync_received): each field's
value before and after, each record it added, each record it removed with its values and
the rows that went with it. Undoing puts the before values back, removes what it added and
brings back what it removed; the undo is this laptop's own edit, so it travels to the other
laptop as a new change. A field changed again since (here or by a later file) is left as it
is and counted. Redo (Edit › Redo after an undo) replays the change the same way.
A new laptop's join keeps no steps: there is nothing on it to go back to.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from ceocto_desktop.store.travel.changelog import capture, dumps, sql, travelling_fields
from ceocto_desktop.store.travel.sync_tables import BY_NAME, ORDER
from ceocto_desktop.sync.apply import QUIET_FIELDS, Locator
from ceocto_desktop.sync.conflicts import RECORD_WORDS, device_seats

KEEP = 200  # change files whose steps are kept; older ones can no longer be undone


@dataclass(frozen=True)
class ReceivedView:
    """One change file from the other laptop, as the window lists it."""

    id: int
    received_at: str
    seat: str
    summary: str
    undone: bool


@dataclass(frozen=True)
class UndoOutcome:
    """What undoing (or redoing) did: steps done, and fields left as changed since."""

    done: int
    left: int


def keep_steps(
    connection: Connection, device: str, seq: int, seat: str, steps: list[dict[str, Any]]
) -> None:
    """Keep what one applied change file did (within the caller's transaction)."""
    if not steps:
        return
    sql(
        connection,
        "INSERT INTO sync_received(device, seq, seat, received_at, steps, undone) "
        "VALUES (?, ?, ?, ?, ?, 0)",
        (device, seq, seat, datetime.now(UTC).isoformat(timespec="seconds"), dumps(steps)),
    )
    sql(
        connection,
        "DELETE FROM sync_received WHERE id <= (SELECT max(id) FROM sync_received) - ?",
        (KEEP,),
    )


def _label(step: dict[str, Any]) -> str:
    kind = RECORD_WORDS.get(step["t"], str(step["t"]).replace("_", " ").capitalize())
    fields = step.get("f", {})
    for column in ("title", "name", "quarter", "body", "what"):
        value = fields.get(column)
        if step["o"] == "u" and isinstance(value, list):
            value = value[1]
        if isinstance(value, str) and value.strip():
            return f"{kind}: {value.strip().splitlines()[0][:60]}"
    return kind


def _changed_fields(step: dict[str, Any]) -> str:
    """The fields an update step changed, as words ('target date, title'), quiet ones left out."""
    return ", ".join(name.replace("_", " ") for name in step["f"] if name not in QUIET_FIELDS)


def step_lines(steps: list[dict[str, Any]]) -> list[str]:
    """One line per record a merge would add, change or delete ('added: Note: Priya…')."""
    lines: list[str] = []
    for step in steps:
        if step["t"] not in RECORD_WORDS:
            continue  # links, tags and key-result moves ride along with their record
        if step["o"] == "u":
            names = _changed_fields(step)
            if names:
                lines.append(f"changed: {_label(step)} — {names}")
        else:
            lines.append(f"{'added' if step['o'] == 'i' else 'deleted'}: {_label(step)}")
    return list(dict.fromkeys(lines))


def summarise(steps: list[dict[str, Any]]) -> str:
    """A line saying what a change file did: 'Goal: Hire — title changed; Note added'."""
    parts: list[str] = []
    for step in steps:
        if step["t"] not in RECORD_WORDS:
            continue  # links, tags and key-result moves ride along with their record
        if step["o"] == "u":
            names = _changed_fields(step)
            if not names:
                continue
            parts.append(f"{_label(step)} — {names} changed")
        else:
            parts.append(f"{_label(step)} {'added' if step['o'] == 'i' else 'deleted'}")
    if not parts:
        parts.append(f"{len(steps)} change(s) to links and tags")
    return "; ".join(dict.fromkeys(parts))


def list_received(session: Session) -> list[ReceivedView]:
    """What came from the other laptop, newest first."""
    connection = session.connection()
    seats = device_seats(connection)
    rows = sql(
        connection,
        "SELECT id, device, seat, received_at, steps, undone FROM sync_received ORDER BY id DESC",
    ).fetchall()
    return [
        ReceivedView(
            id=int(row[0]),
            received_at=str(row[3]),
            seat=str(row[2]) or seats.get(str(row[1]), ""),
            summary=summarise(json.loads(row[4])),
            undone=bool(row[5]),
        )
        for row in rows
    ]


def undo_received(session: Session, received_id: int) -> UndoOutcome:
    """Put back what the change file changed here; the undo travels as a new change."""
    return _replay(session, received_id, backward=True)


def redo_received(session: Session, received_id: int) -> UndoOutcome:
    """Apply the change file's steps again (undoing the undo)."""
    return _replay(session, received_id, backward=False)


def _replay(session: Session, received_id: int, *, backward: bool) -> UndoOutcome:
    session.flush()
    connection = session.connection()
    found = sql(connection, "SELECT steps FROM sync_received WHERE id = ?", (received_id,)).scalar()
    if found is None:
        return UndoOutcome(0, 0)
    sql(connection, "PRAGMA defer_foreign_keys = ON")
    work = _Replay(connection)
    steps: list[dict[str, Any]] = json.loads(found)
    flipped = {"i": "d", "d": "i", "u": "u"}
    ops = [({**s, "o": flipped[s["o"]]} if backward else s) for s in steps]
    for step in ops:
        if step["o"] == "u":
            work.update(step, backward=backward)
    for step in sorted((s for s in ops if s["o"] == "i"), key=lambda s: ORDER[s["t"]]):
        work.insert(step)
    for step in sorted((s for s in ops if s["o"] == "d"), key=lambda s: -ORDER[s["t"]]):
        work.delete(step)
    sql(
        connection,
        "UPDATE sync_received SET undone = ? WHERE id = ?",
        (1 if backward else 0, received_id),
    )
    capture(connection)  # plain statements flush nothing: make them this transaction's change
    session.expire_all()
    return UndoOutcome(work.done, work.left)


class _Replay:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.find = Locator(connection)
        self.done = 0
        self.left = 0

    def update(self, step: dict[str, Any], *, backward: bool) -> None:
        spec = BY_NAME[step["t"]]
        row = self.find.row(spec, step["k"])
        if row is None:
            self.left += len(step["f"])
            return
        current = travelling_fields(self.connection, spec, row)
        wanted: dict[str, Any] = {}
        for name, (before, after) in step["f"].items():
            if name in QUIET_FIELDS:
                continue  # when it was last edited: the undo is an edit of its own
            expect, put = (after, before) if backward else (before, after)
            if current.get(name) == put:
                continue
            if current.get(name) != expect:
                self.left += 1  # changed again since: that later edit stays
                continue
            wanted[name] = put
        values = self.find.local_values(spec, wanted)
        where = self.find.where(spec, step["k"])
        if not values or where is None:
            return
        sets = ", ".join(f'"{c}" = ?' for c in values)
        sql(
            self.connection,
            f'UPDATE "{spec.name}" SET {sets} WHERE {where[0]}',
            (*values.values(), *where[1]),
        )
        self.done += 1

    def insert(self, step: dict[str, Any]) -> None:
        spec = BY_NAME[step["t"]]
        if self.find.row(spec, step["k"]) is not None:
            return
        values = self.find.local_values(spec, step.get("f", {}))
        where = self.find.where(spec, step["k"])
        if values is None or where is None:
            self.left += 1  # a record it belonged to is gone
            return
        for column, value in zip(spec.key, where[1], strict=True):
            values[column] = value
        if spec.local_id is not None and spec.name != "tags":
            values[spec.local_id] = _new_id()
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        sql(
            self.connection,
            f'INSERT INTO "{spec.name}" ({columns}) VALUES ({marks})',
            tuple(values.values()),
        )
        self.find.known.clear()
        self.done += 1

    def delete(self, step: dict[str, Any]) -> None:
        spec = BY_NAME[step["t"]]
        where = self.find.where(spec, step["k"])
        if where is None or self.find.row(spec, step["k"]) is None:
            return
        sql(self.connection, f'DELETE FROM "{spec.name}" WHERE {where[0]}', tuple(where[1]))
        self.find.known.clear()
        self.done += 1


def _new_id() -> str:
    return str(uuid.uuid4())
