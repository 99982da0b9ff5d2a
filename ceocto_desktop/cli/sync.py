"""`ceocto sync setup|join|--status` and `ceocto merge OTHER`: two laptops, from a shell."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ceocto_desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, journal_path

CODE_FILE_ENV = "CEOCTO_SYNC_CODE_FILE"


def add_sync_commands(commands: Any) -> None:
    """Register sync and merge on the `ceocto` command's subparsers."""
    sync = commands.add_parser(
        "sync", help="sync through a shared folder now, set it up, or join it"
    )
    sync.add_argument("--status", action="store_true", help="say when it last synced")
    sync.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")
    sync.add_argument(
        "--forget",
        metavar="DEVICE",
        help="stop waiting for a lost laptop (its id, or the start of it, from --status)",
    )
    sync.add_argument("--yes", action="store_true", help="forget without asking to confirm")
    actions = sync.add_subparsers(dest="sync_action", metavar="setup|join")
    for name, text in (
        ("setup", "make FOLDER this journal's sync folder (the first laptop)"),
        ("join", "build this laptop's journal from FOLDER (the second laptop)"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("folder", type=Path, metavar="FOLDER", help="the shared folder")
        action.add_argument(
            "--as", required=True, dest="seat", metavar="A|B|NAME", help="whose laptop this is"
        )
        action.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal")
    merge = commands.add_parser(
        "merge", help="merge another journal file or JSON export of the same pair"
    )
    merge.add_argument(
        "other", type=Path, metavar="OTHER", help="the other journal file, or its JSON export"
    )
    merge.add_argument("--dry-run", action="store_true", help="only say what would change")
    merge.add_argument("--force", action="store_true", help="merge even another pair's journal")
    merge.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


def _read_code() -> str:
    named = os.environ.get(CODE_FILE_ENV)
    if named:
        try:
            return Path(named).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise _Refused(
                f"cannot read the pairing code from {named} ({exc.strerror}); nothing was "
                f"changed. Point {CODE_FILE_ENV} at the file that holds it."
            ) from None
    if not sys.stdin.isatty():
        raise _Refused(
            "no terminal to type the pairing code in; nothing was changed. "
            f"Run this in a terminal, or name a file holding it in {CODE_FILE_ENV}."
        )
    import getpass  # (here: every other command starts without it)

    return getpass.getpass("Pairing code: ")


class _Refused(Exception):
    pass


def _seat(session: Any, given: str) -> str:
    if given.upper() in ("A", "B"):
        return given.upper()
    from ceocto_desktop.services.partners import find_partner

    return str(find_partner(session, given).value)


def run_setup(args: argparse.Namespace) -> int:
    """Set up sync on the first laptop and print the pairing code."""
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.store import open_journal
    from ceocto_desktop.sync.service import SyncError, setup

    journal = open_journal(journal_path(args))
    try:
        with journal.sessions() as session:
            seat = _seat(session, args.seat)
        code = setup(journal, args.folder, seat)
    except ValidationError as exc:  # --as names no partner of this journal
        return fail(f"{exc.message} Nothing was changed.", EXIT_USAGE)
    except SyncError as exc:
        return fail(str(exc))
    finally:
        journal.close()
    print(f"Sync is set up in {args.folder}; this laptop is partner {seat}'s.")
    print("Write this code down (it is the pair's recovery code too); the other laptop needs it:")
    print(f"Pairing code: {code}")
    return EXIT_OK


def run_join(args: argparse.Namespace) -> int:
    """Join the pair's sync folder from the second laptop, building or joining a journal."""
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.sync.service import SyncError, join_journal, read_description

    path = journal_path(args)
    try:
        read_description(args.folder)  # a folder without a journal is said before the code is asked
        code = _read_code()
        report = join_journal(path, args.folder, args.seat, code)
    except _Refused as exc:
        return fail(str(exc))
    except ValidationError as exc:  # --as names neither partner of the journal joined
        return fail(f"{exc.message} The journal was joined as partner A's laptop.")
    except SyncError as exc:
        return fail(str(exc))
    print(f"Joined: {report.applied.total} records from {report.received} change files in {path}.")
    return EXIT_OK


def run_sync(args: argparse.Namespace) -> int:
    """Sync now, or (--status) say when it last synced and what waits."""
    if args.sync_action == "setup":
        return run_setup(args)
    if args.sync_action == "join":
        return run_join(args)
    if args.forget is not None:
        return run_forget(args)
    from ceocto_desktop.store import open_journal
    from ceocto_desktop.sync.laptops import laptops
    from ceocto_desktop.sync.service import SyncError, is_set_up, sync_now
    from ceocto_desktop.sync.status import status

    journal = open_journal(journal_path(args))
    try:
        if not args.status:
            sync_now(journal)
        lines = status(journal)
        with journal.sessions() as session:
            set_up = is_set_up(session.connection())
        if args.status and set_up:
            lines += [laptop.describe() for laptop in laptops(journal) if not laptop.this_laptop]
    except SyncError as exc:
        return fail(str(exc))
    finally:
        journal.close()
    print("\n".join(lines))
    return EXIT_OK


def _confirmed(question: str) -> bool:
    if not sys.stdin.isatty():
        raise _Refused(
            "no terminal to confirm in; nothing was changed. Add --yes to forget it anyway."
        )
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def run_forget(args: argparse.Namespace) -> int:
    """Forget a lost laptop: stop waiting for its acknowledgement (its files stay)."""
    from ceocto_desktop.store import open_journal
    from ceocto_desktop.sync.laptops import UnknownLaptop, find_laptop, forget
    from ceocto_desktop.sync.service import SyncError

    journal = open_journal(journal_path(args))
    try:
        laptop = find_laptop(journal, args.forget)
        question = (
            f"Forget {laptop.describe().split(':')[0]}? No laptop will wait for it any more, "
            "so change files it never got may be compacted; its own files stay in the folder."
        )
        if not args.yes and not _confirmed(question):
            print("Nothing was changed.")
            return EXIT_OK
        forget(journal, laptop.device)
    except UnknownLaptop as exc:
        return fail(str(exc), EXIT_USAGE)
    except (SyncError, _Refused) as exc:
        return fail(str(exc))
    finally:
        journal.close()
    print(
        f"Forgot laptop {laptop.device[:8]}: no laptop of the pair waits for it any more. If it "
        "turns up again, join it afresh with 'ceocto sync join'."
    )
    return EXIT_OK


def run_merge(args: argparse.Namespace) -> int:
    """Merge another journal file of the pair (or say what a merge would do)."""
    from ceocto_desktop.cli.encryption import PassphraseRefused, unlock
    from ceocto_desktop.store import open_journal
    from ceocto_desktop.sync.merge import is_json_export, merge_journal
    from ceocto_desktop.sync.service import SyncError

    other = Path(args.other).expanduser()
    if not other.is_file():
        return fail(f"there is no journal or JSON export at {other}; nothing was changed.")
    try:
        if not is_json_export(other):
            unlock(other)
    except PassphraseRefused as exc:
        return fail(str(exc))
    journal = open_journal(journal_path(args))
    try:
        report = merge_journal(journal, other, dry_run=args.dry_run, force=args.force)
    except SyncError as exc:
        return fail(str(exc))
    finally:
        journal.close()
    done = report.applied
    verb = "Would merge" if report.dry_run else "Merged"
    print(
        f"{verb}: {done.added} added, {done.changed} changed, {done.conflicts} kept as a "
        f"conflict, {done.deleted} deleted, {done.resurrected} brought back."
    )
    for line in report.lines:
        print(f"  {line}")
    if report.held_back:
        print(
            f"{report.held_back} check-in answer(s) stay in {other} until this journal has "
            "answered that week (the blind rule)."
        )
    return EXIT_OK


HANDLERS = {"sync": run_sync, "merge": run_merge}
