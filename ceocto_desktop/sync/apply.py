"""Applying the other laptop's change sets: field by field, by the hybrid clock.

- A field changed on one side only takes that change.
- The same field changed on both sides keeps the later change; the other value goes to
  sync_conflicts ("changed on both laptops"). Long text both edited from the same version
  is merged line by line; overlapping edits keep both versions, marked, and are flagged.
- Natural keys (week, quarter, seat, setting, tag) converge on one row.
- A deletion is a tombstone; an edit made after it brings the record back, and says so.
Nothing here commits: the caller applies one change set per transaction, together with its
sequence number, so a change set is applied once or not at all.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ceocto_desktop.store.travel.changelog import (
    Row,
    Rows,
    clock_for,
    current_device,
    dumps,
    field_clock,
    get_state,
    remember_key,
    set_field_clock,
    set_state,
    sql,
    text_hash,
    travelling_fields,
    wire_key,
)
from ceocto_desktop.store.travel.hlc import Stamp, lead
from ceocto_desktop.store.travel.sync_tables import BY_NAME, TABLES, TableSpec
from ceocto_desktop.sync.textmerge import merge_text

# Fields whose difference is bookkeeping, not words anyone typed.
QUIET_FIELDS = frozenset({"created_at", "updated_at", "submitted_at"})


@dataclass
class Applied:
    """What applying changes did, for the status line and the dry run."""

    added: int = 0
    changed: int = 0
    deleted: int = 0
    conflicts: int = 0
    resurrected: int = 0
    pending: int = 0
    tables: set[str] = field(default_factory=set)

    def __iadd__(self, other: Applied) -> Applied:
        for name in ("added", "changed", "deleted", "conflicts", "resurrected", "pending"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.tables |= other.tables
        return self

    @property
    def total(self) -> int:
        """How many records changed here."""
        return self.added + self.changed + self.deleted + self.resurrected


class Locator:
    """Finds the local row a travelling key stands for."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        # Local ids of natural-key records (a tag by name, a week's check-in) met already:
        # a tag links thousands of notes. Forgotten whenever a record is deleted.
        self.known: dict[tuple[str, str], Any] = {}

    def local_id(self, table: str, key: list[Any]) -> Any:
        """The local id of the record a travelling key stands for, or None."""
        spec = BY_NAME[table]
        remembered = self.known.get((table, dumps(key)))
        if remembered is not None:
            return remembered
        row = self.row(spec, key)
        found = None if row is None else row[spec.local_id or spec.key[0]]
        if found is not None:
            self.known[(table, dumps(key))] = found
        return found

    def local_values(self, spec: TableSpec, fields: dict[str, Any]) -> dict[str, Any] | None:
        """fields with each reference turned into its local id; None if one is not here."""
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name in spec.refs and value is not None:
                value = self.local_id(spec.refs[name], value)
                if value is None:
                    return None
            values[name] = value
        return values

    def where(self, spec: TableSpec, key: list[Any]) -> tuple[str, list[Any]] | None:
        clauses, params = [], []
        for column, value in zip(spec.key, key, strict=True):
            if column in spec.refs:
                value = self.local_id(spec.refs[column], value)
                if value is None:
                    return None
            clauses.append(f'"{column}" = ?')
            params.append(value)
        return " AND ".join(clauses), params

    def row(self, spec: TableSpec, key: list[Any]) -> Row | None:
        found = self.where(spec, key)
        if found is None:
            return None
        clause, params = found
        result = sql(self.connection, f'SELECT * FROM "{spec.name}" WHERE {clause}', tuple(params))
        row = result.first_mapping()
        return None if row is None else dict(row)


