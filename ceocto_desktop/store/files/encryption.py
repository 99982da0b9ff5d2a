"""Encrypting a journal, decrypting it, changing its passphrase: one checked swap each.

Each conversion writes a new file beside the journal (SQLCipher's sqlcipher_export),
checks it (integrity, every table's row count), keeps the old file in backups/, then puts
the new one in place with os.replace: at every moment the journal's name holds a whole
journal, the old one or the new one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ceocto_desktop.store import driver, keys
from ceocto_desktop.store.errors import JournalError
from ceocto_desktop.store.files.backups import (
    backup_name,
    backups_folder,
    fsync_file,
    fsync_folder,
    list_backups,
    make_backup,
)
from ceocto_desktop.store.files.journal_path import resolve_journal
from ceocto_desktop.store.files.lock import alone
from ceocto_desktop.store.inspect import JournalState, inspect_journal
from ceocto_desktop.store.sqlite_files import private_files

# Short enough passphrases are guessed offline, whatever the key derivation costs.
MIN_PASSPHRASE = 8

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Converted:
    """What a conversion did: the journal, and where the file it replaced is kept."""

    journal: Path
    kept: Path
    removed: tuple[Path, ...] = ()


def is_encrypted(path: Path) -> bool:
    """Whether the journal at path is encrypted (it has no SQLite header)."""
    return driver.looks_encrypted(path)


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to resist guessing (JournalError says why)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise JournalError(
            f"A passphrase has at least {MIN_PASSPHRASE} characters; "
            "a few words that mean something only to you are best. Nothing was changed."
        )


def _require_current(path: Path) -> None:
    state = inspect_journal(path).state
    if state is JournalState.MISSING:
        raise JournalError(f"There is no journal at {path}.")
    if state is JournalState.EMPTY:
        raise JournalError(f"{path} is empty: it is not a ceocto journal yet.")
    if not os.access(path.parent, os.W_OK):
        raise JournalError(f"Cannot convert {path}: the folder {path.parent} is read-only.")


def _counts(connection: Any, schema: str = "main") -> dict[str, int]:
    tables = [
        str(row[0])
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type='table' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: int(connection.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0])
        for table in tables
    }


def _export(source: Path, old: str | None, target: Path, new: str | None) -> None:
    """Write the journal at source, read with key old, into the new file target with key new."""
    connection = driver.connect(source, passphrase=old)
    wal = driver.open_to_overwrite(Path(f"{source}-wal"))  # zeroed once SQLite deletes it
    try:
        # FULL, not TRUNCATE: a truncated -wal gives its blocks back unwritten.
        connection.execute("PRAGMA wal_checkpoint(FULL)")
        expected = _counts(connection)
        marks = [
            connection.execute(f"PRAGMA {pragma}").fetchone()[0]
            for pragma in ("application_id", "user_version")
        ]
        with private_files():
            connection.execute(
                f"ATTACH DATABASE {driver.quote(str(target))} AS converted "
                f"KEY {driver.quote(keys.new_key(new) if new else '')}"
            )
        try:
            connection.execute("SELECT sqlcipher_export('converted')")
            # sqlcipher_export copies tables and rows, not the header's own marks.
            connection.execute(f"PRAGMA converted.application_id = {int(marks[0])}")
            connection.execute(f"PRAGMA converted.user_version = {int(marks[1])}")
            connection.commit()
        finally:
            connection.execute("DETACH DATABASE converted")
    finally:
        connection.close()
        driver.overwrite_if_deleted(wal)
    _verify(target, new, expected)


def _verify(target: Path, passphrase: str | None, expected: dict[str, int]) -> None:
    connection = driver.connect(target, passphrase=passphrase)
    try:
        verdict = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            raise JournalError(f"The converted copy failed its check ({verdict[0]}).")
        found = _counts(connection)
        if found != expected:
            raise JournalError(
                "The journal changed while it was being converted (another program wrote to "
                "it); nothing was changed. Try again."
            )
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()
    fsync_file(target)


def _convert(
    path: Path, old: str | None, new: str | None, reason: str, progress: Progress | None
) -> Converted:
    path = resolve_journal(path).real
    say = progress or (lambda _text: None)
    # From the first read to the swap, no writer may land in the file being copied.
    with alone(path, say=say):
        _fold_wal(path, old)  # before any other connection deletes the -wal unwritten
        _require_current(path)
        return _convert_alone(path, old, new, reason, say)


def _fold_wal(path: Path, passphrase: str | None) -> None:
    """Checkpoint the journal's -wal into it; SQLite deletes it, and its blocks are zeroed."""
    if not Path(f"{path}-wal").exists():
        return
    with driver.wiping_wal(path):
        try:
            connection = driver.connect(path, passphrase=passphrase)
        except driver.Error:
            return  # named by the checks that follow
        try:
            connection.execute("PRAGMA wal_checkpoint(FULL)")
        except driver.Error:
            pass
        finally:
            connection.close()


