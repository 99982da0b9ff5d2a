"""Writers share the journal, a conversion or restore holds it alone; each waits, saying so."""

from __future__ import annotations

import threading

from ceocto_desktop.cli.shell import main
from ceocto_desktop.store import backup_journal, driver
from ceocto_desktop.store.files import lock as lock_module
from ceocto_desktop.store.files.lock import alone, conversion_running, writers_lock_path, writing


def _held(context, until: threading.Event) -> threading.Thread:  # type: ignore[no-untyped-def]
    """Hold context in another thread until the event is set (what a second process does)."""
    ready = threading.Event()

    def hold() -> None:
        with context:
            ready.set()
            until.wait(timeout=120)

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread


def _released_when_said(monkeypatch, module, name: str) -> threading.Event:  # type: ignore[no-untyped-def]
    """An event set when the command says it is waiting (its own words still printed)."""
    said = threading.Event()
    original = getattr(module, name)

    def say(text: str) -> None:
        original(text)
        said.set()

    monkeypatch.setattr(module, name, say)
    return said


def test_two_writers_share_and_a_restore_waits_for_them_saying_so(
    journal_path, tmp_path, capsys, monkeypatch
):
    from ceocto_desktop.cli import journal as cli_journal

    backup = backup_journal(journal_path, tmp_path / "copy.db")
    with writing(journal_path), writing(journal_path):  # two notes at once: no refusal
        assert not conversion_running(journal_path)
    said = _released_when_said(monkeypatch, cli_journal, "_say_waiting")
    holder = _held(writing(journal_path), said)
    code = main(["restore", str(backup), "--db", str(journal_path)])
    holder.join()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Waiting: another ceocto command is writing to the journal" in captured.err
    assert not writers_lock_path(journal_path).exists()  # the last one out removed it


def test_a_note_waits_for_a_conversion_then_writes(journal_path, capsys, monkeypatch):
    from ceocto_desktop.cli import paths as cli_paths

    said = _released_when_said(monkeypatch, cli_paths, "_say")
    holder = _held(alone(journal_path), said)
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
    done = threading.Event()
    holder = _held(alone(journal_path), done)
    code = main(["note", "Too late", "--author", "A", "--db", str(journal_path)])
    done.set()
    holder.join()
    err = capsys.readouterr().err
    assert code == 1 and "nothing was written" in err and "Try again" in err
    connection = driver.connect(journal_path)
    assert connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    connection.close()


def test_a_window_does_not_open_a_journal_being_converted(journal_path):
    import pytest

    from ceocto_desktop.store import JournalInUse, JournalLock
    from ceocto_desktop.store.files.lock import lock_path

    with alone(journal_path):
        with pytest.raises(JournalInUse, match="being converted or restored"):
            JournalLock(journal_path).acquire()
        assert not lock_path(journal_path).exists()
    with JournalLock(journal_path) as lock:
        assert lock.held
