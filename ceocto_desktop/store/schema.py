"""Alembic plumbing: the script directory inside the package and programmatic upgrades."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the package's revisions, bound to a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def script_directory() -> ScriptDirectory:
    """The revisions this version of ceocto knows (read once: they ship with the package)."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this version of ceocto writes."""
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("no schema revisions found")
    return head


def known_revisions() -> set[str]:
    """Every revision id this version can upgrade from."""
    return {rev.revision for rev in script_directory().walk_revisions()}


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations up to target on an open connection (foreign keys already off)."""
    command.upgrade(alembic_config(connection), target)
