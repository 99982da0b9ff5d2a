"""The blind rule across two laptops, on the receiving side and for sending keys.

A sealed answer from the other laptop is kept as ciphertext in sync_sealed, outside every
table that search, reports or the window read, until its key arrives. This laptop sends
the key of its own answers for a week once it holds the other partner's answers for that
week (sealed or readable). store/travel/answer_seal.py seals them on the way out.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from ceocto_desktop.store.travel.answer_seal import MINE, RELEASED, THEIRS, answer_key, answers_here
from ceocto_desktop.store.travel.changelog import append_change, current_device, dumps
from ceocto_desktop.sync.crypto import unb64, unseal

KEY_ENTRY = "_answer_key"


def is_sealed_traffic(entry: dict[str, Any]) -> bool:
    """True for a sealed answer or an answer's key."""
    return entry.get("t") == KEY_ENTRY or entry.get("o") == "s"


def receive(connection: Connection, entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Keep a sealed answer or a key; the entries that can now be read (to apply)."""
    if entry.get("t") == KEY_ENTRY:
        week, seat = str(entry["week"]), str(entry["seat"])
        connection.exec_driver_sql(
            "INSERT INTO sync_answer_keys(week, seat, key, released) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(week, seat) DO NOTHING",
            (week, seat, str(entry["key"]), THEIRS),
        )
    else:
        week_key, seat = entry["k"]
        week, seat = str(week_key[0]), str(seat)
        row = connection.exec_driver_sql(
            "SELECT payload FROM sync_sealed WHERE week = ? AND seat = ?", (week, seat)
        ).first()
        kept = json.loads(row[0]) if row is not None else []
        kept.append(entry)
        connection.exec_driver_sql(
            "INSERT OR REPLACE INTO sync_sealed(week, seat, hlc, payload) VALUES (?, ?, ?, ?)",
            (week, seat, entry["h"], dumps(kept)),
        )
    return open_sealed(connection, week, seat)


def open_sealed(connection: Connection, week: str, seat: str) -> list[dict[str, Any]]:
    """The readable entries of a sealed answer whose key is here (no longer kept sealed)."""
    found = answer_key(connection, week, seat)
    row = connection.exec_driver_sql(
        "SELECT payload FROM sync_sealed WHERE week = ? AND seat = ?", (week, seat)
    ).first()
    if found is None or row is None:
        return []
    opened = []
    for sealed in json.loads(row[0]):
        plain = unseal(found[0], unb64(sealed["sealed"]), dumps(sealed["k"]).encode("utf-8"))
        opened.append(json.loads(plain))
    connection.exec_driver_sql("DELETE FROM sync_sealed WHERE week = ? AND seat = ?", (week, seat))
    return opened


def release_keys(connection: Connection) -> int:
    """Send the keys of this laptop's answers whose week has the other's answers here."""
    rows = connection.exec_driver_sql(
        "SELECT week, seat, key FROM sync_answer_keys WHERE released = ?", (MINE,)
    ).fetchall()
    entries = []
    for week, seat, key in rows:
        other = "B" if str(seat) == "A" else "A"
        sealed_here = connection.exec_driver_sql(
            "SELECT 1 FROM sync_sealed WHERE week = ? AND seat = ?", (week, other)
        ).first()
        if sealed_here is None and other not in answers_here(connection, str(week)):
            continue
        entries.append({"t": KEY_ENTRY, "week": week, "seat": seat, "key": key})
        connection.exec_driver_sql(
            "UPDATE sync_answer_keys SET released = ? WHERE week = ? AND seat = ?",
            (RELEASED, week, seat),
        )
    if entries:
        append_change(connection, current_device(connection), entries, None)
    return len(entries)
