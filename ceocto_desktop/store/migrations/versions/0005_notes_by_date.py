"""the Overview reads from indexes: notes by date; goals, decisions, obstacles by status

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

- ix_notes_created_at: the Overview's recent notes (newest ten) and the journal's first
  day are read from the index instead of a scan and sort of every note (0.3 s of the
  dashboard's start on a journal of 100,000 notes).
- ix_goals_status_target, ix_decisions_status_review, ix_obstacles_status_opened: the
  Overview's goals at risk, decisions due and old open obstacles (and their counts) read
  from an index by status and date, not filtered row by row (100,000 of each: 0.3 s).
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


INDEXES = [
    ("ix_notes_created_at", "notes", ["created_at"]),
    ("ix_goals_status_target", "goals", ["status", "target_date"]),
    ("ix_decisions_status_review", "decisions", ["status", "review_on"]),
    ("ix_obstacles_status_opened", "obstacles", ["status", "opened_on"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
