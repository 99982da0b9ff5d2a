"""Setting sync up, joining, and one sync pass: send the outbox, apply what is new.

What is new is decided by each device's sequence numbers kept in the journal (sync_seen),
never by file times. A change file is applied in one transaction together with its
number, so a pass killed at any point applies nothing twice and loses nothing: the next
pass picks up where this one stopped. A file that does not read (half-copied) is retried
on the next pass; a gap in a device's numbers waits for the missing file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from ceocto_desktop import __version__
from ceocto_desktop.store.journal import Journal
from ceocto_desktop.store.travel.answer_seal import seal_answers
from ceocto_desktop.store.travel.changelog import (
    Capture,
    append_change,
    capture,
    current_device,
    dumps,
    get_state,
    journal_id,
    large_cache,
    set_state,
    wire_key,
)
from ceocto_desktop.store.travel.sync_tables import TABLES, travels
from ceocto_desktop.sync import sealing, snapshots
from ceocto_desktop.sync.apply import Applied, Applier
from ceocto_desktop.sync.crypto import (
    Unreadable,
    WrongCode,
    b64,
    new_key,
    new_pairing_code,
    unb64,
    unwrap_key,
    wrap_key,
)
from ceocto_desktop.sync.folder import (
    MIN_WRITER_VERSION,
    FolderMissing,
    NewerFormat,
    Scan,
    SyncFolder,
    needs_newer,
)
from ceocto_desktop.sync.received import keep_steps

SNAPSHOT_CHUNK = 2000


def _older_message(why: str) -> str:
    return (
        f"{why}: your changes wait in the journal and nothing was lost. "
        "Update ceocto on this laptop."
    )


class SyncError(Exception):
    """Something a person can fix; the message says what happened and what to do."""


@dataclass
class PassReport:
    """What one sync pass did and what still waits."""

    sent: int = 0
    received: int = 0
    applied: Applied = field(default_factory=Applied)
    from_seats: Counter[str] = field(default_factory=Counter)
    waiting: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    read_only: str = ""  # why this laptop only read the folder ('' when it also wrote)
    compacted: int = 0  # this laptop's change files removed: every device has them


def is_set_up(connection: Connection) -> bool:
    """True when this journal syncs through a folder."""
    return bool(get_state(connection, "folder"))


def _keys(connection: Connection) -> dict[str, bytes]:
    stored = json.loads(get_state(connection, "keys", "{}"))
    return {key_id: unb64(value) for key_id, value in stored.items()}


def _partners(connection: Connection) -> list[str]:
    # Seats only: names are the pair's words, and the folder holds none in clear.
    rows = connection.exec_driver_sql("SELECT seat FROM partners ORDER BY seat").fetchall()
    return [str(row[0]) for row in rows]


def _configure(connection: Connection, folder: Path, seat: str, key_id: str, key: bytes) -> None:
    set_state(connection, "folder", str(folder.expanduser().resolve()))
    set_state(connection, "seat", seat)
    keys = json.loads(get_state(connection, "keys", "{}"))
    keys[key_id] = b64(key)
    set_state(connection, "keys", dumps(keys))
    set_state(connection, "key_id", key_id)
    set_state(connection, "capture", "1")
    current_device(connection)


def snapshot(connection: Connection, *, only_unseen: bool = False) -> int:
    """Every record as change sets (the first laptop's journal as it stands at setup).

    only_unseen: just the records sync has no clock of (a copied journal joining: what it
    wrote before it joined, and the folder does not hold)."""
    capture(connection)
    work = Capture(connection)
    seen: set[tuple[str, str]] = set()
    if only_unseen:
        seen = {
            (str(t), str(k))
            for t, k in connection.exec_driver_sql(
                "SELECT tbl, rkey FROM sync_clock WHERE field = ''"
            )
        }
    count = 0
    for spec in TABLES:
        result = connection.exec_driver_sql(f'SELECT * FROM "{spec.name}"')
        for row in result.mappings().fetchall():
            values = dict(row)
            if not travels(spec.name, values):
                continue
            key = wire_key(connection, spec, values)
            if key is not None and (spec.name, dumps(key)) not in seen:
                work.insert(spec, values, key, fresh=True)
    work.finish()
    entries = [seal_answers(connection, entry) for entry in work.entries]
    for start in range(0, len(entries), SNAPSHOT_CHUNK):
        append_change(connection, work.device, entries[start : start + SNAPSHOT_CHUNK], None)
        count += 1
    return count


def setup(journal: Journal, folder: Path, seat: str) -> str:
    """Make folder this journal's sync folder; the pairing code to write down."""
    channel = SyncFolder(folder)
    if not channel.exists():
        raise SyncError(
            f"The folder {folder} does not exist; nothing was changed. "
            "Create it (or pick the folder your sync service shares) and try again."
        )
    if channel.read_journal_json() is not None:
        raise SyncError(
            f"{folder} already holds a ceocto journal; nothing was changed. "
            "Use 'ceocto sync join' to join it, or pick an empty folder."
        )
    code, key = new_pairing_code(), new_key()
    wrapped = wrap_key(key, code)
    with journal.transaction() as session:
        connection = session.connection()
        if is_set_up(connection):
            raise SyncError(
                "This journal already syncs through "
                f"{get_state(connection, 'folder')}; nothing was changed."
            )
        _configure(connection, folder, seat, wrapped.key_id, key)
        snapshot(connection)
        description = {
            "format": "ceocto-sync",
            "version": 1,
            "journal_id": journal_id(connection),
            "min_app_version": MIN_WRITER_VERSION,
            "partners": _partners(connection),
            "keys": [wrapped.to_json()],
        }
    # Written once the journal holds its side: a setup that fails leaves no folder claimed.
    channel.write_journal_json(description)
    sync_now(journal)
    return code


def read_description(folder: Path) -> dict[str, Any]:
    """The folder's journal.json, or a SyncError saying why it cannot be joined."""
    channel = SyncFolder(folder)
    try:
        description = channel.read_journal_json()
    except FolderMissing:
        raise SyncError(
            f"The folder {folder} does not exist; nothing was changed. "
            "Check that your sync service has brought it to this laptop."
        ) from None
    except NewerFormat:
        raise SyncError(
            f"{folder} was set up by a newer ceocto; nothing was changed. "
            "Update ceocto on this laptop, then join."
        ) from None
    except Unreadable:
        raise SyncError(
            f"{folder}'s journal.json is damaged or still copying; nothing was changed. "
            "Wait for your sync service to finish, then try again."
        ) from None
    if description is None:
        raise SyncError(
            f"{folder} holds no ceocto journal yet; nothing was changed. "
            "Run 'ceocto sync setup' on the first laptop, then join here."
        )
    wanted = needs_newer(description)
    if wanted:
        raise SyncError(
            f"{folder} needs ceocto {wanted} or newer and this is {__version__}; nothing was "
            "changed. Update ceocto on this laptop, then join."
        )
    return description


def unlock(description: dict[str, Any], code: str) -> tuple[str, bytes]:
    """The key id and journal key the pairing code opens."""
    for entry in description.get("keys", []):
        try:
            return str(entry["id"]), unwrap_key(entry, code)
        except WrongCode:
            continue
    raise SyncError(
        "That pairing code does not open this sync folder; nothing was changed. "
        "Check the code written down when sync was set up, and type it again."
    )


def join(
    journal: Journal, folder: Path, seat: str, code: str, *, force: bool = False
) -> PassReport:
    """Make this journal (new, or a copy of the pair's) a second laptop of the folder's."""
    description = read_description(folder)
    key_id, key = unlock(description, code)
    with journal.transaction() as session:
        connection = session.connection()
        records = connection.exec_driver_sql("SELECT count(*) FROM notes").scalar()
        fresh = not connection.exec_driver_sql("SELECT count(*) FROM partners").scalar()
        same = journal_id(connection) == description.get("journal_id")
        if not same and (records or 0) and not force:
            raise SyncError(
                "This journal is not the one in the sync folder; nothing was changed. "
                "Join with a new journal file (--db NEW), then bring this one in with "
                "'ceocto merge'."
            )
        connection.exec_driver_sql(
            "UPDATE journal_meta SET value = ? WHERE key = 'journal_id'",
            (str(description["journal_id"]),),
        )
        _configure(connection, folder, seat, key_id, key)
        if not same:
            snapshot(connection)
    report = sync_now(journal, bulk=fresh)
    if same and not fresh:
        # A copy of the pair's journal: what it wrote before joining is in no change file.
        with journal.transaction() as session:
            added = snapshot(session.connection(), only_unseen=True)
        if added:
            report.sent += sync_now(journal).sent
    return report


def join_journal(
    path: Path, folder: Path, seat: str, code: str, *, make_folder: bool = False
) -> PassReport:
    """Join the folder with the journal at path (made if missing) as seat A, B or a name.

    The folder and the code are checked before anything is written, so a wrong code or a
    folder without a journal leaves no file behind. A name is looked up once the journal
    holds the pair's partners; a name that matches neither raises ValidationError after
    the journal was joined as partner A's laptop.
    """
    from ceocto_desktop.store import open_journal

    unlock(read_description(folder), code)  # a wrong code changes nothing, not even a new file
    journal = open_journal(path, create=not path.exists(), make_folder=make_folder)
    try:
        given = seat.upper() if seat.upper() in ("A", "B") else "A"
        report = join(journal, folder, given, code)
        if given != seat.upper():
            from ceocto_desktop.services.partners import find_partner

            with journal.transaction() as session:
                found = str(find_partner(session, seat).value)
                set_state(session.connection(), "seat", found)
    finally:
        journal.close()
    return report


def _apply_entries(
    connection: Connection,
    device: str,
    seq: int,
    entries: list[dict[str, Any]],
    seat: str,
    *,
    keep: bool = True,
    written: dict[str, set[str] | None] | None = None,
) -> Applied:
    """Apply one change file and keep its number, within the caller's transaction.

    keep: also keep what it did, so a person can undo it (not for a new laptop's join).
    """
    capture(connection)  # this laptop's own writes not yet captured go first
    set_state(connection, "capture", "0")
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    applier = Applier(connection)
    if keep:
        applier.steps = []
    if written is not None:
        applier.track_new_rows(written)
    applier.measure_lead(device, entries)
    for entry in entries:
        entry = {**entry, "d": device}
        readable = (
            sealing.receive(connection, entry) if sealing.is_sealed_traffic(entry) else [entry]
        )
        for plain in readable:
            applier.entry({**plain, "d": device})
    applier.retry_parked()
    result = applier.finish()
    if applier.steps:
        keep_steps(connection, device, seq, seat, applier.steps)
    if applier.overrides:
        # This laptop's values that won only once the other's clock lead was taken off.
        me = current_device(connection)
        sent = [seal_answers(connection, entry) for entry in applier.overrides]
        append_change(connection, me, sent, None)
    connection.exec_driver_sql(
        "INSERT INTO sync_seen(device, seq) VALUES (?, ?) "
        "ON CONFLICT(device) DO UPDATE SET seq = excluded.seq",
        (device, seq),
    )
    if seat:
        set_state(connection, f"seat_of:{device}", seat)
    set_state(connection, "capture", "1")
    return result


Apply = Callable[[str, int, list[dict[str, Any]], str], Applied]


def _searched_tables(connection: Connection) -> tuple[str, ...]:
    rows = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%\\_insert' "
        "ESCAPE '\\'"
    ).fetchall()
    return tuple(str(row[0])[len("search_") : -len("_insert")] for row in rows)


