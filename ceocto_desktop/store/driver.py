"""The one SQLite library of ceocto: sqlcipher3 (SQLCipher 4), plain or keyed.

Two SQLite libraries opening one file in one process can corrupt it (each keeps its own
POSIX locks), so every connection of ours to a journal or a backup is made here. Without
a key sqlcipher3 is a plain, recent SQLite (with FTS5's secure-delete, from 3.44 on).
The passphrases given in this process are kept here, by file, so that a backup or a
search of an encrypted journal needs it asked only once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeAlias

import sqlcipher3.dbapi2 as dbapi

__all__ = [
    "Connection",
    "DatabaseError",
    "Error",
    "OperationalError",
    "PassphraseNeeded",
    "WrongPassphrase",
    "connect",
    "dbapi",
    "passphrase_for",
    "remember_passphrase",
]

from ceocto_desktop.store import keys
from ceocto_desktop.store.errors import JournalError

Connection: TypeAlias = dbapi.Connection
Error: type[Exception] = dbapi.Error
DatabaseError: type[Exception] = dbapi.DatabaseError
OperationalError: type[Exception] = dbapi.OperationalError
SQLITE_VERSION: str = dbapi.sqlite_version

SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_NOTADB = 26

# Passphrases given in this process, by resolved file path. Memory only: never written.
_passphrases: dict[str, str] = {}


class PassphraseNeeded(JournalError):
    """The file is encrypted (or not an SQLite file at all) and no passphrase opens it."""


class WrongPassphrase(PassphraseNeeded):
    """The passphrase given does not open the file."""


def _key(path: Path) -> str:
    return str(Path(path).expanduser().resolve())


def quote(text: str) -> str:
    """text as an SQL string literal (PRAGMA key takes no bound parameters)."""
    return "'" + text.replace("'", "''") + "'"


def remember_passphrase(path: Path, passphrase: str | None) -> None:
    """Use passphrase for the file at path from now on in this process (None: plain)."""
    if passphrase is None:
        _passphrases.pop(_key(path), None)
    else:
        _passphrases[_key(path)] = passphrase


def forget_passphrases() -> None:
    """Forget every passphrase given in this process (a locked window, a test's end)."""
    _passphrases.clear()
    keys.forget()


def known_passphrase(path: Path) -> str | None:
    """The passphrase given for exactly this file, if any."""
    return _passphrases.get(_key(path))


def has_sqlite_header(path: Path) -> bool:
    """Whether the file starts with SQLite's header (an encrypted journal does not)."""
    with Path(path).open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def looks_encrypted(path: Path) -> bool:
    """Whether the file exists, holds bytes, and has no SQLite header: encrypted, or foreign."""
    path = Path(path)
    try:
        return path.is_file() and path.stat().st_size > 0 and not has_sqlite_header(path)
    except OSError:
        return False


def connect(
    target: Path | str,
    *,
    passphrase: str | None = None,
    uri: bool = False,
    factory: Any = None,
    timeout: float = 5.0,
    check_same_thread: bool = True,
) -> Any:
    """A sqlcipher3 connection, keyed when a passphrase is given, with secure_delete on.

    With a passphrase, the key is checked at once: WrongPassphrase if it does not open
    the file (rather than a "file is not a database" that reads like damage).
    """
    connection = dbapi.connect(
        str(target),
        uri=uri,
        timeout=timeout,
        check_same_thread=check_same_thread,
        factory=factory or dbapi.Connection,
    )
    try:
        if passphrase is not None:
            # SQLCipher logs a wrong key to stderr by itself: a person sees our one line.
            connection.execute("PRAGMA cipher_log_level = NONE")
            connection.execute(_key_pragma(target, passphrase))
        # Deleted text is overwritten with zeros, not left in free pages.
        connection.execute("PRAGMA secure_delete=ON")
        if passphrase is not None:
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except dbapi.DatabaseError as exc:
                if _code(exc) == _SQLITE_NOTADB:
                    raise WrongPassphrase(
                        f"The passphrase does not open {_shown(target)}; nothing was changed."
                    ) from None
                raise
    except BaseException:
        connection.close()
        raise
    return connection


def _salt(target: Path | str) -> bytes | None:
    """The salt at the start of an encrypted file; None for a new, empty or plain one."""
    text = str(target)
    if text.startswith("file:"):  # a URI: its path, percent-decoded
        from urllib.parse import unquote, urlsplit  # (only here: the shell starts faster)

        text = unquote(urlsplit(text).path)
    try:
        with Path(text).open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    return head if len(head) == 16 and head != SQLITE_HEADER else None


def _key_pragma(target: Path | str, passphrase: str) -> str:
    salt = _salt(target)
    if salt is None:  # a new (or empty, or plain) file: the salt and its key are ours
        return f"PRAGMA key = {quote(keys.new_key(passphrase))}"
    return f"PRAGMA key = \"x'{keys.raw_key(passphrase, salt)}'\""


def _shown(target: Path | str) -> str:
    text = str(target)
    if text.startswith("file:"):
        text = text.split("?", 1)[0].removeprefix("file://")
    return text


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def opens_with(path: Path, passphrase: str) -> bool:
    """Whether passphrase opens the encrypted file at path (changes nothing)."""
    path = Path(path).resolve()
    # Where it may write, a normal connection (the last to close removes -wal and -shm);
    # elsewhere the file is read as immutable: a key check needs only its first page.
    target = str(path) if os.access(path.parent, os.W_OK) else f"{path.as_uri()}?immutable=1"
    try:
        connection = connect(target, uri=target.startswith("file:"), passphrase=passphrase)
    except (WrongPassphrase, dbapi.Error):
        return False
    connection.close()
    return True


def passphrase_for(path: Path) -> str | None:
    """The passphrase that opens the file at path, from those given; None for a plain file.

    A backup has its journal's key: a file without an SQLite header is tried with each
    passphrase given in this process (each try costs a key derivation, about 0.15 s).
    Raises PassphraseNeeded when the file is encrypted and none of them opens it.
    """
    known = known_passphrase(path)
    if known is not None:
        return known
    if not looks_encrypted(path):
        return None
    for candidate in dict.fromkeys(_passphrases.values()):
        if opens_with(path, candidate):
            remember_passphrase(path, candidate)
            return candidate
    raise PassphraseNeeded(needed_message(path))


def needed_message(path: Path) -> str:
    """The sentence for a file with no SQLite header and no passphrase that opens it."""
    return (
        f"{path} is not an SQLite database, or it is an encrypted ceocto journal: "
        "if it is, give its passphrase to open it. Nothing was changed."
    )


def _overwrite(descriptor: int, size: int) -> None:
    if size == 0:
        # Nothing to overwrite (the empty -wal a reader's close deletes): no fsync, which
        # took 9 ms of every `ceocto search`.
        return
    block = b"\x00" * 65536
    os.lseek(descriptor, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(descriptor, block[: min(len(block), size - written)])
    os.fsync(descriptor)


def secure_remove(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk, then delete it.

    Only a plain file with this one name is overwritten: through a link, or with another
    name (a hard link), the bytes belong to a file that stays, so only the name goes.
    On an SSD or a copy-on-write file system the old blocks may survive elsewhere; this
    removes the copy the file system shows, and what it can of the bytes behind it.
    """
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return
    except OSError:
        path.unlink(missing_ok=True)  # a link (ELOOP) or unwritable: the name goes only
        return
    try:
        found = os.fstat(descriptor)
        if stat.S_ISREG(found.st_mode) and found.st_nlink == 1:
            _overwrite(descriptor, found.st_size)
    finally:
        os.close(descriptor)
    path.unlink(missing_ok=True)


def open_to_overwrite(path: Path) -> int | None:
    """A descriptor kept on a plain file SQLite may delete, to overwrite it afterwards."""
    try:
        descriptor = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    found = os.fstat(descriptor)
    if not stat.S_ISREG(found.st_mode) or found.st_nlink != 1:
        os.close(descriptor)
        return None
    return descriptor


@contextmanager
def wiping_wal(journal: Path) -> Iterator[None]:
    """Overwrite the journal's -wal if SQLite deletes it inside (the last connection closing).

    SQLite deletes a -wal without overwriting it, and its blocks hold the latest text (in
    the clear, for a plain journal): a descriptor kept on it lets them be overwritten after.
    """
    descriptor = open_to_overwrite(Path(f"{journal}-wal"))
    try:
        yield
    finally:
        overwrite_if_deleted(descriptor)


def overwrite_if_deleted(descriptor: int | None) -> None:
    """Overwrite the file behind descriptor if it has no name left, then close it."""
    if descriptor is None:
        return
    try:
        found = os.fstat(descriptor)
        if found.st_nlink == 0:
            # The size it had is gone with the truncation, if any; a -wal is deleted whole.
            _overwrite(descriptor, found.st_size)
    except OSError:
        pass
    finally:
        os.close(descriptor)
