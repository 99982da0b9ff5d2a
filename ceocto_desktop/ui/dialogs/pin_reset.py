"""A forgotten PIN, reset by both partners together or with the journal's passphrase; and
the question a partner answers before setting their first PIN."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.store import driver
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.dialogs.pin_gate import PinThrottle, SeatPinDialog, wait_message
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, named, secret_field

# Said wherever a PIN is chosen: what a short PIN is worth against a copied file.
PIN_STRENGTH = (
    "A PIN only guards the “Writing as” switch of this window. Anyone with a copy of the "
    "journal file can try every 4-digit PIN in minutes on their own computer; a longer PIN "
    "of letters and digits takes far longer. To protect the file itself, encrypt it "
    "(Settings › Encryption)."
)


def confirm_own_pin(context: JournalContext, seat: Seat, parent: QWidget | None) -> bool:
    """Before a seat's first PIN: whoever is at the keyboard says they are that partner."""
    name = context.partner_label(seat)
    first = first_name(context, seat)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Set a PIN",
        f"Are you {name}?",
        parent=parent,
    )
    box.setObjectName("confirmOwnPin")
    box.setInformativeText(
        f"Only {first} sets {first}'s PIN: it keeps {first}'s drafts and unrevealed "
        f"answers from anyone else at this laptop. A PIN set by someone else would lock "
        f"{first} out of their own words."
    )
    yes = box.addButton(f"I am {first}", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


class ResetPinDialog(SeatPinDialog):
    """Reset a forgotten PIN: together (the other's PIN if they have one) or by passphrase."""

    object_name = "resetPinDialog"

    def __init__(
        self,
        context: JournalContext,
        seat: Seat,
        throttle: PinThrottle,
        parent: QWidget | None = None,
    ):
        super().__init__(context, seat, throttle, parent)
        name, other = first_name(context, seat), first_name(context, seat.other)
        other_has_pin = context.read(lambda s: pins.has_pin(s, seat.other))
        encrypted = not driver.has_sqlite_header(context.journal.path)
        self.setWindowTitle(f"Reset {name}'s PIN")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Forgot {name}'s PIN? Reset it with {other}, together at this laptop"
            + (f": {other} types {other}'s PIN." if other_has_pin else ".")
            + (" Or give the journal's passphrase." if encrypted else "")
            + f" {name}'s words stay as they are; {name} can then set a new PIN."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.other_pin = secret_field("otherPinField", f"{other}'s PIN")
        self.other_pin.setVisible(other_has_pin)
        layout.addWidget(self.other_pin)
        self.both_here = named(
            "bothHereBox", QCheckBox(f"{name} and {other} are both here, and {name} asks for this")
        )
        layout.addWidget(self.both_here)
        self.together = named("resetTogether", QPushButton(f"Reset with {other}"))
        self.together.clicked.connect(self.reset_together)
        layout.addWidget(self.together)
        self.passphrase = secret_field("resetPassphraseField", "The journal's passphrase")
        self.with_passphrase = named(
            "resetWithPassphrase", QPushButton("Reset with the passphrase")
        )
        self.with_passphrase.clicked.connect(self.reset_with_passphrase)
        for widget in (self.passphrase, self.with_passphrase):
            widget.setVisible(encrypted)
            layout.addWidget(widget)
        self.message = named("resetPinMessage", QLabel())
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _reset(self, work: Callable[[Session], object], wrong_field: str) -> None:
        try:
            self.context.write(work, Changed.PINS)
        except ValidationError as exc:
            if exc.field == wrong_field == "other_pin":
                self.throttle.wrong(self.seat.other)
                self.other_pin.clear()
            if exc.field == "passphrase":
                self.passphrase.clear()
            self.message.setText(exc.message)
            return
        except WriteFailed as exc:
            self.message.setText(str(exc))
            return
        self.accept()

    def reset_together(self) -> None:
        """Both partners here: the other's PIN (if they have one) and the box ticked."""
        other_pin, both = self.other_pin.text(), self.both_here.isChecked()
        now = self.throttle.clock()
        left = self.throttle.wait_left(self.seat.other)
        if left:
            self.message.setText(wait_message(left))
            return
        self._reset(
            lambda s: pins.reset_pin_together(s, self.seat, other_pin, both_here=both, now=now),
            "other_pin",
        )

    def reset_with_passphrase(self) -> None:
        """The journal's passphrase proves the right to every seat's words."""
        typed = self.passphrase.text()
        path = self.context.journal.path
        self._reset(
            lambda s: pins.reset_pin_with_passphrase(s, self.seat, path, typed), "passphrase"
        )


def reset_forgotten_pin(
    context: JournalContext, seat: Seat, throttle: PinThrottle, parent: QWidget | None
) -> bool:
    """Offer the reset; True when seat's PIN was removed."""
    return ResetPinDialog(context, seat, throttle, parent).exec() == QDialog.DialogCode.Accepted
