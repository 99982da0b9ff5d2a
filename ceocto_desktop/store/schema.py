"""Alembic plumbing: the script directory inside the package and programmatic upgrades.

Which revisions exist is read from the revision files' own `revision = "…"` lines, so that
opening a current journal (every start of the window, every shell command) never imports
Alembic, Mako and Pygments: they load only to migrate.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*(?::[^=]*)?=\s*"?(\w+)"?', re.M)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the package's revisions, bound to a connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def script_directory() -> ScriptDirectory:
    """The revisions this version of ceocto knows (read once: they ship with the package)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@cache
def _revision_chain() -> tuple[str, ...]:
    """The revision ids, oldest first, read from the revision files without Alembic."""
    parents: dict[str, str | None] = {}
    for source in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(
            (key, value) for key, value in _REVISION_LINE.findall(source.read_text("utf-8"))
        )
        if "revision" in found:
            down = found.get("down_revision")
            parents[found["revision"]] = None if down in (None, "None") else down
    children = {parent: child for child, parent in parents.items()}
    chain: list[str] = []
    current = children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    if len(chain) != len(parents):  # pragma: no cover - a branch: let Alembic say why
        raise RuntimeError(f"the schema revisions do not form one line: {sorted(parents)}")
    return tuple(chain)


def head_revision() -> str:
    """The newest schema revision this version of ceocto writes."""
    chain = _revision_chain()
    if not chain:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("no schema revisions found")
    return chain[-1]


def known_revisions() -> set[str]:
    """Every revision id this version can upgrade from."""
    return set(_revision_chain())


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations up to target on an open connection (foreign keys already off)."""
    from alembic import command

    command.upgrade(alembic_config(connection), target)
