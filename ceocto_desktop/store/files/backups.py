"""Backups of a journal: checked copies in `backups/` beside it, rotated, and restored whole."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ceocto_desktop.store import driver
from ceocto_desktop.store.errors import BackupError, CopyFailedCheck, JournalDamaged, JournalError
from ceocto_desktop.store.files.leftovers import remove_partial_backups
from ceocto_desktop.store.inspect import (
    JournalState,
    inspect_journal,
)
from ceocto_desktop.store.sqlite_files import (
    damaged_message,
    is_damage,
    open_read_only,
    private_files,
)

BACKUP_FOLDER = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
# Backups taken on a schedule; the rest (before an upgrade, before a restore) are kept
# until a person deletes them, since each holds a journal as it was before a big change.
ROUTINE_REASONS = frozenset({"daily", "quit", "manual"})
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file of a journal: where, when, how big and why it was made."""

    path: Path
    made_at: datetime
    size: int
    reason: str


def backups_folder(journal: Path) -> Path:
    """The folder beside a journal that holds its backups."""
    return journal.parent / BACKUP_FOLDER


def _name_pattern(journal: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(journal.stem)}\.(\d{{8}}-\d{{6}})(?:-\d+)?\.([a-z0-9_-]+)"
        rf"{re.escape(journal.suffix)}$"
    )


def backup_name(journal: Path, reason: str, now: datetime, number: int = 1) -> str:
    """The file name of a backup: the journal's name, when, and why."""
    if not re.fullmatch(r"[a-z0-9_-]+", reason):
        raise ValueError(f"a backup reason is lowercase letters, digits, - and _: {reason!r}")
    # A second backup in the same second (an upgrade retried at once) gets a number.
    stamp = now.strftime(_STAMP) + (f"-{number}" if number > 1 else "")
    return f"{journal.stem}.{stamp}.{reason}{journal.suffix}"


def list_backups(journal: Path) -> list[BackupInfo]:
    """The journal's backups in `backups/`, newest first."""
    folder = backups_folder(journal)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(journal)
    found: list[BackupInfo] = []
    for entry in folder.iterdir():
        matched = pattern.match(entry.name)
        if matched is None or not entry.is_file():
            continue
        made_at = datetime.strptime(matched.group(1), _STAMP)
        found.append(BackupInfo(entry, made_at, entry.stat().st_size, matched.group(2)))
    return sorted(found, key=lambda info: (info.made_at, info.path.name), reverse=True)