def _send(journal: Journal, channel: SyncFolder) -> int:
    with journal.transaction() as session:
        connection = session.connection()
        capture(connection)
        sealing.release_keys(connection)
        rows = connection.exec_driver_sql(
            "SELECT device, seq, payload FROM sync_outbox WHERE written = 0 ORDER BY device, seq"
        ).fetchall()
        keys = _keys(connection)
        key_id = get_state(connection, "key_id")
        jid = journal_id(connection)
        seat = get_state(connection, "seat")
    for device, seq, payload in rows:
        header = {"journal": jid, "device": device, "seq": seq, "key": key_id, "seat": seat}
        channel.write_change(header, keys[key_id], json.loads(payload))
    if rows:
        with journal.transaction() as session:
            session.connection().exec_driver_sql(
                "UPDATE sync_outbox SET written = 1 WHERE written = 0 AND "
                "(device, seq) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))",
                (dumps([[device, seq] for device, seq, _ in rows]),),
            )
    return len(rows)


def _receive(journal: Journal, channel: SyncFolder, report: PassReport, *, bulk: bool) -> None:
    with journal.sessions() as session:
        connection = session.connection()
        me = current_device(connection)
        seen: dict[str, int] = {
            str(device): int(seq)
            for device, seq in connection.exec_driver_sql("SELECT device, seq FROM sync_seen")
        }
        keys = _keys(connection)
        jid = journal_id(connection)
        session.rollback()
    scan = channel.scan()
    report.leftovers = scan.leftovers
    plan = (channel, scan.devices, me, seen, keys, jid)
    if not bulk:

        def apply_one(device: str, seq: int, entries: list[dict[str, Any]], seat: str) -> Applied:
            with journal.transaction() as session:
                return _apply_entries(session.connection(), device, seq, entries, seat)

        _receive_files(plan, report, apply_one)
        return
    # A new laptop joining: every file in one transaction, the search index built once
    # at the end (five times less work than row by row). Killed half-way, it rolls back
    # whole and the next pass starts again; the folder still holds everything.
    from ceocto_desktop.services.demo.bulk import indexed_at_the_end

    written: dict[str, set[str] | None] = {}
    with journal.transaction() as session:
        connection = session.connection()
        with large_cache(connection), indexed_at_the_end(session, _searched_tables(connection)):
            if not seen:
                _start_from_snapshot(connection, plan, report, written)
            _receive_files(
                plan,
                report,
                lambda device, seq, entries, seat: _apply_entries(
                    connection, device, seq, entries, seat, keep=False, written=written
                ),
            )


