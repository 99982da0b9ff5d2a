"""`ceocto merge OTHER`: bring another journal file of the same pair into this one.

The same rules as sync: matched by UUID or natural key, field by field by the clock (the
other file's field clocks when it synced, else its records' updated_at), losers kept in
history, deletions as tombstones. A check-in answer of the other partner comes over only
for a week this journal has already answered (the blind rule); the rest wait in OTHER.
All of it is one transaction, after a backup; a dry run rolls it back.

OTHER may also be a JSON export (`ceocto export json`): it is loaded and checked
(services/inout/journal_json.load_export), built into a private temporary journal, and
merged from there by the same path. An export holds no field clocks and no tombstones, so
its records count as last changed at their updated_at and it deletes nothing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from ceocto_desktop.services.inout.journal_json import (
    ExportFileError,
    import_export,
    load_export,
)
from ceocto_desktop.store.errors import JournalError
from ceocto_desktop.store.files.backups import make_backup
from ceocto_desktop.store.journal import Journal, open_journal
from ceocto_desktop.store.travel.changelog import (
    Row,
    capture,
    dumps,
    journal_id,
    large_cache,
    set_state,
    sql,
    travelling_fields,
    wire_key,
)
from ceocto_desktop.store.travel.hlc import Stamp
from ceocto_desktop.store.travel.sync_tables import TABLES, TableSpec, travels
from ceocto_desktop.sync.apply import Applied, Applier
from ceocto_desktop.sync.conflicts import RECORD_WORDS
from ceocto_desktop.sync.received import step_lines
from ceocto_desktop.sync.service import SyncError

FIELDS_FROM_CLOCKS = "SELECT field, hlc FROM sync_clock WHERE tbl = ? AND rkey = ?"


@dataclass
class MergeReport:
    """What a merge did (or, dry, would do)."""

    applied: Applied
    held_back: int
    dry_run: bool
    lines: list[str]  # a dry run's list: what would be added, changed, kept, deleted


def _stamp_of(row: dict[str, Any], device: str) -> str:
    updated = row.get("updated_at") or row.get("created_at")
    wall = 0
    if isinstance(updated, str):
        try:
            wall = int(datetime.fromisoformat(updated).timestamp() * 1000)
        except ValueError:
            wall = 0
    return Stamp(wall, 0, device).text()


def entries_of_row(
    other: Connection, spec: TableSpec, row: dict[str, Any], device: str, has_clocks: bool
) -> list[dict[str, Any]]:
    """A record as entries: its insert, then its fields set later, each with its own clock."""
    key = wire_key(other, spec, row)
    if key is None:
        return []
    fields = travelling_fields(other, spec, row)
    clocks: dict[str, str] = {}
    if has_clocks:
        clocks = {
            str(name): str(hlc)
            for name, hlc in other.exec_driver_sql(FIELDS_FROM_CLOCKS, (spec.name, dumps(key)))
        }
    row_stamp = clocks.get("") or _stamp_of(row, device)
    entries = [{"t": spec.name, "k": key, "o": "i", "h": row_stamp, "f": fields}]
    later: dict[str, dict[str, Any]] = {}
    for name, stamp in clocks.items():
        if name and name in fields and stamp > row_stamp:
            later.setdefault(stamp, {})[name] = fields[name]
    for stamp in sorted(later):
        entries.append({"t": spec.name, "k": key, "o": "u", "h": stamp, "f": later[stamp]})
    return entries


def _answered_weeks(connection: Connection) -> dict[str, set[str]]:
    weeks: dict[str, set[str]] = {}
    for week, seat in connection.exec_driver_sql(
        "SELECT c.week_start, a.seat FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id"
    ):
        weeks.setdefault(str(week), set()).add(str(seat))
    return weeks


def _travelling_rows(connection: Connection, spec: TableSpec) -> dict[str, Row]:
    """This journal's rows of a table as they travel, by travelling key."""
    rows: dict[str, Row] = {}
    for row in sql(connection, f'SELECT * FROM "{spec.name}"').mappings():
        key = wire_key(connection, spec, row)
        if key is not None and travels(spec.name, row):
            rows[dumps(key)] = travelling_fields(connection, spec, row)
    return rows


def read_changes(other: Connection, ours: Connection) -> tuple[list[dict[str, Any]], int]:
    """Every record of OTHER as entries, and how many answers stay behind (blind rule)."""
    device = "merge" + journal_id(other).replace("-", "")[:27]
    has_clocks = bool(other.exec_driver_sql("SELECT count(*) FROM sync_clock").scalar())
    answered_here = _answered_weeks(ours)
    entries: list[dict[str, Any]] = []
    held_back = 0
    for spec in TABLES:
        mine = _travelling_rows(ours, spec)
        for row in sql(other, f'SELECT * FROM "{spec.name}"').mappings():
            if not travels(spec.name, row):
                continue
            key = wire_key(other, spec, row)
            if key is not None and mine.get(dumps(key)) == travelling_fields(other, spec, row):
                continue  # the same record, word for word: nothing to merge
            found = entries_of_row(other, spec, row, device, has_clocks)
            if spec.name == "checkin_answers" and found:
                week, seat = str(found[0]["k"][0][0]), str(found[0]["k"][1])
                here = answered_here.get(week, set())
                if seat not in here and not here - {seat}:
                    held_back += 1
                    continue
            entries.extend(found)
    for table, rkey, hlc in other.exec_driver_sql("SELECT tbl, rkey, hlc FROM sync_tombstones"):
        entries.append({"t": table, "k": json.loads(rkey), "o": "d", "h": hlc})
    return entries, held_back


