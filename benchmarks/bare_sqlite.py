"""The references for `ceocto check` and `ceocto backup`: the same SQLite work, bare.

    python benchmarks/bare_sqlite.py check JOURNAL
    python benchmarks/bare_sqlite.py backup JOURNAL TARGET

The same library (sqlcipher3), the same pragmas and the same backup API, with nothing of
ceocto's around them: what the commands cannot do with less.
"""

from __future__ import annotations

import os
import sys

import sqlcipher3.dbapi2 as sqlite


def check(path: str) -> None:
    """integrity_check, foreign_key_check and the partners' count, read-only."""
    connection = sqlite.connect(f"file:{path}?mode=ro", uri=True)
    assert [r[0] for r in connection.execute("PRAGMA integrity_check")] == ["ok"]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.execute("SELECT count(*) FROM partners").fetchone()
    connection.close()
    print("ok")


def backup(path: str, target: str) -> None:
    """SQLite's online backup into a new file, made self-contained, checked, flushed."""
    source = sqlite.connect(f"file:{path}?mode=ro", uri=True)
    copy = sqlite.connect(target)
    source.backup(copy)
    copy.execute("PRAGMA journal_mode=DELETE")
    assert [r[0] for r in copy.execute("PRAGMA quick_check")] == ["ok"]
    copy.close()
    source.close()
    handle = os.open(target, os.O_RDONLY)
    os.fsync(handle)
    os.close(handle)


if __name__ == "__main__":
    if sys.argv[1] == "check":
        check(sys.argv[2])
    else:
        backup(sys.argv[2], sys.argv[3])
