"""The `ceocto` command: the window, or a shell command that never loads Qt or matplotlib."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ceocto_desktop import __version__
from ceocto_desktop.cli.common import (
    EXIT_CLOSED_PIPE,
    EXIT_CODES_HELP,
    EXIT_INTERRUPTED,
    EXIT_PROBLEM,
    EXIT_USAGE,
    fail,
    journal_path,
)

# More results than any journal holds; a larger --limit is taken as "all of them".
MAX_LIMIT = 1_000_000


def _terminal_width() -> int:
    """The width argparse would take from shutil (COLUMNS, else the terminal's, else 80,
    less 2), found without importing shutil and the compression modules it loads: every
    argument added builds a formatter, and shutil was a twentieth of a shell search."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns if columns > 0 else 80) - 2


class _Help(argparse.HelpFormatter):
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or _terminal_width())


class _RawHelp(_Help, argparse.RawDescriptionHelpFormatter):
    """The main parser's: its epilog (the exit codes) keeps its lines."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"ceocto: {message}\n(see 'ceocto --help')\n")


class _Unparsed(Exception):
    """The one command's parser could not take the line: the whole parser says why."""


class _QuietParser(_Parser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Unparsed(message)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-11-30") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not 1 or more")
    return number


def _limit(value: str) -> int:
    return min(_positive(value), MAX_LIMIT)


def _text(value: str) -> str:
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape); SQLite
    # cannot store them, so say which bytes are wrong instead of failing half-way.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(value)
        raise argparse.ArgumentTypeError(
            f"{raw!r} is not UTF-8 text; set your terminal to UTF-8 or convert the text first"
        ) from None
    return value


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{number} is below 0")
    return number