def same_pair(other: Connection, ours: Connection) -> bool:
    """True when OTHER is this pair's journal: the same journal id, or the same two names."""
    if journal_id(other) == journal_id(ours):
        return True
    query = "SELECT seat, name FROM partners ORDER BY seat"
    names = [tuple(r) for r in other.exec_driver_sql(query)]
    return bool(names) and names == [tuple(r) for r in ours.exec_driver_sql(query)]


def is_json_export(path: Path) -> bool:
    """True when the file at path is a JSON export rather than a journal file."""
    try:
        with path.open("rb") as handle:
            start = handle.read(64).lstrip()
    except OSError:
        return False
    return start.startswith(b"{")


@contextmanager
def journal_of_export(path: Path) -> Iterator[Path]:
    """A private temporary journal built from a JSON export (gone afterwards)."""
    try:
        loaded = load_export(path)
    except ExportFileError as exc:
        raise SyncError(f"{exc} Nothing was changed.") from None
    where = Path(tempfile.mkdtemp(prefix="ceocto-merge-"))  # 0700: only this user reads it
    try:
        built = open_journal(where / "export.db", create=True)
        try:
            with built.transaction() as session:
                import_export(session, loaded)
        except (ExportFileError, JournalError) as exc:
            raise SyncError(f"{path}: {exc} Nothing was changed.") from None
        finally:
            built.close()
        yield where / "export.db"
    finally:
        shutil.rmtree(where, ignore_errors=True)


def merge_journal(journal: Journal, other_path: Path, *, dry_run: bool, force: bool) -> MergeReport:
    """Merge OTHER (a journal file or a JSON export) into journal in one transaction (after
    a backup unless dry)."""
    if other_path.expanduser().resolve() == journal.path.expanduser().resolve():
        raise SyncError(
            "That is this journal itself; nothing was changed. Name the other laptop's file."
        )
    if is_json_export(other_path):
        with journal_of_export(other_path) as built:
            return _merge_file(journal, built, other_path, dry_run=dry_run, force=force)
    return _merge_file(journal, other_path, other_path, dry_run=dry_run, force=force)


def _merge_file(
    journal: Journal, other_path: Path, named: Path, *, dry_run: bool, force: bool
) -> MergeReport:
    other = open_journal(other_path)
    try:
        with other.engine.connect() as other_connection:
            with journal.sessions() as probe:
                if not force and not same_pair(other_connection, probe.connection()):
                    raise SyncError(
                        f"{named} is another pair's journal; nothing was changed. "
                        "Merge it anyway with --force."
                    )
                entries, held_back = read_changes(other_connection, probe.connection())
                probe.rollback()
            other_connection.rollback()
    finally:
        other.close()
    if not dry_run:
        make_backup(journal.path, "before-merge")
    result, lines = _apply(journal, entries, dry_run=dry_run)
    return MergeReport(result, held_back, dry_run, lines)


def _conflict_lines(connection: Connection, after: int) -> list[str]:
    lines = []
    for table, field, kind, kept in connection.exec_driver_sql(
        "SELECT tbl, field, kind, kept FROM sync_conflicts WHERE id > ? ORDER BY id", (after,)
    ):
        word = RECORD_WORDS.get(str(table), str(table).replace("_", " ").capitalize())
        if kind == "resurrected":
            lines.append(f"brought back: {word} (edited after it was deleted)")
            continue
        value = json.loads(kept) if kept else ""
        shown = str(value).strip().splitlines()[0][:60] if str(value).strip() else "(empty)"
        name = str(field).replace("_", " ")
        lines.append(f"kept as a conflict: {word} {name} — keeps “{shown}”, the other in history")
    return lines


def _apply(
    journal: Journal, entries: list[dict[str, Any]], *, dry_run: bool
) -> tuple[Applied, list[str]]:
    """Apply a merge's entries in one transaction; a dry run lists them and rolls back."""
    session = journal.write_sessions()
    try:
        connection = session.connection()
        capture(connection)
        was = connection.exec_driver_sql(
            "SELECT value FROM sync_state WHERE key = 'capture'"
        ).scalar()
        before = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM sync_conflicts")
        after = int(before.scalar() or 0)
        set_state(connection, "capture", "0")
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        with large_cache(connection):
            applier = Applier(connection)
            applier.steps = [] if dry_run else None
            for entry in entries:
                applier.entry({**entry, "d": "merge"})
            applier.retry_parked()
            result = applier.finish()
        set_state(connection, "capture", str(was or "0"))
        lines: list[str] = []
        if dry_run:
            lines = step_lines(applier.steps or []) + _conflict_lines(connection, after)
            session.rollback()
        else:
            session.commit()
    finally:
        session.close()
    return result, lines
