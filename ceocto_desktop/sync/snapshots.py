"""Snapshots, acknowledgements and compaction of the sync folder.

- A snapshot is the whole journal as one laptop holds it (every record with its field
  clocks, tombstones, the other partner's answers still sealed), encrypted like a change
  file, written every SNAPSHOT_EVERY change files of that laptop. Its clear header says
  which change files it covers ("covers": the last number of each device in it). A new
  laptop starts from the snapshot that covers most, then reads only the files after it.
- Each laptop writes acks/<device>.json after every pass: the last change number of each
  device it has applied (numbers only).
- A laptop deletes its own change files, never another's, and only those every other
  device has acknowledged and the snapshot a new laptop would start from covers. A device
  that never acknowledged (an old app, a laptop not synced since) keeps everything.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from ceocto_desktop.store.travel.answer_seal import ANSWERS, answer_key, answers_here, seal_answers
from ceocto_desktop.store.travel.changelog import (
    READ_ONLY,
    get_state,
    journal_id,
    set_state,
    sql,
)
from ceocto_desktop.store.travel.sync_tables import TABLES, travels
from ceocto_desktop.sync.folder import Scan, SyncFolder

SNAPSHOT_EVERY = 200  # change files of this laptop between two of its snapshots

Snapshot = tuple[str, int, dict[str, Any]]  # device, seq, clear header


def _unkeyed_answer(connection: Connection, entry: dict[str, Any]) -> bool:
    """An answer whose sealing key would have to be made now (saved since make_answer_keys):
    a read transaction leaves it out; its own change file, after the snapshot, carries it."""
    if entry.get("t") != ANSWERS or entry.get("o") == "d":
        return False
    week, seat = str(entry["k"][0][0]), str(entry["k"][1])
    return answer_key(connection, week, seat) is None and answers_here(connection, week) < {
        "A",
        "B",
    }


def snapshot_entries(connection: Connection) -> list[dict[str, Any]]:
    """Every record of this journal as entries (answers sealed as they travel), tombstones."""
    from ceocto_desktop.sync.merge import entries_of_row

    device = get_state(connection, "device")
    reading = bool(connection.info.get(READ_ONLY))
    entries: list[dict[str, Any]] = []
    for spec in TABLES:
        for row in sql(connection, f'SELECT * FROM "{spec.name}"').mappings():
            if travels(spec.name, row):
                found = entries_of_row(connection, spec, row, device, True)
                if reading and found and _unkeyed_answer(connection, found[0]):
                    continue
                entries.extend(seal_answers(connection, entry) for entry in found)
    for (payload,) in sql(connection, "SELECT payload FROM sync_sealed"):
        entries.extend(json.loads(payload))  # the other's answers, still sealed here
    for table, rkey, hlc in sql(connection, "SELECT tbl, rkey, hlc FROM sync_tombstones"):
        entries.append({"t": table, "k": json.loads(rkey), "o": "d", "h": hlc})
    return entries


def covered(connection: Connection, device: str) -> dict[str, int]:
    """The change files this journal holds: each other device's last applied, its own last."""
    seen = {str(d): int(n) for d, n in sql(connection, "SELECT device, seq FROM sync_seen")}
    own = sql(
        connection,
        "SELECT coalesce(max(seq), 0) FROM sync_outbox WHERE device = ? AND written = 1",
        (device,),
    ).scalar()
    seen[device] = int(own or 0)
    return {d: n for d, n in seen.items() if n}


def due(channel: SyncFolder, device: str, written: int) -> bool:
    """True when this laptop has written SNAPSHOT_EVERY change files since its last snapshot."""
    last = max((seq for d, seq, _ in channel.snapshots() if d == device), default=0)
    return written - last >= SNAPSHOT_EVERY


