"""From rows written to field changes: the change log two laptops exchange.

While sync is on, triggers (revision 0006) log every row written to a travelling table,
whatever wrote it. At the end of each flush, `capture` turns that log into field-level
changes stamped by the hybrid clock, in this transaction's change set of the outbox: one
local transaction is one change set (one change file). Deletions become tombstones that
keep the row's last values.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from ceocto_desktop.store.travel.answer_seal import seal_answers
from ceocto_desktop.store.travel.device import device_id
from ceocto_desktop.store.travel.hlc import Clock
from ceocto_desktop.store.travel.sync_tables import BY_NAME, TableSpec, travels

Row = dict[str, Any]


class Rows:
    """A cursor's rows, read the way the sync code needs them."""

    __slots__ = ("cursor",)

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def scalar(self) -> Any:
        """The first column of the first row, or None."""
        row = self.cursor.fetchone()
        return None if row is None else row[0]

    def first(self) -> Any:
        """The first row, or None."""
        return self.cursor.fetchone()

    def first_mapping(self) -> Row | None:
        """The first row as a dict by column name, or None."""
        row = self.cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in self.cursor.description], row, strict=True))

    def mappings(self) -> list[Row]:
        """Every row as a dict by column name."""
        names = [d[0] for d in self.cursor.description]
        return [dict(zip(names, row, strict=True)) for row in self.cursor.fetchall()]

    def fetchall(self) -> list[Any]:
        """Every row."""
        return list(self.cursor.fetchall())

    @property
    def lastrowid(self) -> int:
        """The rowid of the row an INSERT wrote."""
        return int(self.cursor.lastrowid)

    def __iter__(self) -> Any:
        return iter(self.cursor)


def sql(connection: Connection, statement: str, params: tuple[Any, ...] = ()) -> Rows:
    """Run one statement on the connection's own SQLite handle, inside its transaction.

    Sync reads and writes a few statements per field of every record; going past
    SQLAlchemy's statement machinery makes a join of a ten-year journal several times
    faster. The transaction is still the session's: BEGIN and COMMIT stay SQLAlchemy's.
    """
    return Rows(connection.connection.driver_connection.execute(statement, params))  # type: ignore[union-attr]


BULK_CACHE_KIB = 128 * 1024


class large_cache:
    """A bigger page cache on the connection while it writes a whole journal (a join, a
    merge): rows keyed by random UUIDs land all over their indexes, and SQLite's default
    2 MB cache rereads (and, encrypted, decrypts) the same pages again and again."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.before: Any = None

    def __enter__(self) -> None:
        self.before = sql(self.connection, "PRAGMA cache_size").scalar()
        sql(self.connection, f"PRAGMA cache_size = -{BULK_CACHE_KIB}")

    def __exit__(self, *_exc: object) -> None:
        sql(self.connection, f"PRAGMA cache_size = {int(self.before or -2000)}")


def dumps(value: Any) -> str:
    """The one JSON form of keys and payloads: compact, keys sorted, text as is."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def text_hash(value: Any) -> str:
    """A short fingerprint of a value (the base a text edit started from)."""
    return hashlib.sha256(dumps(value).encode()).hexdigest()[:32]


def get_state(connection: Connection, key: str, default: str = "") -> str:
    """One sync setting of this journal."""
    value = sql(connection, "SELECT value FROM sync_state WHERE key = ?", (key,)).scalar()
    return default if value is None else str(value)