def _start_from_snapshot(
    connection: Connection,
    plan: tuple[Any, ...],
    report: PassReport,
    written: dict[str, set[str] | None],
) -> None:
    """A new laptop: start from the folder's snapshot, then read only the files after it."""
    channel, devices, _me, seen, keys, jid = plan
    start = snapshots.starting_point(channel, Scan(devices=devices))
    if start is None:
        return
    device, seq, header = start
    try:
        entries = channel.read_snapshot(device, seq, keys, jid)
    except (Unreadable, NewerFormat):
        return  # still copying, or newer: the change files may still do
    report.applied += _apply_entries(
        connection, device, seq, entries, str(header.get("seat", "")), keep=False, written=written
    )
    for other, number in dict(header.get("covers", {})).items():
        connection.exec_driver_sql(
            "INSERT INTO sync_seen(device, seq) VALUES (?, ?) "
            "ON CONFLICT(device) DO UPDATE SET seq = max(seq, excluded.seq)",
            (str(other), int(number)),
        )
        seen[str(other)] = max(int(seen.get(str(other), 0)), int(number))


def _receive_files(plan: tuple[Any, ...], report: PassReport, apply: Apply) -> None:
    channel, devices, me, seen, keys, jid = plan
    for device, numbers in devices.items():
        if device == me:
            continue
        available = set(numbers)
        nxt = int(seen.get(device, 0)) + 1
        while nxt in available:
            try:
                entries = channel.read_change(device, nxt, keys, jid)
            except NewerFormat:
                report.waiting.append(f"change {nxt} of another laptop needs a newer ceocto")
                break
            except Unreadable:
                report.waiting.append(f"change {nxt} of another laptop is still copying")
                break
            header_seat = _seat_in(channel, device, nxt)
            report.applied += apply(device, nxt, entries, header_seat)
            report.received += 1
            report.from_seats[header_seat] += 1
            nxt += 1
        else:
            if any(number > nxt for number in available):
                report.waiting.append(f"waiting for change {nxt} of another laptop")


