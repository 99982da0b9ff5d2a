"""`ceocto encrypt`, `decrypt`, `passphrase`, and every command on an encrypted journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceocto_desktop.cli import encryption as cli_encryption
from ceocto_desktop.cli.shell import main
from ceocto_desktop.store import driver, list_backups
from tests.cli.conftest import digest

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Each main() call stands for a new process: no passphrase known, no terminal.
    monkeypatch.delenv(cli_encryption.PASSPHRASE_FILE, raising=False)
    monkeypatch.setattr(cli_encryption, "interactive", lambda: False)
    driver.forget_passphrases()
    yield
    driver.forget_passphrases()


def run(*argv: str) -> int:
    driver.forget_passphrases()
    return main(list(argv))


def passphrase_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *lines: str) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv(cli_encryption.PASSPHRASE_FILE, str(path))
    return path


def typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """A person at a terminal typing answers in turn; returns the prompts they saw."""
    prompts: list[str] = []
    queue = list(answers)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(cli_encryption, "interactive", lambda: True)
    monkeypatch.setattr(cli_encryption, "ask", ask)
    return prompts


def test_encrypt_from_a_file_then_every_command_needs_the_passphrase(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    db = str(journal_path)
    assert run("note", "the Quokkaberry exit", "--author", "A", "--db", db) == 0
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--db", db) == 0
    out = capsys.readouterr().out
    assert f"Encrypted {journal_path}." in out
    assert "1 unencrypted backup (the journal as it was" in out
    assert not driver.has_sqlite_header(journal_path)

    assert run("search", "quokkaberry", "--db", db) == 0
    assert "Quokkaberry" in capsys.readouterr().out
    assert run("check", "--db", db) == 0
    assert run("note", "second thought", "--author", "B", "--db", db) == 0
    assert run("backup", "--db", db) == 0

    monkeypatch.delenv(cli_encryption.PASSPHRASE_FILE)
    capsys.readouterr()
    assert run("search", "quokkaberry", "--db", db) == 1
    err = capsys.readouterr().err
    assert err.startswith("ceocto: ") and err.count("\n") == 1
    assert "or it is an encrypted ceocto journal: give its passphrase at a terminal" in err


def test_three_wrong_passphrases_at_the_prompt_change_nothing(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--db", str(journal_path)) == 0
    monkeypatch.delenv(cli_encryption.PASSPHRASE_FILE)
    before = digest(journal_path)
    prompts = typed(monkeypatch, "wrong one", "wrong two", "wrong three", PASSPHRASE)
    capsys.readouterr()
    code = run("note", "never written", "--author", "A", "--db", str(journal_path))
    assert code == 1
    assert len(prompts) == 3 and all(str(journal_path) in p for p in prompts)
    err = capsys.readouterr().err
    assert err.count("That passphrase does not open the journal; try again.") == 2
    assert "ceocto: the passphrase does not open" in err and "(3 tries)" in err
    assert digest(journal_path) == before


def test_the_right_passphrase_at_the_second_try_opens_it(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--db", str(journal_path)) == 0
    monkeypatch.delenv(cli_encryption.PASSPHRASE_FILE)
    prompts = typed(monkeypatch, "a typo here", PASSPHRASE)
    assert run("note", "got in", "--author", "A", "--db", str(journal_path)) == 0
    assert len(prompts) == 2


def test_a_passphrase_is_never_an_argument(journal_path: Path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["encrypt", "--db", str(journal_path), "--passphrase", PASSPHRASE])
    assert exited.value.code == 2
    assert driver.has_sqlite_header(journal_path)


def test_encrypt_at_a_terminal_asks_twice_and_refuses_a_mismatch(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    before = digest(journal_path)
    typed(monkeypatch, PASSPHRASE, "something else entirely")
    assert run("encrypt", "--db", str(journal_path)) == 1
    assert "the two passphrases differ; nothing was changed." in capsys.readouterr().err
    assert digest(journal_path) == before
    typed(monkeypatch, "short", "short")
    assert run("encrypt", "--db", str(journal_path)) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert digest(journal_path) == before


def test_encrypt_asks_whether_to_remove_the_plain_copy_and_does_so(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    assert run("note", "the Quokkaberry exit", "--author", "A", "--db", str(journal_path)) == 0
    typed(monkeypatch, PASSPHRASE, PASSPHRASE)
    monkeypatch.setattr("builtins.input", lambda _prompt: "y")
    assert run("encrypt", "--db", str(journal_path)) == 0
    assert "Overwrote and deleted 1 unencrypted backup." in capsys.readouterr().out
    for path in journal_path.parent.rglob("*"):
        if path.is_file():
            assert b"quokkaberry" not in path.read_bytes().lower(), path


def test_remove_plain_backup_later_asks_the_passphrase_first(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--db", str(journal_path)) == 0
    plain = [
        info.path for info in list_backups(journal_path) if driver.has_sqlite_header(info.path)
    ]
    assert len(plain) == 1
    passphrase_file(tmp_path, monkeypatch, "not the passphrase")
    assert run("encrypt", "--remove-plain-backup", "--db", str(journal_path)) == 1
    assert plain[0].exists()
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--remove-plain-backup", "--db", str(journal_path)) == 0
    assert not plain[0].exists()


def test_decrypt_and_change_the_passphrase_from_a_file(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    db = str(journal_path)
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--remove-plain-backup", "--db", db) == 0
    assert run("decrypt", "--db", db) == 0
    assert "Decrypted" in capsys.readouterr().out
    assert driver.has_sqlite_header(journal_path)
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("passphrase", "--db", db) == 1
    assert "is not encrypted: use 'ceocto encrypt'" in capsys.readouterr().err
    assert run("encrypt", "--db", db) == 0
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE, "a wholly new passphrase")
    assert run("passphrase", "--db", db) == 0
    assert "Changed the passphrase" in capsys.readouterr().out
    assert driver.opens_with(journal_path, "a wholly new passphrase")
    assert not driver.opens_with(journal_path, PASSPHRASE)


def test_a_wrong_passphrase_in_a_real_process_prints_one_line_only(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import subprocess
    import sys

    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--remove-plain-backup", "--db", str(journal_path)) == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    done = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "check", "--db", str(journal_path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**__import__("os").environ, cli_encryption.PASSPHRASE_FILE: str(wrong)},
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"ceocto: the passphrase in {cli_encryption.PASSPHRASE_FILE} does not open "
        f"{journal_path}; nothing was changed.\n"
    )


def test_restore_of_a_backup_made_before_a_passphrase_change_asks_its_own_passphrase(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    db = str(journal_path)
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE)
    assert run("encrypt", "--remove-plain-backup", "--db", db) == 0
    assert run("note", "written under the first passphrase", "--author", "A", "--db", db) == 0
    assert run("backup", "-o", str(tmp_path / "old.db"), "--db", db) == 0
    passphrase_file(tmp_path, monkeypatch, PASSPHRASE, "the second passphrase")
    assert run("passphrase", "--db", db) == 0
    monkeypatch.delenv(cli_encryption.PASSPHRASE_FILE)
    prompts = typed(monkeypatch, "the second passphrase", PASSPHRASE)
    assert run("restore", str(tmp_path / "old.db"), "--db", db) == 0
    assert [p.split(" for ")[1] for p in prompts] == [f"{db}: ", f"{tmp_path / 'old.db'}: "]
    assert driver.opens_with(journal_path, PASSPHRASE)  # the backup's passphrase now
    typed(monkeypatch, PASSPHRASE)
    assert run("search", "first passphrase", "--db", db) == 0
