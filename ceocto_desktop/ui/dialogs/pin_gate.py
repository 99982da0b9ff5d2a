"""Asking a partner's PIN before the window writes as them while they hold private words."""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named, secret_field


def wait_message(left: int) -> str:
    """What a partner reads while three wrong PINs make them wait."""
    return f"Three wrong PINs. Wait {left} seconds, then try again."


class PinThrottle:
    """Wrong tries per partner, kept in the journal: after three, a wait before the next.

    The count lives in the journal (services.pins), so a new window or process waits too.
    Where the journal cannot take the write (read-only), this window still counts.
    """

    def __init__(self, context: JournalContext, clock: Callable[[], float] = time.time):
        self.context = context
        self.clock = clock
        self._wrong: dict[Seat, int] = {}
        self._until: dict[Seat, float] = {}

    def wait_left(self, seat: Seat) -> int:
        """Whole seconds left before seat's PIN may be tried again (0: now)."""
        now = self.clock()
        kept = self.context.read(lambda s: pins.pin_wait_left(s, seat, now))
        here = min(self._until.get(seat, 0.0) - now, pins.WAIT_SECONDS)
        return max(kept, math.ceil(here), 0)

    def wrong(self, seat: Seat) -> None:
        now = self.clock()
        count = self._wrong.get(seat, 0) + 1
        if count >= pins.TRIES:
            self._until[seat] = now + pins.WAIT_SECONDS
            count = 0
        self._wrong[seat] = count
        with contextlib.suppress(WriteFailed):
            self.context.write(lambda s: pins.record_wrong_pin(s, seat, now), Changed.PINS)

    def right(self, seat: Seat) -> None:
        self._wrong.pop(seat, None)
        self._until.pop(seat, None)
        if not self.context.read(lambda s: pins.wrong_tries_kept(s, seat)):
            return  # nothing to clear: no write
        with contextlib.suppress(WriteFailed):
            self.context.write(lambda s: pins.record_right_pin(s, seat), Changed.PINS)


class SeatPinDialog(QDialog):
    """A dialog about one partner's PIN, its wrong tries counted by the window's throttle."""

    object_name = ""

    def __init__(
        self,
        context: JournalContext,
        seat: Seat,
        throttle: PinThrottle,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.context = context
        self.seat = seat
        self.throttle = throttle


class PinDialog(SeatPinDialog):
    """Asks one partner's PIN; accepted only when it is right."""

    object_name = "pinDialog"

    def __init__(
        self,
        context: JournalContext,
        seat: Seat,
        throttle: PinThrottle,
        parent: QWidget | None = None,
    ):
        super().__init__(context, seat, throttle, parent)
        name = first_name(context, seat)
        self.setWindowTitle(f"{name}'s PIN")
        intro = QLabel(
            f"{name} has private words here (unrevealed check-in answers or drafts). "
            f"Enter {name}'s PIN to write as {name}."
        )
        intro.setWordWrap(True)
        self.field = secret_field("pinField", "PIN")
        self.error = named("pinError", QLabel())
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_pin)
        self.buttons.rejected.connect(self.reject)
        forgot = self.buttons.addButton("Forgot PIN?", QDialogButtonBox.ButtonRole.ResetRole)
        forgot.setObjectName("forgotPinButton")
        forgot.clicked.connect(self.forgot)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)
        # While a wait runs, the field is off and a countdown says how long is left.
        self._tick = QTimer(self, interval=250)
        self._tick.timeout.connect(self._show_wait)
        self._show_wait()

    def _show_wait(self) -> None:
        left = self.throttle.wait_left(self.seat)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.field.setEnabled(left == 0)
        ok.setEnabled(left == 0)
        if left:
            self.error.setText(wait_message(left))
            self.error.show()
            if not self._tick.isActive():
                self._tick.start()
        elif self._tick.isActive():
            self._tick.stop()
            self.error.setText("You can try again now.")
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def forgot(self) -> None:
        """Reset the forgotten PIN (both partners, or the passphrase); then write as them."""
        from ceocto_desktop.ui.dialogs.pin_reset import reset_forgotten_pin  # it uses this module

        if reset_forgotten_pin(self.context, self.seat, self.throttle, self):
            self.accept()

    def try_pin(self) -> None:
        """Check what was typed: right accepts, wrong says so (and may start a wait)."""
        if self.throttle.wait_left(self.seat):
            self._show_wait()
            return
        pin = self.field.text()
        if self.context.read(lambda s: pins.check_pin(s, self.seat, pin)):
            self.throttle.right(self.seat)
            self.accept()
            return
        self.throttle.wrong(self.seat)
        self.field.clear()
        name = first_name(self.context, self.seat)
        self.error.setText(f"That is not {name}'s PIN; still writing as before.")
        self.error.show()
        self._show_wait()


class PinGate:
    """One window's gate on "Writing as": asks the PIN where one is needed."""

    def __init__(self, context: JournalContext, throttle: PinThrottle | None = None):
        self.context = context
        self.throttle = throttle or PinThrottle(context)

    def needed(self, seat: Seat) -> bool:
        return self.context.read(lambda s: pins.pin_needed(s, seat))

    def allow(self, seat: Seat, parent: QWidget | None) -> bool:
        """Whether the window may write as seat: no PIN needed, or the right one was given."""
        if seat == self.context.author or not self.needed(seat):
            return True
        dialog = PinDialog(self.context, seat, self.throttle, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted


def start_author(context: JournalContext, remembered: Seat, gate: PinGate) -> Seat | None:
    """Whom a new window writes as: the remembered partner unless their PIN is refused.

    Opening is a switch too: the remembered partner's private words must not show to
    whoever opens the window next. Cancelled, the window writes as the other partner
    (asking their PIN if they need one); None when neither PIN is given.
    """
    if not gate.needed(remembered):
        return remembered
    if PinDialog(context, remembered, gate.throttle).exec() == QDialog.DialogCode.Accepted:
        return remembered
    if not gate.needed(remembered.other):
        return remembered.other
    if PinDialog(context, remembered.other, gate.throttle).exec() == QDialog.DialogCode.Accepted:
        return remembered.other
    return None
