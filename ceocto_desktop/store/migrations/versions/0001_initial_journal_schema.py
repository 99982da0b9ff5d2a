"""initial journal schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "board_meetings",
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("ask_of_board", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_meetings")),
    )
    with op.batch_alter_table("board_meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_board_meetings_held_on"), ["held_on"], unique=False)

    op.create_table(
        "checkins",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("week_start", name=op.f("uq_checkins_week_start")),
    )
    op.create_table(
        "decisions",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column(
            "decided_by",
            sa.Enum("A", "B", "joint", name="owner", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column(
            "stance_a",
            sa.Enum(
                "agree",
                "disagree and commit",
                "not consulted",
                name="stance",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "stance_b",
            sa.Enum(
                "agree",
                "disagree and commit",
                "not consulted",
                name="stance",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.Column("expected_outcome", sa.Text(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "decided",
                "reviewed",
                "superseded",
                name="decisionstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column(
            "verdict",
            sa.Enum("better", "as expected", "worse", name="verdict", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("supersedes_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["decisions.id"],
            name=op.f("fk_decisions_supersedes_id_decisions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decisions_decided_on"), ["decided_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_decisions_review_on"), ["review_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_decisions_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_decisions_supersedes_id"), ["supersedes_id"], unique=False
        )

    op.create_table(
        "goals",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "owner",
            sa.Enum("A", "B", "joint", name="owner", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "area",
            sa.Enum(
                "product & technology",
                "sales & marketing",
                "finance",
                "people",
                "customers",
                "operations",
                "strategy",
                name="area",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "on track",
                "at risk",
                "off track",
                "achieved",
                "dropped",
                name="goalstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("board_visible", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_goals_target_date"), ["target_date"], unique=False)

    op.create_table(
        "notes",
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_table(
        "obstacles",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("hindrance", "setback", name="obstaclekind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "finances",
                "hiring",
                "product direction",
                "roles",
                "communication",
                "customers",
                "technical debt",
                "external",
                name="obstaclecategory",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "severity",
            sa.Enum(
                "low", "medium", "high", "critical", name="severity", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("raised_by", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.Column(
            "owner",
            sa.Enum("A", "B", "joint", name="owner", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in progress",
                "resolved",
                "accepted",
                name="obstaclestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("lesson", sa.Text(), nullable=False),
        sa.Column("covered_by", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obstacles")),
    )
    with op.batch_alter_table("obstacles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_obstacles_opened_on"), ["opened_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_obstacles_status"), ["status"], unique=False)

    op.create_table(
        "partners",
        sa.Column("seat", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("responsibilities", sa.Text(), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partners")),
        sa.UniqueConstraint("seat", name=op.f("uq_partners_seat")),
    )
    op.create_table(
        "retrospectives",
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("went_well", sa.Text(), nullable=False),
        sa.Column("to_change", sa.Text(), nullable=False),
        sa.Column("commitments", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retrospectives")),
        sa.UniqueConstraint("quarter", name=op.f("uq_retrospectives_quarter")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "board_goal_reviews",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("goal_id", sa.String(length=36), nullable=False),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_board_goal_reviews_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["board_meetings.id"],
            name=op.f("fk_board_goal_reviews_meeting_id_board_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "goal_id", name=op.f("pk_board_goal_reviews")),
    )
    with op.batch_alter_table("board_goal_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_board_goal_reviews_goal_id"), ["goal_id"], unique=False
        )

    op.create_table(
        "checkin_answers",
        sa.Column("checkin_id", sa.String(length=36), nullable=False),
        sa.Column("seat", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.Column("role_clarity", sa.Integer(), nullable=False),
        sa.Column("cooperation", sa.Integer(), nullable=False),
        sa.Column("communication", sa.Integer(), nullable=False),
        sa.Column("trust", sa.Integer(), nullable=False),
        sa.Column("alignment", sa.Integer(), nullable=False),
        sa.Column("wins", sa.Text(), nullable=False),
        sa.Column("worries", sa.Text(), nullable=False),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("appreciation", sa.Text(), nullable=False),
        sa.Column("wins_prompt", sa.Text(), nullable=False),
        sa.Column("worries_prompt", sa.Text(), nullable=False),
        sa.Column("needs_prompt", sa.Text(), nullable=False),
        sa.Column("appreciation_prompt", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.CheckConstraint(
            "alignment BETWEEN 1 AND 5", name=op.f("ck_checkin_answers_alignment_range")
        ),
        sa.CheckConstraint(
            "communication BETWEEN 1 AND 5", name=op.f("ck_checkin_answers_communication_range")
        ),
        sa.CheckConstraint(
            "cooperation BETWEEN 1 AND 5", name=op.f("ck_checkin_answers_cooperation_range")
        ),
        sa.CheckConstraint(
            "role_clarity BETWEEN 1 AND 5", name=op.f("ck_checkin_answers_role_clarity_range")
        ),
        sa.CheckConstraint("trust BETWEEN 1 AND 5", name=op.f("ck_checkin_answers_trust_range")),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["checkins.id"],
            name=op.f("fk_checkin_answers_checkin_id_checkins"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_answers")),
        sa.UniqueConstraint("checkin_id", "seat", name="uq_checkin_answers_week_seat"),
    )
    op.create_table(
        "decision_goals",
        sa.Column("decision_id", sa.String(length=36), nullable=False),
        sa.Column("goal_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_decision_goals_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_decision_goals_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("decision_id", "goal_id", name=op.f("pk_decision_goals")),
    )
    with op.batch_alter_table("decision_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_goals_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "goal_updates",
        sa.Column("goal_id", sa.String(length=36), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "on track",
                "at risk",
                "off track",
                "achieved",
                "dropped",
                name="goalstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_updates_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_updates")),
    )
    with op.batch_alter_table("goal_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_updates_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_updates_on_date"), ["on_date"], unique=False)

    op.create_table(
        "key_results",
        sa.Column("goal_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("start_value", sa.Float(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=False),
        sa.Column("current_value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goals.id"], name=op.f("fk_key_results_goal_id_goals"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_results")),
    )
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_results_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "note_decisions",
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("decision_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_note_decisions_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.id"],
            name=op.f("fk_note_decisions_note_id_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("note_id", "decision_id", name=op.f("pk_note_decisions")),
    )
    with op.batch_alter_table("note_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_note_decisions_decision_id"), ["decision_id"], unique=False
        )

    op.create_table(
        "note_goals",
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("goal_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goals.id"], name=op.f("fk_note_goals_goal_id_goals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["note_id"], ["notes.id"], name=op.f("fk_note_goals_note_id_notes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("note_id", "goal_id", name=op.f("pk_note_goals")),
    )
    with op.batch_alter_table("note_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_goals_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "note_obstacles",
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("obstacle_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.id"],
            name=op.f("fk_note_obstacles_note_id_notes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["obstacle_id"],
            ["obstacles.id"],
            name=op.f("fk_note_obstacles_obstacle_id_obstacles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("note_id", "obstacle_id", name=op.f("pk_note_obstacles")),
    )
    with op.batch_alter_table("note_obstacles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_note_obstacles_obstacle_id"), ["obstacle_id"], unique=False
        )

    op.create_table(
        "note_tags",
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"], ["notes.id"], name=op.f("fk_note_tags_note_id_notes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_note_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("note_id", "tag_id", name=op.f("pk_note_tags")),
    )
    with op.batch_alter_table("note_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_tags_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "obstacle_events",
        sa.Column("obstacle_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "opened",
                "resolved",
                "accepted",
                "reopened",
                name="obstacleeventkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Enum("A", "B", name="seat", native_enum=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["obstacle_id"],
            ["obstacles.id"],
            name=op.f("fk_obstacle_events_obstacle_id_obstacles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obstacle_events")),
    )
    with op.batch_alter_table("obstacle_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_obstacle_events_obstacle_id"), ["obstacle_id"], unique=False
        )

    op.create_table(
        "obstacle_goals",
        sa.Column("obstacle_id", sa.String(length=36), nullable=False),
        sa.Column("goal_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_obstacle_goals_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["obstacle_id"],
            ["obstacles.id"],
            name=op.f("fk_obstacle_goals_obstacle_id_obstacles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("obstacle_id", "goal_id", name=op.f("pk_obstacle_goals")),
    )
    with op.batch_alter_table("obstacle_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_obstacle_goals_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "key_result_changes",
        sa.Column("update_id", sa.String(length=36), nullable=False),
        sa.Column("key_result_id", sa.String(length=36), nullable=False),
        sa.Column("value_before", sa.Float(), nullable=False),
        sa.Column("value_after", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_results.id"],
            name=op.f("fk_key_result_changes_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["update_id"],
            ["goal_updates.id"],
            name=op.f("fk_key_result_changes_update_id_goal_updates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("update_id", "key_result_id", name=op.f("pk_key_result_changes")),
    )


def downgrade() -> None:

    op.drop_table("key_result_changes")
    with op.batch_alter_table("obstacle_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obstacle_goals_goal_id"))

    op.drop_table("obstacle_goals")
    with op.batch_alter_table("obstacle_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obstacle_events_obstacle_id"))

    op.drop_table("obstacle_events")
    with op.batch_alter_table("note_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_tags_tag_id"))

    op.drop_table("note_tags")
    with op.batch_alter_table("note_obstacles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_obstacles_obstacle_id"))

    op.drop_table("note_obstacles")
    with op.batch_alter_table("note_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_goals_goal_id"))

    op.drop_table("note_goals")
    with op.batch_alter_table("note_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_decisions_decision_id"))

    op.drop_table("note_decisions")
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_results_goal_id"))

    op.drop_table("key_results")
    with op.batch_alter_table("goal_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_updates_on_date"))
        batch_op.drop_index(batch_op.f("ix_goal_updates_goal_id"))

    op.drop_table("goal_updates")
    with op.batch_alter_table("decision_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_goals_goal_id"))

    op.drop_table("decision_goals")
    op.drop_table("checkin_answers")
    with op.batch_alter_table("board_goal_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_goal_reviews_goal_id"))

    op.drop_table("board_goal_reviews")
    op.drop_table("tags")
    op.drop_table("settings")
    op.drop_table("retrospectives")
    op.drop_table("partners")
    with op.batch_alter_table("obstacles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obstacles_status"))
        batch_op.drop_index(batch_op.f("ix_obstacles_opened_on"))

    op.drop_table("obstacles")
    op.drop_table("notes")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_target_date"))
        batch_op.drop_index(batch_op.f("ix_goals_status"))

    op.drop_table("goals")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_supersedes_id"))
        batch_op.drop_index(batch_op.f("ix_decisions_status"))
        batch_op.drop_index(batch_op.f("ix_decisions_review_on"))
        batch_op.drop_index(batch_op.f("ix_decisions_decided_on"))

    op.drop_table("decisions")
    op.drop_table("checkins")
    with op.batch_alter_table("board_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_meetings_held_on"))

    op.drop_table("board_meetings")
