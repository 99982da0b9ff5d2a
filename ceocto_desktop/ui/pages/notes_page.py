"""Journal notes: newest first, a Markdown editor with its preview, tags, pins and links."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import moment_text
from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.page_data import note_link_titles, save_note
from ceocto_desktop.services.records import notes
from ceocto_desktop.services.records.note_rows import NoteFilter
from ceocto_desktop.services.records.notes import NOTE_MAX
from ceocto_desktop.services.records.notes_journal import (
    count_journal_entries,
    journal_entries,
    note_for_window,
    note_heading,
)
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.pages.notes_journal import JournalDelegate
from ceocto_desktop.ui.pages.record_page import RecordPage
from ceocto_desktop.ui.panes.detail_pane import DetailPane
from ceocto_desktop.ui.panes.forms import RecordForm
from ceocto_desktop.ui.panes.goal_links import GoalLinks
from ceocto_desktop.ui.widgets.basic import choice_filter, named
from ceocto_desktop.ui.widgets.table_model import Column, LazyTableModel


class TagCompleter(QCompleter):
    """Completes the last tag of a line like "#board #inv" against the tags in use."""

    def splitPath(self, path: str) -> list[str]:
        words = path.replace(",", " ").split(" ")
        return [words[-1].lstrip("#")] if words else [""]

    def pathFromIndex(self, index: Any) -> str:
        widget = self.widget()
        current = widget.text() if isinstance(widget, QLineEdit) else ""
        head, _, _ = current.rpartition(" ")
        return f"{head} #{index.data()}".strip() + " "


class NoteDetail(DetailPane):
    table = "notes"
    first_field = "body"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.form = RecordForm(context, Changed.NOTES, "note", save_note)
        body = QPlainTextEdit()
        body.setPlaceholderText("Write in Markdown: **bold**, *italic*, - lists, # headings")
        body.setMinimumHeight(280)
        body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.body = body
        self.form.add("body", "", body)
        tags = QLineEdit()
        tags.setPlaceholderText("#board #hiring")
        self.tag_model = QStringListModel()
        completer = TagCompleter(self.tag_model, tags)
        tags.setCompleter(completer)
        self.form.add("tags", "Tags", tags)
        self.form.add("pinned", "", QCheckBox("Pinned (stays at hand in the filter)"))
        # Preview on demand, in the editor's place: writing gets the whole pane.
        self.preview = named("notePreview", QTextBrowser())
        self.preview.setOpenExternalLinks(False)
        self.preview.setMinimumHeight(280)
        self.preview.hide()
        box = body.parentWidget()  # the field's box: editor, then its error
        holder = box.layout() if box is not None else None
        assert isinstance(holder, QVBoxLayout)
        holder.insertWidget(1, self.preview)
        self.preview_toggle = named("notePreviewToggle", QPushButton("Preview"))
        self.preview_toggle.setCheckable(True)
        self.preview_toggle.setToolTip("Show the note rendered, or back to writing (Ctrl+Shift+P)")
        self.preview_toggle.toggled.connect(self.set_previewing)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+P"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setWhatsThis("Preview the note, or back to writing")
        shortcut.activated.connect(self.preview_toggle.toggle)
        self.too_long = named("noteTooLong", QLabel())
        self.too_long.setWordWrap(True)
        self.too_long.hide()
        self.meta = named("noteMeta", QLabel())
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        head = QWidget()
        head_row = QHBoxLayout(head)
        head_row.setContentsMargins(0, 0, 0, 0)
        head_row.addWidget(self.meta, 1)
        head_row.addWidget(self.preview_toggle)
        self.links = {
            kind: GoalLinks(
                context,
                "note",
                Changed.NOTES,
                partial(_link, kind=kind),
                partial(_unlink, kind=kind),
                kind=kind,
            )
            for kind in ("goals", "obstacles", "decisions")
        }
        self.lay_out(
            "Select a note, or press Ctrl+N to write one.",
            (head, self.too_long, self.form, *self.links.values()),
        )

    def set_previewing(self, on: bool) -> None:
        """Show the note rendered in the editor's place, or the editor again."""
        if on:
            self.form.flush()
            self.preview.setMarkdown(self.body.toPlainText())
        self.preview.setVisible(on)
        self.body.setVisible(not on)
        self.preview_toggle.setText("Edit" if on else "Preview")
        (self.preview if on else self.body).setFocus()

    def show_record(self, record_id: str | None) -> None:
        shown = self.fetch(record_id, note_for_window)
        if shown is None:
            return
        view = shown.view
        # A note longer than a note may be (an older version let it in) shows its start,
        # read-only: an edit would save the cut text over the whole.
        self.body.setReadOnly(shown.oversized)
        self.too_long.setVisible(shown.oversized)
        if shown.oversized:
            self.too_long.setText(
                f"This note has {shown.length:,} characters, more than the {NOTE_MAX:,} a "
                f"note may hold; its first {len(view.body):,} are shown, read-only. Copy what "
                "you need into new notes; the whole text stays in the journal until you "
                "delete the note."
            )
        self.tag_model.setStringList([t for t, _ in self.context.read(notes.all_tags)])
        self.form.load(
            view.id,
            {
                "body": view.body,
                "tags": " ".join(f"#{tag}" for tag in view.tags),
                "pinned": view.pinned,
            },
        )
        self.preview_toggle.setChecked(False)
        self.preview.clear()  # rendered when asked for (Preview), not for every note shown
        when = view.created_at.astimezone()
        self.meta.setText(f"{first_name(self.context, view.author)}, {when:%A} {moment_text(when)}")
        titles = self.context.read(lambda s: note_link_titles(s, view))
        for kind, box in self.links.items():
            ids = getattr(view, f"{kind[:-1]}_ids")
            box.show_links(view.id, ids, titles[kind])


