"""`ceocto encrypt`, `decrypt` and `passphrase`, and asking for an encrypted journal's key.

A passphrase is read without echo at a terminal, or from the file named by
CEOCTO_PASSPHRASE_FILE (for scripts); never from an argument, where `ps` and the shell's
history would show it. Loads no SQLAlchemy until a conversion runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ceocto_desktop.cli import passphrase_file
from ceocto_desktop.cli.common import EXIT_OK, fail, journal_path
from ceocto_desktop.cli.passphrase_file import PASSPHRASE_FILE
from ceocto_desktop.store.files.journal_path import readable

TRIES = 3
# Commands that never open an existing journal (they write a new file), or ask themselves.
_NO_JOURNAL = frozenset({"demo", "init", "encrypt", "decrypt", "passphrase"})


class PassphraseRefused(Exception):
    """No passphrase could be had (wrong three times, no terminal, unreadable file)."""


def add_encryption_commands(commands: Any) -> None:
    """Register encrypt, decrypt and passphrase on the `ceocto` command's subparsers."""
    encrypt = commands.add_parser("encrypt", help="encrypt the journal with a passphrase")
    encrypt.add_argument(
        "--remove-plain-backup",
        action="store_true",
        help="then overwrite and delete every unencrypted backup of the journal",
    )
    decrypt = commands.add_parser("decrypt", help="remove the journal's passphrase")
    change = commands.add_parser("passphrase", help="change the journal's passphrase")
    for sub in (encrypt, decrypt, change):
        sub.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


def interactive() -> bool:
    """Whether a person is at a terminal to be asked."""
    return sys.stdin.isatty()


def ask(prompt: str) -> str:
    """One passphrase typed without echo; PassphraseRefused on Ctrl+D (end of input)."""
    import getpass  # (here: every other command starts without it)

    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # the prompt's line, ended
        raise PassphraseRefused(
            "no passphrase was given (end of input); nothing was changed."
        ) from None


def _confirm(question: str) -> bool:
    """A yes/no question; Ctrl+D or anything but yes means no."""
    try:
        answer = input(question)
    except EOFError:
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


def _file_lines() -> list[str] | None:
    try:
        return passphrase_file.read_lines()
    except (OSError, UnicodeError) as exc:
        name = passphrase_file.file_name()
        raise PassphraseRefused(f"cannot read {PASSPHRASE_FILE} ({name}): {exc}") from exc


def _from_file(line: int) -> str | None:
    lines = _file_lines()
    if lines is None:
        return None
    name = os.environ.get(PASSPHRASE_FILE)
    if len(lines) <= line or not lines[line]:
        raise PassphraseRefused(f"{PASSPHRASE_FILE} ({name}) has no passphrase on line {line + 1}.")
    if lines[line] != lines[line].strip():
        raise PassphraseRefused(
            f"line {line + 1} of {PASSPHRASE_FILE} ({name}) begins or ends with spaces or tabs; "
            "remove them (they would be part of the passphrase). Nothing was changed."
        )
    return lines[line]


def _from_file_opening(path: Path) -> str | None:
    """The first passphrase of the file that opens path (an older backup: an older line)."""
    from ceocto_desktop.store import driver

    lines = _file_lines()
    if lines is None:
        return None
    candidates = passphrase_file.candidates(lines)
    for candidate in candidates:
        if driver.opens_with(path, candidate):
            return candidate
    if len(candidates) == 1:
        raise PassphraseRefused(
            f"the passphrase in {PASSPHRASE_FILE} does not open {path}; nothing was changed."
        )
    raise PassphraseRefused(
        f"no passphrase in {PASSPHRASE_FILE} ({len(candidates)} tried) opens {path}; "
        "nothing was changed."
    )


def _no_terminal(path: Path) -> PassphraseRefused:
    return PassphraseRefused(
        f"{path} is not an SQLite database, or it is an encrypted ceocto journal: give its "
        f"passphrase at a terminal, or name a file holding it in {PASSPHRASE_FILE}. "
        "Nothing was changed."
    )


def obtain_passphrase(path: Path) -> str:
    """The passphrase of the encrypted file at path, checked: from the file, or 3 tries."""
    from ceocto_desktop.store import driver

    given = _from_file_opening(path)
    if given is not None:
        return given
    if not interactive():
        raise _no_terminal(path)
    for attempt in range(1, TRIES + 1):
        typed = ask(f"Passphrase for {path}: ")
        if typed and driver.opens_with(path, typed):
            return typed
        if attempt < TRIES:
            print("That passphrase does not open the journal; try again.", file=sys.stderr)
    raise PassphraseRefused(
        f"the passphrase does not open {path} ({TRIES} tries), or it is not a ceocto "
        "journal; nothing was changed."
    )


def new_passphrase(line: int = 0) -> str:
    """A new passphrase: from the file's given line, or typed twice at a terminal."""
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.files.encryption import check_passphrase

    given = _from_file(line)
    if given is None:
        if not interactive():
            raise PassphraseRefused(
                f"a new passphrase is typed at a terminal or given in {PASSPHRASE_FILE}."
            )
        given = ask("New passphrase: ")
        if ask("The same again: ") != given:
            raise PassphraseRefused("the two passphrases differ; nothing was changed.")
    try:
        check_passphrase(given)
    except JournalError as exc:
        raise PassphraseRefused(str(exc)) from exc
    return given