class Applier:
    """Applies entries of change sets from other devices to this journal."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.device = current_device(connection)
        self.clock = clock_for(connection, self.device)
        self.find = Locator(connection)
        self.result = Applied()
        self.parked: list[dict[str, Any]] = []
        self.opened: list[dict[str, Any]] = []
        self._fk_cache: dict[str, list[tuple[str, str, str]]] = {}
        # What each change did, for undo (sync/received.py); None: not kept (a join, a merge).
        self.steps: list[dict[str, Any]] | None = None
        # How far ahead each other laptop's clock runs (ms), and this laptop's values that
        # won a simultaneous edit only once that lead was taken off: sent again to convince
        # the other laptop, whose own comparison of the raw stamps says the opposite.
        self.leads: dict[str, int] = {}
        self.overrides: list[dict[str, Any]] = []
        # A new laptop's join: rows are only ever written here, so a key not written yet in
        # a table empty at the start is not there, with no query to ask (None: not tracked).
        # Shared by the applier of each file of one join; a table that had rows: None.
        self.written: dict[str, set[str] | None] | None = None
        # A journal that never deleted anything (a new laptop joining) skips the lookups.
        self._tombstones = self._run("SELECT 1 FROM sync_tombstones LIMIT 1").first() is not None

    # -- helpers -------------------------------------------------------------------------

    def _run(self, statement: str, params: tuple[Any, ...] = ()) -> Rows:
        return sql(self.connection, statement, params)

    def _conflict(
        self,
        spec: TableSpec,
        rkey: str,
        name: str,
        kind: str,
        kept: Any,
        other: Any,
        entry: dict[str, Any],
        other_device: str | None = None,
    ) -> None:
        """Keep what sync did not put in the field; other_device wrote the value not kept."""
        values = (spec.name, rkey, name, kind, dumps(kept), dumps(other), entry["h"])
        known = self._run(
            "SELECT 1 FROM sync_conflicts WHERE tbl = ? AND rkey = ? AND field = ? AND kind = ? "
            "AND kept IS ? AND other IS ? AND hlc = ?",
            values,
        ).first()
        if known is not None:
            return  # the same file merged twice: history already holds it
        self._run(
            "INSERT INTO sync_conflicts(tbl, rkey, field, kind, kept, other, hlc, other_device, "
            "resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (*values, entry.get("d", "") if other_device is None else other_device),
        )
        self.result.conflicts += 1

    def measure_lead(self, device: str, entries: list[dict[str, Any]]) -> None:
        """Update how far ahead device's clock runs, from the newest stamp of its change file."""
        own = [e["h"] for e in entries if str(e.get("h", "")).endswith("." + device)]
        if not own:
            return
        kept = int(get_state(self.connection, f"lead:{device}", "0") or 0)
        seen = lead(max(own), self.clock.now())
        if seen is not None and seen != kept:
            kept = max(kept, seen) if seen else 0
            set_state(self.connection, f"lead:{device}", str(kept))
        self.leads[device] = kept

    def _fair(self, stamp: str) -> str:
        """A stamp with its laptop's known lead taken off (for simultaneous edits only)."""
        if not stamp or not any(self.leads.values()):
            return stamp  # the usual case, and a new laptop's whole join: nothing to parse
        parsed = Stamp.parse(stamp)
        ahead = self.leads.get(parsed.device, 0)
        if not ahead:
            return stamp
        return Stamp(parsed.wall - ahead, parsed.counter, parsed.device).text()

    # -- entries -------------------------------------------------------------------------

    def entry(self, entry: dict[str, Any]) -> None:
        """Apply one field change, insert or tombstone."""
        spec = BY_NAME.get(str(entry.get("t")))
        if spec is None or "k" not in entry:
            return  # a record kind this version does not know: nothing to do with it
        self.clock.observe(self._fair(entry["h"]))  # a clock known to run ahead: its real time
        self.result.tables.add(spec.name)
        key = entry["k"]
        rkey = dumps(key)
        local = None if self._surely_absent(spec.name, rkey) else self.find.row(spec, key)
        if entry["o"] == "d":
            self._delete(spec, key, rkey, local, entry)
        elif local is None:
            self._insert(spec, key, rkey, entry)
        else:
            self._update(spec, rkey, local, entry)

    def track_new_rows(self, written: dict[str, set[str] | None]) -> None:
        """Skip looking for rows that cannot be there yet (a join into an empty journal);
        written is kept by the caller across the files of the join."""
        self.written = written

    def _surely_absent(self, table: str, rkey: str) -> bool:
        if self.written is None:
            return False
        if table not in self.written:
            empty = self._run(f'SELECT 1 FROM "{table}" LIMIT 1').first() is None
            self.written[table] = set() if empty else None
        known = self.written[table]
        return known is not None and rkey not in known

    def _insert(self, spec: TableSpec, key: list[Any], rkey: str, entry: dict[str, Any]) -> None:
        tomb = None
        if self._tombstones:
            tomb = self._run(
                "SELECT hlc, row FROM sync_tombstones WHERE tbl = ? AND rkey = ?",
                (spec.name, rkey),
            ).first()
        fields: Row = dict(entry.get("f", {}))
        if tomb is not None and str(tomb[0]) > entry["h"]:
            # Changed on the other laptop before it was deleted here: it stays deleted,
            # and what was typed there stays in the record's history.
            for name, value in fields.items():
                if name not in QUIET_FIELDS:
                    self._conflict(spec, rkey, name, "deleted", None, value, entry)
            return
        if tomb is None and entry["o"] == "u":
            self.parked.append(entry)  # the record itself has not arrived yet
            return
        if tomb is not None:
            fields = {**json.loads(tomb[1]), **fields}
        values = self.find.local_values(spec, fields)
        where = self.find.where(spec, key)
        if values is None or where is None:
            self.parked.append(entry)  # a record it points at has not arrived yet
            return
        for column, value in zip(spec.key, where[1], strict=True):
            values[column] = value
        if not self._parents_here(spec, rkey, values, entry):
            return
        if spec.local_id is not None:
            values.pop(spec.local_id, None)
            if spec.name != "tags":  # a tag's id is SQLite's own number
                values[spec.local_id] = str(uuid.uuid4())
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        cursor = self._run(
            f'INSERT INTO "{spec.name}" ({columns}) VALUES ({marks})', tuple(values.values())
        )
        if self.written is not None:
            tracked = self.written.get(spec.name)
            if tracked is not None:
                tracked.add(rkey)
        if spec.natural:
            local = values.get(spec.local_id or "", None)
            if local is None:
                local = cursor.lastrowid
            remember_key(self.connection, spec.name, local, key)
        if tomb is not None:  # without one, no clock of this key is kept either
            self._run("DELETE FROM sync_tombstones WHERE tbl = ? AND rkey = ?", (spec.name, rkey))
            self._run("DELETE FROM sync_clock WHERE tbl = ? AND rkey = ?", (spec.name, rkey))
        set_field_clock(self.connection, spec.name, rkey, "", entry["h"])
        if tomb is not None:
            self._conflict(spec, rkey, "", "resurrected", None, None, entry)
            self.result.resurrected += 1
        else:
            self.result.added += 1
        if self.steps is not None:
            self.steps.append({"o": "i", "t": spec.name, "k": key, "f": fields})

    def _parents(self, table: str) -> list[tuple[str, str, str]]:
        if table not in self._fk_cache:
            rows = self._run(f'PRAGMA foreign_key_list("{table}")').fetchall()
            self._fk_cache[table] = [(str(r[3]), str(r[2]), str(r[4])) for r in rows]
        return self._fk_cache[table]

    def _parents_here(self, spec: TableSpec, rkey: str, values: Row, entry: dict[str, Any]) -> bool:
        """True when every record the row points at is here (a deleted one brought back)."""
        for column, parent, parent_column in self._parents(spec.name):
            value = values.get(column)
            if value is None or parent_column != BY_NAME.get(parent, spec).key[0]:
                continue
            if parent_column != "id" or BY_NAME[parent].natural:
                continue  # matched through its natural key already
            exists = self._run(
                f'SELECT 1 FROM "{parent}" WHERE "{parent_column}" = ?', (value,)
            ).first()
            if exists is not None:
                continue
            pkey = dumps([value])
            tomb = self._run(
                "SELECT hlc FROM sync_tombstones WHERE tbl = ? AND rkey = ?", (parent, pkey)
            ).scalar()
            if tomb is None:
                self.parked.append(entry)  # its parent has not arrived yet
                return False
            if str(tomb) > entry["h"]:
                for name, field_value in entry.get("f", {}).items():
                    if name not in QUIET_FIELDS:
                        self._conflict(spec, rkey, name, "deleted", None, field_value, entry)
                return False
            self._insert(BY_NAME[parent], [value], pkey, {**entry, "t": parent, "f": {}, "o": "i"})
        return True

    def _update(self, spec: TableSpec, rkey: str, local: Row, entry: dict[str, Any]) -> None:
        current = travelling_fields(self.connection, spec, local)
        bases: Row = entry.get("b", {})
        writes: Row = {}
        for name, value in entry.get("f", {}).items():
            if name not in current:
                continue  # a column this version does not have
            decided = self._field(spec, rkey, name, current[name], value, bases, entry)
            if decided is not None:
                writes[name] = decided[0]
        values = self.find.local_values(spec, writes)
        if values is None:
            self.parked.append(entry)
            return
        if values:
            where = self.find.where(spec, json.loads(rkey))
            assert where is not None
            sets = ", ".join(f'"{c}" = ?' for c in values)
            self._run(
                f'UPDATE "{spec.name}" SET {sets} WHERE {where[0]}',
                (*values.values(), *where[1]),
            )
            self.result.changed += 1
            if self.steps is not None:
                moved = {name: [current[name], value] for name, value in writes.items()}
                self.steps.append({"o": "u", "t": spec.name, "k": json.loads(rkey), "f": moved})

    def _field(
        self,
        spec: TableSpec,
        rkey: str,
        name: str,
        mine: Any,
        theirs: Any,
        bases: Row,
        entry: dict[str, Any],
    ) -> tuple[Any] | None:
        """The value a field takes (None: it keeps its own), keeping any loser in history."""
        stamp = entry["h"]
        if mine == theirs and entry["o"] == "i":
            return None  # a whole record met again (a merge, a natural key): nothing to do
        known = field_clock(self.connection, spec.name, rkey, name) or ""
        if stamp == known:
            return None  # this very change is already here
        base_given = name in bases
        base = bases.get(name)
        remote_base = text_hash(base) if base_given else ""
        if mine == theirs:
            if stamp > known:
                set_field_clock(self.connection, spec.name, rkey, name, stamp, remote_base)
            return None
        i_changed = not base_given or mine != base
        if (
            name in spec.long_text
            and base_given
            and i_changed
            and isinstance(mine, str)
            and isinstance(theirs, str)
            and isinstance(base, str)
            and self._same_base(spec.name, rkey, name, remote_base)
        ):
            earlier, later = (mine, theirs) if known < stamp else (theirs, mine)
            merged = merge_text(base, earlier, later)
            if merged.overlapping:
                self._conflict(spec, rkey, name, "text", merged.text, theirs, entry)
            newest = max(stamp, known)
            set_field_clock(self.connection, spec.name, rkey, name, newest, remote_base)
            return None if merged.text == mine else (merged.text,)
        overridden = entry.get("over", {}).get(name)
        if overridden is not None and overridden == known:
            # The other laptop's value won there by a fair comparison of the clocks, over
            # the very stamp this field holds: take it, and its stamp, and say so.
            set_field_clock(self.connection, spec.name, rkey, name, stamp, remote_base)
            self._swap_conflict(spec.name, rkey, name, mine, theirs)
            return (theirs,)
        return self._settle_both(
            spec, rkey, name, (mine, theirs), (base, base_given, i_changed), (known, stamp), entry
        )

    def _settle_both(
        self,
        spec: TableSpec,
        rkey: str,
        name: str,
        values: tuple[Any, Any],
        base_facts: tuple[Any, bool, bool],
        stamps: tuple[str, str],
        entry: dict[str, Any],
    ) -> tuple[Any] | None:
        """A plain field whose two values differ: the later change wins (by fair clocks when
        both laptops changed it), the value not kept goes to history, and a win that only
        the other laptop's fast clock would have decided otherwise is sent back."""
        mine, theirs = values
        base, base_given, i_changed = base_facts
        known, stamp = stamps
        remote_base = text_hash(base) if base_given else ""
        later = stamp > known
        fair_later = later
        if i_changed and base_given and name not in QUIET_FIELDS:
            fair_later = self._fair(stamp) > self._fair(known)  # both changed it: be fair
        if fair_later:
            set_field_clock(self.connection, spec.name, rkey, name, stamp, remote_base)
            if i_changed and name not in QUIET_FIELDS:
                # The value not kept is this laptop's: whoever stamped it wrote it.
                loser = Stamp.parse(known).device if known else self.device
                self._conflict(spec, rkey, name, "both", theirs, mine, entry, loser)
            return (theirs,)
        if name not in QUIET_FIELDS and (not base_given or theirs != base):
            self._conflict(spec, rkey, name, "both", mine, theirs, entry)
        if later:
            # Kept only because the other clock runs ahead: tell the other laptop.
            self.overrides.append(
                {
                    "t": spec.name,
                    "k": json.loads(rkey),
                    "o": "u",
                    "h": known,
                    "f": {name: mine},
                    "b": {name: theirs},
                    "over": {name: stamp},
                }
            )
        return None

    def _swap_conflict(self, table: str, rkey: str, name: str, mine: Any, theirs: Any) -> None:
        """The entry that kept this laptop's value now keeps the other's (an override)."""
        self._run(
            "UPDATE sync_conflicts SET kept = ?, other = ?, other_device = ? WHERE tbl = ? "
            "AND rkey = ? AND field = ? AND kind = 'both' AND kept IS ? AND other IS ?",
            (
                dumps(theirs),
                dumps(mine),
                self.device,
                table,
                rkey,
                name,
                dumps(mine),
                dumps(theirs),
            ),
        )

    def _same_base(self, table: str, rkey: str, name: str, remote_base: str) -> bool:
        found = self._run(
            "SELECT base FROM sync_clock WHERE tbl = ? AND rkey = ? AND field = ?",
            (table, rkey, name),
        ).scalar()
        return found is not None and str(found) == remote_base

    def _delete(
        self, spec: TableSpec, key: list[Any], rkey: str, local: Row | None, entry: dict[str, Any]
    ) -> None:
        stamp = entry["h"]
        if local is None:
            self._tombstones = True
            self._run(
                "INSERT INTO sync_tombstones(tbl, rkey, hlc, row) VALUES (?, ?, ?, '{}') "
                "ON CONFLICT(tbl, rkey) DO UPDATE SET hlc = max(hlc, excluded.hlc)",
                (spec.name, rkey, stamp),
            )
            return
        newest = self._run(
            "SELECT max(hlc) FROM sync_clock WHERE tbl = ? AND rkey = ?", (spec.name, rkey)
        ).scalar()
        if newest is not None and str(newest) > stamp:
            # Edited here after the other laptop deleted it: it stays, and says so.
            self._conflict(spec, rkey, "", "kept", None, None, entry)
            return
        where = self.find.where(spec, key)
        assert where is not None
        fields = travelling_fields(self.connection, spec, local)
        if self.steps is not None:
            self.steps.append({"o": "d", "t": spec.name, "k": key, "f": fields})
            self._record_cascade(spec, local)
        self._tombstones = True
        self._run(
            "INSERT OR REPLACE INTO sync_tombstones(tbl, rkey, hlc, row) VALUES (?, ?, ?, ?)",
            (spec.name, rkey, stamp, dumps(fields)),
        )
        self._run(f'DELETE FROM "{spec.name}" WHERE {where[0]}', tuple(where[1]))
        self.find.known.clear()
        self._run("DELETE FROM sync_clock WHERE tbl = ? AND rkey = ?", (spec.name, rkey))
        if spec.natural:
            self._run(
                "DELETE FROM sync_rowkeys WHERE tbl = ? AND local = ?",
                (spec.name, str(local[spec.local_id or ""])),
            )
        self.result.deleted += 1

    def _record_cascade(self, spec: TableSpec, local: Row) -> None:
        """Keep, for undo, the rows a deletion takes with it (a goal's key results...)."""
        assert self.steps is not None
        for child in TABLES:
            for column, parent, parent_column, on_delete in self._foreign_keys(child.name):
                if parent != spec.name or on_delete != "CASCADE":
                    continue
                rows = self._run(
                    f'SELECT * FROM "{child.name}" WHERE "{column}" = ?', (local[parent_column],)
                ).mappings()
                for row in rows:
                    key = wire_key(self.connection, child, row)
                    if key is None:
                        continue
                    fields = travelling_fields(self.connection, child, row)
                    self.steps.append({"o": "d", "t": child.name, "k": key, "f": fields})
                    self._record_cascade(child, row)

    def _foreign_keys(self, table: str) -> list[tuple[str, str, str, str]]:
        rows = self._run(f'PRAGMA foreign_key_list("{table}")').fetchall()
        return [(str(r[3]), str(r[2]), str(r[4]), str(r[6]).upper()) for r in rows]

    # -- change sets ---------------------------------------------------------------------

    def change_set(self, device: str, entries: list[dict[str, Any]]) -> None:
        """Apply every entry of one change set from device (within the caller's transaction)."""
        for entry in entries:
            self.entry({**entry, "d": device})

    def retry_parked(self) -> None:
        """Try the rows that waited for their parents again, now that more has arrived."""
        rows = self._run("SELECT id, payload FROM sync_pending ORDER BY id").fetchall()
        if not rows:
            return
        self._run("DELETE FROM sync_pending")
        for _id, payload in rows:
            self.entry(json.loads(payload))

    def finish(self) -> Applied:
        """Keep the clock and the rows still waiting; what was done."""
        for entry in self.parked:
            self._run("INSERT INTO sync_pending(payload) VALUES (?)", (dumps(entry),))
        self.result.pending = len(self.parked)
        self.parked = []
        set_state(self.connection, "hlc", self.clock.last())
        return self.result
