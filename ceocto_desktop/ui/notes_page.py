"""Journal notes: newest first, a Markdown editor with its preview, tags, pins and links."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.models import Note
from ceocto_desktop.services import notes
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.rows import NoteFilter, count_note_rows, note_rows
from ceocto_desktop.ui.commands import CreateCommand, DeleteCommand
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.detail_pane import DetailPane
from ceocto_desktop.ui.forms import RecordForm
from ceocto_desktop.ui.goal_links import GoalLinks
from ceocto_desktop.ui.goals_page import choice_filter
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.record_page import RecordPage
from ceocto_desktop.ui.table_model import Column, LazyTableModel
from ceocto_desktop.ui.widgets import named


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


def save_note(session: Session, note_id: str, values: dict[str, Any]) -> notes.NoteView:
    changes = dict(values)
    if "tags" in changes:
        changes["tags"] = notes.split_tags(changes["tags"])
    return notes.update_note(session, note_id, **changes)


class NoteDetail(DetailPane):
    first_field = "body"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.form = RecordForm(context, Changed.NOTES, "note", save_note)
        body = QPlainTextEdit()
        body.setPlaceholderText("Write in Markdown: **bold**, *italic*, - lists, # headings")
        body.setMinimumHeight(160)
        self.form.add("body", "Note", body)
        tags = QLineEdit()
        tags.setPlaceholderText("#board #hiring")
        self.tag_model = QStringListModel()
        completer = TagCompleter(self.tag_model, tags)
        tags.setCompleter(completer)
        self.form.add("tags", "Tags", tags)
        self.form.add("pinned", "", QCheckBox("Pinned (stays at hand in the filter)"))
        self.preview = named("notePreview", QTextBrowser())
        self.preview.setOpenExternalLinks(False)
        self.preview.setMinimumHeight(140)
        body.textChanged.connect(lambda: self.preview.setMarkdown(body.toPlainText()))
        self.meta = named("noteMeta", QLabel())
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
        preview_label = QLabel("Preview")
        self.lay_out(
            "Select a note, or press Ctrl+N to write one.",
            (self.meta, self.form, preview_label, self.preview, *self.links.values()),
        )

    def show_note(self, note_id: str | None) -> None:
        view = self.fetch(note_id, notes.get_note)
        if view is None:
            return
        self.tag_model.setStringList([t for t, _ in self.context.read(notes.all_tags)])
        self.form.load(
            view.id,
            {
                "body": view.body,
                "tags": " ".join(f"#{tag}" for tag in view.tags),
                "pinned": view.pinned,
            },
        )
        self.preview.setMarkdown(view.body)
        when = view.created_at.astimezone()
        self.meta.setText(f"{first_name(self.context, view.author)}, {when:%A %d %B %Y, %H:%M}")
        titles = self.context.read(lambda s: _link_titles(s, view))
        for kind, box in self.links.items():
            ids = getattr(view, f"{kind[:-1]}_ids")
            box.show_links(view.id, ids, titles[kind])


def _link(session: Session, note_id: str, target_id: str, kind: str) -> Any:
    return notes.link_note(session, note_id, kind, target_id)


def _unlink(session: Session, note_id: str, target_id: str, kind: str) -> Any:
    return notes.unlink_note(session, note_id, kind, target_id)


def _link_titles(session: Session, view: notes.NoteView) -> dict[str, tuple[str, ...]]:
    from ceocto_desktop.services import decisions, goals, obstacles

    return {
        "goals": tuple(goals.get_goal(session, i).title for i in view.goal_ids),
        "obstacles": tuple(obstacles.get_obstacle(session, i).title for i in view.obstacle_ids),
        "decisions": tuple(decisions.get_decision(session, i).title for i in view.decision_ids),
    }


class NotesPage(RecordPage):
    title = "Notes"
    kind = "notes"
    depends_on = Changed.NOTES
    noun = "note"

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
        columns = [
            Column(
                "Written", "created_at", lambda r: f"{r.created_at.astimezone():%Y-%m-%d %H:%M}"
            ),
            Column("By", "author", lambda r: first_name(self.context, r.author)),
            Column("★", "pinned", lambda r: "★" if r.pinned else ""),
            Column("Note", "first_line", lambda r: r.first_line),
            Column("Tags", "tags", lambda r: r.tags),
        ]
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: note_rows(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_note_rows(s, self.where())),
            self,
        )

    def initial_sort(self) -> tuple[int, bool]:
        return 0, True

    def column_widths(self) -> list[int]:
        return [120, 60, 26, 330, 140]

    def make_detail(self) -> QWidget:
        self.note_detail = NoteDetail(self.context)
        return self.note_detail

    def show_record(self, record_id: str | None) -> None:
        self.note_detail.show_note(record_id)

    def create_record(self) -> str | None:
        author = self.context.author
        command = CreateCommand(
            self.context,
            "new note",
            Changed.NOTES,
            Note,
            lambda s: notes.create_note(s, author, "New note"),
        )
        command.perform()
        return command.record_id

    def delete_record(self, record_id: str) -> str:
        first = self.context.read(lambda s: notes.get_note(s, record_id).body.splitlines()[0])
        DeleteCommand(self.context, "delete note", Changed.NOTES, Note, record_id).perform()
        return first[:40]

    def focus_detail(self) -> None:
        self.note_detail.focus_first()

    def flush_edits(self) -> None:
        if hasattr(self, "note_detail"):
            self.note_detail.form.flush()
