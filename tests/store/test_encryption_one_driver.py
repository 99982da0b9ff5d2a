"""One SQLite library in the app: no module of ours imports Python's own sqlite3."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ceocto_desktop

PACKAGE = Path(ceocto_desktop.__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_of_the_app_imports_the_stdlib_sqlite3():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "sqlite3" in imported_modules(path)
    ]
    assert offenders == []


def test_a_shell_search_loads_sqlcipher_and_never_the_stdlib_sqlite3(journal_path: Path):
    code = (
        "import sys\n"
        "from ceocto_desktop.cli.shell import main\n"
        f"main(['search', 'anything', '--db', {str(journal_path)!r}])\n"
        "print(' '.join(sorted(m for m in sys.modules if 'sqlite' in m or 'cipher' in m)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.strip().splitlines()[-1].split())
    assert "sqlcipher3" in loaded
    assert not loaded & {"sqlite3", "_sqlite3", "sqlite3.dbapi2"}


def test_every_connection_has_secure_delete_on_and_a_recent_sqlite(journal_path: Path):
    from ceocto_desktop.store import driver, open_journal
    from ceocto_desktop.store.sqlite_files import open_read_only

    version = tuple(int(part) for part in driver.SQLITE_VERSION.split("."))
    assert version >= (3, 44)  # FTS5 secure-delete
    journal = open_journal(journal_path)
    try:
        with journal.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
            tables = [
                str(row[0])
                for row in connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE sql LIKE '%USING fts5%'"
                )
            ]
            assert len(tables) == 7  # 0002: five sources; 0009: commitments, agendas
            for table in tables:
                value = connection.exec_driver_sql(
                    f"SELECT v FROM {table}_config WHERE k = 'secure-delete'"
                ).scalar()
                assert value == 1, table
    finally:
        journal.close()
    raw = open_read_only(journal_path)
    try:
        assert raw.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        raw.close()
