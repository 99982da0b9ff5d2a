"""What opening a journal costs (issue 21): Alembic only to migrate, an encrypted
journal's key derived once per process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ceocto_desktop.store import driver, keys, schema
from ceocto_desktop.store.files.encryption import encrypt_journal

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    driver.forget_passphrases()


def test_the_revisions_read_without_alembic_are_alembics():
    scripts = schema.script_directory()
    assert schema.head_revision() == scripts.get_current_head()
    assert schema.known_revisions() == {r.revision for r in scripts.walk_revisions()}


def test_opening_a_current_journal_loads_no_alembic(journal_path: Path):
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ceocto_desktop.store import open_journal\n"
        f"open_journal(Path({str(journal_path)!r})).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_an_encrypted_journal_derives_its_key_once_per_process(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
):
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    driver.forget_passphrases()
    derived: list[bytes] = []
    real = keys._derive

    def counting(passphrase: str, salt: bytes) -> str:
        derived.append(salt)
        return real(passphrase, salt)

    monkeypatch.setattr(keys, "_derive", counting)
    driver.remember_passphrase(journal_path, PASSPHRASE)
    for _ in range(3):  # inspect, then the command's own connections
        connection = driver.connect(journal_path, passphrase=PASSPHRASE)
        assert connection.execute("SELECT count(*) FROM partners").fetchone() == (2,)
        connection.close()
    assert len(derived) == 1


def test_a_wrong_passphrase_is_still_refused_with_a_key_derived_before(journal_path: Path):
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    driver.connect(journal_path, passphrase=PASSPHRASE).close()
    with pytest.raises(driver.WrongPassphrase):
        driver.connect(journal_path, passphrase="not the passphrase")
    driver.forget_passphrases()
    assert keys._raw_keys == {}


def test_the_newest_notes_are_read_from_an_index_not_a_sort_of_every_note(journal_path: Path):
    connection = driver.connect(journal_path)
    try:
        plan = " ".join(
            str(row[-1])
            for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM notes ORDER BY created_at DESC LIMIT 10"
            )
        )
    finally:
        connection.close()
    assert "ix_notes_created_at" in plan and "TEMP B-TREE" not in plan
