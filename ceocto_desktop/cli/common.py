"""What every shell command shares: the exit codes, the journal a command uses, a refusal.

Exit codes, the same for every command (also in `ceocto --help`):
  0    done
  1    the journal or a file could not be used as asked (missing, damaged, in use,
       read-only, a wrong passphrase, a refusal); nothing was changed
  2    what was typed cannot be used: an unknown command or option, a value in the wrong
       form or out of range, a name, quarter or meeting the journal does not hold, empty
       or undecodable text (argparse's own code for its refusals)
  130  interrupted (Ctrl+C); nothing half-written stays
  141  the output pipe closed early (`ceocto search x | head -1`)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ceocto_desktop.store.files.journal_path import readable

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# What a shell reports for a command ended by SIGPIPE; grep in `grep x | head -1` ends so.
EXIT_CLOSED_PIPE = 128 + 13

EXIT_CODES_HELP = """exit codes:
  0    done
  1    the journal or a file could not be used as asked; nothing was changed
  2    what was typed cannot be used (an unknown option, a value in the wrong form, a
       partner, quarter or meeting the journal does not hold, an empty note)
  130  interrupted;  141  the output pipe closed early"""


def journal_path(args: argparse.Namespace) -> Path:
    """The journal named by --db (as resolved by `cli.paths`), or the default one."""
    given = getattr(args, "check_db", None) or getattr(args, "db", None)
    if given is not None:
        return Path(given).expanduser()
    from ceocto_desktop.paths import default_journal_path

    return default_journal_path()


def fail(message: str, code: int = EXIT_PROBLEM) -> int:
    """Say on stderr why the command did nothing (paths shown readably) and return `code`."""
    print(readable(f"ceocto: {message}"), file=sys.stderr)
    return code