def _demo_arguments(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("path", type=Path, metavar="PATH", help="where to write it (must not exist)")
    demo.add_argument("--seed", type=int, default=7, help="the same seed gives the same journal")
    demo.add_argument("--years", type=_positive, default=1, help="how many years (default 1)")
    demo.add_argument("--notes", type=_count, default=None, help="how many notes in all")
    demo.add_argument("--until", type=_date, default=None, help="last day (default today)")
    demo.add_argument(
        "--scale",
        type=_count,
        default=0,
        metavar="N",
        help="add N goals, N obstacles and N decisions (for load tests)",
    )


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


def _search_arguments(search: argparse.ArgumentParser) -> None:
    search.add_argument(
        "query", nargs="+", type=_text, help="words to find (plain text, not syntax)"
    )
    search.add_argument(
        "--type",
        action="append",
        dest="types",
        metavar="T",
        choices=["note", "goal", "obstacle", "decision", "checkin", "commitment", "agenda"],
        help="only this kind of record (repeatable)",
    )
    search.add_argument("--author", metavar="A|B", choices=["A", "B"], help="only this partner")
    search.add_argument("--since", type=_date, help="from this day (YYYY-MM-DD)")
    search.add_argument("--until", type=_date, help="up to this day (YYYY-MM-DD)")
    search.add_argument("--limit", type=_limit, default=20, help="at most N results")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    kinds = export.add_subparsers(
        dest="report", metavar="REPORT", parser_class=type(export), required=True
    )
    retro = kinds.add_parser("retro", help="a quarter's retrospective")
    retro.add_argument("--quarter", required=True, type=_text, help="like 2026-Q3")
    board = kinds.add_parser("board", help="the brief for a board meeting")
    board.add_argument("--meeting", type=_date, help="its date (default: next, else latest)")
    for sub in (retro, board):
        sub.add_argument("--format", required=True, choices=["pdf", "md", "html"])
        sub.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        sub.add_argument(
            "--force", action="store_true", help="replace FILE if it exists (never a journal)"
        )
        sub.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")
    from ceocto_desktop.cli.inout import add_export_formats

    add_export_formats(kinds)


def _note_arguments(note: argparse.ArgumentParser) -> None:
    note.add_argument("text", nargs="+", type=_text, help="the note (Markdown)")
    note.add_argument(
        "--author",
        required=True,
        type=_text,
        metavar="A|B|NAME",
        help="who writes it: seat A or B, or a partner's name",
    )
    note.add_argument(
        "--tag",
        action="append",
        dest="tags",
        default=[],
        type=_text,
        metavar="T",
        help="a tag (repeatable)",
    )
    note.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


_COMMANDS = {
    "demo": ("write a demo journal with realistic entries", _demo_arguments),
    "check": ("check a journal's integrity and schema", _check_arguments),
    "search": ("search everything the pair wrote", _search_arguments),
    "export": ("export a report, or everything (json, md, ics)", _export_arguments),
    "note": ("add a note to the journal", _note_arguments),
}


def build_parser(
    only: str | None = None, parser_class: type[argparse.ArgumentParser] | None = None
) -> argparse.ArgumentParser:
    """The command line: `ceocto [--db PATH]` opens the window; subcommands work in a shell.

    only: of the commands above, build the arguments of this one alone (main parses one
    command; building every one's arguments was a tenth of a shell search's time)."""
    parser_class = parser_class or _Parser
    parser = parser_class(
        prog="ceocto",
        description="A private, offline journal for a CEO and CTO pair.",
        epilog=EXIT_CODES_HELP,
        formatter_class=_RawHelp,
    )
    parser.add_argument("--version", action="version", version=f"ceocto {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="the journal file to open")
    # For timing start-up from outside (benchmarks/run.py); documented in docs/BENCHMARKS.md.
    parser.add_argument(
        "--quit-at-first-paint",
        dest="quit_at",
        action="store_const",
        const="paint",
        help=argparse.SUPPRESS,
    )
    parser.add_argument(
        "--quit-when-ready",
        dest="quit_at",
        action="store_const",
        const="ready",
        help=argparse.SUPPRESS,
    )
    from ceocto_desktop.cli.desktop import add_desktop_options

    add_desktop_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name, (summary, add_arguments) in _COMMANDS.items():
        sub = commands.add_parser(name, help=summary)
        if only is None or only == name:
            add_arguments(sub)

    if only is not None:
        return parser  # the line names this command: the others' parsers are not needed
    from ceocto_desktop.cli.agenda import add_agenda_command
    from ceocto_desktop.cli.encryption import add_encryption_commands
    from ceocto_desktop.cli.inout import add_import_commands
    from ceocto_desktop.cli.journal import add_journal_commands
    from ceocto_desktop.cli.sync import add_sync_commands

    add_journal_commands(commands)
    add_import_commands(commands)
    add_sync_commands(commands)
    add_agenda_command(commands)
    add_encryption_commands(commands)
    return parser


def _causes(exc: BaseException) -> list[BaseException]:
    """The error and those it wraps (SQLAlchemy keeps the driver's error in .orig)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        wrapped = getattr(current, "orig", None)
        current = (
            wrapped
            if isinstance(wrapped, BaseException)
            else current.__cause__ or current.__context__
        )
    return chain


# SQLite's primary result codes for what a person (or their machine) can cause.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 11, 13, 26


def _journal_problem(exc: BaseException, journal: Path) -> str | None:
    """One line for a full disk, a busy, read-only or damaged journal; None for anything else."""
    for cause in _causes(exc):
        if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
            return "the disk is full; nothing was written. Free some space and try again."
        code = getattr(cause, "sqlite_errorcode", None)
        if code is None:
            continue
        code &= 0xFF  # the primary code under an extended one
        if code == _SQLITE_FULL:
            return "the disk is full; nothing was written. Free some space and try again."
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return (
                f"another program is writing to {journal}; nothing was written. "
                "Try again in a moment."
            )
        if code == _SQLITE_READONLY:
            return f"{journal} cannot be written (it is read-only); nothing was written."
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return f"{journal} is damaged ({cause}); nothing was written. Restore it from a backup."
        if code == _SQLITE_IOERR:
            return f"{journal} could not be read or written ({cause}); nothing was written."
    return None


def _is_journal_error(exc: BaseException) -> bool:
    # Looked up, not imported: `ceocto search` must not load the store (and SQLAlchemy).
    errors = sys.modules.get("ceocto_desktop.store.errors")
    return errors is not None and isinstance(exc, errors.JournalError)


def _quiet_closed_pipe() -> int:
    # The reader went away (`ceocto search x | head -1`): stop quietly, as grep does, and
    # point stdout at /dev/null so flushing it at exit raises nothing more.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_CLOSED_PIPE


def _run(args: argparse.Namespace) -> int:
    from ceocto_desktop.cli.desktop import run_desktop_option
    from ceocto_desktop.cli.encryption import HANDLERS as ENCRYPTION
    from ceocto_desktop.cli.paths import held_for, resolve_args

    desktop = run_desktop_option(args)
    if desktop is not None:
        return desktop
    refusal = resolve_args(args)  # the real journal file, or why the path cannot be one
    if refusal is not None:
        return fail(refusal)
    if args.command in ENCRYPTION:
        return ENCRYPTION[args.command](args)
    with held_for(args):  # a writer waits for (and holds off) a conversion or restore
        return _dispatch(args)


def _dispatch(args: argparse.Namespace) -> int:
    from ceocto_desktop.cli import commands
    from ceocto_desktop.cli.encryption import unlock_for

    refused = unlock_for(args)  # an encrypted journal's passphrase, asked once
    if refused is not None:
        return refused
    # The everyday commands first: a search or a note loads no other topic's module.
    everyday = {
        "demo": commands.run_demo,
        "check": commands.run_check,
        "search": commands.run_search,
        "note": commands.run_note,
    }
    if args.command in everyday:
        return everyday[args.command](args)
    from ceocto_desktop.cli.journal import HANDLERS

    if args.command in HANDLERS:
        return HANDLERS[args.command](args)
    from ceocto_desktop.cli.agenda import HANDLERS as AGENDA

    if args.command in AGENDA:
        return AGENDA[args.command](args)
    from ceocto_desktop.cli.sync import HANDLERS as SYNC

    if args.command in SYNC:
        return SYNC[args.command](args)
    from ceocto_desktop.cli import inout as cli_io

    if args.command == "export":
        if args.report in cli_io.EXPORTS:
            return cli_io.run_export(args)
        return commands.run_export(args)
    if args.command == "import":
        return cli_io.run_import(args)
    return commands.run_window(args)


def command_named(argv: list[str]) -> str | None:
    """The built-in command the line names, if it plainly names one (else None)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--db":
            skip = True
        elif token in _COMMANDS:
            return token
        elif not token.startswith("-"):
            return None
    return None


def _parse(argv: list[str]) -> argparse.Namespace:
    command = command_named(argv)
    if command is not None:
        try:
            return build_parser(command, _QuietParser).parse_args(argv)
        except _Unparsed:
            pass  # parsed again below, where every command's arguments are known
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ceocto` command: one `ceocto:` line for what a person can cause."""
    args = _parse(list(sys.argv[1:] if argv is None else argv))
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here when the output was buffered
    except BrokenPipeError:
        return _quiet_closed_pipe()
    except KeyboardInterrupt:
        return fail("interrupted.", EXIT_INTERRUPTED)
    except UnicodeError as exc:
        return fail(f"some text is not valid UTF-8 ({exc}); nothing was written.", EXIT_USAGE)
    except Exception as exc:
        if _is_journal_error(exc):
            return fail(str(exc), EXIT_PROBLEM)
        journal = args.path if args.command in ("demo", "init") else journal_path(args)
        problem = _journal_problem(exc, journal)
        if problem is None:
            raise  # a fault of ours: its traceback is what a bug report needs
        return fail(problem, EXIT_PROBLEM)
    return code


if __name__ == "__main__":
    sys.exit(main())
