"""The `ceocto` command's first step, taken before the shell's modules load.

An encrypted journal's key is derived from its passphrase (Argon2id, about 0.03 s; see
store.keys). When the line names an encrypted journal (`--db PATH`) and the file named by
CEOCTO_PASSPHRASE_FILE holds its passphrase, the derivation starts here, on a thread that
leaves the interpreter lock, while this one loads the shell and the command; the first
connection waits for the key. The passphrase tried is the file's first non-empty line as
written, the one the command tries first (cli.encryption); anything unusual (no such
file, a plain journal, an unreadable passphrase file) is left for the command to say.
"""

from __future__ import annotations

import os
import sys

from ceocto_desktop.cli import passphrase_file

SQLITE_HEADER = b"SQLite format 3\x00"


def named_journal(argv: list[str]) -> str | None:
    """The PATH of `--db PATH` (or `--db=PATH`) on the command line, if any."""
    for number, token in enumerate(argv):
        if token == "--":
            return None
        if token == "--db" and number + 1 < len(argv):
            return argv[number + 1]
        if token.startswith("--db="):
            return token.removeprefix("--db=")
    return None


def _first_passphrase() -> str | None:
    """The passphrase the command tries first (cli.encryption), if the file can be read."""
    try:
        return next(iter(passphrase_file.candidates(passphrase_file.read_lines() or [])), None)
    except (OSError, UnicodeError):
        return None  # the command says so


def _salt(named: str) -> bytes | None:
    try:
        with open(os.path.expanduser(named), "rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    return head if len(head) == 16 and head != SQLITE_HEADER else None


def start_key_early(argv: list[str]) -> bool:
    """Begin deriving the named encrypted journal's key, if the passphrase file is given."""
    named = named_journal(argv)
    salt = None if named is None or passphrase_file.file_name() is None else _salt(named)
    passphrase = None if salt is None else _first_passphrase()
    if salt is None or passphrase is None:
        return False  # a plain journal, or nothing to derive it from: no thread started
    from ceocto_desktop.store import keys

    keys.derive_ahead(passphrase, salt)
    return True


# Commands that close what they open and have written (flushed, synced) all they write
# before they return: once they have answered, the process leaves without the
# interpreter's teardown of every module it loaded - 7-10 ms of a 0.07 s search, 0.2 s of
# a retrospective's PDF (SQLAlchemy, Qt). Nothing of ours runs at exit; the commands that
# keep threads, child processes or temporary folders past their return are not here.
LEAVE_AT_ONCE = frozenset({"search", "export", "note", "check"})


def _words(argv: list[str]) -> list[str]:
    """The line's words that are not options nor an option's value."""
    found, skip = [], False
    for token in argv:
        if skip or token.startswith("-"):
            skip = token in _VALUED
            continue
        found.append(token)
    return found


_VALUED = frozenset({"--db", "--format", "--quarter", "--meeting", "-o", "--output"})


def draws_charts(argv: list[str]) -> bool:
    """Whether the line asks for the retrospective as PDF, whose charts a helper draws."""
    wanted = None
    for number, token in enumerate(argv):
        if token == "--format" and number + 1 < len(argv):
            wanted = argv[number + 1]
        elif token.startswith("--format="):
            wanted = token.removeprefix("--format=")
    return _words(argv)[:2] == ["export", "retro"] and wanted == "pdf"


def main() -> int:
    """Entry point of the `ceocto` command."""
    argv = sys.argv[1:]
    start_key_early(argv)
    early_charts = draws_charts(argv)
    if early_charts:  # the helper starts loading matplotlib before the shell loads
        from ceocto_desktop.charts.worker import ChartWorker

        ChartWorker.start_early()
    from ceocto_desktop.cli.shell import command_named
    from ceocto_desktop.cli.shell import main as shell_main

    try:
        code = shell_main()
    finally:
        if early_charts:
            ChartWorker.drop_early()  # a line the shell refused (even --help): it goes too
    if command_named(argv) in LEAVE_AT_ONCE:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, OSError):
            pass  # the shell has said what it had to; a closed pipe changes nothing now
        os._exit(code)
    return code