def _newest_per_period(
    stamps: list[datetime], period: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    kept: set[datetime] = set()
    seen: set[Hashable] = set()
    for stamp in stamps:
        key = period(stamp)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        kept.add(stamp)
    return kept


def backups_to_keep(
    stamps: Iterable[datetime],
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[datetime]:
    """Which backups rotation keeps: the newest of each of the last days, weeks and months.

    Periods count only where a backup exists, so a month without opening ceocto does not
    delete every backup on the next start.
    """
    ordered = sorted(set(stamps), reverse=True)
    return (
        _newest_per_period(ordered, lambda s: s.date(), daily)
        | _newest_per_period(ordered, lambda s: s.isocalendar()[:2], weekly)
        | _newest_per_period(ordered, lambda s: (s.year, s.month), monthly)
    )


def rotate_backups(journal: Path) -> list[Path]:
    """Delete the routine backups rotation does not keep; the paths deleted."""
    routine = [info for info in list_backups(journal) if info.reason in ROUTINE_REASONS]
    keep = backups_to_keep(info.made_at for info in routine)
    deleted: list[Path] = []
    for info in routine:
        if info.made_at not in keep:
            driver.secure_remove(info.path)  # a plain backup holds the text in the clear
            deleted.append(info.path)
        else:
            keep.discard(info.made_at)  # two backups in one second: keep only one
    return deleted


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in folder durable."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a system that cannot open folders (Windows) makes renames durable itself
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def place_new_file(source: Path, destination: Path) -> None:
    """Move source to destination, which must not exist: never replaces a file."""
    try:
        os.link(source, destination)  # fails, rather than replaces, if destination exists
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (FAT, exFAT, some network shares): check, then rename.
        if destination.exists() or destination.is_symlink():
            raise FileExistsError(destination) from None
        os.replace(source, destination)
        return
    source.unlink()


def fsync_file(path: Path) -> None:
    """Make a file's bytes durable before it takes a name someone relies on."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_partial_leftovers(journal: Path) -> list[Path]:
    """Overwrite and delete half-written backups of this journal left by a killed process."""
    return remove_partial_backups(journal)


def _copy_checked(source: Path, destination: Path) -> None:
    """Copy source (a journal, even while open) into a new file destination, then check it."""
    partial = destination.with_name(f"{destination.name}.{os.getpid()}.partial")
    _forget(partial)
    try:
        src = open_read_only(source)
        try:
            # A backup of an encrypted journal is encrypted with the same key (SQLite's
            # backup copies pages, so both ends must share the key anyway).
            passphrase = driver.passphrase_for(source)
            with private_files():
                dst = driver.connect(partial, passphrase=passphrase)
            try:
                # One step: the copy is one consistent snapshot even while the window writes.
                src.backup(dst)
                # A backup is one self-contained file: no -wal beside it to lose.
                dst.execute("PRAGMA journal_mode=DELETE")
                verdict = [str(row[0]) for row in dst.execute("PRAGMA quick_check")]
            finally:
                dst.close()
        finally:
            src.close()
        if verdict != ["ok"]:
            raise CopyFailedCheck(
                f"The backup of {source} failed its check ({verdict[0]}) and was deleted; "
                "the journal itself may be damaged: run 'ceocto check'."
            )
        os.chmod(partial, 0o600)
        fsync_file(partial)
        place_new_file(partial, destination)
        fsync_folder(destination.parent)
        driver.remember_passphrase(destination, passphrase)
    except driver.Error as exc:
        if is_damage(exc):
            raise JournalDamaged(damaged_message(source, exc)) from exc
        raise BackupError(f"Could not back up {source}: {exc}.") from exc
    except FileExistsError:
        raise BackupError(
            f"{destination} already exists; a backup never replaces a file."
        ) from None
    except OSError as exc:
        raise BackupError(
            f"Could not write the backup {destination}: {exc.strerror or exc}."
        ) from exc
    finally:
        _forget(partial)


def _forget(partial: Path) -> None:
    # A half-made copy holds the journal's text: overwritten, then deleted. A read-only
    # disk refuses even to delete a file that is not there; nothing was written then.
    with suppress(OSError):
        driver.secure_remove(partial)
        for sidecar in ("-wal", "-shm", "-journal"):
            driver.secure_remove(Path(f"{partial}{sidecar}"))


def _require_journal(path: Path) -> None:
    state = inspect_journal(path).state
    if state is JournalState.MISSING:
        raise JournalError(f"There is no journal at {path}.")
    if state is JournalState.EMPTY:
        raise JournalError(f"{path} is empty: it is not a ceocto journal yet.")


def backup_journal(source: Path, destination: Path) -> Path:
    """Copy the journal at source into the new file destination, checked; never replaces."""
    _require_journal(source)
    if destination.exists() or destination.is_symlink():
        raise BackupError(f"{destination} already exists; a backup never replaces a file.")
    folder = destination.parent
    if not folder.is_dir():
        raise BackupError(f"Cannot write {destination}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise BackupError(f"Cannot write {destination}: the folder {folder} is read-only.")
    _copy_checked(source, destination)
    return destination


def make_backup(journal: Path, reason: str, now: datetime | None = None) -> BackupInfo:
    """Back the journal up into `backups/` beside it (0700, files 0600), then rotate."""
    _require_journal(journal)
    now = (now or datetime.now()).replace(microsecond=0)
    folder = backups_folder(journal)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Cannot make the folder {folder}: {exc.strerror or exc}.") from exc
    remove_partial_leftovers(journal)
    number = 1
    while (destination := folder / backup_name(journal, reason, now, number)).exists():
        number += 1
    _copy_checked(journal, destination)
    if reason in ROUTINE_REASONS:
        rotate_backups(journal)
    return BackupInfo(destination, now, destination.stat().st_size, reason)


def backup_if_due(journal: Path, now: datetime, reason: str = "daily") -> BackupInfo | None:
    """Make a routine backup unless one was made today; the backup made, or None."""
    today: date = now.date()
    if any(info.made_at.date() == today for info in list_backups(journal)):
        return None
    return make_backup(journal, reason, now)
