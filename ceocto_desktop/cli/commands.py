"""The everyday commands: `demo`, `check`, `search`, `export retro|board`, `note`, and the
window opened from the shell. Each returns an exit code of `cli.common`."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ceocto_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, fail, journal_path
from ceocto_desktop.store.files.journal_path import readable

if TYPE_CHECKING:
    from ceocto_desktop.charts.worker import ChartWorker


def run_demo(args: argparse.Namespace) -> int:
    """Write a demo journal to a new file, all at once or not at all."""
    from ceocto_desktop.services.demo.file import write_demo_file
    from ceocto_desktop.services.demo.journal import DemoOptions
    from ceocto_desktop.store import JournalError

    target: Path = args.path.expanduser()
    refused = _demo_bounds(args)
    if refused is not None:
        return fail(refused, EXIT_USAGE)
    options = DemoOptions(
        seed=args.seed, years=args.years, notes=args.notes, until=args.until, scale=args.scale
    )
    try:
        summary = write_demo_file(target, options)
    except JournalError as exc:
        return fail(str(exc))
    from ceocto_desktop.analytics.formats import day_text

    print(
        f"Wrote {target}: {day_text(summary.start)} to {day_text(summary.until)}, "
        f"{summary.goals} goals, "
        f"{summary.obstacles} obstacles, {summary.decisions} decisions, "
        f"{summary.checkins} check-ins, {summary.notes} notes."
    )
    return EXIT_OK


# A demo beyond these is no demo (and its dates would run off the calendar).
DEMO_MAX_YEARS = 100
DEMO_MAX_SCALE = 1_000_000
DEMO_YEARS = (1900, 9000)


def _demo_bounds(args: argparse.Namespace) -> str | None:
    """Why the demo's options are out of bounds, or None."""
    if args.years > DEMO_MAX_YEARS:
        return f"--years {args.years} is more than {DEMO_MAX_YEARS}; nothing was written."
    if args.scale > DEMO_MAX_SCALE:
        return f"--scale {args.scale} is more than {DEMO_MAX_SCALE:,}; nothing was written."
    if args.notes is not None and args.notes > DEMO_MAX_SCALE:
        return f"--notes {args.notes} is more than {DEMO_MAX_SCALE:,}; nothing was written."
    first, last = DEMO_YEARS
    until = args.until or date.today()
    if not first + args.years <= until.year <= last:
        return (
            f"--until {until} is outside {first + args.years}–{last} "
            f"(for {args.years} year(s) of demo); nothing was written."
        )
    return None


def run_check(args: argparse.Namespace) -> int:
    """Print ok for a healthy, current journal; else one line saying what is wrong."""
    from ceocto_desktop.store import JournalError, check_journal

    path = journal_path(args)
    try:
        problems = check_journal(path)
    except JournalError as exc:
        return fail(str(exc), EXIT_PROBLEM)
    if problems:
        return fail(" ".join(problems), EXIT_PROBLEM)
    print("ok")
    return EXIT_OK


