"""Closing with words the journal refused: try again, keep a copy in a file, or discard."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ceocto_desktop.analytics.formats import moment_text
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.save_state import short_reason


def unsaved_copy(context: JournalContext) -> str:
    """The pending words of every field, as the text of a file a person keeps."""
    head = (
        f"Text not saved in the ceocto journal {context.journal.path}\n"
        f"Copied {moment_text(datetime.now())}\n"
    )
    return "\n\n".join([head, *context.save_state.unsaved_texts()]) + "\n"


def save_copy(parent: QWidget, context: JournalContext) -> bool:
    """Ask where, and write the pending words there; False if cancelled or refused."""
    suggested = Path.home() / f"ceocto-unsaved-{datetime.now():%Y%m%d-%H%M}.txt"
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save a copy of the text", str(suggested), "Text files (*.txt)"
    )
    if not chosen:
        return False
    try:
        Path(chosen).write_text(unsaved_copy(context), encoding="utf-8")
    except OSError as exc:
        QMessageBox.warning(parent, "ceocto", f"Could not write {chosen}: {exc.strerror}.")
        return False
    return True


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def confirm_close(parent: QWidget, context: JournalContext) -> bool:
    """Whether the window may close: True when nothing is pending or the person chose."""
    state = context.save_state
    while state.pending:
        box = QMessageBox(parent)
        box.setObjectName("unsavedDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Not saved")
        box.setText("<b>Some of what you wrote is not saved in the journal.</b>")
        reasons = "\n".join(_sentence(short_reason(reason)) for reason in state.failures())
        box.setInformativeText(
            f"{reasons}\n\nTry again, keep a copy of the text in a file of your choice, "
            "or discard it."
        )
        retry = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton("Save a copy of the text…", QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is retry:
            state.retry_all()
        elif clicked is copy:
            if save_copy(parent, context):
                state.discard_all()
                return True
        elif clicked is discard:
            state.discard_all()
            return True
        else:
            return False
    return True
