"""commitments the partners make each other, and the weekly sync's agenda items

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

- commitments: what one partner owes the other (owed by, owed to, what, due date, status
  open/done/dropped with a reason, the week it came from, an area, links to a goal, an
  obstacle or a decision, a help-across-the-line mark).
- agenda_items: a week's sync agenda as kept, one row per item, unique by (week, key), with
  whether it was discussed and its line of outcome.
- Both are searchable: one FTS5 external-content table each, kept by triggers as in 0002.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SEAT = sa.Enum("A", "B", name="seat", native_enum=False)
SEARCH = [
    ("search_commitments", "commitments", ["what", "drop_reason"]),
    ("search_agenda", "agenda_items", ["title", "outcome"]),
]
TOKENIZER = "unicode61 remove_diacritics 2"
# Both tables travel between two laptops (store/sync_tables.py): revision 0006's change-log
# triggers, made here for them, log their writes while sync is on.
TRAVELLING = ("commitments", "agenda_items")
SYNC_ON = "(SELECT value FROM sync_state WHERE key = 'capture') = '1'"


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", SEAT, nullable=False),
    ]


def _link(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="SET NULL"
    )


def upgrade() -> None:
    op.create_table(
        "commitments",
        sa.Column("owed_by", SEAT, nullable=False),
        sa.Column("owed_to", SEAT, nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("dropped_on", sa.Date(), nullable=True),
        sa.Column("drop_reason", sa.Text(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=True),
        sa.Column("area", sa.String(length=32), nullable=True),
        sa.Column("help_across", sa.Boolean(), nullable=False),
        sa.Column("goal_id", sa.String(length=36), nullable=True),
        sa.Column("obstacle_id", sa.String(length=36), nullable=True),
        sa.Column("decision_id", sa.String(length=36), nullable=True),
        *_record_columns(),
        _link("commitments", "goal_id", "goals"),
        _link("commitments", "obstacle_id", "obstacles"),
        _link("commitments", "decision_id", "decisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    for column in ("owed_by", "due_on", "status", "goal_id", "obstacle_id", "decision_id"):
        op.create_index(op.f(f"ix_commitments_{column}"), "commitments", [column])
    op.create_table(
        "agenda_items",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("since_week", sa.Date(), nullable=False),
        sa.Column("discussed", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("commitment_id", sa.String(length=36), nullable=True),
        *_record_columns(),
        _link("agenda_items", "commitment_id", "commitments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
        sa.UniqueConstraint("week_start", "key", name="uq_agenda_items_week_key"),
    )
    op.create_index(op.f("ix_agenda_items_week_start"), "agenda_items", ["week_start"])
    for fts, source, columns in SEARCH:
        _make_search(fts, source, columns)
    _sync_triggers()


def _make_search(fts: str, source: str, columns: list[str]) -> None:
    listed = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{source}', "
        f"content_rowid='rowid', tokenize='{TOKENIZER}')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {source} BEGIN "
        f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.rowid, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {source} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.rowid, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON {source} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.rowid, {new}); END"
    )


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


def downgrade() -> None:
    for table in TRAVELLING:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{event}")
    for fts, _source, _columns in SEARCH:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
    op.drop_index(op.f("ix_agenda_items_week_start"), table_name="agenda_items")
    op.drop_table("agenda_items")
    for column in ("owed_by", "due_on", "status", "goal_id", "obstacle_id", "decision_id"):
        op.drop_index(op.f(f"ix_commitments_{column}"), table_name="commitments")
    op.drop_table("commitments")
