"""Edit › Settings…: the journal's choices in tabs (General, Privacy; others add theirs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import (
    COMPANY_MAX,
    WEEKDAYS,
    company_name,
    set_company_name,
    set_week_start_day,
    week_start_day,
)
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.dialogs.pin_gate import PinThrottle, wait_message
from ceocto_desktop.ui.dialogs.pin_reset import PIN_STRENGTH, confirm_own_pin, reset_forgotten_pin
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.settings.appearance_tab import AppearanceTab
from ceocto_desktop.ui.settings.encryption_panel import EncryptionPanel
from ceocto_desktop.ui.settings.sync_panel import SyncPanel
from ceocto_desktop.ui.tray import RemindersTab
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named, secret_field

OK_STYLE = "color: #2e7d32;"


class GeneralTab(QWidget):
    """The week's first day, and where the journal file is."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("generalTab")
        self.context = context
        self.week_start = named("weekStartSetting", QComboBox())
        self.week_start.addItems(list(WEEKDAYS))
        self.week_start.setCurrentIndex(context.read(week_start_day))
        self.week_start.setToolTip("The day each weekly check-in begins")
        self.week_start.currentIndexChanged.connect(self._week_start_chosen)
        self.message = named("generalMessage", QLabel())
        self.message.setWordWrap(True)
        where = named("journalLocation", QLabel(str(context.journal.path)))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        self.company = named("companySetting", QLineEdit(context.read(company_name)))
        self.company.setPlaceholderText("Shown on the board brief")
        self.company.setMaxLength(COMPANY_MAX)
        self.company.editingFinished.connect(self._company_edited)
        form = QFormLayout(self)
        form.addRow("Company", self.company)
        form.addRow("Weeks start on", self.week_start)
        form.addRow("", self.message)
        form.addRow("Journal file", where)

    def _company_edited(self) -> None:
        wanted = self.company.text()
        if " ".join(wanted.split()) == self.context.read(company_name):
            return
        try:
            kept = self.context.write(lambda s: set_company_name(s, wanted), Changed.BOARD)
        except (ValidationError, WriteFailed) as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(str(exc))
            return
        self.company.setText(str(kept))
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(f"The board brief now names {kept}." if kept else "No company name.")

    def _week_start_chosen(self, index: int) -> None:
        try:
            self.context.write(lambda s: set_week_start_day(s, index), Changed.CHECKINS)
        except (ValidationError, WriteFailed) as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(str(exc))
            self.week_start.blockSignals(True)
            self.week_start.setCurrentIndex(self.context.read(week_start_day))
            self.week_start.blockSignals(False)
            return
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(f"Check-in weeks now start on {WEEKDAYS[index]}.")


