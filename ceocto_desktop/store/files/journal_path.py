"""What a journal path may be, decided once: a regular file with one name, or a new name.

A path is only a name. SQLite names a journal's working files (-wal, -shm) after the path
it was given, and ceocto names its lock and backups the same way, so a path that is a
link, a second hard link, a device or a FIFO would give one journal two sets of working
files, or make a device into a journal. Every command resolves the path here, once, and
then acts on the real file it names. No SQLAlchemy here: a shell search loads this too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from ceocto_desktop.store.errors import JournalError

# Linux's PATH_MAX and NAME_MAX; other systems are no more generous.
MAX_PATH_BYTES = 4095
MAX_NAME_BYTES = 255
# The kernel's own files look like plain empty files; none of them can hold a journal.
_PSEUDO_FILE_SYSTEMS = ("/proc/", "/sys/")
# Where a killed conversion may leave the journal's old file under a second name.
_CONVERSION_REASONS = (".before-encrypt", ".before-decrypt", ".before-passphrase")


class NotAJournalPath(JournalError):
    """The path cannot be a journal (a device, a folder, a dangling link, a hard link…)."""


class JournalPath(NamedTuple):  # not a dataclass: the shell starts without that module
    """A journal path as given, and the real file it names (the same when no link)."""

    given: Path
    real: Path

    @property
    def through_link(self) -> bool:
        """Whether the given path reached the file through a symbolic link."""
        return self.real != Path(os.path.abspath(os.path.expanduser(self.given)))

    def link_note(self) -> str:
        """A sentence saying which file is acted on, when the given path is a link."""
        return f"{shown(self.given)} is a link; working on the real file {shown(self.real)}."


def shown(path: Path | str) -> str:
    """A path as a person can read it, even with bytes that are not UTF-8 (as \\xff)."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def readable(text: str) -> str:
    """A message with any non-UTF-8 bytes of a path shown as \\xff, not as a traceback."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _expand(given: Path) -> Path:
    if str(given) in ("", "."):
        raise NotAJournalPath(
            "No journal file was given (an empty --db, or '.'); give a name like journal.db."
        )
    try:
        expanded = given.expanduser()
    except RuntimeError:
        raise NotAJournalPath(
            f"Cannot find the home folder named in {shown(given)}; give the full path."
        ) from None
    raw = os.fsencode(str(expanded))
    if b"\x00" in raw:
        raise NotAJournalPath("The journal path holds a NUL byte; give a real file name.")
    if len(raw) > MAX_PATH_BYTES or any(len(part) > MAX_NAME_BYTES for part in raw.split(b"/")):
        raise NotAJournalPath(
            f"The journal path is too long ({len(raw)} bytes; a file name holds at most "
            f"{MAX_NAME_BYTES}, a path {MAX_PATH_BYTES}). Give a shorter one."
        )
    return expanded


def _os_error(given: Path, exc: OSError) -> NotAJournalPath:
    if exc.errno == errno.ELOOP:
        return NotAJournalPath(f"{shown(given)} is a loop of symbolic links; nothing was changed.")
    if exc.errno == errno.ENOTDIR:
        return NotAJournalPath(
            f"{shown(given)} cannot be a journal: part of its path is not a folder (a file)."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return NotAJournalPath(f"Cannot reach {shown(given)}: permission denied.")
    if exc.errno == errno.ENAMETOOLONG:
        return NotAJournalPath("The journal path is too long; give a shorter one.")
    return NotAJournalPath(f"Cannot reach {shown(given)}: {exc.strerror or exc}.")


def resolve_journal(given: Path, *, links_ok: bool = False) -> JournalPath:
    """The real file a journal path names; NotAJournalPath for what cannot be a journal.

    A symbolic link is followed once to the file it names (a dangling link or a loop is
    refused: ceocto never replaces a link). What is there must be a regular file with one
    name (links_ok allows more, for a backup that is only read), or nothing at all in a
    folder that exists or may be made.
    """
    expanded = _expand(Path(given))
    absolute = Path(os.path.abspath(expanded))
    try:
        os.lstat(absolute)
    except FileNotFoundError:
        return _missing(given, absolute)
    except OSError as exc:
        raise _os_error(given, exc) from None
    try:
        real = Path(os.path.realpath(absolute, strict=True))
    except FileNotFoundError:
        target = os.readlink(absolute) if absolute.is_symlink() else "?"
        raise NotAJournalPath(
            f"{shown(given)} is a link to {shown(target)}, which does not exist; "
            "ceocto never replaces a link. Give the real file's path."
        ) from None
    except OSError as exc:
        raise _os_error(given, exc) from None
    found = refuse_special(real, given)
    if found.st_nlink > 1 and not links_ok:
        _forget_killed_conversion_link(real, found)
        found = os.stat(real)
    if found.st_nlink > 1 and not links_ok:
        raise NotAJournalPath(hard_link_message(given, found.st_nlink))
    return JournalPath(Path(given), real)


def refuse_special(path: Path, given: Path | None = None) -> os.stat_result:
    """The status of the file at path; NotAJournalPath unless it is a plain file on a disk."""
    named = shown(given if given is not None else path)
    try:
        found = os.stat(path)
    except OSError as exc:
        raise _os_error(given or path, exc) from None
    kind = _kind(found.st_mode)
    if kind is None and str(Path(os.path.abspath(path))).startswith(_PSEUDO_FILE_SYSTEMS):
        kind = "a file of the system's own (under /proc or /sys)"
    if kind is not None:
        raise NotAJournalPath(f"{named} is {kind}, not a journal file; nothing was changed.")
    return found


def hard_link_message(given: Path, count: int) -> str:
    """Why a journal with several hard links is refused, and what to do."""
    return (
        f"{shown(given)} has {count} names (hard links). SQLite keeps a journal's recent "
        "changes in a file named after the name used, so two names would keep two logs "
        "and damage the journal. Keep one name (delete the other link, or make it a copy "
        "with 'ceocto backup -o'); nothing was changed."
    )


def _missing(given: Path, absolute: Path) -> JournalPath:
    folder = absolute.parent
    try:
        real_folder = Path(os.path.realpath(folder, strict=True))
    except FileNotFoundError:
        # The folder may be made (the default journal's, at first run); callers say so.
        return JournalPath(Path(given), absolute)
    except OSError as exc:
        raise _os_error(given, exc) from None
    if not real_folder.is_dir():
        raise NotAJournalPath(
            f"Cannot create a journal at {shown(given)}: {shown(folder)} is not a folder."
        )
    if str(real_folder / "x").startswith(_PSEUDO_FILE_SYSTEMS):
        raise NotAJournalPath(f"{shown(given)} is in the system's own files; choose a folder.")
    return JournalPath(Path(given), real_folder / absolute.name)


def _forget_killed_conversion_link(real: Path, found: os.stat_result) -> None:
    """Drop the backup name a killed conversion gave the journal itself (a hard link).

    A conversion keeps the old file in backups/ by a hard link, then swaps the new file
    in; killed between the two, the journal has a second name in backups/ that is the
    journal itself. That name holds nothing the journal does not, and overwriting it
    (as removing plain backups does) would overwrite the journal, so it goes.
    """
    from ceocto_desktop.store.files.lock import conversion_running

    folder = real.parent / "backups"
    if not folder.is_dir() or conversion_running(real):
        return
    for entry in folder.iterdir():
        if not any(reason in entry.name for reason in _CONVERSION_REASONS):
            continue
        try:
            other = entry.lstat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (found.st_dev, found.st_ino):
            entry.unlink()