def _seat_in(channel: SyncFolder, device: str, seq: int) -> str:
    data = channel.change_path(device, seq).read_bytes()
    length = int.from_bytes(data[11:15], "big")
    try:
        return str(json.loads(data[15 : 15 + length]).get("seat", ""))
    except ValueError:
        return ""


def sync_now(journal: Journal, *, bulk: bool = False) -> PassReport:
    """One pass: send what this laptop wrote, apply what the others wrote, send keys due."""
    with journal.sessions() as session:
        connection = session.connection()
        folder = get_state(connection, "folder")
        session.rollback()
    if not folder:
        raise SyncError(
            "This journal does not sync yet; nothing was changed. "
            "Set it up with 'ceocto sync setup FOLDER --as A|B'."
        )
    channel = SyncFolder(Path(folder))
    if not channel.exists():
        raise SyncError(
            f"The sync folder {folder} is not there; nothing was lost, your changes wait "
            "in the journal. Plug in or mount the folder, then sync again."
        )
    report = PassReport()
    report.read_only = _why_read_only(channel)
    if not report.read_only:
        report.sent = _send(journal, channel)
    _receive(journal, channel, report, bulk=bulk)
    if not report.read_only:
        report.sent += _send(journal, channel)  # keys released by what just arrived
        report.compacted = _acknowledge_and_compact(journal, channel)
    with journal.transaction() as session:
        connection = session.connection()
        set_state(connection, "last_sync", datetime.now(UTC).isoformat(timespec="seconds"))
        set_state(
            connection,
            "last_report",
            dumps(
                {
                    "received": report.received,
                    "changes": report.applied.total,
                    "from": dict(report.from_seats),
                    "waiting": report.waiting,
                    "leftovers": len(report.leftovers),
                    "read_only": report.read_only,
                }
            ),
        )
    return report


