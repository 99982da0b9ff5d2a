"""Restore on a full disk, a cut-short backup, random bytes, EOF at prompts (issue 17)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
from pathlib import Path

import pytest

from ceocto_desktop.cli import encryption as cli_encryption
from ceocto_desktop.cli.shell import main
from ceocto_desktop.store import BackupError, backup_journal, driver, restore_backup
from ceocto_desktop.store.files import restore as restore_module


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_on_a_full_disk_keeps_the_healthy_journal_and_no_cut_short_copy(
    journal_path, tmp_path, monkeypatch
):
    backup = backup_journal(journal_path, tmp_path / "copy.db")
    before = digest(journal_path)
    real_copyfile = shutil.copyfile

    def full_disk(source, destination, *args, **kwargs):  # type: ignore[no-untyped-def]
        Path(destination).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    def backup_fails(journal, reason, now=None):  # type: ignore[no-untyped-def]
        raise BackupError(f"Could not write the backup of {journal}: No space left on device.")

    monkeypatch.setattr(restore_module, "make_backup", backup_fails)
    monkeypatch.setattr(shutil, "copyfile", full_disk)
    with pytest.raises(BackupError) as refused:
        restore_backup(backup, journal_path)
    monkeypatch.setattr(shutil, "copyfile", real_copyfile)
    assert "damaged" not in str(refused.value)
    assert "No space left" in str(refused.value) and "nothing was changed" in str(refused.value)
    assert digest(journal_path) == before
    folder = journal_path.parent / "backups"
    assert not folder.exists() or not any(folder.iterdir())


def test_a_cut_short_backup_is_called_so_not_the_journal_damaged(journal_path, tmp_path, capsys):
    backup = backup_journal(journal_path, tmp_path / "copy.db")
    backup.write_bytes(backup.read_bytes()[: 3 * 4096 + 100])
    before = digest(journal_path)
    code = main(["restore", str(backup), "--db", str(journal_path)])
    err = capsys.readouterr().err
    assert code != 0
    assert f"The backup {backup} is damaged or cut short" in err
    assert "choose another one" in err and "Restore it from a backup" not in err
    assert digest(journal_path) == before


def test_encrypt_on_random_bytes_does_not_claim_it_is_encrypted(tmp_path, capsys):
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(8192))
    code = main(["encrypt", "--db", str(noise)])
    err = capsys.readouterr().err
    assert code != 0
    assert "or it is not a ceocto journal at all" in err


def test_ctrl_d_at_a_passphrase_prompt_is_one_line(journal_path, capsys, monkeypatch):
    monkeypatch.delenv(cli_encryption.PASSPHRASE_FILE, raising=False)
    monkeypatch.setattr(cli_encryption, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def eof(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", eof)  # cli_encryption imports getpass when asking
    before = digest(journal_path)
    code = main(["encrypt", "--db", str(journal_path)])
    err = capsys.readouterr().err
    assert code == 1 and "end of input" in err and "Traceback" not in err
    assert digest(journal_path) == before


def test_ctrl_d_at_the_question_after_encrypting_is_no_and_exit_0(
    journal_path, capsys, monkeypatch, tmp_path
):
    secret = tmp_path / "secret"
    secret.write_text("\ufeffcorrect horse battery staple  \n")
    monkeypatch.setenv(cli_encryption.PASSPHRASE_FILE, str(secret))
    monkeypatch.setattr(cli_encryption, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # input() meets the end at once
    code = main(["encrypt", "--db", str(journal_path)])
    err = capsys.readouterr().err
    assert code == 1 and "begins or ends with spaces" in err  # a hint, not a failed key
    secret.write_text("\ufeffcorrect horse battery staple\n")  # a BOM (Notepad) is fine
    code = main(["encrypt", "--db", str(journal_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "1 unencrypted backup in" in out and "still holds your text" in out
    assert "remove it with" in out
    driver.forget_passphrases()


def test_a_passphrase_file_of_several_lines_restores_an_older_backup(
    journal_path, capsys, monkeypatch, tmp_path
):
    secret = tmp_path / "secret"
    secret.write_text("first passphrase here\n")
    monkeypatch.setenv(cli_encryption.PASSPHRASE_FILE, str(secret))
    assert main(["encrypt", "--db", str(journal_path)]) == 0
    older = journal_path.parent / "older.db"
    assert main(["backup", "--db", str(journal_path), "-o", str(older)]) == 0
    secret.write_text("first passphrase here\nsecond passphrase now\n")
    assert main(["passphrase", "--db", str(journal_path)]) == 0
    driver.forget_passphrases()
    # The journal opens with line 2 now, the older backup only with line 1: both are tried.
    secret.write_text("second passphrase now\nfirst passphrase here\n")
    code = main(["restore", str(older), "--db", str(journal_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    driver.forget_passphrases()
