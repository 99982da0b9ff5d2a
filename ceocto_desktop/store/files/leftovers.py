"""What a killed ceocto left beside a journal, cleared by the next command that opens it.

A conversion, a restore, `init` and the demo each build their file under a hidden name
with their process id (`.journal.db.converting-4242`, `.journal.db.restoring-4242`,
`.journal.db.init-4242`, `.journal.db.demo-4242-…/`), and a backup under
`backups/….4242.partial`. Killed half-way, such a file stays, and it may hold the pair's
text in the clear (a decrypt's new copy is plain). Once its process is gone, it is
overwritten, then deleted. No SQLAlchemy here: every shell command calls this.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

from ceocto_desktop.store import driver

_BUILDERS = ("converting", "restoring", "init")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _patterns(journal: Path) -> tuple[re.Pattern[str], re.Pattern[str]]:
    name = re.escape(journal.name)
    files = re.compile(rf"^\.{name}\.(?:{'|'.join(_BUILDERS)})-(\d+)(?:-wal|-shm|-journal)?$")
    folders = re.compile(rf"^\.{name}\.demo-(\d+)-[A-Za-z0-9_]+$")
    return files, folders


def _remove_folder(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink():
            driver.secure_remove(entry)
        else:
            entry.unlink(missing_ok=True)
    folder.rmdir()


def clean_leftovers(journal: Path) -> list[Path]:
    """Overwrite and delete what killed ceocto processes left beside journal; those paths."""
    folder = journal.parent
    files, folders = _patterns(journal)
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        file_match, folder_match = files.match(entry.name), folders.match(entry.name)
        matched = file_match or folder_match
        if matched is None or _pid_alive(int(matched.group(1))):
            continue
        with suppress(OSError):  # a read-only folder: the files stay, as everything else
            if folder_match and entry.is_dir() and not entry.is_symlink():
                _remove_folder(entry)
            elif file_match and not entry.is_dir():
                driver.secure_remove(entry)
            else:
                continue
            removed.append(entry)
    removed.extend(remove_partial_backups(journal))
    return removed


def glob_escape(text: str) -> str:
    """text with glob's special characters taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def remove_partial_backups(journal: Path) -> list[Path]:
    """Overwrite and delete half-written backups of this journal left by a killed process."""
    removed: list[Path] = []
    stem = glob_escape(journal.stem)
    try:
        # Before backups/ existed, a backup before an upgrade was written beside the journal.
        candidates = list(journal.parent.glob(f"{stem}.*.bak.partial"))
        folder = journal.parent / "backups"
        if folder.is_dir():
            for entry in folder.glob(f"{stem}.*.partial*"):
                matched = re.search(r"\.(\d+)\.partial(?:-wal|-shm|-journal)?$", entry.name)
                if matched is None or not _pid_alive(int(matched.group(1))):
                    candidates.append(entry)
    except OSError:
        return removed
    for leftover in candidates:
        with suppress(OSError):
            driver.secure_remove(leftover)
            removed.append(leftover)
    return removed