def _convert_alone(
    path: Path, old: str | None, new: str | None, reason: str, say: Progress
) -> Converted:
    mode = stat.S_IMODE(os.stat(path).st_mode)
    now = datetime.now().replace(microsecond=0)
    building = path.with_name(f".{path.name}.converting-{os.getpid()}")
    for leftover in ("", "-wal", "-shm", "-journal"):
        Path(f"{building}{leftover}").unlink(missing_ok=True)
    try:
        say("Writing the new copy of the journal…")
        _export(path, old, building, new)
        os.chmod(building, mode)  # the journal keeps its mode (0600 as made, or the owner's)
        say("Checked every table; putting the new copy in place…")
        folder = backups_folder(path)
        folder.mkdir(mode=0o700, exist_ok=True)
        kept = folder / backup_name(path, reason, now)
        # The old file stays reachable under its backup name before the swap (a hard
        # link, else a copy), so no moment exists where neither copy is whole.
        try:
            os.link(path, kept)
        except OSError:
            with private_files():
                kept.write_bytes(path.read_bytes())
            fsync_file(kept)
        for sidecar in ("-wal", "-shm"):
            driver.secure_remove(Path(f"{path}{sidecar}"))  # checkpointed: nothing to lose
        os.replace(building, path)
        fsync_folder(path.parent)
        fsync_folder(folder)
    except driver.Error as exc:
        raise JournalError(f"Could not convert {path}: {exc}. Nothing was changed.") from exc
    except OSError as exc:
        raise JournalError(
            f"Could not convert {path}: {exc.strerror or exc}. Nothing was changed."
        ) from exc
    finally:
        for leftover in ("", "-wal", "-shm", "-journal"):
            Path(f"{building}{leftover}").unlink(missing_ok=True)
    driver.remember_passphrase(path, new)
    driver.remember_passphrase(kept, old)
    return Converted(path, kept)


def encrypt_journal(
    path: Path, passphrase: str, *, remove_plain: bool = False, progress: Progress | None = None
) -> Converted:
    """Encrypt a plain journal with passphrase; remove_plain also wipes its plain backups.

    The plain original is kept in backups/ until the person asks for it to go: their
    journal is never left in one copy only, under a passphrase just typed.
    """
    path = resolve_journal(path).real
    check_passphrase(passphrase)
    if is_encrypted(path):
        raise JournalError(
            f"{path} is already encrypted, or it is not a ceocto journal at all (it has no "
            "SQLite header); nothing was changed."
        )
    converted = _convert(path, None, passphrase, "before-encrypt", progress)
    # A fresh backup under the new key, so the pair is not left without an encrypted one.
    make_backup(path, "encrypted")
    if not remove_plain:
        return converted
    return Converted(path, converted.kept, tuple(remove_plain_backups(path)))


def plain_backups(path: Path) -> list[Path]:
    """The journal's backups that are not encrypted: each holds its text in the clear."""
    return [
        info.path
        for info in list_backups(resolve_journal(path).real)
        if driver.has_sqlite_header(info.path)
    ]


def remove_plain_backups(path: Path) -> list[Path]:
    """Overwrite, then delete, every plain backup of the journal; the paths removed."""
    removed = []
    for backup in plain_backups(path):
        driver.secure_remove(backup)
        for sidecar in ("-wal", "-shm"):
            driver.secure_remove(Path(f"{backup}{sidecar}"))
        removed.append(backup)
    fsync_folder(backups_folder(resolve_journal(path).real))
    return removed


def decrypt_journal(path: Path, passphrase: str, *, progress: Progress | None = None) -> Converted:
    """Turn an encrypted journal back into a plain one (the encrypted one kept as a backup)."""
    path = resolve_journal(path).real
    if not is_encrypted(path):
        raise JournalError(f"{path} is not encrypted; nothing was changed.")
    _require_key(path, passphrase)
    return _convert(path, passphrase, None, "before-decrypt", progress)


def change_passphrase(
    path: Path, old: str, new: str, *, progress: Progress | None = None
) -> Converted:
    """Encrypt the journal with a new passphrase (the old file kept, under the old one)."""
    path = resolve_journal(path).real
    check_passphrase(new)
    if not is_encrypted(path):
        raise JournalError(f"{path} is not encrypted: use 'ceocto encrypt'. Nothing was changed.")
    _require_key(path, old)
    converted = _convert(path, old, new, "before-passphrase", progress)
    make_backup(path, "encrypted")
    return converted


def _require_key(path: Path, passphrase: str) -> None:
    if not driver.opens_with(path, passphrase):
        raise driver.WrongPassphrase(f"The passphrase does not open {path}; nothing was changed.")
    driver.remember_passphrase(path, passphrase)
