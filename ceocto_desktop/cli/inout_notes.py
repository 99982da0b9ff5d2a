"""`ceocto import jrnl|dayone FILE`, `ceocto export md|ics`: notes in, folders and calendars out."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceocto_desktop.analytics.formats import optional_day
from ceocto_desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, journal_path


def run_import_entries(args: argparse.Namespace) -> int:
    """Import a jrnl or Day One file as one partner's notes: after a backup, all or nothing."""
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.services.inout.import_entries import (
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
        return fail(f"{exc} Nothing was imported.")
    try:
        ensure_not_in_use(path)
        journal = open_journal(path)
    except JournalError as exc:
        return fail(str(exc))
    try:
        with journal.sessions() as session:
            seat = find_partner(session, args.author)
            name = get_partners(session)[seat].name
        make_backup(path, "before-import")
        with journal.transaction() as session:
            result = apply_import(session, preview, seat)
    except ValidationError as exc:
        return fail(exc.message, EXIT_USAGE)
    except JournalError as exc:
        return fail(f"{exc} Nothing was imported.")
    finally:
        journal.close()
    span = (
        f", {optional_day(preview.first_day)} to {optional_day(preview.last_day)}"
        if preview.entries
        else ""
    )
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


def run_export_markdown(args: argparse.Namespace) -> int:
    """Write everything as a folder of Markdown files, replacing only an earlier export's."""
    from ceocto_desktop.services.inout.export_markdown import (
        FolderExportError,
        markdown_files,
        write_markdown_folder,
    )
    from ceocto_desktop.store import JournalError, open_journal

    folder: Path = args.output.expanduser()
    try:
        journal = open_journal(journal_path(args))
    except JournalError as exc:
        return fail(str(exc))
    try:
        with journal.sessions() as session:
            files = markdown_files(session)
        written = write_markdown_folder(folder, files)
    except FolderExportError as exc:
        return fail(str(exc))
    finally:
        journal.close()
    print(f"Wrote {written} files into {folder}")
    return EXIT_OK


def run_export_calendar(args: argparse.Namespace) -> int:
    """Write board meetings, goal targets, decision reviews and commitments as iCalendar."""
    from ceocto_desktop.cli.inout import write_journal_text
    from ceocto_desktop.services.inout.export_calendar import calendar_text

    return write_journal_text(args, calendar_text)
