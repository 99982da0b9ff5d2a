"""Who may use a journal now: one window, any number of writers, or one conversion.

Two lock files beside the (real) journal, each an flock the kernel drops when its process
dies, however it dies:

- `<journal>.lock`: the window's, exclusive, for as long as it is open; it says who holds
  it and since when. A lock file whose flock is free was left by a killed process and is
  taken over. A conversion or a restore from another process is refused while it is held.
- `<journal>.writers.lock`: shared by each shell writer (`ceocto note`) for its write,
  exclusive for a conversion (encrypt, decrypt, passphrase) or a restore from its first
  read to its swap. SQLite itself serialises writers; this only keeps a write from
  landing in a file a conversion has already copied. Each side waits for the other.

Lock files are opened without following links and must be plain files with one name, so
a link planted there cannot make ceocto write into another file.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import socket
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ceocto_desktop.store.errors import JournalError, JournalInUse

# A probe by lock_holder() holds a shared flock for a moment; acquire() retries past it.
_ACQUIRE_ATTEMPTS = 5
_ACQUIRE_PAUSE_S = 0.02
# How long a writer waits for a conversion, and a conversion for writers, before giving up;
# after SAY_AFTER_S, a sentence says what it is waiting for.
WAIT_S = 120.0
SAY_AFTER_S = 1.0
_POLL_S = 0.05
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

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
        # The one way days are written (analytics.formats.moment_text, a layer above).
        since = f"{self.since.day} {self.since:%b %Y, %H:%M}"
        return f"{self.user} on {self.host} (process {self.pid}) since {since}"


def lock_path(journal: Path) -> Path:
    """The window's lock file beside a journal."""
    return journal.with_name(journal.name + ".lock")


def writers_lock_path(journal: Path) -> Path:
    """The lock file writers share and a conversion or restore holds alone."""
    return journal.with_name(journal.name + ".writers.lock")


def lock_files(journal: Path) -> tuple[Path, Path]:
    """Every lock file ceocto keeps beside a journal."""
    return lock_path(journal), writers_lock_path(journal)


def open_lock_file(path: Path, *, create: bool = True) -> int:
    """A descriptor on the lock file at path: never through a link, never a shared file.

    JournalError names what is wrong with a lock file that is a link, a folder, a file
    with other names, or one this user cannot open (left by `sudo ceocto`, say).
    """
    flags = os.O_RDWR | _NOFOLLOW | _CLOEXEC | (os.O_CREAT if create else 0)
    try:
        descriptor = os.open(path, flags, 0o600)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise JournalError(_lock_file_problem(path, exc)) from None
    found = os.fstat(descriptor)
    if not stat.S_ISREG(found.st_mode) or found.st_nlink != 1:
        os.close(descriptor)
        raise JournalError(
            f"The lock file {path} is not a plain file of its own (it has other names); "
            "ceocto will not write into it. Remove it and try again."
        )
    return descriptor


def _lock_file_problem(path: Path, exc: OSError) -> str:
    if os.path.islink(path):
        return (
            f"The lock file {path} is a symbolic link; ceocto never writes through one "
            "there. Remove the link and try again."
        )
    if os.path.isdir(path):
        return f"The lock file {path} is a folder; remove it and try again."
    folder = path.parent
    if exc.errno == errno.EROFS or (not path.exists() and not os.access(folder, os.W_OK)):
        return (
            f"Cannot write there: the folder {folder} is read-only "
            "(reading commands still work); nothing was written."
        )
    if isinstance(exc, PermissionError):
        return (
            f"Cannot open the lock file {path}: permission denied (perhaps left by ceocto "
            "run as another user, such as with sudo). Remove it and try again."
        )
    return f"Cannot open the lock file {path}: {exc.strerror or exc}."


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
            if not _still_ours(self.path, descriptor):
                # The file was removed (released) between our open and our flock: start over.
                os.close(descriptor)
                continue
            if conversion_running(self.journal):
                # Opened now, the window would keep the file a conversion is replacing.
                self._drop(descriptor)
                raise JournalInUse(
                    f"{self.journal} is being converted or restored by another ceocto "
                    "command; try again when it has finished. Nothing was changed."
                )
            self.took_over = _read_info(descriptor)
            self._write_info(descriptor)
            self._descriptor = descriptor
            return
        raise JournalInUse(in_use_message(self.journal, None))

    def _open(self) -> int:
        return open_lock_file(self.path)

    def _drop(self, descriptor: int) -> None:
        with suppress(OSError):
            self.path.unlink(missing_ok=True)
        os.close(descriptor)

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


def _still_ours(path: Path, descriptor: int) -> bool:
    try:
        on_disk = os.lstat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def lock_holder(journal: Path) -> LockInfo | None:
    """Who holds the journal's lock now; None when no live process does (stale or none)."""
    try:
        descriptor = os.open(lock_path(journal), os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
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


def conversion_running(journal: Path) -> bool:
    """Whether a conversion or a restore holds the journal alone right now."""
    try:
        descriptor = os.open(writers_lock_path(journal), os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return False
    try:
        if _try_lock(descriptor, exclusive=False):
            _unlock(descriptor)
            return False
        return True
    finally:
        os.close(descriptor)


Say = Callable[[str], None]


def _take_writers_lock(
    journal: Path, *, exclusive: bool, waiting: str, wait_s: float | None, say: Say | None
) -> int:
    path = writers_lock_path(journal)
    wait_s = WAIT_S if wait_s is None else wait_s
    started = time.monotonic()
    said = False
    while True:
        descriptor = open_lock_file(path)
        if _try_lock(descriptor, exclusive=exclusive):
            if _still_ours(path, descriptor):
                return descriptor
            os.close(descriptor)  # removed by its last holder meanwhile: take the new one
            continue
        os.close(descriptor)
        waited = time.monotonic() - started
        if waited >= wait_s:
            raise JournalInUse(
                f"{journal}: still {waiting} after {int(waited)} s; nothing was written. "
                "Try again when it has finished."
            )
        if say is not None and not said and waited >= SAY_AFTER_S:
            say(f"Waiting: {waiting}…")
            said = True
        time.sleep(_POLL_S)


def _let_go(journal: Path, descriptor: int) -> None:
    # The last one out removes the file; with others still in, it stays (no ghost locks:
    # each acquirer checks the name still holds the file it locked).
    try:
        if _try_lock(descriptor, exclusive=True):
            writers_lock_path(journal).unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextmanager
def writing(
    journal: Path, *, wait_s: float | None = None, say: Say | None = None
) -> Iterator[None]:
    """Hold the journal as one of its writers: waits while a conversion or restore runs."""
    descriptor = _take_writers_lock(
        journal,
        exclusive=False,
        waiting="another ceocto command is encrypting, decrypting or restoring the journal",
        wait_s=wait_s,
        say=say,
    )
    try:
        yield
    finally:
        _let_go(journal, descriptor)


@contextmanager
def alone(journal: Path, *, wait_s: float | None = None, say: Say | None = None) -> Iterator[None]:
    """Hold the journal alone (a conversion, a restore): waits for its writers to finish.

    A window of another process is refused (JournalInUse): it keeps the file open.
    """
    descriptor = _take_writers_lock(
        journal,
        exclusive=True,
        waiting="another ceocto command is writing to the journal",
        wait_s=wait_s,
        say=say,
    )
    try:
        ensure_not_in_use(journal)
        yield
    finally:
        _let_go(journal, descriptor)
