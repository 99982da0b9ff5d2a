"""An encrypted journal's key (issue 21): Argon2id for a journal encrypted now, PBKDF2 still
read for one encrypted before, derived once per command and, from the shell, ahead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from ceocto_desktop.cli import launch
from ceocto_desktop.store import driver, keys
from ceocto_desktop.store.files.encryption import change_passphrase, encrypt_journal

PASSPHRASE = "correct horse battery staple"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _forget():
    driver.forget_passphrases()
    yield
    driver.forget_passphrases()


def note_count(path: Path, raw_key: str) -> int:
    """Open the file with sqlcipher3 alone and a raw key worked out here."""
    connection = sqlcipher.connect(str(path))
    try:
        connection.execute(f"PRAGMA key = \"x'{raw_key}'\"")
        return int(connection.execute("SELECT count(*) FROM notes").fetchone()[0])
    finally:
        connection.close()


def argon2id(passphrase: str, salt: bytes) -> str:
    kdf = Argon2id(salt=salt, length=32, iterations=3, lanes=1, memory_cost=12 * 1024)
    return kdf.derive(passphrase.encode()).hex()


def encrypted_by_sqlcipher_itself(plain: Path, target: Path, passphrase: str) -> None:
    """A journal as ceocto encrypted it before: SQLCipher's own salt and PBKDF2 key."""
    connection = sqlcipher.connect(str(plain))
    quoted = passphrase.replace("'", "''")
    connection.execute(f"ATTACH DATABASE '{target}' AS old KEY '{quoted}'")
    connection.execute("SELECT sqlcipher_export('old')")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    app = connection.execute("PRAGMA application_id").fetchone()[0]
    connection.execute(f"PRAGMA old.user_version = {version}")
    connection.execute(f"PRAGMA old.application_id = {app}")
    connection.commit()
    connection.execute("DETACH DATABASE old")
    connection.close()


def test_a_journal_encrypted_now_has_an_argon2id_key_of_its_salt(journal_path):
    encrypt_journal(journal_path, PASSPHRASE)
    salt = journal_path.read_bytes()[:16]
    assert salt.endswith(keys._ARGON2_TAG)
    assert note_count(journal_path, argon2id(PASSPHRASE, salt)) >= 0  # opens: the key is that
    with pytest.raises(sqlcipher.DatabaseError):
        note_count(journal_path, argon2id("another passphrase", salt))


def test_two_journals_encrypted_with_one_passphrase_have_different_salts_and_keys(
    journal_path, tmp_path
):
    other = tmp_path / "other.db"
    other.write_bytes(journal_path.read_bytes())
    encrypt_journal(journal_path, PASSPHRASE)
    encrypt_journal(other, PASSPHRASE)
    assert journal_path.read_bytes()[:16] != other.read_bytes()[:16]


def test_a_journal_encrypted_before_still_opens_and_a_new_passphrase_moves_it_to_argon2id(
    journal_path, tmp_path
):
    old = tmp_path / "old.db"
    encrypted_by_sqlcipher_itself(journal_path, old, PASSPHRASE)
    assert not old.read_bytes()[:16].endswith(keys._ARGON2_TAG)
    connection = driver.connect(old, passphrase=PASSPHRASE)
    assert connection.execute("SELECT count(*) FROM partners").fetchone()[0] == 2
    connection.close()
    with pytest.raises(driver.WrongPassphrase):
        driver.connect(old, passphrase="not the passphrase")
    change_passphrase(old, PASSPHRASE, "a brand new passphrase")
    salt = old.read_bytes()[:16]
    assert salt.endswith(keys._ARGON2_TAG)
    assert note_count(old, argon2id("a brand new passphrase", salt)) >= 0


def test_the_shell_starts_the_derivation_before_it_loads_and_uses_it(
    journal_path, tmp_path, monkeypatch
):
    encrypt_journal(journal_path, PASSPHRASE)
    driver.forget_passphrases()
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(secret))
    calls = []
    real = keys._derive
    monkeypatch.setattr(keys, "_derive", lambda p, s: calls.append(s) or real(p, s))
    assert launch.start_key_early(["search", "x", "--db", str(journal_path)])
    ahead = (PASSPHRASE, journal_path.read_bytes()[:16])
    assert ahead in keys._pending or ahead in keys._raw_keys  # under way before any connection
    driver.connect(journal_path, passphrase=PASSPHRASE).close()
    assert len(calls) == 1  # the one started ahead, waited for


def test_nothing_is_started_for_a_plain_journal_or_without_a_passphrase_file(
    journal_path, tmp_path, monkeypatch
):
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(secret))
    assert not launch.start_key_early(["search", "x", "--db", str(journal_path)])  # plain
    assert not launch.start_key_early(["search", "x", "--db", str(tmp_path / "missing.db")])
    encrypt_journal(journal_path, PASSPHRASE)
    monkeypatch.delenv("CEOCTO_PASSPHRASE_FILE")
    assert not launch.start_key_early(["search", "x", "--db", str(journal_path)])
    assert launch.named_journal(["search", "--", "--db", "x"]) is None
    assert launch.named_journal(["note", "hi", "--db=/j.db"]) == "/j.db"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (["search", "pricing"], 1),  # a wrong passphrase: refused while the key is derived
        (["search", "pricing", "--limit", "0"], 2),  # exits at the parser, key under way
    ],
)
def test_a_command_that_ends_while_its_key_is_derived_exits_cleanly(
    journal_path, tmp_path, line, code
):
    encrypt_journal(journal_path, PASSPHRASE)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(("wrong passphrase here" if code == 1 else PASSPHRASE) + "\n")
    env = dict(os.environ, CEOCTO_PASSPHRASE_FILE=str(secret), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", *line, "--db", str(journal_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == code, result.stderr  # not 134: no thread stopped mid-way
    assert result.stderr.startswith(("ceocto: ", "usage: ")) and "Traceback" not in result.stderr
