"""full-text search over notes, goals, obstacles, decisions and check-in answers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

One FTS5 external-content table per source table (the text is not stored twice), kept in
sync by triggers, with unicode61 and remove_diacritics 2 so Zürich finds Zurich.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# FTS table, source table, indexed columns.
SOURCES = [
    ("search_notes", "notes", ["body"]),
    ("search_goals", "goals", ["title", "description"]),
    ("search_obstacles", "obstacles", ["title", "description", "resolution", "lesson"]),
    ("search_decisions", "decisions", ["title", "context", "decision", "rationale", "outcome"]),
    ("search_answers", "checkin_answers", ["wins", "worries", "needs", "appreciation"]),
]
TOKENIZER = "unicode61 remove_diacritics 2"


def upgrade() -> None:
    for fts, source, columns in SOURCES:
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
            f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {source} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.rowid, {old}); "
            f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.rowid, {new}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    for fts, _source, _columns in SOURCES:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
