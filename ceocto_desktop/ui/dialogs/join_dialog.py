"""File › Join our journal…: the second laptop builds its journal from the pair's sync folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.paths import default_journal_path
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.store import JournalError
from ceocto_desktop.sync.service import SyncError, join_journal, read_description
from ceocto_desktop.ui.widgets.basic import named, primary, secret_field


def suggested_path(default: Path | None = None) -> Path:
    """The platform's journal if none is there yet, else a new file name beside it."""
    path = default or default_journal_path()
    number = 2
    while path.exists():
        path = path.with_name(f"{path.stem.split('-joined')[0]}-joined-{number}{path.suffix}")
        number += 1
    return path


class _JoinTask(QThread):
    """join_journal off the GUI thread; done carries '' or the one-line reason it failed."""

    done = Signal(str)

    def __init__(self, work: Callable[[], object], parent: QWidget) -> None:
        super().__init__(parent)
        self._work = work

    def run(self) -> None:
        try:
            self._work()
        except ValidationError as exc:
            self.done.emit(exc.message)
        except (SyncError, JournalError) as exc:
            self.done.emit(str(exc))
        except OSError as exc:
            self.done.emit(f"Could not write the journal: {exc.strerror or exc}.")
        else:
            self.done.emit("")


class JoinDialog(QDialog):
    """Asks the folder, the partner, the pairing code and the new file; joins off-thread."""

    def __init__(self, parent: QWidget | None = None, default: Path | None = None):
        super().__init__(parent)
        self.setObjectName("joinDialog")
        self.setWindowTitle("Join our journal")
        self.setMinimumWidth(620)  # a folder and a file path read whole
        self.joined: Path | None = None
        self._task: _JoinTask | None = None
        self.folder = named("joinFolder", QLineEdit())
        self.folder.setPlaceholderText("The sync folder the first laptop set up")
        self.folder.editingFinished.connect(self._read_folder)
        self.seat = named("joinSeat", QComboBox())
        self._set_seats(["A", "B"])
        self.code = secret_field("joinCode", "The code written down when sync was set up")
        self.path = named("joinPath", QLineEdit(str(suggested_path(default))))
        self.message = named("joinMessage", QLabel())
        self.message.setWordWrap(True)
        self.busy = named("joinBusy", QProgressBar())
        self.busy.setRange(0, 0)  # busy: how long a join takes is not known ahead
        self.busy.hide()
        form = QFormLayout()
        form.addRow(
            "Sync &folder:", self._with_button(self.folder, "joinFolderButton", self._pick_folder)
        )
        form.addRow("This laptop is &partner:", self.seat)
        form.addRow("Pairing &code:", self.code)
        form.addRow(
            "Keep the &new journal in:",
            self._with_button(self.path, "joinPathButton", self._pick_path),
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.join_button = primary(named("joinButton", QPushButton("&Join")))
        buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.start_join)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)

    def _with_button(self, edit: QLineEdit, name: str, pick: Callable[[], None]) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit)
        button = named(name, QPushButton("Choose…"))
        button.clicked.connect(pick)
        box.addWidget(button)
        return row

    def _set_seats(self, seats: list[str]) -> None:
        current = self.seat.currentData()
        self.seat.clear()
        for seat in seats:
            self.seat.addItem(f"Partner {seat}", seat)
        if current in seats:
            self.seat.setCurrentIndex(seats.index(current))

    def _pick_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "The pair's sync folder", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)
            self._read_folder()

    def _pick_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Keep the new journal in", self.path.text(), "ceocto journals (*.db)"
        )
        if chosen:
            self.path.setText(chosen)

    def _read_folder(self) -> None:
        """The folder's description says which seats the pair has (it holds no names)."""
        if not self.folder.text().strip():
            return
        try:
            description = read_description(Path(self.folder.text().strip()).expanduser())
        except SyncError as exc:
            self.message.setText(str(exc))
            return
        self.message.clear()
        seats = [s for s in description.get("partners", []) if s in ("A", "B")]
        self._set_seats(seats or ["A", "B"])

    def _refusal(self, folder: str, path: Path) -> str:
        if not folder:
            return "Choose the sync folder the first laptop set up."
        if not self.code.text().strip():
            return "Type the pairing code written down when sync was set up."
        if not self.path.text().strip():
            return "Choose where to keep the new journal."
        if path.exists() and path.stat().st_size > 0:
            return f"{path} already exists; nothing was changed. Choose a new file name."
        return ""

    def start_join(self) -> None:
        """Join: checks the fields here, the folder and the code in the worker, then closes."""
        folder = self.folder.text().strip()
        path = Path(self.path.text().strip()).expanduser()
        refusal = self._refusal(folder, path)
        if refusal:
            self.message.setText(refusal)
            return
        self.message.setText("Joining… (the whole journal is built from the folder's changes)")
        self.busy.show()
        self.join_button.setEnabled(False)
        seat, code = str(self.seat.currentData()), self.code.text().strip()
        own = path.parent == default_journal_path().parent  # the app's folder: made if missing
        self._task = _JoinTask(
            lambda: join_journal(path, Path(folder).expanduser(), seat, code, make_folder=own),
            self,
        )
        self._task.done.connect(lambda failure: self._finished(path, failure))
        self._task.start()

    def _finished(self, path: Path, failure: str) -> None:
        if self._task is not None:
            self._task.wait()
            self._task = None
        self.busy.hide()
        self.join_button.setEnabled(True)
        if failure:
            self.message.setText(failure)
            return
        self.joined = path
        self.accept()

    def reject(self) -> None:
        if self._task is None:  # a join under way finishes; closing mid-way would leave half
            super().reject()