def _acknowledge_and_compact(journal: Journal, channel: SyncFolder) -> int:
    """Say what this laptop has applied, write its snapshot when due, drop what all have."""
    with journal.transaction() as session:
        connection = session.connection()
        me = current_device(connection)
        covers = snapshots.covered(connection, me)
        gone = snapshots.forgotten(connection, channel) - {me}
        channel.write_ack(me, covers, gone)
        due = snapshots.due(channel, me, covers.get(me, 0))
        if due:
            snapshots.make_answer_keys(connection)
        key_id, seat = get_state(connection, "key_id"), get_state(connection, "seat")
        key = _keys(connection)[key_id] if due else b""
        retired = set(get_state(connection, "previous_devices").split()) | gone
        # Every device that ever acknowledged: one whose file went missing blocks compaction.
        known = set(get_state(connection, "acked_devices").split()) | set(channel.acks())
        set_state(connection, "acked_devices", " ".join(sorted(known)))
    if due:
        # A read transaction: one consistent view of the journal, while the window saves.
        with journal.sessions() as session:
            header, entries = snapshots.read(session.connection(), key_id, seat)
            session.rollback()
        snapshots.store(channel, header, key, entries)
    return snapshots.compact(channel, channel.scan(), me, retired, known)


def _why_read_only(channel: SyncFolder) -> str:
    """Why this laptop must not write to the folder now ('' when it may)."""
    try:
        description = channel.read_journal_json()
    except NewerFormat:
        return _older_message("the sync folder was set up by a newer ceocto")
    except Unreadable:
        return ""  # journal.json still copying: change files stand on their own
    wanted = needs_newer(description or {})
    if not wanted:
        return ""
    return _older_message(
        f"the sync folder needs ceocto {wanted} or newer to write to it, and this is {__version__}"
    )
