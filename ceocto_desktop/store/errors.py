"""The errors the store raises; each message is for a person to read."""

from __future__ import annotations


class JournalError(Exception):
    """A journal that cannot be opened or written; the message is for a person to read."""


class JournalDamaged(JournalError):
    """The journal file is damaged (SQLite found a malformed page); restore it from a backup."""


class JournalInUse(JournalError):
    """The journal is open in a ceocto window elsewhere; the message says who and since when."""


class BackupError(JournalError):
    """A backup could not be made or restored; nothing was replaced."""


class OtherPairsBackup(BackupError):
    """The backup is of another pair's journal; restoring it needs an explicit force."""


class CopyFailedCheck(BackupError):
    """A backup copy failed SQLite's check: the journal it was made from is damaged."""
