"""Writers share the journal, a conversion or restore holds it alone; each waits, saying so."""

from __future__ import annotations

import threading
import time

from ceocto_desktop.cli import main
from ceocto_desktop.store import backup_journal, driver
from ceocto_desktop.store import lock as lock_module
from ceocto_desktop.store.lock import alone, conversion_running, writers_lock_path, writing


def _held(context, seconds: float) -> threading.Thread:  # type: ignore[no-untyped-def]
    ready = threading.Event()

    def hold() -> None:
        with context:
            ready.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread


def test_two_writers_share_and_a_restore_waits_for_them_saying_so(journal_path, tmp_path, capsys):
    backup = backup_journal(journal_path, tmp_path / "copy.db")
    with writing(journal_path), writing(journal_path):  # two notes at once: no refusal
        assert not conversion_running(journal_path)
    holder = _held(writing(journal_path), 1.6)
    code = main(["restore", str(backup), "--db", str(journal_path)])
    holder.join()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Waiting: another ceocto command is writing to the journal" in captured.err
    assert not writers_lock_path(journal_path).exists()  # the last one out removed it


def test_a_note_waits_for_a_conversion_then_writes(journal_path, capsys):
    holder = _held(alone(journal_path), 1.6)
    assert conversion_running(journal_path)
    code = main(["note", "After the conversion", "--author", "A", "--db", str(journal_path)])
    holder.join()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Waiting: another ceocto command is encrypting, decrypting or restoring" in captured.err
    connection = driver.connect(journal_path)
    assert connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
    connection.close()


def test_a_note_that_cannot_wait_longer_writes_nothing_and_says_so(
    journal_path, capsys, monkeypatch
):
    monkeypatch.setattr(lock_module, "WAIT_S", 0.3)
    holder = _held(alone(journal_path), 1.5)
    code = main(["note", "Too late", "--author", "A", "--db", str(journal_path)])
    holder.join()
    err = capsys.readouterr().err
    assert code == 1 and "nothing was written" in err and "Try again" in err
    connection = driver.connect(journal_path)
    assert connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    connection.close()


def test_a_window_does_not_open_a_journal_being_converted(journal_path):
    import pytest

    from ceocto_desktop.store import JournalInUse, JournalLock
    from ceocto_desktop.store.lock import lock_path

    with alone(journal_path):
        with pytest.raises(JournalInUse, match="being converted or restored"):
            JournalLock(journal_path).acquire()
        assert not lock_path(journal_path).exists()
    with JournalLock(journal_path) as lock:
        assert lock.held