def run_window(args: argparse.Namespace) -> int:
    """Check a --db path without Qt (so a mistake costs no window), then open the window."""
    # Not the store package's main modules: the window's shell paints before SQLAlchemy.
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.inspect import JournalState, inspect_journal

    path: Path | None = None
    if args.db is not None:
        path = Path(getattr(args, "check_db", None) or args.db)  # resolved by cli_paths
        try:
            state = inspect_journal(path).state
        except JournalError as exc:
            return fail(str(exc))
        folder = path.parent
        if state is JournalState.MISSING and not folder.is_dir():
            return fail(f"Cannot create a journal at {path}: the folder {folder} does not exist.")
        if state is JournalState.MISSING and not os.access(folder, os.W_OK):
            return fail(f"Cannot create a journal in {folder}: permission denied.")
        if state is not JournalState.MISSING and not os.access(path, os.W_OK):
            return fail(f"Cannot write to {path}: the file is read-only.")
    import gc

    # The window's imports make some hundred thousand objects that live as long as the
    # process: collecting while they load only rescans them. Moved out of the collector's
    # way once loaded (gc.freeze), they are never scanned again. Here PySide6 and the
    # shell; the rest once the shell has painted (start_shell.start_window).
    gc.disable()
    try:
        from ceocto_desktop.ui.start_shell import start_window
    finally:
        gc.freeze()
        gc.enable()
    code = start_window(path, quit_at=getattr(args, "quit_at", None))
    # The window has closed its journal and written its settings: what is left is tearing
    # down thousands of Qt and Python objects nobody will see (0.2-0.3 s). Flush and go.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_search(args: argparse.Namespace) -> int:
    """Print the best matches; exit 0 with results, 1 with none (like grep)."""
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.services.search import (
        KINDS,
        has_search_index,
        one_line,
        search,
        shown_day,
    )

    path = journal_path(args)
    if not path.is_file():
        return fail(f"There is no journal at {path}.")
    # Not the store package's main modules: a shell search loads no ORM.
    from ceocto_desktop.store.driver import DatabaseError
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.sqlite_files import open_read_only

    try:
        connection = open_read_only(path)
        try:
            if not has_search_index(connection):
                return fail(
                    f"{path} has no search index yet: open it once in ceocto to upgrade it."
                )
            hits = search(
                connection,
                " ".join(args.query),
                kinds=tuple(args.types or KINDS),
                author=args.author,
                since=args.since,
                until=args.until,
                limit=args.limit,
            )
        finally:
            connection.close()
    except ValidationError as exc:  # what was typed cannot be used
        return fail(exc.message, EXIT_USAGE)
    except DatabaseError as exc:
        return fail(f"Cannot search {path}: {exc}.")
    except JournalError as exc:
        return fail(str(exc))
    if args.json:
        import json  # (here: a plain search starts without it)

        print(json.dumps([hit.as_dict() for hit in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(f"{hit.kind:<9} {shown_day(hit.day):<11} {hit.author}  {one_line(hit.title)}")
            print(f"          {one_line(hit.snippet)}")
    return EXIT_OK if hits else EXIT_PROBLEM


def run_export(args: argparse.Namespace) -> int:
    """Write a report; an unknown quarter or meeting, or a bad path, leaves no file."""
    import gc

    # A command of about a second: its few cycles are left to the exit, not looked for
    # among every object the imports made (0.07-0.1 s of a ten-year retrospective).
    gc.disable()
    output: Path = args.output.expanduser()
    source = journal_path(args)
    charts = None
    if args.report == "retro" and args.format == "pdf":
        from ceocto_desktop.charts.worker import ChartWorker

        # Forked first (cli.launch forks it before the shell loads), before threads and
        # SQLAlchemy: matplotlib loads on the other core.
        charts = ChartWorker.take()
    try:
        return _export(args, output, source, charts)
    finally:
        if charts is not None:
            charts.close()


def _export(
    args: argparse.Namespace, output: Path, source: Path, charts: ChartWorker | None
) -> int:
    from ceocto_desktop.reports import reads
    from ceocto_desktop.reports.export import ExportError, TargetExists, check_target
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.store.errors import JournalError
    from ceocto_desktop.store.health import HealthCheck

    try:
        check_target(output, force=args.force, protect=(source,))
        # SQLite checks the tables the report reads (damage there is refused before the
        # journal is opened) while SQLAlchemy, the report and its renderer load.
        checking = HealthCheck(source, reads.TABLES[args.report])
        from ceocto_desktop.reports.export import export, load_renderer
        from ceocto_desktop.store.checked import open_checked

        load_renderer(args.report, args.format, charts_elsewhere=charts is not None)
        journal = open_checked(source, read_only_ok=True, checking=checking)
    except TargetExists as exc:
        return fail(f"{exc} Add --force to replace it.")
    except (ExportError, JournalError) as exc:
        return fail(str(exc))
    try:
        with journal.sessions() as session:
            if args.report == "retro":
                from ceocto_desktop.reports.retro import build_retrospective

                document = build_retrospective(session, args.quarter, charts=charts)
            else:
                from ceocto_desktop.reports.board import build_board_brief

                document = build_board_brief(session, args.meeting)
        export(document, args.format, output, force=args.force, protect=(source,))
    except ValidationError as exc:  # what was typed cannot be used
        return fail(exc.message, EXIT_USAGE)
    except TargetExists as exc:  # it appeared while the report was being written
        return fail(f"{exc} Add --force to replace it.")
    except ExportError as exc:
        return fail(str(exc))
    finally:
        journal.close()
    print(readable(f"Wrote {output}"))
    return EXIT_OK


def run_note(args: argparse.Namespace) -> int:
    """Add a note as one partner and print its id."""
    from ceocto_desktop.services.errors import ValidationError
    from ceocto_desktop.store.errors import JournalDamaged, JournalError
    from ceocto_desktop.store.health import NOTE_TABLES, require_healthy
    from ceocto_desktop.store.writer import open_current_for_writing

    path = journal_path(args)
    try:
        # What a note writes into is checked first: damage is refused before a byte changes.
        require_healthy(path, NOTE_TABLES)
        connection = open_current_for_writing(path)
    except JournalError as exc:
        return fail(str(exc))
    if connection is not None:  # a current journal: the driver alone, no SQLAlchemy
        from ceocto_desktop.services.records.quick_note import add_note
        from ceocto_desktop.store.sqlite_files import damaged_message, is_damage

        try:
            note_id = add_note(connection, args.author, " ".join(args.text), args.tags)
        except ValidationError as exc:
            return fail(exc.message, EXIT_USAGE)
        except Exception as exc:
            if is_damage(exc):  # in the words the ORM's way says it
                raise JournalDamaged(damaged_message(path, exc)) from exc
            raise
        finally:
            connection.close()
        print(note_id)
        return EXIT_OK
    # Missing, older or read-only: open_journal upgrades it or says what is wrong.
    from ceocto_desktop.services.partners import find_partner
    from ceocto_desktop.services.records.notes import create_note
    from ceocto_desktop.store.checked import open_checked

    try:
        journal = open_checked(path, tables=NOTE_TABLES)
    except JournalError as exc:
        return fail(str(exc))
    try:
        with journal.transaction() as session:
            seat = find_partner(session, args.author)
            note = create_note(session, seat, " ".join(args.text), tags=args.tags)
    except ValidationError as exc:  # what was typed cannot be used
        return fail(exc.message, EXIT_USAGE)
    finally:
        journal.close()
    print(note.id)
    return EXIT_OK
