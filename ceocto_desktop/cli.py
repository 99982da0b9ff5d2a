"""The `ceocto` command: the window, or a shell command that never loads Qt or matplotlib."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ceocto_desktop import __version__

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"ceocto: {message}\n(see 'ceocto --help')\n")


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


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{number} is below 0")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The command line: `ceocto [--db PATH]` opens the window; subcommands work in a shell."""
    parser = _Parser(
        prog="ceocto",
        description="A private, offline journal for a CEO and CTO pair.",
    )
    parser.add_argument("--version", action="version", version=f"ceocto {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="the journal file to open")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="write a demo journal with realistic entries")
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

    check = commands.add_parser("check", help="check a journal's integrity and schema")
    check.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")
    return parser


def _journal_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "check_db", None) or args.db
    if given is not None:
        return Path(given).expanduser()
    from ceocto_desktop.paths import default_journal_path

    return default_journal_path()


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"ceocto: {message}", file=sys.stderr)
    return code


def run_demo(args: argparse.Namespace) -> int:
    """Write a demo journal to a new file, all at once or not at all."""
    from ceocto_desktop.services.demo import DemoOptions
    from ceocto_desktop.services.demo_file import write_demo_file
    from ceocto_desktop.store import JournalError

    target: Path = args.path.expanduser()
    options = DemoOptions(
        seed=args.seed, years=args.years, notes=args.notes, until=args.until, scale=args.scale
    )
    try:
        summary = write_demo_file(target, options)
    except JournalError as exc:
        return _fail(str(exc))
    print(
        f"Wrote {target}: {summary.start} to {summary.until}, {summary.goals} goals, "
        f"{summary.obstacles} obstacles, {summary.decisions} decisions, "
        f"{summary.checkins} check-ins, {summary.notes} notes."
    )
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """Print ok for a healthy, current journal; else one line saying what is wrong."""
    from ceocto_desktop.store import JournalError, check_journal

    path = _journal_path(args)
    try:
        problems = check_journal(path)
    except JournalError as exc:
        return _fail(str(exc), EXIT_PROBLEM)
    if problems:
        return _fail(" ".join(problems), EXIT_PROBLEM)
    print("ok")
    return EXIT_OK


def run_window(args: argparse.Namespace) -> int:
    """Check a --db path without Qt (so a mistake costs no window), then open the window."""
    from ceocto_desktop.store import JournalError, JournalState, inspect_journal

    path: Path | None = None
    if args.db is not None:
        path = Path(args.db).expanduser()
        try:
            state = inspect_journal(path).state
        except JournalError as exc:
            return _fail(str(exc))
        folder = path.parent
        if state is JournalState.MISSING and not folder.is_dir():
            return _fail(f"Cannot create a journal at {path}: the folder {folder} does not exist.")
        if state is JournalState.MISSING and not os.access(folder, os.W_OK):
            return _fail(f"Cannot create a journal in {folder}: permission denied.")
        if state is not JournalState.MISSING and not os.access(path, os.W_OK):
            return _fail(f"Cannot write to {path}: the file is read-only.")
    from ceocto_desktop.ui.app import run_app

    return run_app(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ceocto` command."""
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        return run_demo(args)
    if args.command == "check":
        return run_check(args)
    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
