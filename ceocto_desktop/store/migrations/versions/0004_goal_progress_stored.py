"""goals keep their progress, computed by the one definition of key-result progress

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

- goals.progress: the mean of the goal's key results' progress (NULL without any), indexed,
  so the goals table sorts by progress with an index scan instead of a subquery per row.
- Triggers on key_results keep it whatever writes them (services, undo, the demo's bulk
  insert, a merge). They call ceocto_kr_progress, the SQL face of
  analytics.progress.key_result_progress that every connection of ours registers: the
  formula is written once, in Python, and a decreasing key result counts as it does there.
- The goals' search trigger re-indexes on a change of title or description only, so a
  progress kept up to date does not churn the full-text index.
- Backfill: every goal's progress from its key results.
- ix_obstacles_open_since (resolved_on, opened_on, id): a quarter's count of obstacles
  open all through it, and the oldest of them, from the index alone.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

REFRESH = """
UPDATE goals SET progress = (
    SELECT avg(ceocto_kr_progress(start_value, target_value, current_value))
    FROM key_results WHERE key_results.goal_id = goals.id
) WHERE id = {goal};
"""

TRIGGERS = {
    "trg_key_results_progress_insert": (
        "AFTER INSERT ON key_results",
        REFRESH.format(goal="new.goal_id"),
    ),
    "trg_key_results_progress_update": (
        "AFTER UPDATE OF start_value, target_value, current_value, goal_id ON key_results",
        REFRESH.format(goal="new.goal_id") + REFRESH.format(goal="old.goal_id"),
    ),
    "trg_key_results_progress_delete": (
        "AFTER DELETE ON key_results",
        REFRESH.format(goal="old.goal_id"),
    ),
}


SEARCH_UPDATE = (
    "CREATE TRIGGER search_goals_update AFTER UPDATE{columns} ON goals BEGIN "
    "INSERT INTO search_goals(search_goals, rowid, title, description) "
    "VALUES ('delete', old.rowid, old.title, old.description); "
    "INSERT INTO search_goals(rowid, title, description) "
    "VALUES (new.rowid, new.title, new.description); END"
)


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS search_goals_update")
    op.execute(SEARCH_UPDATE.format(columns=" OF title, description"))
    op.add_column("goals", sa.Column("progress", sa.Float(), nullable=True))
    op.create_index(op.f("ix_goals_progress"), "goals", ["progress"])
    op.create_index("ix_obstacles_open_since", "obstacles", ["resolved_on", "opened_on", "id"])
    for name, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    op.execute(
        "UPDATE goals SET progress = (SELECT avg(ceocto_kr_progress(start_value, "
        "target_value, current_value)) FROM key_results WHERE key_results.goal_id = goals.id)"
    )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_obstacles_open_since", table_name="obstacles")
    op.drop_index(op.f("ix_goals_progress"), table_name="goals")
    # SQLite 3.35+ drops a column in place, so goals' search triggers stay untouched.
    op.execute("ALTER TABLE goals DROP COLUMN progress")
    op.execute("DROP TRIGGER IF EXISTS search_goals_update")
    op.execute(SEARCH_UPDATE.format(columns=""))
