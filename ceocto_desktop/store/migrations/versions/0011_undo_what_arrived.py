"""what each change file from the other laptop did here, so a person can undo it; and
import_sources travels between two laptops

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

- sync_received: one row per change file applied in a sync pass (not a new laptop's join):
  the device and sequence it came from, the seat, when, and its steps (each field's value
  before and after, each record added, each record removed with its values) as JSON, and
  whether it was undone. Only the latest are kept (sync/received.py).
- import_sources gets revision 0006's change-log triggers: which jrnl or Day One entry
  became which note travels with the note, so importing the same file on the other laptop
  adds nothing twice there either.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TRAVELLING = ("import_sources",)
SYNC_ON = "(SELECT value FROM sync_state WHERE key = 'capture') = '1'"


def _json(prefix: str, columns: list[str]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {prefix}.\"{c}\"" for c in columns) + ")"


def _sync_triggers() -> None:
    bind = op.get_bind()
    for table in TRAVELLING:
        columns = [str(row[1]) for row in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')]
        new, old = _json("new", columns), _json("old", columns)
        for event, values in (
            ("insert", f"'i', NULL, {new}"),
            ("update", f"'u', {old}, {new}"),
            ("delete", f"'d', {old}, NULL"),
        ):
            op.execute(
                f'CREATE TRIGGER sync_{table}_{event} AFTER {event.upper()} ON "{table}" '
                f"WHEN {SYNC_ON} BEGIN "
                f"INSERT INTO sync_log(tbl, op, old, new) VALUES ('{table}', {values}); END"
            )


def upgrade() -> None:
    op.create_table(
        "sync_received",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("seat", sa.String(length=1), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("undone", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_received")),
    )
    _sync_triggers()


def downgrade() -> None:
    for table in TRAVELLING:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{event}")
    op.drop_table("sync_received")