class PartnerPinBox(QGroupBox):
    """One partner's PIN: set it, or (with the current PIN) change or remove it."""

    def __init__(
        self,
        context: JournalContext,
        seat: Seat,
        throttle: PinThrottle,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName(f"pinBox{seat.value}")
        self.context = context
        self.seat = seat
        self.throttle = throttle
        self.state = named(f"pinState{seat.value}", QLabel())
        self.old = secret_field(f"oldPin{seat.value}", "Current PIN")
        self.new = secret_field(f"newPin{seat.value}", "New PIN (at least 4 characters)")
        self.repeat = secret_field(f"repeatPin{seat.value}", "New PIN again")
        self.save = named(f"savePin{seat.value}", QPushButton())
        self.save.clicked.connect(self.save_pin)
        self.remove = named(f"removePin{seat.value}", QPushButton("Remove PIN"))
        self.remove.clicked.connect(self.remove_pin)
        self.forgot = named(f"forgotPin{seat.value}", QPushButton("Forgot PIN?"))
        self.forgot.clicked.connect(self.reset_pin)
        self.message = named(f"pinMessage{seat.value}", QLabel())
        self.message.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.addRow(self.state)
        self.form.addRow("Current PIN", self.old)
        self.form.addRow("New PIN", self.new)
        self.form.addRow("New PIN again", self.repeat)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot)
        buttons.addStretch()
        buttons.addWidget(self.remove)
        buttons.addWidget(self.save)
        self.form.addRow(buttons)
        self.form.addRow(self.message)
        self.show_state()

    def show_state(self) -> None:
        name = first_name(self.context, self.seat)
        has = self.has_pin = self.context.read(lambda s: pins.has_pin(s, self.seat))
        self.setTitle(f"{name}'s PIN")
        self.state.setText(
            f"{name} has a PIN: it is asked before writing as {name} while {name} has "
            "unrevealed answers or drafts."
            if has
            else f"{name} has no PIN: anyone at this laptop can write as {name}."
        )
        # Only the seat's own partner sets or changes its PIN (services.pins refuses too).
        own = self.context.author is self.seat
        if not own:
            self.state.setText(
                f"{self.state.text()} Only {name} sets or changes it, writing as {name}."
            )
        for widget in (self.new, self.repeat, self.save):
            widget.setEnabled(own)
        self.state.setWordWrap(True)
        self.form.setRowVisible(self.old, has)
        self.remove.setVisible(has)
        self.forgot.setVisible(has)
        self.save.setText("Change PIN" if has else "Set PIN")
        for field in (self.old, self.new, self.repeat):
            field.clear()

    def _say(self, text: str, *, failed: bool) -> None:
        self.message.setStyleSheet(ERROR_STYLE if failed else OK_STYLE)
        self.message.setText(text)

    def _waiting(self) -> bool:
        left = self.throttle.wait_left(self.seat)
        if left:
            self._say(wait_message(left), failed=True)
        return bool(left)

    def _write(self, work: Callable[[Session], object], done: str) -> None:
        try:
            self.context.write(work, Changed.PINS)
        except ValidationError as exc:
            if exc.field == "old_pin":
                self.throttle.wrong(self.seat)
                self.old.clear()
            self._say(exc.message, failed=True)
            return
        except WriteFailed as exc:
            self._say(str(exc), failed=True)
            return
        self.throttle.right(self.seat)
        self.show_state()
        self._say(done, failed=False)

    def save_pin(self) -> None:
        """Set or change the PIN from the fields."""
        if self._waiting():
            return
        new, repeat, old = self.new.text(), self.repeat.text(), self.old.text()
        if new != repeat:
            self._say("The two new PINs differ; type the same PIN twice.", failed=True)
            return
        had = self.has_pin
        if not had and not confirm_own_pin(self.context, self.seat, self):
            return
        author = self.context.author
        self._write(
            lambda s: pins.set_pin(s, self.seat, new, old_pin=old, by=author),
            "PIN changed." if had else "PIN set.",
        )

    def remove_pin(self) -> None:
        """Remove the PIN, given the current one."""
        if self._waiting():
            return
        old = self.old.text()
        self._write(lambda s: pins.remove_pin(s, self.seat, old), "PIN removed.")

    def reset_pin(self) -> None:
        """A forgotten PIN: reset by both partners together, or with the passphrase."""
        if reset_forgotten_pin(self.context, self.seat, self.throttle, self):
            name = first_name(self.context, self.seat)
            self.show_state()
            self._say(f"PIN reset: {name} can set a new one, writing as {name}.", failed=False)


class PrivacyTab(QWidget):
    """Each partner's optional PIN, and what a PIN does and does not do."""

    def __init__(
        self, context: JournalContext, throttle: PinThrottle, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("privacyTab")
        intro = QLabel(
            "Sharing one laptop? A PIN keeps a partner's unrevealed check-in answers and "
            "drafts from whoever else uses it: the PIN is asked when switching “Writing as” "
            "to that partner while they have such words. A PIN is not encryption; it does "
            "not protect the journal file itself."
        )
        strength = named("pinStrength", QLabel(PIN_STRENGTH))
        strength.setWordWrap(True)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(strength)
        self.boxes = {seat: PartnerPinBox(context, seat, throttle) for seat in Seat}
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addStretch()


class SettingsDialog(QDialog):
    """The settings as tabs; add_tab() lets other parts (encryption) bring their own."""

    def __init__(
        self,
        context: JournalContext,
        parent: QWidget | None = None,
        throttle: PinThrottle | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.context = context
        gate = getattr(parent, "pin_gate", None)
        # The window's own counter of wrong PINs: the tab is no way around the wait.
        throttle = throttle or (gate.throttle if gate is not None else PinThrottle(context))
        self.tabs = named("settingsTabs", QTabWidget())
        self.general = GeneralTab(context)
        self.privacy = PrivacyTab(context, throttle)
        self.add_tab(self.general, "General")
        # Two PIN boxes and what a PIN is worth outgrow a small screen: the tab scrolls.
        privacy = QScrollArea()
        privacy.setWidgetResizable(True)
        privacy.setFrameShape(QScrollArea.Shape.NoFrame)
        privacy.setWidget(self.privacy)
        self.add_tab(privacy, "Privacy")
        self.appearance = AppearanceTab()
        self.add_tab(self.appearance, "Appearance")
        self.encryption = EncryptionPanel(context)
        self.add_tab(self.encryption, "Encryption")
        self.sync = SyncPanel(context)
        self.add_tab(self.sync, "Sync")
        self.reminders = RemindersTab(getattr(parent, "settings", None) or QSettings())
        self.add_tab(self.reminders, "Reminders")
        sync_now = getattr(parent, "sync_now", None)
        if sync_now is not None:
            self.sync.syncRequested.connect(sync_now)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(600, 600)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (e.g. Encryption) after those already there; returns its index."""
        return self.tabs.addTab(widget, title)
