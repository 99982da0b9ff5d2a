"""An export checks the tables its report reads: every one of them, and damage among them
is refused (issue 21: a ten-year journal's whole-file check took most of the export)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ceocto_desktop.reports import reads
from ceocto_desktop.reports.board import build_board_brief
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.store import open_journal
from ceocto_desktop.store.errors import JournalDamaged
from ceocto_desktop.store.health import HealthCheck
from tests.cli.conftest import ceocto, overwrite_notes_page

TODAY = date(2026, 11, 28)
SQLITE_READ = 20


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reads") / "demo.db"
    write_demo_file(path, DemoOptions(until=TODAY))
    return path


def tables_read(path: Path, build) -> set[str]:
    seen: set[str] = set()

    def watch(action, first, _second, _database, _trigger):
        if action == SQLITE_READ and first and not first.startswith("sqlite_"):
            seen.add(first)
        return 0  # SQLITE_OK: everything is allowed, only watched

    journal = open_journal(path)
    try:
        with journal.sessions() as session:
            session.connection().connection.dbapi_connection.set_authorizer(watch)
            build(session)
    finally:
        journal.close()
    return seen


@pytest.mark.parametrize("quarter", ["2026-Q3", "2026-Q4", "2025-Q4"])
def test_the_retrospective_reads_only_tables_its_export_checks(demo, quarter):
    read = tables_read(demo, lambda s: build_retrospective(s, quarter, TODAY))
    assert {"goals", "checkins", "notes"} <= read  # the watch sees the report's reads
    assert read <= set(reads.RETRO), read - set(reads.RETRO)


def test_the_board_brief_reads_only_tables_its_export_checks(demo):
    read = tables_read(demo, lambda s: build_board_brief(s, None, TODAY))
    assert {"goals", "board_meetings"} <= read
    assert read <= set(reads.BOARD), read - set(reads.BOARD)


def test_the_report_check_leaves_out_the_search_index(demo):
    assert not any(name.startswith("search_") for name in reads.RETRO + reads.BOARD)


def damage_goals_index(path: Path) -> None:
    overwrite_notes_page(
        path,
        5,
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'goals' "
        "ORDER BY name LIMIT 1",
        wal=False,
    )


def test_damage_in_a_table_the_board_brief_reads_is_refused(journal_path, tmp_path):
    damage_goals_index(journal_path)
    out = tmp_path / "brief.md"
    result = ceocto("export", "board", "--format", "md", "-o", str(out), "--db", str(journal_path))
    assert result.returncode == 1 and "is damaged" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_an_older_journal_is_checked_whole_before_the_export_upgrades_it(journal_path):
    import sqlite3

    overwrite_notes_page(
        journal_path,
        60,
        "SELECT rootpage FROM sqlite_master WHERE name = 'search_notes_idx'",
        wal=False,
    )
    with sqlite3.connect(journal_path) as db:  # as if written by the version before
        db.execute("UPDATE alembic_version SET version_num = '0011'")
    db.close()
    checking = HealthCheck(journal_path, reads.RETRO)
    with pytest.raises(JournalDamaged):
        checking.wait()
