"""two laptops: change log triggers, outbox, field clocks, tombstones, conflicts

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

- sync_state, sync_outbox, sync_seen, sync_clock, sync_tombstones, sync_conflicts,
  sync_sealed, sync_answer_keys, sync_rowkeys, sync_pending: a laptop's bookkeeping of
  what it sent and received (models/sync.py, docs/SYNC.md).
- sync_log and one trigger per write on every table that travels: each row written while
  sync is on (sync_state 'capture' = '1') is logged with its old and new values as JSON,
  whatever wrote it (the services, a cascade, undo, a shell command); the store turns the
  log into one change set per transaction. Off (the default), the triggers write nothing.
  A later revision that adds a column to a travelling table must make its triggers again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TRAVELLING = (
    "partners",
    "settings",
    "tags",
    "goals",
    "key_results",
    "goal_updates",
    "key_result_changes",
    "obstacles",
    "obstacle_events",
    "obstacle_goals",
    "decisions",
    "decision_goals",
    "notes",
    "note_tags",
    "note_goals",
    "note_obstacles",
    "note_decisions",
    "board_meetings",
    "board_goal_reviews",
    "retrospectives",
    "checkins",
    "checkin_answers",
    "checkin_amendments",
)
ON = "(SELECT value FROM sync_state WHERE key = 'capture') = '1'"


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def _tables() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _pk("sync_state", "key"),
    )
    op.create_table(
        "sync_log",
        sa.Column("n", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        _pk("sync_log", "n"),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("written", sa.Integer(), nullable=False),
        _pk("sync_outbox", "device", "seq"),
    )
    op.create_table(
        "sync_seen",
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        _pk("sync_seen", "device"),
    )
    op.create_table(
        "sync_clock",
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("rkey", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("base", sa.String(length=64), nullable=False),
        _pk("sync_clock", "tbl", "rkey", "field"),
    )
    op.create_table(
        "sync_tombstones",
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("rkey", sa.Text(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("row", sa.Text(), nullable=False),
        _pk("sync_tombstones", "tbl", "rkey"),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("rkey", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("kept", sa.Text(), nullable=True),
        sa.Column("other", sa.Text(), nullable=True),
        sa.Column("other_device", sa.String(length=32), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("resolved", sa.Integer(), nullable=False),
        _pk("sync_conflicts", "id"),
    )
    op.create_table(
        "sync_sealed",
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("seat", sa.String(length=1), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _pk("sync_sealed", "week", "seat"),
    )
    op.create_table(
        "sync_answer_keys",
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("seat", sa.String(length=1), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("released", sa.Integer(), nullable=False),
        _pk("sync_answer_keys", "week", "seat"),
    )
    op.create_table(
        "sync_rowkeys",
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("local", sa.String(length=64), nullable=False),
        sa.Column("rkey", sa.Text(), nullable=False),
        _pk("sync_rowkeys", "tbl", "local"),
    )
    op.create_table(
        "sync_pending",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _pk("sync_pending", "id"),
    )


def _json(prefix: str, columns: list[str]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {prefix}.\"{c}\"" for c in columns) + ")"


def _triggers() -> None:
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
                f"WHEN {ON} BEGIN "
                f"INSERT INTO sync_log(tbl, op, old, new) VALUES ('{table}', {values}); END"
            )


def upgrade() -> None:
    _tables()
    _triggers()


def downgrade() -> None:
    for table in TRAVELLING:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{event}")
    for table in (
        "sync_pending",
        "sync_rowkeys",
        "sync_answer_keys",
        "sync_sealed",
        "sync_conflicts",
        "sync_tombstones",
        "sync_clock",
        "sync_seen",
        "sync_outbox",
        "sync_log",
        "sync_state",
    ):
        op.drop_table(table)
