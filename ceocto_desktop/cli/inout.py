"""`ceocto import json|jrnl|dayone FILE`, `ceocto export json|md|ics`: in and out, in a shell."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ceocto_desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, journal_path

EXPORTS = ("json", "md", "ics")


def add_import_commands(commands: Any) -> None:
    """Register `ceocto import json|jrnl|dayone FILE` on the `ceocto` command's subparsers."""
    parser = commands.add_parser("import", help="bring in a JSON export, jrnl or Day One")
    kinds = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    whole = kinds.add_parser("json", help="a ceocto JSON export, into a new journal")
    whole.add_argument("file", type=Path, metavar="FILE")
    whole.add_argument("--db", type=Path, metavar="NEW", dest="check_db", help="the new journal")
    for name, what in (
        ("jrnl", "jrnl's JSON export or its plain-text journal file"),
        ("dayone", "Day One's JSON export (.zip or .json)"),
    ):
        sub = kinds.add_parser(name, help=what)
        sub.add_argument("file", type=Path, metavar="FILE")
        sub.add_argument(
            "--author",
            default="A",
            metavar="A|B|NAME",
            help="whose notes they become (default A)",
        )
        sub.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


def add_export_formats(kinds: Any) -> None:
    """Register json, md and ics beside `ceocto export retro|board`."""
    whole = kinds.add_parser("json", help="everything, as one JSON file (docs/FORMAT.md)")
    whole.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    markdown = kinds.add_parser("md", help="everything, as a folder of Markdown files")
    markdown.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER")
    calendar = kinds.add_parser("ics", help="meetings, target and review dates as iCalendar")
    calendar.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    for sub in (whole, calendar):
        sub.add_argument(
            "--force", action="store_true", help="replace FILE if it exists (never a journal)"
        )
    for sub in (whole, markdown, calendar):
        sub.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


def run_export_json(args: argparse.Namespace) -> int:
    """Write the whole journal as one JSON file."""
    from ceocto_desktop.services.inout.journal_json import export_json

    return write_journal_text(args, export_json)


def write_journal_text(args: argparse.Namespace, build: Callable[[Any], str]) -> int:
    """Write the text build makes of the journal to args.output: whole or not at all, never
    over the journal, an existing file only with --force."""
    from ceocto_desktop.reports.export import ExportError, TargetExists, check_target
    from ceocto_desktop.reports.text_file import write_text_file
    from ceocto_desktop.store import JournalError, open_journal

    output: Path = args.output.expanduser()
    journal = journal_path(args)
    try:
        check_target(output, force=args.force, protect=(journal,))
        opened = open_journal(journal)
        try:
            with opened.sessions() as session:
                text = build(session)
        finally:
            opened.close()
        write_text_file(output, text, force=args.force, protect=(journal,))
    except TargetExists as exc:
        return fail(f"{exc} Add --force to replace it.", EXIT_USAGE)
    except (ExportError, JournalError) as exc:
        return fail(str(exc))
    print(f"Wrote {output}")
    return EXIT_OK


def run_import_json(args: argparse.Namespace) -> int:
    """Build a new journal from a JSON export, under a private name, then move it into place."""
    from ceocto_desktop.cli.journal import _move_into_place
    from ceocto_desktop.services.inout.journal_json import (
        ExportFileError,
        import_export,
        load_export,
    )
    from ceocto_desktop.store import JournalError, open_journal

    target = journal_path(args)
    if target.exists() and target.stat().st_size > 0:
        return fail(
            f"{target} already exists; a JSON export is imported into a new journal "
            "(give --db NEW).",
            EXIT_USAGE,
        )
    if not target.parent.is_dir():
        return fail(f"Cannot create {target}: the folder {target.parent} does not exist.")
    try:
        loaded = load_export(args.file.expanduser())
    except ExportFileError as exc:
        return fail(f"{exc} Nothing was imported.")
    building = target.parent / f".{target.name}.import-{os.getpid()}"
    try:
        journal = open_journal(building, create=True)
        try:
            with journal.transaction() as session:
                written = import_export(session, loaded)
        finally:
            journal.close()
        _move_into_place(building, target)
    except (JournalError, ExportFileError) as exc:
        return fail(f"{str(exc).replace(str(building), str(target))} Nothing was imported.")
    finally:
        for leftover in ("", "-wal", "-shm"):
            Path(f"{building}{leftover}").unlink(missing_ok=True)
    print(f"Created {target} from {args.file}: {sum(written.values())} rows.")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """`ceocto import SOURCE FILE`."""
    if args.source == "json":
        return run_import_json(args)
    from ceocto_desktop.cli.inout_notes import run_import_entries

    return run_import_entries(args)


def run_export(args: argparse.Namespace) -> int:
    """`ceocto export json|md|ics`."""
    if args.report == "json":
        return run_export_json(args)
    from ceocto_desktop.cli.inout_notes import run_export_calendar, run_export_markdown

    if args.report == "md":
        return run_export_markdown(args)
    return run_export_calendar(args)
