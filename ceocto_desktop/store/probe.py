"""Asking whether the journal can be written right now, without waiting for a lock."""

from __future__ import annotations

from sqlalchemy import Engine

from ceocto_desktop.store import driver
from ceocto_desktop.store import engine as engine_module


def write_lock_free(engine: Engine) -> bool:
    """Whether a write could begin now: asked with no busy timeout, so it never waits.

    While another program holds the journal, retrying a save would wait the whole busy
    timeout each time and freeze the window; this answers in a moment instead.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            cursor.execute("PRAGMA busy_timeout=0")
            try:
                cursor.execute("BEGIN IMMEDIATE")
            except driver.OperationalError:
                return False
            cursor.execute("ROLLBACK")
            return True
        finally:
            cursor.execute(f"PRAGMA busy_timeout={engine_module.BUSY_TIMEOUT_MS}")
            cursor.close()
    finally:
        raw.close()
