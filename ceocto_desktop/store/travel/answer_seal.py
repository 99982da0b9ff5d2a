"""Sealing a check-in answer before it leaves this laptop (the blind rule, docs/SYNC.md).

A partner's answers for a week travel encrypted (AES-256-GCM) under a key of their own,
made here and kept in sync_answer_keys; the sync package sends the key once this laptop
holds the other partner's answers for that week. Once the key has gone, later edits of
the answer (amendments after the reveal) travel openly.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection

ANSWERS = "checkin_answers"
MINE, RELEASED, THEIRS = 0, 1, 2
NONCE_BYTES = 12


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def answers_here(connection: Connection, week: str) -> set[str]:
    """The seats whose answers for the week are readable in this journal."""
    rows = connection.exec_driver_sql(
        "SELECT a.seat FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id "
        "WHERE c.week_start = ?",
        (week,),
    ).fetchall()
    return {str(row[0]) for row in rows}


def answer_key(connection: Connection, week: str, seat: str) -> tuple[bytes, int] | None:
    """The key of one partner's answers for a week, and whose it is (MINE, RELEASED, THEIRS)."""
    row = connection.exec_driver_sql(
        "SELECT key, released FROM sync_answer_keys WHERE week = ? AND seat = ?", (week, seat)
    ).first()
    if row is None:
        return None
    return base64.b64decode(str(row[0])), int(row[1])


def seal_entry(key: bytes, entry: dict[str, Any]) -> dict[str, Any]:
    """The entry encrypted under key, its record key bound as associated data."""
    nonce = os.urandom(NONCE_BYTES)
    plain = _dumps(entry).encode("utf-8")
    sealed = nonce + AESGCM(key).encrypt(nonce, plain, _dumps(entry["k"]).encode("utf-8"))
    return {
        "t": ANSWERS,
        "k": entry["k"],
        "o": "s",
        "h": entry["h"],
        "sealed": base64.b64encode(sealed).decode("ascii"),
    }


def seal_answers(connection: Connection, entry: dict[str, Any]) -> dict[str, Any]:
    """An answer entry as it travels: sealed until both partners' answers are here."""
    if entry.get("t") != ANSWERS or entry.get("o") == "d":
        return entry
    week_key, seat = entry["k"]
    week, seat = str(week_key[0]), str(seat)
    found = answer_key(connection, week, seat)
    if found is None:
        if answers_here(connection, week) >= {"A", "B"}:
            return entry  # both answered here before sync saw either: nothing to hide
        key = os.urandom(32)
        connection.exec_driver_sql(
            "INSERT INTO sync_answer_keys(week, seat, key, released) VALUES (?, ?, ?, ?)",
            (week, seat, base64.b64encode(key).decode("ascii"), MINE),
        )
        return seal_entry(key, entry)
    key, state = found
    if state != MINE:
        return entry  # revealed: amendments travel openly
    return seal_entry(key, entry)