def make_answer_keys(connection: Connection) -> None:
    """Give each submitted answer that travels sealed its key now (in a write transaction),
    so reading a snapshot afterwards writes nothing."""
    from ceocto_desktop.sync.merge import entries_of_row

    device = get_state(connection, "device")
    for spec in TABLES:
        if spec.name != "checkin_answers":
            continue
        for row in sql(connection, f'SELECT * FROM "{spec.name}"').mappings():
            if travels(spec.name, row):
                for entry in entries_of_row(connection, spec, row, device, True):
                    seal_answers(connection, entry)


def read(connection: Connection, key_id: str, seat: str) -> tuple[dict[str, Any], list[Any]]:
    """This laptop's snapshot, header and entries, as one read transaction sees the journal
    (so the window's saves go on meanwhile; make_answer_keys first)."""
    connection.info[READ_ONLY] = True
    try:
        return _read(connection, key_id, seat)
    finally:
        connection.info.pop(READ_ONLY, None)


def _read(connection: Connection, key_id: str, seat: str) -> tuple[dict[str, Any], list[Any]]:
    device = get_state(connection, "device")
    covers = covered(connection, device)
    header = {
        "journal": journal_id(connection),
        "device": device,
        "seq": covers.get(device, 0),
        "key": key_id,
        "seat": seat,
        "kind": "snapshot",
        "covers": covers,
    }
    return header, snapshot_entries(connection)


def store(channel: SyncFolder, header: dict[str, Any], key: bytes, entries: list[Any]) -> Snapshot:
    """Encrypt and write a snapshot read by `read`, then remove this laptop's older ones."""
    device, seq = str(header["device"]), int(header["seq"])
    channel.write_snapshot(header, key, entries)
    for other_device, other_seq, _ in channel.snapshots():
        if other_device == device and other_seq < seq:
            channel.remove_own(channel.snapshot_path(device, other_seq))
    return device, seq, header


def starting_point(channel: SyncFolder, scan: Scan) -> Snapshot | None:
    """The snapshot a new laptop starts from: the one covering most whose later files are
    all still in the folder."""
    usable = []
    for device, seq, header in channel.snapshots():
        covers = {str(d): int(n) for d, n in dict(header.get("covers", {})).items()}
        if all(
            not numbers or numbers[0] <= covers.get(d, 0) + 1 for d, numbers in scan.devices.items()
        ):
            usable.append((sum(covers.values()), device, seq, header))
    if not usable:
        return None
    _total, device, seq, header = max(usable, key=lambda item: item[:3])
    return device, seq, header


def forgotten(connection: Connection, channel: SyncFolder) -> set[str]:
    """The lost laptops the pair forgot: on this laptop, or on another (its acknowledgement
    says so). Nothing waits for their acknowledgement; their files stay in the folder."""
    here = set(get_state(connection, "forgotten_devices").split())
    there: set[str] = set()
    for device, named in channel.forgotten().items():
        if device not in here:
            there |= named
    return here | there


def remember_forgotten(connection: Connection, devices: set[str]) -> None:
    """Keep on this laptop which laptops the pair forgot (it says so in its acknowledgement)."""
    set_state(connection, "forgotten_devices", " ".join(sorted(devices)))


def compact(channel: SyncFolder, scan: Scan, me: str, retired: set[str], known: set[str]) -> int:
    """Delete this laptop's change files that every other device has acknowledged and the
    new laptops' snapshot covers; how many went. Nothing of another device is touched.

    known: devices met before (an acknowledgement that went missing still counts as none)."""
    mine = scan.devices.get(me, [])
    if not mine:
        return 0
    acks = channel.acks()
    snapshots = channel.snapshots()
    devices = set(scan.devices) | set(acks) | {d for d, _, _ in snapshots} | known
    others = devices - {me} - retired
    if not others or any(device not in acks for device in others):
        return 0  # a device that never acknowledged may still need every file
    acknowledged = min(acks[device].get(me, 0) for device in others)
    start = starting_point(channel, scan)
    if start is None:
        return 0
    limit = min(acknowledged, int(dict(start[2].get("covers", {})).get(me, 0)))
    removed = 0
    for seq in mine:
        if seq <= limit:
            channel.remove_own(channel.change_path(me, seq))
            removed += 1
    return removed
