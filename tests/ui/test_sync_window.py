"""The window and two laptops: Sync now, the status bar, and the Conflicts view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.store import Journal, open_journal
from ceocto_desktop.sync import service
from ceocto_desktop.ui.dialogs.conflicts_dialog import ConflictsDialog


@pytest.fixture
def other_laptop(journal_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The window's journal set up in a folder, and Priya's laptop joined to it."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    mine = open_journal(journal_path)
    code = service.setup(mine, folder, "A")
    mine.close()
    theirs = open_journal(tmp_path / "priya" / "journal.db", create=True, make_folder=True)
    service.join(theirs, folder, "B", code)
    yield theirs
    theirs.close()


def _sync_now(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.findChild(type(window.menuBar().actions()[0]), "syncNowAction").trigger()
    qtbot.waitUntil(lambda: window.sync._task is None and window.sync_label.text() != "Syncing…")


def test_sync_now_brings_the_other_laptops_note_and_says_so(other_laptop: Journal, qtbot, db):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    with other_laptop.transaction() as session:
        notes.create_note(session, Seat.B, "Priya: the API freeze is Friday")
    service.sync_now(other_laptop)
    launcher = Launcher(QSettings())
    assert launcher.open_path(db.path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.sync._task is None)
    _sync_now(window, qtbot)
    assert db.rows("SELECT body FROM notes") == [("Priya: the API freeze is Friday",)]
    assert window.sync_label.text().startswith("Synced just now · 1 change from Priya Natarajan")
    QApplication.processEvents()
    label = window.sync_label
    assert label.width() >= label.sizeHint().width()  # shown whole, not cut short
    window.grab().save("/tmp/sync-window.png")


def test_a_missing_folder_shows_why_not_in_the_status_bar(
    other_laptop: Journal, qtbot, db, tmp_path
):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    (tmp_path / "Sync").rename(tmp_path / "Gone")
    launcher = Launcher(QSettings())
    assert launcher.open_path(db.path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    _sync_now(window, qtbot)
    assert window.sync_label.text().startswith("Not synced: The sync folder")
    assert "nothing was lost" in window.sync_label.text()


def test_the_conflicts_view_takes_the_other_laptops_value(other_laptop: Journal, qtbot, db):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    launcher = Launcher(QSettings())
    assert launcher.open_path(db.path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.sync._task is None)
    with window.context.journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire")
    _sync_now(window, qtbot)
    service.sync_now(other_laptop)
    with other_laptop.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire two engineers")
    with window.context.journal.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire a VP Sales")
    service.sync_now(other_laptop)
    _sync_now(window, qtbot)
    assert db.one("SELECT title FROM goals") == "Hire a VP Sales"  # written later here
    dialog = ConflictsDialog(window.context, window)
    qtbot.addWidget(dialog)
    table = dialog.table
    texts = [table.item(0, c).text() for c in range(table.columnCount())]
    assert texts[0] == "Goal: Hire a VP Sales" and texts[1] == "title"
    assert texts[3] == "Hire a VP Sales" and texts[4].startswith("Hire two engineers")
    table.selectRow(0)
    assert dialog.take.isEnabled()
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)
    assert db.one("SELECT title FROM goals") == "Hire two engineers"
    assert dialog.table.rowCount() == 0
    _sync_now(window, qtbot)
    service.sync_now(other_laptop)
    with other_laptop.sessions() as session:
        title = session.connection().exec_driver_sql("SELECT title FROM goals").scalar()
    assert title == "Hire two engineers"


def test_settings_sets_sync_up_and_shows_the_pairing_code(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from ceocto_desktop.ui.settings.settings_dialog import SettingsDialog

    folder = tmp_path / "Shared"
    folder.mkdir()
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    panel = dialog.sync
    dialog.tabs.setCurrentWidget(panel)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert panel.state.text() == "This journal does not sync yet."
    assert panel.setup_button.isVisible() and not panel.sync_button.isVisible()
    panel.set_up(folder)
    code = panel.code.text().removeprefix("Pairing code: ")
    assert len(code.split("-")) == 8
    assert (folder / "ceocto-sync" / "v1" / "journal.json").is_file()
    assert panel.state.text().startswith("Synced just now")
    assert panel.sync_button.isVisible() and not panel.setup_button.isVisible()
    dialog.grab().save("/tmp/sync-settings.png")
    panel.set_up(folder)
    assert "already syncs" in panel.message.text() or "already holds" in panel.message.text()


def test_a_change_file_arriving_in_the_folder_is_applied_without_asking(other_laptop, qtbot, db):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    launcher = Launcher(QSettings())
    assert launcher.open_path(db.path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    # The pass on opening is over; the next timed one is two minutes away.
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Synced"), timeout=10000)
    qtbot.waitUntil(lambda: window.sync._task is None)
    assert window.sync.watcher.directories()
    with other_laptop.transaction() as session:
        notes.create_note(session, Seat.B, "Arrived while the window was open")
    service.sync_now(other_laptop)
    qtbot.waitUntil(
        lambda: db.rows("SELECT body FROM notes") == [("Arrived while the window was open",)],
        timeout=15000,
    )


def _goal_changed_on_both(window, qtbot, other_laptop, *, later: str):  # type: ignore[no-untyped-def]
    """A goal whose title both laptops changed; `later` ("here" or "there") wrote last."""
    with window.context.journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire")
    _sync_now(window, qtbot)
    service.sync_now(other_laptop)
    edits = [
        (window.context.journal, "Hire a VP Sales"),
        (other_laptop, "Hire two engineers"),
    ]
    if later == "here":
        edits.reverse()
    for journal, title in edits:
        with journal.transaction() as session:
            goals.update_goal(session, goal.id, title=title)
    service.sync_now(other_laptop)
    _sync_now(window, qtbot)
    return goal


def _goals_page_on(window, goal_id):  # type: ignore[no-untyped-def]
    row = [window.sidebar.item(i).text() for i in range(window.sidebar.count())].index("Goals")
    window.sidebar.setCurrentRow(row)
    page = window.stack.currentWidget()
    page.open_record(goal_id)
    return page


def test_the_goals_own_page_shows_the_other_version_and_takes_it_undoably(
    other_laptop: Journal, qtbot, db
):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    launcher = Launcher(QSettings())
    assert launcher.open_path(db.path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.resize(1300, 820)
    window.show()
    qtbot.waitUntil(lambda: window.sync._task is None)
    goal = _goal_changed_on_both(window, qtbot, other_laptop, later="here")
    assert db.one("SELECT title FROM goals") == "Hire a VP Sales"
    page = _goals_page_on(window, goal.id)
    banner = page.detail.findChild(QWidget, "bothLaptopsBanner")
    qtbot.waitUntil(banner.isVisible)
    text = banner.findChild(QLabel, "bothLaptopsText").text()
    assert "was changed on both laptops — see Priya's version" in text
    assert "Hire two engineers" in text
    take = banner.findChild(QPushButton, "takeOtherVersion")
    assert take.text() == "Take Priya's version"
    window.grab().save("/tmp/sync-both-laptops-goal.png")
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    assert db.one("SELECT title FROM goals") == "Hire two engineers"
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert page.detail.form.widget("title").text() == "Hire two engineers"
    window.context.undo_stack.undo()  # Edit › Undo puts this laptop's version back
    assert db.one("SELECT title FROM goals") == "Hire a VP Sales"
    qtbot.waitUntil(banner.isVisible)
    window.context.undo_stack.redo()
    assert db.one("SELECT title FROM goals") == "Hire two engineers"
    _sync_now(window, qtbot)
    service.sync_now(other_laptop)
    with other_laptop.sessions() as session:
        title = session.connection().exec_driver_sql("SELECT title FROM goals").scalar()
    assert title == "Hire two engineers"


def test_the_version_not_kept_is_named_after_whoever_wrote_it(other_laptop: Journal, qtbot, db):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    launcher = Launcher(QSettings())
    assert launcher.open_path(db.path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.sync._task is None)
    goal = _goal_changed_on_both(window, qtbot, other_laptop, later="there")
    assert db.one("SELECT title FROM goals") == "Hire two engineers"  # Priya wrote last
    page = _goals_page_on(window, goal.id)
    banner = page.detail.findChild(QWidget, "bothLaptopsBanner")
    qtbot.waitUntil(banner.isVisible)
    text = banner.findChild(QLabel, "bothLaptopsText").text()
    # The value not kept is this laptop's own (Sam's), not Priya's.
    assert "see Sam's version" in text and "Hire a VP Sales" in text


def test_a_change_from_the_other_laptop_is_undone_from_the_window_and_travels(
    other_laptop: Journal, qtbot, db
):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    launcher = Launcher(QSettings())
    assert launcher.open_path(db.path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.sync._task is None)
    with window.context.journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire")
    _sync_now(window, qtbot)
    service.sync_now(other_laptop)
    with other_laptop.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire two engineers")
    service.sync_now(other_laptop)
    _sync_now(window, qtbot)
    assert db.one("SELECT title FROM goals") == "Hire two engineers"
    dialog = ConflictsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    table = dialog.arrived_table
    assert table.item(0, 1).text() == "Priya"
    assert table.item(0, 2).text() == "Goal: Hire two engineers — title changed"
    assert not dialog.undo_arrived.isEnabled()
    table.selectRow(0)
    qtbot.mouseClick(dialog.undo_arrived, Qt.MouseButton.LeftButton)
    assert db.one("SELECT title FROM goals") == "Hire"
    assert dialog.arrived_table.item(0, 3).text() == "undone"
    dialog.grab().save("/tmp/sync-arrived.png")
    window.context.undo_stack.undo()  # Edit › Undo takes the undo back
    assert db.one("SELECT title FROM goals") == "Hire two engineers"
    window.context.undo_stack.redo()
    assert db.one("SELECT title FROM goals") == "Hire"
    _sync_now(window, qtbot)
    service.sync_now(other_laptop)
    with other_laptop.sessions() as session:
        title = session.connection().exec_driver_sql("SELECT title FROM goals").scalar()
    assert title == "Hire"


def test_settings_forgets_a_lost_laptop_after_asking(other_laptop, window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QListWidget, QMessageBox

    from ceocto_desktop.sync import laptops
    from ceocto_desktop.ui.settings.settings_dialog import SettingsDialog

    with other_laptop.transaction() as session:
        notes.create_note(session, Seat.B, "Priya's last note from that laptop")
    service.sync_now(other_laptop)  # Priya's laptop wrote and acknowledged, then was lost
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    panel = dialog.sync
    dialog.tabs.setCurrentWidget(panel)
    dialog.show()
    qtbot.waitExposed(dialog)
    listed = panel.findChild(QListWidget, "syncLaptops")
    assert listed.count() == 1
    assert "Priya Natarajan's" in listed.item(0).text()
    assert "has acknowledged" in listed.item(0).text()
    forget = panel.findChild(QPushButton, "forgetLaptopButton")
    assert not forget.isEnabled()  # nothing chosen yet
    listed.setCurrentRow(0)
    asked = []

    def answer(button):  # type: ignore[no-untyped-def]
        def question(*args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append(args[2])
            return button

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    assert "lost for good" in asked[0]
    assert not any(one.forgotten for one in laptops.laptops(window.context.journal))
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    others = [one for one in laptops.laptops(window.context.journal) if not one.this_laptop]
    assert [one.forgotten for one in others] == [True]
    assert "forgotten" in listed.item(0).text()
    assert panel.message.text().startswith("Forgot Priya Natarajan's laptop")
    dialog.grab().save("/tmp/sync2-forget.png")


def test_file_merge_shows_what_it_would_do_then_merges_a_json_export(  # type: ignore[no-untyped-def]
    window, qtbot, db, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ceocto_desktop.services.inout.journal_json import export_json
    from ceocto_desktop.sync.merge import journal_of_export

    with window.context.journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire engineers")
    ours = tmp_path / "ours.json"
    ours.write_text(window.context.read(export_json), encoding="utf-8")
    with journal_of_export(ours) as theirs_path:  # Priya's laptop: the same journal, edited
        theirs = open_journal(theirs_path)
        with theirs.transaction() as session:
            goals.update_goal(session, goal.id, title="Hire three engineers by June")
            notes.create_note(session, Seat.B, "Priya: the API freeze is Friday")
        with theirs.sessions() as session:
            (tmp_path / "priya.json").write_text(export_json(session), encoding="utf-8")
        theirs.close()
    chosen = str(tmp_path / "priya.json")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen, ""))
    asked = []

    def say(answer):  # type: ignore[no-untyped-def]
        def question(parent, title, text, *rest):  # type: ignore[no-untyped-def]
            asked.append(text)
            return answer

        return question

    monkeypatch.setattr(QMessageBox, "question", say(QMessageBox.StandardButton.No))
    merge = window.findChild(type(window.menuBar().actions()[0]), "mergeJournalAction")
    merge.trigger()
    assert "would add 1, change 1" in asked[0]
    assert "added: Note: Priya: the API freeze is Friday" in asked[0]
    assert db.rows("SELECT body FROM notes") == []  # only asked: nothing merged
    monkeypatch.setattr(QMessageBox, "question", say(QMessageBox.StandardButton.Yes))
    merge.trigger()
    assert db.rows("SELECT body FROM notes") == [("Priya: the API freeze is Friday",)]
    assert db.one("SELECT title FROM goals") == "Hire three engineers by June"
    assert window.statusBar().currentMessage().startswith("Merged priya.json: 1 added")
