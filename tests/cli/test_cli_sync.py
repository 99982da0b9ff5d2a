"""`ceocto sync setup|join|--status` and `ceocto merge`, as a person types them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def bodies(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return sorted(str(r[0]) for r in db.execute("SELECT body FROM notes"))
    finally:
        db.close()


@pytest.fixture
def laptops(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, Path, Path, str]:
    a, b, folder = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "Sync"
    folder.mkdir()
    assert run(capsys, "init", str(a), "--a", "Sam Rivera", "--b", "Priya Natarajan")[0] == 0
    code, out, _ = run(capsys, "sync", "setup", str(folder), "--as", "Sam Rivera", "--db", str(a))
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith("Pairing code: ")]
    assert len(lines) == 1
    pairing = lines[0].removeprefix("Pairing code: ")
    assert len(pairing.split("-")) == 8
    code_file = tmp_path / "code.txt"
    code_file.write_text(pairing + "\n")
    monkeypatch.setenv("CEOCTO_SYNC_CODE_FILE", str(code_file))
    code, out, err = run(capsys, "sync", "join", str(folder), "--as", "B", "--db", str(b))
    assert code == 0, err
    return a, b, folder, pairing


def test_a_note_written_on_one_laptop_reaches_the_other(laptops, capsys) -> None:
    a, b, _folder, _ = laptops
    assert run(capsys, "note", "Board deck draft is in", "--author", "A", "--db", str(a))[0] == 0
    assert run(capsys, "sync", "--db", str(a))[0] == 0
    code, out, _ = run(capsys, "sync", "--db", str(b))
    assert code == 0
    assert "1 change from Sam Rivera" in out
    assert bodies(b) == ["Board deck draft is in"]
    code, out, _ = run(capsys, "sync", "--status", "--db", str(b))
    assert out.startswith("Synced just now")


def test_a_wrong_pairing_code_changes_nothing(laptops, capsys, tmp_path, monkeypatch) -> None:
    _a, _b, folder, _ = laptops
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\n")
    monkeypatch.setenv("CEOCTO_SYNC_CODE_FILE", str(wrong))
    target = tmp_path / "c.db"
    code, _, err = run(capsys, "sync", "join", str(folder), "--as", "B", "--db", str(target))
    assert code == 1
    assert err.count("\n") == 1 and "nothing was changed" in err
    assert not target.exists()


def test_the_code_is_never_taken_from_an_argument(laptops, capsys) -> None:
    _a, _b, folder, pairing = laptops
    with pytest.raises(SystemExit):
        main(["sync", "join", str(folder), "--as", "B", "--code", pairing])


def test_setup_refuses_a_folder_that_already_holds_a_journal(laptops, capsys, tmp_path) -> None:
    _a, _b, folder, _ = laptops
    other = tmp_path / "other.db"
    run(capsys, "init", str(other), "--a", "Ann", "--b", "Bob")
    code, _, err = run(capsys, "sync", "setup", str(folder), "--as", "A", "--db", str(other))
    assert code == 1 and "already holds a ceocto journal" in err and err.count("\n") == 1


def test_a_missing_folder_says_nothing_was_lost(laptops, capsys) -> None:
    a, _b, folder, _ = laptops
    run(capsys, "note", "written offline", "--author", "A", "--db", str(a))
    folder.rename(folder.with_name("Elsewhere"))
    code, _, err = run(capsys, "sync", "--db", str(a))
    assert code == 1 and "nothing was lost" in err and err.count("\n") == 1
    folder.with_name("Elsewhere").rename(folder)
    assert run(capsys, "sync", "--db", str(a))[0] == 0


def test_merge_brings_another_file_of_the_pair_once(tmp_path, capsys) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    run(capsys, "init", str(a), "--a", "Sam", "--b", "Priya")
    run(capsys, "init", str(b), "--a", "Sam", "--b", "Priya")
    run(capsys, "note", "on the first laptop", "--author", "A", "--db", str(a))
    run(capsys, "note", "on the second laptop", "--author", "B", "--db", str(b))
    code, out, _ = run(capsys, "merge", str(b), "--dry-run", "--db", str(a))
    assert code == 0 and out.startswith("Would merge: 1 added")
    assert bodies(a) == ["on the first laptop"]
    code, out, _ = run(capsys, "merge", str(b), "--db", str(a))
    assert code == 0 and out.startswith("Merged: 1 added")
    assert bodies(a) == ["on the first laptop", "on the second laptop"]
    assert list((tmp_path / "backups").glob("*before-merge*"))
    before = bodies(a)
    code, out, _ = run(capsys, "merge", str(b), "--db", str(a))
    assert (
        out.startswith("Merged: 0 added, 0 changed, 0 kept as a conflict") and bodies(a) == before
    )


def test_merge_refuses_another_pairs_journal_unless_forced(tmp_path, capsys) -> None:
    a, x = tmp_path / "a.db", tmp_path / "x.db"
    run(capsys, "init", str(a), "--a", "Sam", "--b", "Priya")
    run(capsys, "init", str(x), "--a", "Ann", "--b", "Bob")
    code, _, err = run(capsys, "merge", str(x), "--db", str(a))
    assert code == 1 and "another pair's journal" in err and err.count("\n") == 1


def test_merge_keeps_the_other_partners_answers_back_until_this_week_is_answered(
    tmp_path, capsys
) -> None:
    from datetime import date

    from ceocto_desktop.models import Seat
    from ceocto_desktop.services.weekly import checkins
    from ceocto_desktop.store import open_journal

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    run(capsys, "init", str(a), "--a", "Sam", "--b", "Priya")
    run(capsys, "init", str(b), "--a", "Sam", "--b", "Priya")
    ratings = dict.fromkeys(
        ("role_clarity", "cooperation", "communication", "trust", "alignment"), 2
    )
    week = date(2026, 11, 30)
    other = open_journal(b)
    with other.transaction() as session:
        checkins.submit_answers(
            session, week, Seat.B, ratings, {"worries": "Priya's private worry"}
        )
    other.close()
    code, out, _ = run(capsys, "merge", str(b), "--db", str(a))
    assert code == 0 and "1 check-in answer(s) stay in" in out
    assert b"Priya's private worry" not in a.read_bytes()
    mine = open_journal(a)
    with mine.transaction() as session:
        checkins.submit_answers(session, week, Seat.A, ratings, {"worries": "Sam's"})
    mine.close()
    run(capsys, "merge", str(b), "--db", str(a))
    db = sqlite3.connect(a)
    try:
        worries = sorted(str(r[0]) for r in db.execute("SELECT worries FROM checkin_answers"))
    finally:
        db.close()
    assert worries == ["Priya's private worry", "Sam's"]


def test_join_without_a_terminal_or_code_file_says_how(
    laptops, capsys, tmp_path, monkeypatch
) -> None:
    _a, _b, folder, _ = laptops
    monkeypatch.delenv("CEOCTO_SYNC_CODE_FILE")
    target = tmp_path / "d.db"
    code, _, err = run(capsys, "sync", "join", str(folder), "--as", "B", "--db", str(target))
    assert code == 1 and "CEOCTO_SYNC_CODE_FILE" in err and err.count("\n") == 1
    assert not target.exists()


def test_setup_as_someone_who_is_not_a_partner_is_one_line(tmp_path, capsys) -> None:
    journal, folder = tmp_path / "j.db", tmp_path / "Sync"
    folder.mkdir()
    assert run(capsys, "init", str(journal), "--a", "Sam Rivera", "--b", "Priya Natarajan")[0] == 0
    code, out, err = run(capsys, "sync", "setup", str(folder), "--as", "Bob", "--db", str(journal))
    assert code == 2 and out == ""  # what was typed (--as) names no partner
    assert err.startswith("ceocto: ") and "Bob" in err and err.count("\n") == 1
    assert "Nothing was changed" in err and list(folder.iterdir()) == []


def _encrypted_bodies(path: Path) -> list[str]:
    from ceocto_desktop.store import driver

    connection = driver.connect(path, passphrase=driver.passphrase_for(path))
    try:
        return sorted(str(r[0]) for r in connection.execute("SELECT body FROM notes"))
    finally:
        connection.close()


def test_merge_brings_an_encrypted_file_of_the_pair_with_its_passphrase(
    tmp_path, capsys, monkeypatch
) -> None:
    from ceocto_desktop.store import driver

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    run(capsys, "init", str(a), "--a", "Sam", "--b", "Priya")
    run(capsys, "init", str(b), "--a", "Sam", "--b", "Priya")
    run(capsys, "note", "on the first laptop", "--author", "A", "--db", str(a))
    run(capsys, "note", "kept secret on the second laptop", "--author", "B", "--db", str(b))
    secret = tmp_path / "secret"
    secret.write_text("correct horse battery staple\n")
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(secret))
    assert run(capsys, "encrypt", "--db", str(b))[0] == 0
    assert not driver.has_sqlite_header(b)
    driver.forget_passphrases()
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(tmp_path / "wrong"))
    (tmp_path / "wrong").write_text("not the passphrase\n")
    code, out, err = run(capsys, "merge", str(b), "--db", str(a))
    assert code != 0 and err.count("\n") == 1 and "Traceback" not in err
    assert "nothing was changed" in err
    assert bodies(a) == ["on the first laptop"]
    driver.forget_passphrases()
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(secret))
    code, out, err = run(capsys, "merge", str(b), "--dry-run", "--db", str(a))
    assert code == 0 and out.startswith("Would merge: 1 added"), err
    code, out, err = run(capsys, "merge", str(b), "--db", str(a))
    assert code == 0 and out.startswith("Merged: 1 added"), err
    assert bodies(a) == ["kept secret on the second laptop", "on the first laptop"]
    code, out, _ = run(capsys, "merge", str(b), "--db", str(a))
    assert out.startswith("Merged: 0 added, 0 changed, 0 kept as a conflict")
    assert _encrypted_bodies(b) == ["kept secret on the second laptop"]  # OTHER untouched
    driver.forget_passphrases()


def test_merge_into_an_encrypted_journal(tmp_path, capsys, monkeypatch) -> None:
    from ceocto_desktop.store import driver

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    run(capsys, "init", str(a), "--a", "Sam", "--b", "Priya")
    run(capsys, "init", str(b), "--a", "Sam", "--b", "Priya")
    run(capsys, "note", "from the plain file", "--author", "B", "--db", str(b))
    secret = tmp_path / "secret"
    secret.write_text("correct horse battery staple\n")
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(secret))
    assert run(capsys, "encrypt", "--db", str(a))[0] == 0
    driver.forget_passphrases()
    code, out, err = run(capsys, "merge", str(b), "--db", str(a))
    assert code == 0 and out.startswith("Merged: 1 added"), err
    assert _encrypted_bodies(a) == ["from the plain file"]
    assert not driver.has_sqlite_header(a)
    backups = list((tmp_path / "backups").glob("*before-merge*"))
    assert backups and all(not driver.has_sqlite_header(p) for p in backups)
    driver.forget_passphrases()