def set_state(connection: Connection, key: str, value: str) -> None:
    """Keep one sync setting of this journal."""
    sql(
        connection,
        "INSERT INTO sync_state(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def journal_file(connection: Connection) -> Path:
    """The file the connection's main database lives in."""
    for row in sql(connection, "PRAGMA database_list"):
        if row[1] == "main":
            return Path(str(row[2]))
    raise RuntimeError("no main database")  # pragma: no cover


def journal_id(connection: Connection) -> str:
    """The journal's own id (the same on both laptops of a pair)."""
    return str(sql(connection, "SELECT value FROM journal_meta WHERE key = 'journal_id'").scalar())


def current_device(connection: Connection) -> str:
    """This laptop's device id; a journal copied as a file takes a new one here."""
    device = device_id(journal_id(connection), journal_file(connection))
    known = get_state(connection, "device")
    if known != device:
        if known:
            # A copy holds everything the original wrote so far: never apply it again.
            last = sql(
                connection,
                "SELECT coalesce(max(seq), 0) FROM sync_outbox WHERE device = ?",
                (known,),
            ).scalar()
            sql(
                connection,
                "INSERT INTO sync_seen(device, seq) VALUES (?, ?) "
                "ON CONFLICT(device) DO UPDATE SET seq = max(seq, excluded.seq)",
                (known, int(last or 0)),
            )
            set_state(
                connection,
                "previous_devices",
                get_state(connection, "previous_devices") + known + " ",
            )
        set_state(connection, "device", device)
    return device


def clock_for(connection: Connection, device: str) -> Clock:
    """The hybrid clock of this laptop, as last kept in the journal."""
    last = get_state(connection, "hlc")
    clock = Clock(device)
    if last:
        clock.observe(last)
    return clock


def capture_enabled(connection: Connection) -> bool:
    """True when this journal logs its writes for the other laptop."""
    return get_state(connection, "capture") == "1"


# Set on a connection's info while it reads in a read transaction that must write nothing.
READ_ONLY = "ceocto_sync_read_only"


def wire_key(connection: Connection, spec: TableSpec, row: Row) -> list[Any] | None:
    """The key a row travels by, or None when a record it points at is gone."""
    values: list[Any] = []
    for column in spec.key:
        value = row.get(column)
        if column in spec.refs:
            value = ref_key(connection, spec.refs[column], value)
            if value is None:
                return None
        values.append(value)
    return values


def ref_key(connection: Connection, table: str, local: Any) -> list[Any] | None:
    """The travelling key of the row a local id points at."""
    if local is None:
        return None
    found = sql(
        connection, "SELECT rkey FROM sync_rowkeys WHERE tbl = ? AND local = ?", (table, str(local))
    ).scalar()
    if found is not None:
        loaded: list[Any] = json.loads(found)
        return loaded
    spec = BY_NAME[table]
    result = sql(connection, f'SELECT * FROM "{table}" WHERE "{spec.local_id}" = ?', (local,))
    row = result.first_mapping()
    if row is None:
        return None
    key = wire_key(connection, spec, dict(row))
    if key is not None:
        remember_key(connection, table, local, key)
    return key


def remember_key(connection: Connection, table: str, local: Any, key: list[Any]) -> None:
    """Keep the travelling key of a natural-key row under its local id (a cache: a reader
    that must not write, such as a snapshot's read transaction, skips it)."""
    if connection.info.get(READ_ONLY):
        return
    sql(
        connection,
        "INSERT OR REPLACE INTO sync_rowkeys(tbl, local, rkey) VALUES (?, ?, ?)",
        (table, str(local), dumps(key)),
    )


def travelling_fields(connection: Connection, spec: TableSpec, row: Row) -> Row:
    """A row's values as they travel: no key, no local id, no derived column; refs as keys."""
    fields: Row = {}
    for column, value in row.items():
        if column in spec.key or column == spec.local_id or column in spec.skip:
            continue
        fields[column] = (
            ref_key(connection, spec.refs[column], value) if column in spec.refs else value
        )
    return fields


class Capture:
    """One capture: the log's rows turned into stamped entries."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.device = current_device(connection)
        self.clock = clock_for(connection, self.device)
        self.entries: list[dict[str, Any]] = []
        self.gone: list[tuple[str, str]] = []

    def row(self, table: str, op: str, old: Row | None, new: Row | None) -> None:
        spec = BY_NAME[table]
        if not travels(table, new or old or {}):
            return
        old_key = wire_key(self.connection, spec, old) if old is not None else None
        new_key = wire_key(self.connection, spec, new) if new is not None else None
        if op == "u" and old is not None and new is not None and old_key == new_key:
            self.update(spec, old, new, new_key)
            return
        if old is not None and old_key is not None:
            self.delete(spec, old, old_key)
        if new is not None and new_key is not None:
            self.insert(spec, new, new_key)

    def insert(self, spec: TableSpec, new: Row, key: list[Any], *, fresh: bool = False) -> None:
        rkey = dumps(key)
        stamp = self.clock.tick()
        if spec.natural:
            remember_key(self.connection, spec.name, new[spec.local_id or ""], key)
        connection = self.connection

        def run(statement: str, params: tuple[Any, ...] = ()) -> Rows:
            return sql(connection, statement, params)

        if not fresh:  # a snapshot at setup starts with no clocks and no tombstones
            run("DELETE FROM sync_tombstones WHERE tbl = ? AND rkey = ?", (spec.name, rkey))
            run("DELETE FROM sync_clock WHERE tbl = ? AND rkey = ?", (spec.name, rkey))
        run(
            "INSERT OR REPLACE INTO sync_clock(tbl, rkey, field, hlc, base) "
            "VALUES (?, ?, '', ?, '')",
            (spec.name, rkey, stamp),
        )
        fields = travelling_fields(self.connection, spec, new)
        self.entries.append({"t": spec.name, "k": key, "o": "i", "h": stamp, "f": fields})

    def update(self, spec: TableSpec, old: Row, new: Row, key: list[Any] | None) -> None:
        before = travelling_fields(self.connection, spec, old)
        after = travelling_fields(self.connection, spec, new)
        changed = {name: value for name, value in after.items() if before.get(name) != value}
        if key is None or not changed:
            return
        rkey = dumps(key)
        stamp = self.clock.tick()
        for name in changed:
            previous = field_clock(self.connection, spec.name, rkey, name)
            if previous is not None and previous >= stamp:
                stamp = self.clock.after(previous)
        # What each field was before: the other laptop tells "changed here only" from
        # "changed on both" by it, and merges long text from it.
        bases = {name: before.get(name) for name in changed}
        for name in changed:
            base = text_hash(before.get(name)) if name in spec.long_text else ""
            set_field_clock(self.connection, spec.name, rkey, name, stamp, base)
        entry: dict[str, Any] = {"t": spec.name, "k": key, "o": "u", "h": stamp, "f": changed}
        if bases:
            entry["b"] = bases
        self.entries.append(entry)

    def delete(self, spec: TableSpec, old: Row, key: list[Any]) -> None:
        rkey = dumps(key)
        stamp = self.clock.tick()
        fields = travelling_fields(self.connection, spec, old)
        connection = self.connection

        def run(statement: str, params: tuple[Any, ...] = ()) -> Rows:
            return sql(connection, statement, params)

        run(
            "INSERT OR REPLACE INTO sync_tombstones(tbl, rkey, hlc, row) VALUES (?, ?, ?, ?)",
            (spec.name, rkey, stamp, dumps(fields)),
        )
        run("DELETE FROM sync_clock WHERE tbl = ? AND rkey = ?", (spec.name, rkey))
        if spec.natural:
            self.gone.append((spec.name, str(old[spec.local_id or ""])))
        self.entries.append({"t": spec.name, "k": key, "o": "d", "h": stamp})

    def finish(self) -> None:
        for table, local in self.gone:
            sql(
                self.connection,
                "DELETE FROM sync_rowkeys WHERE tbl = ? AND local = ?",
                (table, local),
            )
        set_state(self.connection, "hlc", self.clock.last())


def field_clock(connection: Connection, table: str, rkey: str, field: str) -> str | None:
    """The stamp that set a field (or, when none, the row's own)."""
    found = sql(
        connection,
        "SELECT hlc FROM sync_clock WHERE tbl = ? AND rkey = ? AND field IN (?, '') "
        "ORDER BY field DESC LIMIT 1",
        (table, rkey, field),
    ).scalar()
    return None if found is None else str(found)


def set_field_clock(
    connection: Connection, table: str, rkey: str, field: str, stamp: str, base: str = ""
) -> None:
    """Keep the stamp (and the text base) of the change that set a field."""
    sql(
        connection,
        "INSERT INTO sync_clock(tbl, rkey, field, hlc, base) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(tbl, rkey, field) DO UPDATE SET hlc = excluded.hlc, base = excluded.base",
        (table, rkey, field, stamp, base),
    )


def capture(connection: Connection, open_seq: int | None = None) -> int | None:
    """Turn the logged writes into this transaction's change set; its sequence number."""
    if not capture_enabled(connection):
        return open_seq
    logged = sql(connection, "SELECT n, tbl, op, old, new FROM sync_log ORDER BY n").fetchall()
    if not logged:
        return open_seq
    work = Capture(connection)
    for _n, table, op, old, new in logged:
        work.row(
            str(table),
            str(op),
            json.loads(old) if old is not None else None,
            json.loads(new) if new is not None else None,
        )
    work.finish()
    sql(connection, "DELETE FROM sync_log WHERE n <= ?", (logged[-1][0],))
    # The blind rule: a check-in answer leaves sealed until both partners' are here.
    entries = [seal_answers(connection, entry) for entry in work.entries]
    if not entries:
        return open_seq
    return append_change(connection, work.device, entries, open_seq)


def append_change(
    connection: Connection, device: str, entries: list[dict[str, Any]], open_seq: int | None
) -> int:
    """Add entries to the open change set of this transaction, or start the next one."""

    def run(statement: str, params: tuple[Any, ...] = ()) -> Rows:
        return sql(connection, statement, params)

    if open_seq is not None:
        found = run(
            "SELECT payload FROM sync_outbox WHERE device = ? AND seq = ? AND written = 0",
            (device, open_seq),
        ).scalar()
        if found is not None:
            payload = json.loads(found) + entries
            run(
                "UPDATE sync_outbox SET payload = ? WHERE device = ? AND seq = ?",
                (dumps(payload), device, open_seq),
            )
            return open_seq
    seq = int(
        run(
            "SELECT coalesce(max(seq), 0) + 1 FROM sync_outbox WHERE device = ?", (device,)
        ).scalar()
        or 1
    )
    run(
        "INSERT INTO sync_outbox(device, seq, payload, written) VALUES (?, ?, ?, 0)",
        (device, seq, dumps(entries)),
    )
    return seq


def _after_flush(session: Session, _context: Any) -> None:
    connection = session.connection()
    open_seq = session.info.get("sync_seq")
    seq = capture(connection, open_seq)
    if seq is not None:
        session.info["sync_seq"] = seq


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop("sync_seq", None)


def install(factory: sessionmaker[Session]) -> None:
    """Capture every flush of the factory's sessions into the outbox (when sync is on)."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_transaction_end", _after_transaction_end)
