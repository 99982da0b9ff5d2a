"""journal identity, private drafts, check-in amendments, goal lineage

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

- PRAGMA application_id and a journal_meta table mark the file as a ceocto journal, so a
  foreign SQLite file that happens to use Alembic is never taken for one.
- drafts: each partner's unsubmitted words, apart from every record that search, reports
  and charts read.
- checkin_amendments: changes to answers made after both partners' answers were revealed.
- goals.carried_from_id: a goal carried into a new quarter points at the one it continues.
  The batch copy of goals drops the table's search triggers and may renumber the rowids its
  search index points at, so both are made again and the index rebuilt.
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPLICATION_ID = 0x43454F38


def upgrade() -> None:
    op.create_table(
        "journal_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_journal_meta")),
    )
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    meta = sa.table("journal_meta", sa.column("key"), sa.column("value"))
    op.bulk_insert(
        meta,
        [
            {"key": "format", "value": "ceocto-journal"},
            {"key": "journal_id", "value": str(uuid.uuid4())},
            {"key": "marked_at", "value": now},
        ],
    )
    op.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("seat", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("seat", "key", name="uq_drafts_seat_key"),
    )
    op.create_table(
        "checkin_amendments",
        sa.Column("answer_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("value_before", sa.Text(), nullable=False),
        sa.Column("value_after", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["checkin_answers.id"],
            name=op.f("fk_checkin_amendments_answer_id_checkin_answers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_amendments")),
    )
    op.create_index(
        op.f("ix_checkin_amendments_answer_id"), "checkin_amendments", ["answer_id"], unique=False
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carried_from_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_goals_carried_from_id"), ["carried_from_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_goals_carried_from_id_goals"),
            "goals",
            ["carried_from_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _remake_goal_search()


def _remake_goal_search() -> None:
    """The goals' search triggers and index, as revision 0002 made them."""
    columns = "title, description"
    fts = "search_goals"
    for event in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
    op.execute(
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON goals BEGIN "
        f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.rowid, new.title, new.description); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON goals BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {columns}) "
        f"VALUES ('delete', old.rowid, old.title, old.description); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE ON goals BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {columns}) "
        f"VALUES ('delete', old.rowid, old.title, old.description); "
        f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.rowid, new.title, new.description); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_goals_carried_from_id_goals"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_goals_carried_from_id"))
        batch_op.drop_column("carried_from_id")
    _remake_goal_search()
    op.drop_index(op.f("ix_checkin_amendments_answer_id"), table_name="checkin_amendments")
    op.drop_table("checkin_amendments")
    op.drop_table("drafts")
    op.drop_table("journal_meta")
    op.execute("PRAGMA application_id = 0")
