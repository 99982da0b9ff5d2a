"""what each change file from the other laptop did here, so a person can undo it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

- sync_received: one row per change file applied in a sync pass (not a new laptop's join):
  the device and sequence it came from, the seat, when, and its steps (each field's value
  before and after, each record added, each record removed with its values) as JSON, and
  whether it was undone. Only the latest are kept (sync/received.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    op.drop_table("sync_received")
