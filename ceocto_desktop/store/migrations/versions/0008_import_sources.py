"""import_sources: each imported jrnl or Day One entry's own id and the note it became

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-06

Re-importing the same file looks its entries up here and adds nothing twice. A note
deleted afterwards takes its row with it (ON DELETE CASCADE), so a later import brings
that entry back, as a person who deleted it by mistake would expect.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_sources",
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=80), nullable=False),
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.id"],
            name=op.f("fk_import_sources_note_id_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source", "source_id", name=op.f("pk_import_sources")),
    )
    op.create_index(op.f("ix_import_sources_note_id"), "import_sources", ["note_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_import_sources_note_id"), table_name="import_sources")
    op.drop_table("import_sources")
