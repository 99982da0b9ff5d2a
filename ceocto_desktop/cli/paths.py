"""The journal a shell command works on, resolved once before the command runs.

Every command that names a journal (`--db`, or the default one) gets the real file here:
a link is followed once (and the command says which file it works on), and what cannot be
a journal (a device, a FIFO, a folder, a dangling link, a second hard link, a path too
long) is refused in one line before anything is read. `note` then holds the journal as a
writer for its whole run, so an encrypt or restore in another shell waits for it, or it
for them, and no acknowledged note lands in a file about to be replaced.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Commands that write a new file of their own (args.path) rather than open a journal.
_NEW_FILE = frozenset({"demo", "init"})
# Plain writers: they share the journal with each other and with a window (`agenda` keeps
# the week's agenda the first time it is printed; the window shows it as another's write).
_WRITERS = frozenset({"note", "import", "agenda"})


def _say(text: str) -> None:
    print(f"ceocto: {text}", file=sys.stderr, flush=True)


def resolve_args(args: argparse.Namespace) -> str | None:
    """Put the real journal path in args (check_db); the refusal to print, or None."""
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.files.journal_path import resolve_journal
    from ceocto_desktop.store.files.leftovers import clean_leftovers

    if args.command in _NEW_FILE:
        given = Path(args.path)
        if os.path.islink(given) and not os.path.exists(given):
            return f"{given} already exists (a link to nothing); {args.command} never replaces it."
        try:  # demo and init then check that their new file is new (or empty)
            args.path = resolve_journal(given).real
        except JournalError as exc:
            return str(exc)
        clean_leftovers(args.path)
        return None
    if args.command is None and args.db is None:
        return None  # the window checks its default journal itself
    given = getattr(args, "check_db", None) or args.db
    if given is None:
        from ceocto_desktop.paths import default_journal_path

        given = default_journal_path()
    try:
        found = resolve_journal(Path(given))
        backup = getattr(args, "backup", None)
        if backup is not None:
            args.backup = resolve_journal(Path(backup), links_ok=True).real
    except JournalError as exc:
        return str(exc)
    if found.through_link:
        _say(found.link_note())
    args.check_db = found.real
    clean_leftovers(found.real)  # what a killed ceocto left beside it, overwritten first
    return None


@contextmanager
def held_for(args: argparse.Namespace) -> Iterator[None]:
    """For a writing command, hold its journal as one writer; for the others, nothing."""
    if args.command not in _WRITERS:
        yield
        return
    from ceocto_desktop.store.files.lock import writing

    with writing(Path(args.check_db), say=_say):
        yield
