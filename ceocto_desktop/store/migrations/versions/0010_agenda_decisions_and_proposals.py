"""an agenda outcome made a decision; a commitment asked for and countered

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

- agenda_items.decision_id: the decision an item's outcome became (linked back).
- commitments.asked_for: what the other partner asked for when the one owing it offered
  something else instead (a counter); empty when the commitment is what was asked. A
  commitment asked for and not yet answered has the status "proposed" (a plain value of the
  status column: no schema change).

commitments gains its column by ALTER TABLE ADD COLUMN; agenda_items by a batch copy (SQLite
keeps no ON DELETE of a column added with a foreign key), which drops the table's search
triggers and may renumber the rowids its search index points at: the triggers are made
again and the index rebuilt, as revision 0003 does for goals. Both tables' sync triggers
are made again so that they log the new columns too.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TRAVELLING = ("commitments", "agenda_items")
SYNC_ON = "(SELECT value FROM sync_state WHERE key = 'capture') = '1'"


def _json(prefix: str, columns: list[str]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {prefix}.\"{c}\"" for c in columns) + ")"


def _remake_sync_triggers() -> None:
    bind = op.get_bind()
    for table in TRAVELLING:
        columns = [str(row[1]) for row in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')]
        new, old = _json("new", columns), _json("old", columns)
        for event, values in (
            ("insert", f"'i', NULL, {new}"),
            ("update", f"'u', {old}, {new}"),
            ("delete", f"'d', {old}, NULL"),
        ):
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{event}")
            op.execute(
                f'CREATE TRIGGER sync_{table}_{event} AFTER {event.upper()} ON "{table}" '
                f"WHEN {SYNC_ON} BEGIN "
                f"INSERT INTO sync_log(tbl, op, old, new) VALUES ('{table}', {values}); END"
            )


def _remake_agenda_search() -> None:
    fts, listed = "search_agenda", "title, outcome"
    new, old = "new.title, new.outcome", "old.title, old.outcome"
    for event in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
    op.execute(
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON agenda_items BEGIN "
        f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.rowid, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON agenda_items BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.rowid, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON agenda_items BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.rowid, {new}); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_agenda_items_decision_id_decisions"),
            "decisions",
            ["decision_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute("ALTER TABLE commitments ADD COLUMN asked_for TEXT NOT NULL DEFAULT ''")
    _remake_agenda_search()
    _remake_sync_triggers()


def downgrade() -> None:
    for table in TRAVELLING:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{event}")
    op.execute("ALTER TABLE commitments DROP COLUMN asked_for")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_agenda_items_decision_id_decisions"), type_="foreignkey"
        )
        batch_op.drop_column("decision_id")
    _remake_agenda_search()
    _remake_sync_triggers()