def unlock(path: Path) -> None:
    """Make an encrypted file at path openable in this process (asks if no key is known)."""
    from ceocto_desktop.store import driver

    if not driver.looks_encrypted(path):
        return
    try:
        driver.passphrase_for(path)
        return
    except driver.PassphraseNeeded:
        pass
    driver.remember_passphrase(path, obtain_passphrase(path))


def unlock_for(args: argparse.Namespace) -> int | None:
    """Ask for the passphrase of the journal (and backup) a command opens; exit code if refused."""
    if args.command in _NO_JOURNAL or (args.command is None and args.db is None):
        return None  # the window asks for the last journal's passphrase in a dialog
    try:
        unlock(journal_path(args))
        backup = getattr(args, "backup", None)
        if backup is not None:
            unlock(Path(backup).expanduser())
    except PassphraseRefused as exc:
        return fail(str(exc))
    return None


def _describe_removed(removed: tuple[Path, ...]) -> str:
    if not removed:
        return ""
    return f" Overwrote and deleted {_backups(len(removed))}."


def _waiting(text: str) -> None:
    # Of a conversion's progress, a shell shows only that it waits for another writer.
    if text.startswith("Waiting"):
        print(readable(f"ceocto: {text}"), file=sys.stderr, flush=True)


def _hold(n: int) -> str:
    return "holds" if n == 1 else "hold"


def _backups(n: int) -> str:
    return f"{n} unencrypted backup{'' if n == 1 else 's'}"


def run_encrypt(args: argparse.Namespace) -> int:
    """Encrypt the journal with a new passphrase; plain backups go when the person says so."""
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.files.encryption import (
        encrypt_journal,
        is_encrypted,
        plain_backups,
        remove_plain_backups,
    )

    path = journal_path(args)
    try:
        if path.is_file() and is_encrypted(path):
            if not args.remove_plain_backup:
                return fail(
                    f"{path} is already encrypted, or it is not a ceocto journal at all (it has no "
                    "SQLite header); nothing was changed."
                )
            # Only the journal's owner removes its backups: the passphrase proves it.
            unlock(path)
            removed = tuple(remove_plain_backups(path))
            print(
                readable(
                    f"{path} is encrypted.{_describe_removed(removed) or ' No plain backups.'}"
                )
            )
            return EXIT_OK
        passphrase = new_passphrase()
        done = encrypt_journal(
            path, passphrase, remove_plain=args.remove_plain_backup, progress=_waiting
        )
    except (PassphraseRefused, JournalError) as exc:
        return fail(str(exc))
    print(readable(f"Encrypted {path}.{_describe_removed(done.removed)}"))
    left = plain_backups(path)
    if (
        left
        and interactive()
        and _confirm(
            f"{_backups(len(left))} in {left[0].parent} still {_hold(len(left))} your text "
            "in the clear (one is the journal as it was). Overwrite and delete now? [y/N] "
        )
    ):
        removed = tuple(remove_plain_backups(path))
        print(_describe_removed(removed).strip())
        return EXIT_OK
    if left:
        print(
            f"Kept in {left[0].parent}: {_backups(len(left))} (the journal as "
            f"it was is {done.kept.name}), in the clear. Once the "
            f"passphrase works for you, remove {'it' if len(left) == 1 else 'them'} with "
            "'ceocto encrypt --remove-plain-backup'."
        )
    return EXIT_OK


def run_decrypt(args: argparse.Namespace) -> int:
    """Remove the journal's passphrase (the encrypted file kept as a backup)."""
    from ceocto_desktop.store import driver
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.files.encryption import decrypt_journal

    path = journal_path(args)
    try:
        if not driver.looks_encrypted(path):
            return fail(f"{path} is not encrypted; nothing was changed.")
        done = decrypt_journal(path, obtain_passphrase(path), progress=_waiting)
    except (PassphraseRefused, JournalError) as exc:
        return fail(str(exc))
    print(readable(f"Decrypted {path}; the encrypted file is kept as {done.kept}."))
    return EXIT_OK


def run_passphrase(args: argparse.Namespace) -> int:
    """Change the journal's passphrase (backups made before keep the old one)."""
    from ceocto_desktop.store import driver
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.files.encryption import change_passphrase

    path = journal_path(args)
    try:
        if not driver.looks_encrypted(path):
            return fail(f"{path} is not encrypted: use 'ceocto encrypt'. Nothing was changed.")
        old = obtain_passphrase(path)
        new = new_passphrase(1)
        change_passphrase(path, old, new, progress=_waiting)
    except (PassphraseRefused, JournalError) as exc:
        return fail(str(exc))
    print(
        readable(f"Changed the passphrase of {path}. Backups made before keep the old passphrase.")
    )
    return EXIT_OK


HANDLERS = {"encrypt": run_encrypt, "decrypt": run_decrypt, "passphrase": run_passphrase}
