"""File › Import…: a jrnl or Day One file, previewed before anything is written."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.formats import optional_day
from ceocto_desktop.models import Seat
from ceocto_desktop.services.inout.import_entries import (
    SOURCES,
    ImportFileError,
    ImportPreview,
    ImportResult,
    apply_import,
    read_import,
)
from ceocto_desktop.store import JournalError, make_backup
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.workers import run_with_progress

FILTERS = {
    "jrnl": "jrnl export or journal (*.json *.txt);;All files (*)",
    "dayone": "Day One export (*.zip *.json);;All files (*)",
}


def _named(name: str, widget: QWidget) -> QWidget:
    widget.setObjectName(name)
    return widget


class ImportDialog(QDialog):
    """Choose a file and whose notes its entries become; see what it holds; then import."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import")
        self.setMinimumWidth(560)
        self.context = context
        self.preview: ImportPreview | None = None
        self.imported: ImportResult | None = None

        self.source = QComboBox()
        self.source.setObjectName("importSource")
        for key, label in SOURCES.items():
            self.source.addItem(label, key)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText("a jrnl .json or .txt, a Day One .zip or .json")
        self.path_edit.returnPressed.connect(self.load_typed_path)
        choose = QPushButton("Choose…")
        choose.setObjectName("importChoose")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(choose)
        self.author = QComboBox()
        self.author.setObjectName("importAuthor")
        for seat in (Seat.A, Seat.B):
            self.author.addItem(context.partner_label(seat), seat)
        self.author.setCurrentIndex(0 if context.author is Seat.A else 1)

        self.summary = QLabel("Choose a file to see what it holds.")
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.problem = QLabel("")
        self.problem.setObjectName("importProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.hide()

        form = QFormLayout()
        form.addRow("From", self.source)
        form.addRow("File", file_row)
        form.addRow("As notes of", self.author)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.source.currentIndexChanged.connect(lambda _i: self.load_typed_path())

    # Choosing ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import", str(Path.home()), FILTERS[self.source.currentData()]
        )
        if name:
            self.load(Path(name))

    def load_typed_path(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.load(Path(text).expanduser())

    def load(self, path: Path) -> None:
        """Read the file off the GUI thread and show what it holds (nothing is written)."""
        if self.path_edit.text() != str(path):
            self.path_edit.setText(str(path))
        # A zip is Day One's, a text file jrnl's: no need to pick the source first.
        implied = {".zip": "dayone", ".txt": "jrnl"}.get(path.suffix.lower())
        if implied is not None and self.source.currentData() != implied:
            self.source.setCurrentIndex(self.source.findData(implied))
            return  # changing the source reads the file again
        source = str(self.source.currentData())

        def read(progress: Callable[[str, float], None]) -> ImportPreview:
            progress("reading the file", 0.1)
            try:
                return read_import(path, source)
            except ImportFileError as exc:
                raise JournalError(str(exc)) from None

        ok, found = run_with_progress(self, "Reading the file…", read)
        if not ok:
            self._show_problem(f"{found} Nothing will be imported.")
            return
        self.preview = found
        self.problem.hide()
        self.summary.setText(describe_preview(found))
        self.import_button.setEnabled(bool(found.entries))

    def _show_problem(self, message: str) -> None:
        self.preview = None
        self.import_button.setEnabled(False)
        self.summary.setText("")
        self.problem.setText(message)
        self.problem.show()

    # Importing -----------------------------------------------------------------------------
    def run_import(self) -> None:
        """Back the journal up, then write every entry in one transaction, with progress."""
        preview = self.preview
        if preview is None:
            return
        seat = Seat(self.author.currentData())
        journal = self.context.journal

        def work(progress: Callable[[str, float], None]) -> ImportResult:
            progress("backing the journal up", 0.02)
            make_backup(journal.path, "before-import")
            with journal.transaction() as session:
                return apply_import(
                    session,
                    preview,
                    seat,
                    lambda done, total: progress(
                        f"{done:,} of {total:,}", 0.05 + 0.9 * done / total
                    ),
                )

        ok, outcome = run_with_progress(self, "Importing…", work)
        if not ok:
            self._show_problem(f"{outcome} Nothing was imported.")
            return
        self.imported = outcome
        self.context.notice_outside_changes()  # pages reload what the import added
        self.context.notice.emit(describe_result(outcome))
        self.accept()


def describe_preview(preview: ImportPreview) -> str:
    """What the preview shows: file, how many entries, their dates, tags, photos."""
    count = len(preview.entries)
    if not count:
        return f"{preview.path.name} ({preview.kind}) holds no entries."
    tags = preview.tags
    shown = ", ".join(f"{html.escape(name)} ({n})" for name, n in tags[:12])
    more = f" and {len(tags) - 12} more" if len(tags) > 12 else ""
    lines = [
        f"<b>{html.escape(preview.path.name)}</b> ({preview.kind})",
        f"{count:,} {'entry' if count == 1 else 'entries'}, "
        f"{optional_day(preview.first_day)} to {optional_day(preview.last_day)}",
        f"Tags: {shown}{more}" if tags else "No tags",
    ]
    if preview.media_left_out:
        lines.append(f"{preview.media_left_out} photos and attachments will be left out")
    return "<br>".join(lines)


def describe_result(result: ImportResult) -> str:
    """The status bar's line after an import."""
    already = f"; {result.already_there} were there already" if result.already_there else ""
    return f"Imported {result.added} {'note' if result.added == 1 else 'notes'}{already}"
