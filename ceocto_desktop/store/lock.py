"""One window per journal: a lock file beside it that says who holds it, and since when.

The window holds an exclusive flock on `<journal>.lock` for as long as it is open. The
kernel drops a flock when its process dies, however it dies, so a lock file whose flock
is free was left by a killed process and is taken over. Shell commands never take the
lock; writing ones only refuse while a live window holds it.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ceocto_desktop.store.errors import JournalInUse

# A probe by lock_holder() holds a shared flock for a moment; acquire() retries past it.
_ACQUIRE_ATTEMPTS = 5
_ACQUIRE_PAUSE_S = 0.02

if sys.platform == "win32":  # pragma: no cover - tested on Linux only
    import msvcrt

    # Windows has no flock; a byte-range lock far past the text is released on death too.
    _WINDOWS_LOCK_OFFSET = 1 << 30

    def _try_lock(descriptor: int, exclusive: bool) -> bool:
        position = os.lseek(descriptor, 0, os.SEEK_CUR)
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
        finally:
            os.lseek(descriptor, position, os.SEEK_SET)

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int, exclusive: bool) -> bool:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


@dataclass(frozen=True)
class LockInfo:
    """Who holds a journal's lock: process id, computer, user and since when."""

    pid: int
    host: str
    user: str
    since: datetime

    def describe(self) -> str:
        """Words for a person: who has the journal open, where and since when."""
        since = self.since.strftime("%Y-%m-%d %H:%M")
        return f"{self.user} on {self.host} (process {self.pid}) since {since}"


def lock_path(journal: Path) -> Path:
    """The lock file beside a journal."""
    return journal.with_name(journal.name + ".lock")


def in_use_message(journal: Path, info: LockInfo | None) -> str:
    """The refusal for a journal open in a ceocto window elsewhere."""
    who = info.describe() if info else "another ceocto window"
    return (
        f"{journal} is open in a ceocto window ({who}). "
        "Close that window first; nothing was changed."
    )


def _read_info(descriptor: int) -> LockInfo | None:
    os.lseek(descriptor, 0, os.SEEK_SET)
    raw = os.read(descriptor, 4096)
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(
            pid=int(data["pid"]),
            host=str(data["host"]),
            user=str(data["user"]),
            since=datetime.fromisoformat(str(data["since"])),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError, ImportError):
        user = "someone"
    return LockInfo(os.getpid(), socket.gethostname(), user, datetime.now().replace(microsecond=0))


class JournalLock:
    """The window's lock on one journal: acquire() on opening, release() on closing."""

    def __init__(self, journal: Path):
        self.journal = journal
        self.path = lock_path(journal)
        self._descriptor: int | None = None
        self.took_over: LockInfo | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._descriptor is not None

    def acquire(self) -> None:
        """Take the lock, taking over one left by a dead process; JournalInUse if it lives."""
        if self._descriptor is not None:
            return
        for attempt in range(_ACQUIRE_ATTEMPTS):
            descriptor = self._open()
            if not _try_lock(descriptor, exclusive=True):
                holder = _read_info(descriptor)
                os.close(descriptor)
                if attempt == _ACQUIRE_ATTEMPTS - 1:
                    raise JournalInUse(in_use_message(self.journal, holder)) from None
                # Perhaps only lock_holder()'s momentary probe: a live window stays put.
                time.sleep(_ACQUIRE_PAUSE_S)
                continue
            if not self._still_ours(descriptor):
                # The file was removed (released) between our open and our flock: start over.
                os.close(descriptor)
                continue
            self.took_over = _read_info(descriptor)
            self._write_info(descriptor)
            self._descriptor = descriptor
            return
        raise JournalInUse(in_use_message(self.journal, None))

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return os.open(self.path, os.O_RDWR)

    def _still_ours(self, descriptor: int) -> bool:
        try:
            on_disk = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(descriptor)
        return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)

    @staticmethod
    def _write_info(descriptor: int) -> None:
        me = _me()
        payload = {"pid": me.pid, "host": me.host, "user": me.user, "since": me.since.isoformat()}
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, json.dumps(payload).encode("utf-8"))
        os.fsync(descriptor)

    def release(self) -> None:
        """Give the lock up and remove its file (removed first, so no one locks a ghost)."""
        if self._descriptor is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass  # Windows keeps an open file; the next window takes the free lock over
        finally:
            os.close(self._descriptor)
            self._descriptor = None

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_holder(journal: Path) -> LockInfo | None:
    """Who holds the journal's lock now; None when no live process does (stale or none)."""
    try:
        descriptor = os.open(lock_path(journal), os.O_RDONLY)
    except (FileNotFoundError, PermissionError, IsADirectoryError):
        return None
    try:
        if not _try_lock(descriptor, exclusive=False):
            info = _read_info(descriptor)
            return info if info is not None else LockInfo(0, "?", "?", datetime.now())
        _unlock(descriptor)
        return None
    finally:
        os.close(descriptor)


def ensure_not_in_use(journal: Path) -> None:
    """Refuse (JournalInUse) to write to a journal a live window of another process holds.

    The window's own process (restoring a backup from its Backups dialog, upgrading the
    journal it opens) may go ahead: it holds the lock for exactly that.
    """
    holder = lock_holder(journal)
    if holder is not None and (holder.pid, holder.host) != (os.getpid(), socket.gethostname()):
        raise JournalInUse(in_use_message(journal, holder))
