"""`ceocto agenda`: the weekly sync's agenda, printed to paste into a calendar invite."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ceocto_desktop.analytics.formats import week_text
from ceocto_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, journal_path


def _week(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date; write it as YYYY-MM-DD (e.g. 2026-11-30)"
        ) from None


def add_agenda_command(commands: Any) -> None:
    """Register `agenda` on the `ceocto` command's subparsers."""
    agenda = commands.add_parser("agenda", help="print the agenda of this week's talk")
    agenda.add_argument(
        "--week", type=_week, metavar="YYYY-MM-DD", help="a day of the week (default: this week)"
    )
    agenda.add_argument(
        "--format", choices=["md", "json"], default="md", help="md (default) or json"
    )
    agenda.add_argument("--db", type=Path, metavar="PATH", dest="check_db", help="journal file")


def _not_ready(names: dict[Any, str], answered: frozenset[Any], week: date) -> str:
    if not answered:
        who = "neither of you has answered"
    else:
        (seat,) = answered
        who = f"{names[seat]} has answered, {names[seat.other]} has not"
    return (
        f"the {week_text(week)} is not answered by both partners yet ({who}); no agenda until then."
    )


def run_agenda(args: argparse.Namespace) -> int:
    """Open (and so keep) the week's agenda and print it; a week not answered by both says
    so on stderr and prints nothing. Like `ceocto note`, it shares the journal with an open
    window (cli_paths.held_for holds it as one writer, so a conversion waits for it)."""
    from ceocto_desktop.reports.agenda import agenda_json, agenda_markdown
    from ceocto_desktop.services.partners import get_partners
    from ceocto_desktop.services.weekly.agenda import open_agenda
    from ceocto_desktop.services.weekly.checkins import current_week
    from ceocto_desktop.store import JournalError, open_journal

    path = journal_path(args)
    today = date.today()
    try:
        journal = open_journal(path)
    except JournalError as exc:
        print(f"ceocto: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        with journal.transaction() as session:
            week = args.week or current_week(session, today)
            agenda = open_agenda(session, week, today)
            names = {seat: p.name.split()[0] for seat, p in get_partners(session).items()}
    finally:
        journal.close()
    if not agenda.ready:
        print(f"ceocto: {_not_ready(names, agenda.answered, agenda.week)}", file=sys.stderr)
        return EXIT_PROBLEM
    sys.stdout.write(agenda_json(agenda) if args.format == "json" else agenda_markdown(agenda))
    return EXIT_OK


HANDLERS = {"agenda": run_agenda}
