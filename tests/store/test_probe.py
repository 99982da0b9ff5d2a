"""Asking whether the journal can be written now never waits and changes nothing."""

from __future__ import annotations

# The app's own SQLite library: a second library in one process would not see the lock.
import sqlcipher3.dbapi2 as sqlite3

from ceocto_desktop.store.engine import BUSY_TIMEOUT_MS
from ceocto_desktop.store.probe import write_lock_free


def test_the_probe_sees_another_programs_write_lock_and_leaves_the_timeout(journal):
    assert write_lock_free(journal.engine)
    other = sqlite3.connect(journal.path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        assert not write_lock_free(journal.engine)
        other.execute("COMMIT")
    finally:
        other.close()
    assert write_lock_free(journal.engine)
    raw = journal.engine.raw_connection()
    try:
        assert raw.cursor().execute("PRAGMA busy_timeout").fetchone() == (BUSY_TIMEOUT_MS,)
    finally:
        raw.close()
