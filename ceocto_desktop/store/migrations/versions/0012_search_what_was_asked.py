"""what was asked of a partner is searched too

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

- search_commitments indexes commitments.asked_for (what the other partner asked for when
  the one owing it offered something else) beside what and drop_reason, so Ctrl+K and
  `ceocto search` find a countered commitment by what was asked.

An FTS5 table's columns cannot be altered: the table and its three triggers are made again
(as revision 0009 made them) and the index rebuilt from the commitments. The store turns
FTS5's secure-delete on again for the new table when the journal opens.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

FTS, SOURCE = "search_commitments", "commitments"
TOKENIZER = "unicode61 remove_diacritics 2"


def _make_search(columns: list[str]) -> None:
    for event in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{event}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
    listed = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({listed}, content='{SOURCE}', "
        f"content_rowid='rowid', tokenize='{TOKENIZER}')"
    )
    op.execute(
        f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {SOURCE} BEGIN "
        f"INSERT INTO {FTS}(rowid, {listed}) VALUES (new.rowid, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {SOURCE} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {listed}) VALUES ('delete', old.rowid, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF {listed} ON {SOURCE} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {listed}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {FTS}(rowid, {listed}) VALUES (new.rowid, {new}); END"
    )
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def upgrade() -> None:
    _make_search(["what", "drop_reason", "asked_for"])


def downgrade() -> None:
    _make_search(["what", "drop_reason"])
