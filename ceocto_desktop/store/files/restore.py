"""Putting a backup back in place of the journal: checked first, all at once, nothing lost."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ceocto_desktop.store import driver
from ceocto_desktop.store.errors import (
    BackupError,
    CopyFailedCheck,
    JournalDamaged,
    OtherPairsBackup,
)
from ceocto_desktop.store.files.backups import (
    backup_name,
    backups_folder,
    fsync_file,
    fsync_folder,
    make_backup,
)
from ceocto_desktop.store.files.journal_path import resolve_journal
from ceocto_desktop.store.files.lock import alone
from ceocto_desktop.store.inspect import (
    JournalState,
    inspect_journal,
    read_journal_id,
    read_partner_ids,
)
from ceocto_desktop.store.sqlite_files import connect_journal, open_read_only, private_files


@dataclass(frozen=True)
class Restored:
    """What a restore did: the journal, the backup it came from, where the old one is kept."""

    journal: Path
    backup: Path
    kept: Path | None


@dataclass(frozen=True)
class _Identity:
    journal_id: str | None
    partner_ids: frozenset[str]


def _identity(path: Path, *, check_integrity: bool) -> _Identity:
    connection = open_read_only(path)
    try:
        if check_integrity:
            verdict = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
            if verdict != ["ok"]:
                raise BackupError(
                    f"The backup {path} is damaged ({verdict[0]}); choose another one. "
                    "Nothing was changed."
                )
        return _Identity(read_journal_id(connection), read_partner_ids(connection))
    except driver.DatabaseError as exc:
        if check_integrity:
            raise BackupError(
                f"The backup {path} is damaged ({exc}); choose another one. Nothing was changed."
            ) from exc
        raise
    finally:
        connection.close()


def _same_pair(backup: _Identity, journal: _Identity) -> bool:
    if backup.journal_id is not None and journal.journal_id is not None:
        return backup.journal_id == journal.journal_id
    # A backup from before journals had an id: the pair's partner ids are theirs for life.
    return bool(backup.partner_ids) and backup.partner_ids == journal.partner_ids


def _keep_current(journal: Path, now: datetime) -> tuple[Path, _Identity | None]:
    """Back the journal up before it is replaced; a damaged one is kept byte for byte."""
    try:
        identity = _identity(journal, check_integrity=False)
        return make_backup(journal, "before-restore", now).path, identity
    except (JournalDamaged, CopyFailedCheck, driver.DatabaseError):
        pass  # damaged: kept byte for byte below
    except BackupError as exc:
        # A healthy journal that could not be copied (a full disk): nothing is replaced.
        raise BackupError(
            f"{exc} The journal was kept as it is, not replaced; nothing was changed."
        ) from exc
    # The journal cannot be copied page by page: keep its bytes (and its -wal) as they are,
    # under a temporary name until whole, so a full disk leaves no cut-short copy.
    folder = backups_folder(journal)
    kept = folder / backup_name(journal, "damaged", now)
    copies = [(journal, kept), (journal.with_name(journal.name + "-wal"), Path(f"{kept}-wal"))]
    partials = [Path(f"{target}.{os.getpid()}.partial") for _, target in copies]
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        for (source, _target), partial in zip(copies, partials, strict=True):
            if source.exists():
                with private_files():
                    shutil.copyfile(source, partial)
                fsync_file(partial)
        for (_, target), partial in zip(copies, partials, strict=True):
            if partial.exists():
                os.replace(partial, target)
    except OSError as exc:
        for partial in partials:
            driver.secure_remove(partial)
        raise BackupError(
            f"Could not keep the damaged journal {journal} before restoring: "
            f"{exc.strerror or exc}. Nothing was changed."
        ) from exc
    return kept, None


def _checkpoint(journal: Path) -> None:
    """Fold the journal's -wal into it, so that nothing of it lives beside the file."""
    # Kept open to overwrite the -wal's blocks once SQLite deletes it (FULL, not TRUNCATE:
    # a truncated file gives its blocks back unwritten, with the latest text in them).
    wal = driver.open_to_overwrite(journal.with_name(journal.name + "-wal"))
    try:
        connection = connect_journal(journal)
        try:
            connection.execute("PRAGMA wal_checkpoint(FULL)")
        finally:
            connection.close()
    except (driver.Error, driver.PassphraseNeeded):
        pass  # a damaged journal: its bytes and -wal are already kept
    finally:
        driver.overwrite_if_deleted(wal)


def restore_backup(
    backup: Path,
    journal: Path,
    *,
    force: bool = False,
    now: datetime | None = None,
    say: Callable[[str], None] | None = None,
) -> Restored:
    """Replace the journal with a checked backup; the replaced journal is kept as a backup."""
    now = (now or datetime.now()).replace(microsecond=0)
    backup = resolve_journal(backup, links_ok=True).real
    journal = resolve_journal(journal).real  # the real file, never the link to it
    try:
        found = inspect_journal(backup)
    except JournalDamaged as exc:
        raise BackupError(
            f"The backup {backup} is damaged or cut short ({exc.__cause__ or 'unreadable'}); "
            "choose another one. Nothing was changed."
        ) from exc
    if found.state not in (JournalState.CURRENT, JournalState.OLDER):
        raise BackupError(f"{backup} is not a ceocto journal or backup; nothing was changed.")
    wanted = _identity(backup, check_integrity=True)
    with alone(journal, say=say):  # no writer may land in the file being replaced
        return _restore(backup, journal, wanted, force=force, now=now)


def _restore(
    backup: Path, journal: Path, wanted: _Identity, *, force: bool, now: datetime
) -> Restored:
    try:
        state = inspect_journal(journal).state
        readable = True
    except JournalDamaged:
        state, readable = JournalState.CURRENT, False
    if journal.exists() and backup.resolve() == journal.resolve():
        raise BackupError(f"{backup} is the journal itself; nothing was changed.")
    folder = journal.parent
    if not folder.is_dir():
        raise BackupError(f"Cannot restore to {journal}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise BackupError(f"Cannot restore to {journal}: the folder {folder} is read-only.")
    kept: Path | None = None
    if state in (JournalState.CURRENT, JournalState.OLDER):
        current: _Identity | None = None
        if readable:
            try:
                current = _identity(journal, check_integrity=False)
            except driver.DatabaseError:
                current = None
        if current is not None and not force and not _same_pair(wanted, current):
            raise OtherPairsBackup(
                f"{backup} is a backup of another pair's journal, not of {journal}; "
                "nothing was changed (use --force to restore it anyway)."
            )
        kept, _ = _keep_current(journal, now)
    temporary = folder / f".{journal.name}.restoring-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    try:
        with private_files():
            shutil.copyfile(backup, temporary)
        os.chmod(temporary, 0o600)
        fsync_file(temporary)
        if state is not JournalState.MISSING:
            _checkpoint(journal)
        for sidecar in ("-wal", "-shm", "-journal"):
            # Left beside the new file, an old -wal would be replayed into it.
            driver.secure_remove(journal.with_name(journal.name + sidecar))
        os.replace(temporary, journal)
        fsync_folder(folder)
        # The journal now has the backup's key (or none, for a plain backup).
        driver.remember_passphrase(journal, driver.passphrase_for(backup))
    except OSError as exc:
        raise BackupError(f"Could not restore {journal}: {exc.strerror or exc}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
    return Restored(journal, backup, kept)
