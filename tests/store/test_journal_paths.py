"""The path is not the journal: links, devices, hard links and lock files (issue 17, 1–7)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main
from ceocto_desktop.store import JournalError, JournalLock, driver
from ceocto_desktop.store.files.lock import lock_path

PASSPHRASE = "correct horse battery staple"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def notes(path: Path, passphrase: str | None = None) -> list[str]:
    connection = driver.connect(path, passphrase=passphrase)
    try:
        return [str(row[0]) for row in connection.execute("SELECT body FROM notes")]
    finally:
        connection.close()


def ceocto(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def passphrase_file(tmp_path, monkeypatch) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(secret))
    yield secret
    driver.forget_passphrases()


def _make(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    elif kind == "dangling link":
        path.symlink_to(path.with_name("nowhere.db"))
    else:
        path.symlink_to(path.with_name("other"))
        path.with_name("other").symlink_to(path)


def _fingerprint(path: Path) -> tuple[int, ...]:
    found = path.lstat()
    return (found.st_mode, found.st_rdev, found.st_size, found.st_ino)


KINDS = ["fifo", "device", "dangling link", "link loop"]


@pytest.mark.parametrize("kind", KINDS)
def test_init_never_makes_a_journal_of_what_is_not_a_plain_file(tmp_path, capsys, kind):
    if kind == "device" and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    target = tmp_path / "n.db"
    _make(kind, target)
    before = _fingerprint(target)
    code, _, err = ceocto(capsys, "init", target, "--a", "Sam", "--b", "Priya")
    assert code != 0 and err.startswith("ceocto: ")
    assert _fingerprint(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in tmp_path.iterdir() if not p.name.startswith(".")
    )


@pytest.mark.parametrize("kind", KINDS)
def test_restore_never_replaces_what_is_not_a_plain_file(journal_path, capsys, kind):
    if kind == "device" and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    target = journal_path.with_name("n.db")
    _make(kind, target)
    before = _fingerprint(target)
    code, _, err = ceocto(capsys, "restore", journal_path, "--db", target)
    assert code != 0 and ("not a journal file" in err or "link" in err), err
    assert _fingerprint(target) == before


@pytest.mark.parametrize("path", ["/dev/null", "/proc/self/mem"])
@pytest.mark.parametrize("command", ["check", "note", "restore", "backup", "encrypt"])
def test_system_files_are_refused_by_every_command(capsys, path, command, journal_path):
    extra = {"note": ["hello", "--author", "A"], "restore": [journal_path]}.get(command, [])
    code, _, err = ceocto(capsys, command, *extra, "--db", path)
    assert code != 0
    assert "not a journal file; nothing was changed" in err
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_encrypt_through_a_symlink_encrypts_the_real_journal_and_keeps_the_link(
    journal_path, capsys, passphrase_file
):
    sync = journal_path.parent / "sync"
    data = journal_path.parent / "data"
    sync.mkdir()
    data.mkdir()
    real = sync / "journal.db"
    journal_path.rename(real)
    link = data / "journal.db"
    link.symlink_to(real)
    assert ceocto(capsys, "note", "Marker sentence one", "--author", "A", "--db", link)[0] == 0
    code, out, err = ceocto(capsys, "encrypt", "--remove-plain-backup", "--db", link)
    assert code == 0, err
    assert f"working on the real file {real}" in err
    assert f"Encrypted {real}" in out
    assert link.is_symlink() and link.resolve() == real
    assert not driver.has_sqlite_header(real)  # the real journal is the encrypted one
    assert "Marker sentence one" in notes(real, PASSPHRASE)
    assert not (data / "backups").exists()  # nothing of it was made beside the link


def test_restore_through_a_link_replaces_the_real_journal(journal_path, capsys, tmp_path):
    backup = tmp_path / "copy.db"
    assert ceocto(capsys, "backup", "--db", journal_path, "-o", backup)[0] == 0
    assert ceocto(capsys, "note", "After the backup", "--author", "A", "--db", journal_path)[0] == 0
    link = tmp_path / "link.db"
    link.symlink_to(journal_path)
    code, out, err = ceocto(capsys, "restore", backup, "--db", link)
    assert code == 0, err
    assert link.is_symlink()
    assert "After the backup" not in notes(journal_path)
    assert f"Restored {journal_path}" in out


def test_a_journal_with_two_names_is_refused_and_left_as_it_was(journal_path, capsys):
    other = journal_path.with_name("hard.db")
    os.link(journal_path, other)
    before = digest(journal_path)
    for name in (journal_path, other):
        code, _, err = ceocto(capsys, "note", "Twice", "--author", "A", "--db", name)
        assert code != 0
        assert "has 2 names (hard links)" in err and "two logs" in err
    assert digest(journal_path) == before
    assert not Path(f"{other}-wal").exists() and not Path(f"{journal_path}-wal").exists()


def test_a_killed_conversions_second_name_is_dropped_not_refused(journal_path, capsys):
    backups = journal_path.parent / "backups"
    backups.mkdir()
    kept = backups / "journal.20261201-090000.before-encrypt.db"
    os.link(journal_path, kept)  # what a conversion killed before its swap leaves
    code, _, err = ceocto(capsys, "note", "Still here", "--author", "A", "--db", journal_path)
    assert code == 0, err
    assert not kept.exists()
    assert journal_path.stat().st_nlink == 1


@pytest.mark.parametrize("how", ["symlink", "hard link"])
def test_a_planted_lock_file_is_never_written_through(journal_path, how):
    precious = journal_path.with_name("precious.txt")
    precious.write_text("keep me\n")
    if how == "symlink":
        lock_path(journal_path).symlink_to(precious)
    else:
        os.link(precious, lock_path(journal_path))
    with pytest.raises(JournalError, match="lock file"):
        JournalLock(journal_path).acquire()
    assert precious.read_text() == "keep me\n"


def test_a_lock_file_that_is_a_folder_or_not_ours_is_one_sentence(journal_path):
    lock_path(journal_path).mkdir()
    with pytest.raises(JournalError, match="is a folder; remove it"):
        JournalLock(journal_path).acquire()


def test_export_never_replaces_a_live_lock_file(journal_path, capsys):
    with JournalLock(journal_path) as lock:
        before = lock.path.read_bytes()
        code, _, err = ceocto(
            capsys, "export", "board", "--format", "md", "-o", lock.path, "--force",
            "--db", journal_path,
        )  # fmt: skip
        assert code != 0 and "choose another name" in err
        assert lock.path.read_bytes() == before
        with pytest.raises(JournalError):
            JournalLock(journal_path).acquire()  # still one window only


def test_removing_plain_backups_never_overwrites_through_a_link(tmp_path):
    precious = tmp_path / "precious.db"
    precious.write_bytes(b"SQLite format 3\x00" + b"x" * 100)
    link = tmp_path / "link.db"
    link.symlink_to(precious)
    driver.secure_remove(link)
    assert not link.is_symlink()
    assert precious.read_bytes().endswith(b"x" * 100)
    other = tmp_path / "other.db"
    os.link(precious, other)
    driver.secure_remove(other)
    assert precious.read_bytes().endswith(b"x" * 100)


def test_what_a_killed_command_left_is_overwritten_and_removed(journal_path, capsys):
    folder = journal_path.parent
    dead = 999_999_999
    left = [
        folder / f".journal.db.converting-{dead}",
        folder / f".journal.db.restoring-{dead}-wal",
        folder / f".journal.db.init-{dead}",
    ]
    for path in left:
        path.write_text("Sales wants a date for Ardennes Logistique")
    demo = folder / f".journal.db.demo-{dead}-abc123"
    demo.mkdir()
    (demo / "journal.db").write_text("plain text")
    (folder / "backups").mkdir()
    partial = folder / "backups" / f"journal.20261201-090000.daily.db.{dead}.partial"
    partial.write_text("plain text")
    alive = folder / f".journal.db.converting-{os.getpid()}"
    alive.write_text("in progress")
    code, _, err = ceocto(capsys, "check", "--db", journal_path)
    assert code == 0, err
    assert not any(path.exists() for path in [*left, demo, partial])
    assert alive.read_text() == "in progress"  # a live process's file is its own


def test_a_wal_deleted_by_sqlite_is_overwritten_through_the_descriptor_kept(tmp_path):
    wal = tmp_path / "journal.db-wal"
    wal.write_bytes(b"Marker sentence in the log" * 100)
    reader = os.open(wal, os.O_RDONLY)
    try:
        kept = driver.open_to_overwrite(wal)
        wal.unlink()  # as SQLite does when the last connection closes
        driver.overwrite_if_deleted(kept)
        assert set(os.pread(reader, 2600, 0)) == {0}
    finally:
        os.close(reader)


def test_an_empty_wal_deleted_by_sqlite_costs_no_flush_to_disk(tmp_path, monkeypatch):
    wal = tmp_path / "journal.db-wal"
    wal.write_bytes(b"")  # a reader's -wal: SQLite deletes it empty when the reader closes
    flushed: list[int] = []
    monkeypatch.setattr(os, "fsync", flushed.append)
    kept = driver.open_to_overwrite(wal)
    wal.unlink()
    driver.overwrite_if_deleted(kept)
    assert flushed == []


WRITERS = ["note", "backup", "restore", "encrypt", "decrypt", "passphrase"]


def _writer_args(command: str, db: Path, spare: Path) -> list[str]:
    return {
        "note": ["note", "Through a link", "--author", "A"],
        "backup": ["backup"],
        "restore": ["restore", str(spare)],
        "encrypt": ["encrypt"],
        "decrypt": ["decrypt"],
        "passphrase": ["passphrase"],
    }[command] + ["--db", str(db)]


def _ready(command: str, journal: Path, tmp_path: Path) -> Path:
    """The journal as the command needs it (encrypted for decrypt and passphrase); a spare."""
    from ceocto_desktop.store import backup_journal
    from ceocto_desktop.store.files.encryption import encrypt_journal

    spare = backup_journal(journal, tmp_path / "spare.db")
    if command in ("decrypt", "passphrase"):
        encrypt_journal(journal, PASSPHRASE)
    return spare


@pytest.mark.parametrize("command", WRITERS)
def test_every_writing_command_through_a_symlink_acts_on_the_real_file(
    command, journal_path, tmp_path, capsys, passphrase_file
):
    passphrase_file.write_text(f"{PASSPHRASE}\nanother good passphrase\n")
    spare = _ready(command, journal_path, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "journal.db"
    link.symlink_to(journal_path)
    code, _, err = ceocto(capsys, *_writer_args(command, link, spare))
    assert code == 0, err
    assert f"working on the real file {journal_path}" in err
    assert link.is_symlink() and link.resolve() == journal_path
    assert sorted(p.name for p in elsewhere.iterdir()) == ["journal.db"]  # nothing beside it


@pytest.mark.parametrize("command", WRITERS)
def test_every_writing_command_refuses_a_journal_with_a_second_name(
    command, journal_path, tmp_path, capsys, passphrase_file
):
    passphrase_file.write_text(f"{PASSPHRASE}\nanother good passphrase\n")
    spare = _ready(command, journal_path, tmp_path)
    other = tmp_path / "second-name.db"
    os.link(journal_path, other)
    before = digest(journal_path)
    for name in (journal_path, other):
        code, _, err = ceocto(capsys, *_writer_args(command, name, spare))
        assert code != 0 and "(hard links)" in err, err
    assert digest(journal_path) == before


@pytest.mark.parametrize("command", ["init", "demo"])
def test_init_and_demo_never_write_through_a_link_to_a_journal(
    command, journal_path, tmp_path, capsys
):
    before = digest(journal_path)
    link = tmp_path / "new.db"
    link.symlink_to(journal_path)
    extra = ["--a", "Sam", "--b", "Priya"] if command == "init" else ["--notes", "3"]
    code, _, err = ceocto(capsys, command, link, *extra)
    assert code != 0 and "already exists" in err
    assert digest(journal_path) == before and link.is_symlink()


CRASHED_WRITER = """
import os, sys
from ceocto_desktop.store import driver
c = driver.connect(sys.argv[1])
c.isolation_level = None
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("UPDATE partners SET name = 'Marker sentence in the log' WHERE seat = 'A'")
os._exit(0)  # killed: the change lives in the -wal only
"""


def test_encrypt_overwrites_the_plain_wal_a_crash_left(journal_path, monkeypatch):
    import subprocess
    import sys

    from ceocto_desktop.store.files.encryption import encrypt_journal

    subprocess.run([sys.executable, "-c", CRASHED_WRITER, str(journal_path)], check=True)
    wal = Path(f"{journal_path}-wal")
    assert b"Marker sentence in the log" in wal.read_bytes()
    zeroed: list[bytes] = []
    real = driver._overwrite

    def watched(descriptor: int, size: int) -> None:
        real(descriptor, size)
        if os.fstat(descriptor).st_nlink == 0:  # the -wal SQLite deleted
            zeroed.append(os.pread(descriptor, size, 0))

    monkeypatch.setattr(driver, "_overwrite", watched)
    encrypt_journal(journal_path, PASSPHRASE)
    driver.forget_passphrases()
    assert not wal.exists()
    assert any(len(chunk) >= 4096 and set(chunk) == {0} for chunk in zeroed)
