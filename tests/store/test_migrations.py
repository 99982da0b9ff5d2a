"""The schema under test is the one the migrations build, and every revision keeps data."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from ceocto_desktop.models import Base
from ceocto_desktop.services.demo.journal import DemoOptions, write_demo_journal
from ceocto_desktop.store import migrate, open_journal, schema
from ceocto_desktop.store.engine import make_engine


def test_migrations_build_exactly_the_models_schema(journal):
    with journal.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_object": lambda o, n, t, r, c: (
                    not (t == "table" and n.startswith("search_"))
                )
            },
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migrated_journal_has_every_table_of_the_models(journal):
    tables = set(inspect(journal.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def _revisions_after_the_first() -> list[tuple[str, str]]:
    revisions = list(reversed(list(schema.script_directory().walk_revisions())))
    return [(rev.down_revision, rev.revision) for rev in revisions if rev.down_revision]  # type: ignore[misc]


@pytest.mark.parametrize(("parent", "revision"), _revisions_after_the_first())
def test_each_revision_upgrades_a_full_journal_with_its_data_intact(tmp_path, parent, revision):
    path = tmp_path / "journal.db"
    journal = open_journal(path, create=True)
    with journal.transaction() as session:
        write_demo_journal(session, DemoOptions(seed=3))
    journal.close()
    engine = make_engine(path, foreign_keys=False)
    with engine.connect() as connection:
        command.downgrade(schema.alembic_config(connection), parent)
        connection.commit()
    engine.dispose()
    before = _counts(path)
    migrate(path, revision)
    after = _counts(path)
    assert {t: after[t] for t in before if t in after} == {
        t: before[t] for t in before if t in after
    }


def _counts(path):
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_upgrading_an_empty_file_from_scratch_reaches_head(tmp_path):
    path = tmp_path / "fresh.db"
    path.touch()
    journal = open_journal(path, create=True)
    with journal.engine.connect() as connection:
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    journal.close()
    assert version == schema.head_revision()


def test_revision_0003_marks_the_journal_and_keeps_goal_search_right(tmp_path):
    path = tmp_path / "journal.db"
    journal = open_journal(path, create=True)
    with journal.transaction() as session:
        write_demo_journal(session, DemoOptions(seed=3))
    journal.close()
    engine = make_engine(path, foreign_keys=False)
    with engine.connect() as connection:
        command.downgrade(schema.alembic_config(connection), "0002")
        connection.commit()
    engine.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 0
        connection.execute("PRAGMA foreign_keys = ON")
        # Gaps in the goals' rowids: a copy of the table would renumber what follows them.
        first_rows = connection.execute("SELECT rowid FROM goals ORDER BY rowid LIMIT 2")
        for (rowid,) in first_rows.fetchall():
            connection.execute("DELETE FROM goals WHERE rowid = ?", (rowid,))
        titles = [r[0] for r in connection.execute("SELECT title FROM goals")]
    connection.close()
    migrate(path, "0003")
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x43454F38
        meta = dict(connection.execute("SELECT key, value FROM journal_meta").fetchall())
        for title in titles:
            word = title.split()[0]
            found = connection.execute(
                "SELECT g.title FROM search_goals JOIN goals g ON g.rowid = search_goals.rowid "
                "WHERE search_goals MATCH ?",
                (f'"{word}"',),
            ).fetchall()
            assert title in [r[0] for r in found]
    connection.close()
    assert meta["format"] == "ceocto-journal"
    assert len(meta["journal_id"]) == 36


def test_revision_0012_finds_a_commitment_countered_before_it_by_what_was_asked(tmp_path):
    from datetime import date

    from ceocto_desktop.models import Seat
    from ceocto_desktop.services import search
    from ceocto_desktop.services.weekly import commitments

    path = tmp_path / "journal.db"
    journal = open_journal(path, create=True)
    with journal.transaction() as session:
        write_demo_journal(session, DemoOptions(seed=3))
        asked = commitments.ask_for_commitment(session, Seat.A, "Join the Ardennes call", date.max)
        commitments.counter_commitment(session, asked.id, "Send the security answers")
    journal.close()
    engine = make_engine(path, foreign_keys=False)
    with engine.connect() as connection:
        command.downgrade(schema.alembic_config(connection), "0011")
        connection.commit()
    engine.dispose()
    journal = open_journal(path)  # upgrades to the head
    with journal.transaction() as session:
        connection = search.session_connection(session)
        hits = search.search(connection, "ardennes", kinds=("commitment",))
        assert [(h.record_id, h.title) for h in hits] == [(asked.id, "Send the security answers")]
        # The rebuilt index still finds every commitment by what it is.
        whats = session.execute(sqlalchemy.text("SELECT what FROM commitments")).scalars().all()
        for what in whats:
            found = search.search(connection, what, kinds=("commitment",), limit=1000)
            assert what in [h.title for h in found]
    journal.close()