def _link(session: Session, note_id: str, target_id: str, kind: str) -> Any:
    return notes.link_note(session, note_id, kind, target_id)


def _unlink(session: Session, note_id: str, target_id: str, kind: str) -> Any:
    return notes.unlink_note(session, note_id, kind, target_id)


class NotesPage(RecordPage):
    title = "Notes"
    kind = "notes"
    depends_on = Changed.NOTES
    noun = "note"
    changes = Changed.NOTES
    record_class = Note
    detail: NoteDetail
    empty_words = (
        "No notes yet",
        "A journal entry for anything worth keeping: Markdown, #tags, and links to the "
        "goals, obstacles and decisions it is about.",
        "Write the first note",
    )

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.style_journal()

    def make_filters(self) -> list[QWidget]:
        self.tag_filter = choice_filter("noteTagFilter", "Any tag", [])
        self.pinned_filter = named("notePinnedFilter", QCheckBox("Pinned"))
        self.tag_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.pinned_filter.toggled.connect(lambda _on: self.reload())
        return [self.tag_filter, self.pinned_filter]

    def reload(self) -> None:
        self.refresh_tags()
        super().reload()

    def refresh_tags(self) -> None:
        """The tags in use, with their counts; the chosen one stays chosen."""
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", None)
        for tag, count in self.context.read(notes.all_tags):
            self.tag_filter.addItem(f"#{tag} ({count})", tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(chosen)))
        self.tag_filter.blockSignals(False)

    def where(self) -> NoteFilter:
        return NoteFilter(
            tag=self.tag_filter.currentData() or "",
            pinned_only=self.pinned_filter.isChecked(),
            text=self.filter_text(),
        )

    def make_model(self) -> LazyTableModel:
        # One column: the delegate draws each entry whole (day header, Markdown, tags).
        columns = [Column("Note", "created_at", lambda r: r.first_line)]
        self.delegate = JournalDelegate(lambda row: self.model.row_at(row), self)
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: journal_entries(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_journal_entries(s, self.where())),
            self,
        )

    def initial_sort(self) -> tuple[int, bool]:
        return 0, True

    def style_journal(self) -> None:
        """A list of entries under day headers rather than a grid (newest first, always)."""
        self.filter_box.setPlaceholderText("Filter notes: words or #tag (Ctrl+F)")
        table = self.table
        table.setSortingEnabled(False)
        table.horizontalHeader().hide()
        table.setShowGrid(False)
        table.setAlternatingRowColors(False)
        table.setItemDelegate(self.delegate)
        quiet = table.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            quiet.setColor(group, QPalette.ColorRole.Highlight, Qt.GlobalColor.transparent)
        table.setPalette(quiet)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setMouseTracking(True)
        table.setFrameShape(QFrame.Shape.NoFrame)
        table.viewport().installEventFilter(self)
        self._resize_timer = QTimer(self, singleShot=True, interval=60)
        self._resize_timer.timeout.connect(lambda: self.size_rows(0))
        self.model.modelReset.connect(self._reset)
        self.model.rowsInserted.connect(lambda _parent, first, _last: self.size_rows(first))
        self.size_rows(0)

    def _reset(self) -> None:
        self.delegate.forget()
        self.size_rows(0)

    def size_rows(self, first: int) -> None:
        """Each entry as tall as it draws (its day header, its text, its tags)."""
        width = self.table.viewport().width()
        # The day header depends on the entry before: re-measure from the one before.
        for row in range(max(0, first - 1), self.model.rowCount()):
            height = self.delegate.row_height(self.model.index(row, 0), width)
            if self.table.rowHeight(row) != height:
                self.table.setRowHeight(row, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            # At once for a page or two of entries (no stale heights are ever painted);
            # after a pause for more, so dragging the splitter stays smooth.
            if self.model.rowCount() <= 2 * LazyTableModel.PAGE:
                self.size_rows(0)
            else:
                self._resize_timer.start()
        return super().eventFilter(watched, event)

    @property
    def author_names(self) -> dict[Seat, str]:
        return {seat: first_name(self.context, seat) for seat in Seat}

    def make_detail(self) -> NoteDetail:
        return NoteDetail(self.context)

    def create_new(self, session: Session, author: Seat) -> Any:
        return notes.create_note(session, author, "New note")

    def title_of(self, session: Session, record_id: str) -> str:
        return note_heading(session, record_id)[:40]
