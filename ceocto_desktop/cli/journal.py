"""`ceocto init`, `ceocto backup` and `ceocto restore`: the journal file itself, from a shell."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

from ceocto_desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, journal_path
from ceocto_desktop.store.files.journal_path import readable


def add_journal_commands(commands: Any) -> None:
    """Register init, backup and restore on the `ceocto` command's subparsers."""
    init = commands.add_parser("init", help="create a new journal for a pair")
    init.add_argument("path", type=Path, metavar="PATH", help="the new journal file")
    init.add_argument("--a", required=True, type=_utf8, metavar="NAME", dest="name_a")
    init.add_argument("--b", required=True, type=_utf8, metavar="NAME", dest="name_b")
    init.add_argument("--title-a", default="CEO", type=_utf8, metavar="TITLE", help="A's title")
    init.add_argument("--title-b", default="CTO", type=_utf8, metavar="TITLE", help="B's title")

    backup = commands.add_parser("backup", help="back the journal up now")
    backup.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the backup to this new file (default: backups/ beside the journal)",
    )

    restore = commands.add_parser("restore", help="put a backup back in place of the journal")
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file")
    restore.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")
    restore.add_argument(
        "--force", action="store_true", help="restore even a backup of another pair's journal"
    )


def _utf8(value: str) -> str:
    # Bytes that are not UTF-8 arrive as lone surrogates; stored, they would become "\ufffd".
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            f"{os.fsencode(value)!r} is not UTF-8 text; set your terminal to UTF-8"
        ) from None
    return value


def _say_waiting(text: str) -> None:
    print(readable(f"ceocto: {text}"), file=sys.stderr, flush=True)


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / (1024 * 1024):.1f} MB"


def run_init(args: argparse.Namespace) -> int:
    """Create a journal with its two partners at a new (or empty) file, all or nothing."""
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.services.partners import (
        PartnerInput,
        check_partner_inputs,
        create_partners,
    )
    from ceocto_desktop.store import JournalError, ensure_not_in_use, open_journal

    a = PartnerInput(args.name_a, args.title_a)
    b = PartnerInput(args.name_b, args.title_b)
    try:
        check_partner_inputs(a, b)
    except ValidationError as exc:
        return fail(exc.message, EXIT_USAGE)
    try:
        target = _new_journal_target(args.path)
    except JournalError as exc:
        return fail(str(exc), EXIT_USAGE)
    folder = target.parent
    # Built under a private name, then moved into place in one step: a failure half-way
    # leaves no half-made journal under the name the pair asked for.
    building = folder / f".{target.name}.init-{os.getpid()}"
    try:
        ensure_not_in_use(target)
        journal = open_journal(building, create=True)
        try:
            with journal.transaction() as session:
                create_partners(session, a, b)
        finally:
            journal.close()
        _move_into_place(building, target)
    except JournalError as exc:
        return fail(str(exc).replace(str(building), str(target)))
    except ValidationError as exc:
        return fail(exc.message, EXIT_USAGE)
    finally:
        for leftover in ("", "-wal", "-shm"):
            with suppress(OSError):  # a read-only disk refuses even to unlink nothing
                Path(f"{building}{leftover}").unlink(missing_ok=True)
    print(readable(f"Created {target} for {a.name} ({a.title}) and {b.name} ({b.title})."))
    return EXIT_OK


def _new_journal_target(given: Path) -> Path:
    """The real file init may make a journal of: a new name, or an empty plain file."""
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.files.journal_path import resolve_journal, shown

    found = resolve_journal(given)
    target = found.real
    if target.exists() and target.stat().st_size > 0:
        raise JournalError(f"{shown(given)} already exists; init never replaces a file.")
    if not target.parent.is_dir():
        raise JournalError(
            f"Cannot create {shown(given)}: the folder {shown(target.parent)} does not exist."
        )
    if found.through_link:
        print(f"ceocto: {found.link_note()}", file=sys.stderr)
    return target


def _move_into_place(building: Path, target: Path) -> None:
    from ceocto_desktop.store import JournalError
    from ceocto_desktop.store.files.backups import place_new_file

    try:
        if target.exists() or target.is_symlink():
            found = target.lstat()
            if not stat.S_ISREG(found.st_mode) or found.st_size > 0 or found.st_nlink > 1:
                raise JournalError(f"{target} already exists; init never replaces a file.")
            os.replace(building, target)  # an empty plain file: nothing in it to lose
        else:
            place_new_file(building, target)  # fails, rather than replaces, if it appeared
    except FileExistsError:
        raise JournalError(f"{target} already exists; init never replaces a file.") from None
    except OSError as exc:
        raise JournalError(f"Cannot create {target}: {exc.strerror or exc}.") from exc


def run_backup(args: argparse.Namespace) -> int:
    """Back the journal up into backups/ beside it, or into a new file given with -o."""
    from ceocto_desktop.store import JournalError, backup_journal, make_backup

    journal = journal_path(args)
    try:
        if args.output is not None:
            written = backup_journal(journal, args.output.expanduser())
        else:
            written = make_backup(journal, "manual").path
    except JournalError as exc:
        return fail(str(exc))
    print(readable(f"Backed up {journal} to {written} ({_size(written.stat().st_size)})."))
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    """Put a checked backup in place of the journal, keeping the journal it replaces."""
    from ceocto_desktop.store import JournalError, restore_backup

    journal = journal_path(args)
    try:
        restored = restore_backup(args.backup, journal, force=args.force, say=_say_waiting)
    except JournalError as exc:
        return fail(str(exc))
    kept = f"; the journal it replaced is kept as {restored.kept}" if restored.kept else ""
    print(readable(f"Restored {journal} from {restored.backup}{kept}."))
    return EXIT_OK


HANDLERS = {"init": run_init, "backup": run_backup, "restore": run_restore}
