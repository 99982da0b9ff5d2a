"""The first run: a person creates the pair's journal, or opens the demo, or changes their mind."""

from __future__ import annotations

# The app's own SQLite library: a second one in this process, closing the file,
# would drop the open window's locks (and has hung a write waiting on them).
import sqlcipher3.dbapi2 as sqlite3
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from ceocto_desktop.paths import default_demo_path
from ceocto_desktop.store import schema
from ceocto_desktop.ui.app import Launcher
from tests.ui.helpers import when_modal_shows


def fill(qtbot, dialog, name_a="Sam Rivera", name_b="Priya Natarajan"):
    qtbot.keyClicks(dialog.findChild(QLineEdit, "nameA"), name_a)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "nameB"), name_b)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "strengthsB"), "Systems design")


def launch(qtbot, path, **options):
    launcher = Launcher(QSettings())
    opened = launcher.open_path(path, **options)
    for window in launcher.windows:
        qtbot.addWidget(window)
    return opened, launcher


def test_creating_our_journal_writes_both_partners(qtbot, tmp_path):
    path = tmp_path / "ours.db"

    def act(dialog):
        fill(qtbot, dialog)
        dialog.findChild(QComboBox, "weekStart").setCurrentIndex(6)
        qtbot.mouseClick(dialog.findChild(QPushButton, "createButton"), Qt.MouseButton.LeftButton)

    when_modal_shows(act, name="firstRunDialog")
    opened, launcher = launch(qtbot, path, explicit=True)
    assert opened
    window = launcher.windows[0]
    assert window.author_switch.currentText() == "Sam Rivera, CEO"
    assert window.author_switch.itemText(1) == "Priya Natarajan, CTO"
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT seat, name, title, strengths FROM partners ORDER BY seat")
        assert rows.fetchall() == [
            ("A", "Sam Rivera", "CEO", ""),
            ("B", "Priya Natarajan", "CTO", "Systems design"),
        ]
        assert db.execute("SELECT value FROM settings WHERE key='week_start_day'").fetchone() == (
            "Sunday",
        )


def test_an_empty_name_is_shown_next_to_the_field_and_nothing_is_written(qtbot, tmp_path):
    path = tmp_path / "ours.db"
    seen = {}

    def act(dialog):
        fill(qtbot, dialog, name_b="   ")
        qtbot.mouseClick(dialog.findChild(QPushButton, "createButton"), Qt.MouseButton.LeftButton)
        error = dialog.findChild(QLabel, "errorNameB")
        seen["visible"] = error.isVisible()
        seen["text"] = error.text()
        seen["still_open"] = dialog.isVisible()
        dialog.reject()

    when_modal_shows(act, name="firstRunDialog")
    opened, _ = launch(qtbot, path, explicit=True)
    assert not opened
    assert seen == {"visible": True, "text": "The name cannot be empty.", "still_open": True}
    assert not path.exists()


def test_the_same_name_twice_is_refused(qtbot, tmp_path):
    seen = {}

    def act(dialog):
        fill(qtbot, dialog, name_a="Alex", name_b="alex")
        qtbot.mouseClick(dialog.findChild(QPushButton, "createButton"), Qt.MouseButton.LeftButton)
        seen["text"] = dialog.findChild(QLabel, "errorNameB").text()
        dialog.reject()

    when_modal_shows(act, name="firstRunDialog")
    launch(qtbot, tmp_path / "x.db", explicit=True)
    assert seen["text"] == "The two partners need different names."


def test_cancel_leaves_no_file(qtbot, tmp_path):
    path = tmp_path / "ours.db"
    when_modal_shows(lambda dialog: dialog.reject(), name="firstRunDialog")
    opened, launcher = launch(qtbot, path, explicit=True)
    assert not opened and launcher.windows == []
    assert not path.exists()


def test_the_demo_journal_opens_with_a_year_of_entries(qtbot, home):
    target = default_demo_path()
    target.unlink(missing_ok=True)

    def act(dialog):
        qtbot.mouseClick(dialog.findChild(QPushButton, "demoButton"), Qt.MouseButton.LeftButton)

    when_modal_shows(act, name="firstRunDialog")
    opened, launcher = launch(qtbot, home / "data" / "ceocto" / "journal.db")
    assert opened
    window = launcher.windows[0]
    assert window.context.journal.path == target
    assert window.author_switch.currentText() == "Sam Rivera, CEO"
    # The overview shows the pair's signals, not counts (issue 12): the demo's year of
    # check-ins gives a streak of weeks both answered.
    streak = window.findChild(QLabel, "signalStreak").text()
    assert "in a row answered by both" in streak
    assert QSettings().value("lastJournal") == str(target)


def test_an_older_journal_is_backed_up_and_upgraded_on_opening(qtbot, tmp_path):
    from ceocto_desktop.store import migrate

    path = tmp_path / "old.db"
    path.touch()
    migrate(path, "0001")  # a journal as the first release wrote it
    with sqlite3.connect(path) as db:
        for seat, name, title in (("A", "Sam Rivera", "CEO"), ("B", "Priya Natarajan", "CTO")):
            db.execute(
                "INSERT INTO partners (id, seat, name, title, strengths, responsibilities, color,"
                " created_at, updated_at, author) VALUES (?, ?, ?, ?, '', '', '#2f6db5',"
                " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'A')",
                (f"id-{seat}", seat, name, title),
            )
        db.execute(
            "INSERT INTO notes (id, body, pinned, created_at, updated_at, author) VALUES"
            " ('n1', 'Kept across the upgrade', 0, '2026-01-02 00:00:00',"
            " '2026-01-02 00:00:00', 'A')"
        )
    db.close()
    opened, launcher = launch(qtbot, path, explicit=True)
    assert opened
    assert launcher.windows[0].author_switch.currentText() == "Sam Rivera, CEO"
    (backup,) = (tmp_path / "backups").glob("old.*.before-schema-*.db")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (
            schema.head_revision(),
        )
        found = db.execute("SELECT body FROM search_notes WHERE search_notes MATCH 'upgrade'")
        assert found.fetchall() == [("Kept across the upgrade",)]
    db.close()
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    db.close()


def test_an_empty_file_becomes_our_journal_through_the_first_run(qtbot, tmp_path):
    path = tmp_path / "ours.db"
    path.touch()  # made by the file manager or `touch`: not a journal until we create one

    def act(dialog):
        fill(qtbot, dialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "createButton"), Qt.MouseButton.LeftButton)

    when_modal_shows(act, name="firstRunDialog")
    opened, launcher = launch(qtbot, path, explicit=True)
    assert opened
    assert launcher.windows[0].author_switch.currentText() == "Sam Rivera, CEO"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM partners").fetchone() == (2,)
    db.close()
