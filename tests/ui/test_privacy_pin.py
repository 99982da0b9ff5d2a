"""One laptop, a secret: switching to a partner with a PIN and private words asks the PIN."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import checkins, drafts
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.app import Launcher
from tests.ui.helpers import when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
RATINGS = {"role_clarity": 4, "cooperation": 2, "communication": 3, "trust": 4, "alignment": 3}
ANSWER = "Quietly-worried-about-runway"
NOTE_DRAFT = "Half-a-thought-about-Priya"
CHECKIN_DRAFT = "Unfinished-edit-words"
PIN = "2580"


def sams_secrets(journal_path, *, pin: str | None = PIN) -> None:
    """Sam answered this week alone, keeps a quick-note draft and (maybe) a PIN."""
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        week = checkins.current_week(session)
        checkins.submit_answers(session, week, Seat.A, RATINGS, {"worries": ANSWER})
        drafts.save_draft(session, Seat.A, drafts.QUICK_NOTE, {"text": NOTE_DRAFT})
        drafts.save_draft(
            session,
            Seat.A,
            drafts.checkin_edit_key(week),
            {"ratings": RATINGS, "texts": {"wins": CHECKIN_DRAFT}},
        )
        if pin:
            pins.set_pin(session, Seat.A, pin, by=Seat.A)
    journal.close()


def open_window(qtbot, journal_path, last_author: Seat):
    settings = QSettings()
    settings.setValue("lastAuthor", last_author.value)
    launcher = Launcher(settings)
    assert launcher.open_path(journal_path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.resize(1300, 820)
    qtbot.waitExposed(window)
    return window


def everything_shown(window: QWidget) -> str:
    """All text the window holds in labels, fields, text boxes and lists, visible or not."""
    parts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel | QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            parts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(QModelIndex()), 200)):
                # A list model keeps columnCount private: walk columns until none is left.
                for column in range(40):
                    index = model.index(row, column)
                    if not index.isValid():
                        break
                    parts.append(str(index.data() or ""))
    return "\n".join(parts)


def switch_author(window) -> None:
    window.findChild(QAction, "switchAuthorAction").trigger()


def show_every_page(qtbot, window) -> None:
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        qtbot.wait(1)


def pin_dialog_answer(qtbot, pin: str | None, seen: list[str]):
    """When the PIN dialog shows: type pin and press OK (then Cancel if still open)."""

    def act(dialog):
        if pin is not None:
            field = dialog.findChild(QLineEdit, "pinField")
            qtbot.keyClicks(field, pin)
            qtbot.keyClick(field, Qt.Key.Key_Return)
        seen.append(dialog.findChild(QLabel, "pinError").text())
        if dialog.isVisible():
            dialog.findChild(QDialogButtonBox).button(
                QDialogButtonBox.StandardButton.Cancel
            ).click()

    when_modal_shows(act, name="pinDialog")


def test_a_wrong_pin_refuses_the_switch_and_sams_words_never_show(qtbot, journal_path):
    sams_secrets(journal_path)
    window = open_window(qtbot, journal_path, Seat.B)
    assert window.context.author is Seat.B
    seen: list[str] = []
    pin_dialog_answer(qtbot, "0000", seen)
    switch = window.findChild(QComboBox, "authorSwitch")
    switch.setCurrentIndex(0)  # Priya picks Sam in "Writing as"
    assert seen == ["That is not Sam's PIN; still writing as before."]
    assert window.context.author is Seat.B
    assert switch.currentText().startswith("Priya")
    show_every_page(qtbot, window)
    shown = everything_shown(window)
    for secret in (ANSWER, NOTE_DRAFT, CHECKIN_DRAFT):
        assert secret not in shown


def test_ctrl_shift_u_asks_the_pin_too_and_the_right_one_switches(qtbot, journal_path):
    sams_secrets(journal_path)
    window = open_window(qtbot, journal_path, Seat.B)
    seen: list[str] = []
    pin_dialog_answer(qtbot, None, seen)  # cancelled
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)
    assert seen and window.context.author is Seat.B
    pin_dialog_answer(qtbot, PIN, seen)
    switch_author(window)
    assert window.context.author is Seat.A
    assert window.findChild(QComboBox, "authorSwitch").currentText().startswith("Sam")
    window.sidebar.setCurrentRow(0)
    assert window.findChild(QPlainTextEdit, "quickNote").toPlainText() == NOTE_DRAFT
    window.sidebar.setCurrentRow(1)
    assert CHECKIN_DRAFT in everything_shown(window.stack.currentWidget())


def test_no_pin_is_asked_to_switch_to_a_partner_without_private_words(qtbot, journal_path):
    sams_secrets(journal_path)
    window = open_window(qtbot, journal_path, Seat.B)
    asked: list[str] = []
    pin_dialog_answer(qtbot, None, asked)
    switch_author(window)  # to Sam: asks (cancelled)
    assert asked and window.context.author is Seat.B
    # Back from Sam to Priya, who has a PIN too but nothing private: no dialog at all.
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        pins.set_pin(session, Seat.B, "9876", by=Seat.B)
    journal.close()
    window.context.set_author(Seat.A)
    switch_author(window)
    assert window.context.author is Seat.B
    assert QApplication.activeModalWidget() is None


def test_three_wrong_pins_make_a_short_wait(qtbot, journal_path):
    sams_secrets(journal_path)
    window = open_window(qtbot, journal_path, Seat.B)
    now = [1000.0]
    window.pin_gate.throttle.clock = lambda: now[0]
    states: list[tuple[str, bool]] = []

    def act(dialog):
        field = dialog.findChild(QLineEdit, "pinField")
        for wrong in ("1111", "2222", "3333"):
            qtbot.keyClicks(field, wrong)
            qtbot.keyClick(field, Qt.Key.Key_Return)
        error = dialog.findChild(QLabel, "pinError")
        states.append((error.text(), field.isEnabled()))
        qtbot.keyClicks(field, PIN)  # ignored: the field is off while waiting
        dialog.try_pin()
        states.append((error.text(), dialog.isVisible()))
        now[0] += 31
        qtbot.waitUntil(field.isEnabled, timeout=2000)
        qtbot.keyClicks(field, PIN)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    when_modal_shows(act, name="pinDialog")
    switch_author(window)
    assert states[0] == ("Three wrong PINs. Wait 30 seconds, then try again.", False)
    assert states[1][1] is True and "Wait" in states[1][0]
    assert window.context.author is Seat.A


def test_the_wait_holds_across_a_new_pin_dialog(qtbot, journal_path):
    sams_secrets(journal_path)
    window = open_window(qtbot, journal_path, Seat.B)
    now = [50.0]
    window.pin_gate.throttle.clock = lambda: now[0]
    for _ in range(3):
        pin_dialog_answer(qtbot, "0000", [])
        switch_author(window)
    seen: list[str] = []

    def act(dialog):
        seen.append(dialog.findChild(QLabel, "pinError").text())
        seen.append(str(dialog.findChild(QLineEdit, "pinField").isEnabled()))
        dialog.reject()

    when_modal_shows(act, name="pinDialog")
    switch_author(window)
    assert seen == ["Three wrong PINs. Wait 30 seconds, then try again.", "False"]
    assert window.context.author is Seat.B


def test_opening_as_sam_asks_sams_pin_and_cancelled_opens_as_priya(qtbot, journal_path):
    sams_secrets(journal_path)
    seen: list[str] = []
    pin_dialog_answer(qtbot, None, seen)
    window = open_window(qtbot, journal_path, Seat.A)  # Sam wrote last
    assert seen, "no PIN was asked at start-up"
    assert window.context.author is Seat.B
    show_every_page(qtbot, window)
    shown = everything_shown(window)
    assert ANSWER not in shown and NOTE_DRAFT not in shown


def test_both_pins_refused_at_start_up_keeps_the_journal_closed(qtbot, journal_path):
    sams_secrets(journal_path)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        pins.set_pin(session, Seat.B, "9876", by=Seat.B)
        drafts.save_draft(session, Seat.B, drafts.QUICK_NOTE, {"text": "Priya's own"})
    journal.close()
    refused: list[Seat] = []

    def refuse(dialog):
        refused.append(dialog.seat)
        dialog.reject()
        if len(refused) < 2:
            when_modal_shows(refuse, name="pinDialog")

    when_modal_shows(refuse, name="pinDialog")
    launcher = Launcher(QSettings())
    messages: list[str] = []
    launcher._error = messages.append  # type: ignore[method-assign]
    assert not launcher.open_path(journal_path, explicit=True)
    assert refused == [Seat.A, Seat.B]
    assert messages == ["Neither partner's PIN was given, so the journal stays closed."]
    assert not launcher.windows
    # The lock was given back: the journal opens again once a PIN is given.
    pin_dialog_answer(qtbot, PIN, [])
    assert Launcher(QSettings()).open_path(journal_path, explicit=True)
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow":
            qtbot.addWidget(widget)


def test_without_a_pin_the_checkin_page_says_anyone_can_switch(qtbot, journal_path):
    sams_secrets(journal_path, pin=None)
    window = open_window(qtbot, journal_path, Seat.A)
    window.sidebar.setCurrentRow(1)
    hint = window.findChild(QLabel, "privacyHint")
    assert hint.isVisible()
    assert hint.text().startswith(
        "Tip: anyone at this laptop can switch to Sam and see Sam's unrevealed answers. "
        "<a href='settings'>Set PINs in Settings</a>"
    )
    journal_write = window.context.write
    journal_write(lambda s: pins.set_pin(s, Seat.A, PIN, by=Seat.A), Changed.PINS)
    assert not hint.isVisible()
