"""`ceocto import jrnl|dayone FILE`: another journal app's entries as notes, from a shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ceocto_desktop.cli_io import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, journal_path


def _fail(message: str, code: int = EXIT_PROBLEM) -> int:
    print(f"ceocto: {message}", file=sys.stderr)
    return code


def run_import_entries(args: argparse.Namespace) -> int:
    """Import a jrnl or Day One file as one partner's notes: after a backup, all or nothing."""
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.services.import_entries import (
        SOURCES,
        ImportFileError,
        apply_import,
        read_import,
    )
    from ceocto_desktop.services.partners import find_partner, get_partners
    from ceocto_desktop.store import JournalError, ensure_not_in_use, make_backup, open_journal

    path = journal_path(args)
    source_file: Path = args.file.expanduser()
    try:
        preview = read_import(source_file, args.source)
    except ImportFileError as exc:
        return _fail(f"{exc} Nothing was imported.")
    try:
        ensure_not_in_use(path)
        journal = open_journal(path)
    except JournalError as exc:
        return _fail(str(exc))
    try:
        with journal.sessions() as session:
            seat = find_partner(session, args.author)
            name = get_partners(session)[seat].name
        make_backup(path, "before-import")
        with journal.transaction() as session:
            result = apply_import(session, preview, seat)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_USAGE)
    except JournalError as exc:
        return _fail(f"{exc} Nothing was imported.")
    finally:
        journal.close()
    span = f", {preview.first_day} to {preview.last_day}" if preview.entries else ""
    already = f"; {result.already_there} already imported before" if result.already_there else ""
    media = (
        f"; photos and attachments left out: {preview.media_left_out}"
        if preview.media_left_out
        else ""
    )
    entries = "entry" if result.added == 1 else "entries"
    print(
        f"Imported {result.added} {entries} from "
        f"{SOURCES[preview.source]} ({preview.kind}{span}) as {name}'s notes{already}{media}."
    )
    return EXIT_OK
