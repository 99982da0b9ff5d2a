"""The file CEOCTO_PASSPHRASE_FILE names (for scripts): its lines, and the passphrases
tried from them. Loads nothing but os, so `ceocto` can read it before the shell loads
(cli.launch starts the key's derivation from it); cli.encryption says what went wrong."""

from __future__ import annotations

import os

PASSPHRASE_FILE = "CEOCTO_PASSPHRASE_FILE"


def file_name() -> str | None:
    """The file's name as the environment gives it, if any."""
    return os.environ.get(PASSPHRASE_FILE) or None


def read_lines() -> list[str] | None:
    """The file's lines, None without the variable; OSError or UnicodeError as they come."""
    name = file_name()
    if name is None:
        return None
    # utf-8-sig: a byte-order mark (Notepad's) is not part of the first passphrase.
    with open(os.path.expanduser(name), encoding="utf-8-sig") as handle:
        return handle.read().splitlines()


def candidates(lines: list[str]) -> list[str]:
    """Each line of the file as written, then without surrounding spaces: tried in turn."""
    tried = [line for line in lines if line] + [line.strip() for line in lines if line.strip()]
    return list(dict.fromkeys(tried))
