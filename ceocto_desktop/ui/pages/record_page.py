"""A page of records: filters over a lazily fetched table, and the selected record's detail."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.models import Base, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.page_data import has_records
from ceocto_desktop.ui.commands import CreateCommand, DeleteCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.panes.detail_pane import DetailPane
from ceocto_desktop.ui.widgets.basic import ERROR_STYLE, fit_current_text, named
from ceocto_desktop.ui.widgets.delegates import PAD, ChipDelegate, ElideDelegate, ProgressDelegate
from ceocto_desktop.ui.widgets.empty_state import CoverViewport, EmptyState
from ceocto_desktop.ui.widgets.table_model import LazyTableModel

ROW_HEIGHT = 30
FILTER_DELAY_MS = 250
DETAIL_WIDTH = 440  # the detail pane's width until a person drags it
DETAIL_MIN = 360
TITLE_MIN = 240  # the title column is never squeezed below this; other columns give way
MEASURED_ROWS = 100  # columns are sized to the first rows' text (all rows cost seconds)
WIDEST_COLUMN = 260  # a long value elides past this rather than push the title away
SORT_ARROW = 16
PROGRESS_BAR = 40


class RecordPage(JournalPage):
    """Subclasses give: kind, noun, model columns and queries, a detail pane, new/delete."""

    kind = ""  # the records this page shows, as links name them ("goals")
    noun = ""  # one record, for messages ("goal")
    # What the empty page says: a heading, what goes here, and the first action's button.
    empty_words = ("", "", "")
    depends_on = Changed.NOTHING  # what the page shows: its own records and what they link
    changes = Changed.NOTHING  # what creating or deleting one of its records changes
    record_class: type[Base]  # the model a new record is, and a deleted one was
    detail: DetailPane

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{self.kind}Page")
        self.context = context
        self.current_id: str | None = None
        # The detail first: filters and the model may reload (and so flush edits) as they are made.
        self.detail = self.make_detail()
        self._make_controls()
        filter_widgets = self.make_filters()
        self._filter_widgets = filter_widgets
        self.model = self.make_model()
        self.table = self._make_table()
        self.empty_state = EmptyState(self.kind)
        CoverViewport(self.empty_state, self.table.viewport())
        self._draw_columns()
        self.splitter = self._make_splitter(self._make_list_side(filter_widgets))
        settings = QSettings()
        self._detail_width = int(str(settings.value(self._setting("detailWidth"), DETAIL_WIDTH)))
        self._detail_collapsed = settings.value(self._setting("detailCollapsed"), False) in (
            True,
            "true",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.splitter)
        self._update_pane()
        # Once all is built: columns give way when the table narrows (never a sideways scroll
        # bar) and follow what they show; J/K walk the list; Down goes from the filter into it.
        self._measured: list[int] | None = None
        for watched in (self.table.viewport(), self.table, self.filter_box, self.splitter):
            watched.installEventFilter(self)
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.dataChanged,
            self.model.layoutChanged,
        ):
            signal.connect(self._forget_widths)
        self.watch_journal(context)  # the first show loads the rows (reload), counts, selects
        self.size_columns()

    def _make_controls(self) -> None:
        """The filter box, the count, its error line, the pane toggle, New and Delete."""
        self.filter_box = named(f"{self.kind}Filter", QLineEdit())
        self.filter_box.setPlaceholderText(f"Filter {self.kind} (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumWidth(150)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.reload)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())
        self.count_label = named(f"{self.kind}Count", QLabel())
        self.count_label.setProperty("role", "muted")
        # It wraps rather than push the buttons beside it past the list's edge ("ew commitmer").
        self.count_label.setWordWrap(True)
        self.filter_error = named(f"{self.kind}FilterError", QLabel())
        self.filter_error.setStyleSheet(ERROR_STYLE)
        self.filter_error.hide()
        self.new_button = named(f"new_{self.noun}", QPushButton(f"New {self.noun}"))
        self.new_button.setToolTip(f"New {self.noun} (Ctrl+N)")
        self.new_button.clicked.connect(self.new_record)
        self.delete_button = named(f"delete_{self.noun}", QPushButton("Delete"))
        self.delete_button.setToolTip(f"Delete the selected {self.noun} (Delete; Ctrl+Z undoes)")
        self.delete_button.clicked.connect(self.delete_current)
        self.pane_toggle = named(f"{self.kind}DetailToggle", QToolButton())
        self.pane_toggle.setProperty("role", "paneToggle")
        # A page shortcut, not the button's: setText() on a button resets its shortcut, and
        # the toggle's text changes ("Hide details" / "Show details").
        toggle_key = QShortcut(QKeySequence("Ctrl+Shift+D"), self)
        toggle_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        toggle_key.setWhatsThis("Show or hide the detail pane")
        toggle_key.activated.connect(self._toggle_key)
        self.pane_toggle.clicked.connect(self.toggle_detail)

    def _make_table(self) -> QTableView:
        """The list: one row a record, sorted, selected whole, never edited in place."""
        table = named(f"{self.kind}Table", QTableView())
        table.setModel(self.model)
        self.model.wait_for_first_reload()  # the first show loads the rows, once
        column, descending = self.initial_sort()
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        table.horizontalHeader().setSortIndicator(column, order)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        # Fixed row heights: a ResizeToContents header measures every row (47 s at 100k).
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.hide()
        table.setShowGrid(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        table.activated.connect(lambda _index: self.edit_detail())
        return table

    def _draw_columns(self) -> None:
        """Titles elided, status as chips, progress as bars; the title column stretches."""
        header = self.table.horizontalHeader()
        self.title_delegate = ElideDelegate(self.table)
        self.model.modelReset.connect(self.title_delegate.painted.clear)
        self._delegates = [
            self.title_delegate,
            ChipDelegate(self.table),
            ProgressDelegate(self.table),
        ]
        for number, spec in enumerate(self.model.columns):
            drawn = {"title": 0, "chip": 1, "progress": 2}.get(spec.draw)
            if drawn is not None:
                self.table.setItemDelegateForColumn(number, self._delegates[drawn])
            if spec.draw == "title":
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)

    def _make_list_side(self, filter_widgets: list[QWidget]) -> QWidget:
        """The filters above the table, the count and the buttons below it."""
        filters = QHBoxLayout()
        # Four filters do not fit beside each other whole at 1024 px and 11 pt: two a line.
        filter_grid = QGridLayout()
        filter_grid.setContentsMargins(0, 0, 0, 0)
        for place, widget in enumerate(filter_widgets):
            if isinstance(widget, QComboBox):
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                fit_current_text(widget)  # its current choice always whole
            if len(filter_widgets) >= 4:
                filter_grid.addWidget(widget, place // 2, place % 2)
            else:
                filters.addWidget(widget)
        if len(filter_widgets) >= 4:
            filters.addLayout(filter_grid)
        # Many filters: the search box gets a row of its own, so nothing is cut at 1024 px.
        search_row = QHBoxLayout()
        if len(filter_widgets) >= 3:
            search_row.addWidget(self.filter_box, 1)
            filters.addStretch(1)
        else:
            filters.addWidget(self.filter_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.pane_toggle)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.filter_error)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        return left

    def _make_splitter(self, left: QWidget) -> QSplitter:
        """The list beside the scrolling detail pane; the pane collapses, the list never."""
        scroll = named(f"{self.kind}DetailPane", QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(DETAIL_MIN)
        scroll.setWidget(self.detail)
        self.detail_scroll = scroll
        splitter = named(f"{self.kind}Splitter", QSplitter(Qt.Orientation.Horizontal))
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, True)
        splitter.splitterMoved.connect(self._splitter_moved)
        return splitter

    # For subclasses ----------------------------------------------------------------------------
    def make_model(self) -> LazyTableModel:
        raise NotImplementedError

    def make_filters(self) -> list[QWidget]:
        return []

    def initial_sort(self) -> tuple[int, bool]:
        """Which column the table is sorted on at first, and whether descending."""
        return 0, False

    def make_detail(self) -> DetailPane:
        raise NotImplementedError

    def create_new(self, session: Session, author: Seat) -> Any:
        """Write a new record with its default title; return it."""
        raise NotImplementedError

    def title_of(self, session: Session, record_id: str) -> str:
        """The record's title, as the status bar and the undo menu name it."""
        raise NotImplementedError

    def show_record(self, record_id: str | None) -> None:
        """Load the record into the detail pane (None empties it)."""
        self.detail.show_record(record_id)

    def create_record(self) -> str | None:
        """Create a new record (undoably) and return its id."""
        author = self.context.author
        command = CreateCommand(
            self.context,
            f"new {self.noun}",
            self.changes,
            self.record_class,
            lambda s: self.create_new(s, author),
        )
        command.perform()
        return command.record_id

    def delete_record(self, record_id: str) -> str:
        """Delete the record (undoably); return its title for the status bar."""
        title = self.context.read(lambda s: self.title_of(s, record_id))
        DeleteCommand(
            self.context,
            f"delete {self.noun} “{title}”",
            self.changes,
            self.record_class,
            record_id,
        ).perform()
        return title

    def focus_detail(self) -> None:
        """Put the cursor in the detail pane's first field."""
        self.detail.focus_first()

    def flush_edits(self) -> None:
        """Save what is being typed now (on closing, on switching records)."""
        self.detail.form.flush()

    def column_widths(self) -> list[int]:
        return []

    # Behaviour ---------------------------------------------------------------------------------
    def measured_widths(self) -> list[int]:
        """Each column as wide as its header and the first rows' text need, at today's font."""
        if self._measured is not None:
            return self._measured
        columns = self.model.columns
        plain = self.table.fontMetrics()
        bold_font = QFont(self.table.font())
        bold_font.setWeight(QFont.Weight.DemiBold)
        bold = QFontMetrics(bold_font)
        rows = range(min(MEASURED_ROWS, self.model.rowCount()))
        widths: list[int] = []
        for number, column in enumerate(columns):
            # The header: its words, padding and the sort arrow.
            need = bold.horizontalAdvance(column.title) + 2 * PAD + SORT_ARROW
            if column.draw == "progress":
                need = max(need, plain.horizontalAdvance("100%") + 3 * PAD + PROGRESS_BAR)
            elif rows:
                extra = 4 * PAD if column.draw == "chip" else 2 * PAD + 2
                for row in rows:
                    index = self.model.index(row, number)
                    metrics = bold if index.data(Qt.ItemDataRole.FontRole) else plain
                    text = str(index.data() or "")
                    need = max(need, metrics.horizontalAdvance(text) + extra)
            else:
                need = max(need, column.width)
            widths.append(min(need, WIDEST_COLUMN))
        self._measured = widths
        return widths

    def _forget_widths(self, *_args: object) -> None:
        self._measured = None
        self.size_columns()

    def size_columns(self) -> None:
        """Columns at their widths; the least needed hidden while the title would be squeezed."""
        columns = self.model.columns
        widths = self.column_widths() or self.measured_widths()
        header = self.table.horizontalHeader()
        stretching = any(column.draw == "title" for column in columns)
        if not stretching:  # a page without a title column keeps its last column stretched
            header.setStretchLastSection(True)
            for number, width in enumerate(widths):
                self.table.setColumnWidth(number, width)
            return
        room = self.table.viewport().width()
        shown = set(range(len(columns)))
        for number in sorted(
            (n for n, c in enumerate(columns) if c.drop), key=lambda n: -columns[n].drop
        ):
            used = sum(widths[n] for n in shown if columns[n].draw != "title")
            if used + TITLE_MIN <= room:
                break
            shown.discard(number)
        for number, width in enumerate(widths):
            header.setSectionHidden(number, number not in shown)
            if columns[number].draw != "title":
                self.table.setColumnWidth(number, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.size_columns()
        elif watched is self.splitter and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
        ):
            self._fit_pane()
        elif event.type() == QEvent.Type.KeyPress and self._list_key(watched, event):
            return True
        return super().eventFilter(watched, event)

    def _toggle_key(self) -> None:
        if self.pane_toggle.isEnabled():
            self.pane_toggle.click()

    def _list_key(self, watched: QObject, event: QEvent) -> bool:
        """J/K walk the table as Down/Up do; Down in the filter box goes into the table."""
        assert isinstance(event, QKeyEvent)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.table and plain and event.key() in (Qt.Key.Key_J, Qt.Key.Key_K):
            step = 1 if event.key() == Qt.Key.Key_J else -1
            row = self.table.currentIndex().row()
            target = max(0, min(self.model.rowCount() - 1, row + step if row >= 0 else 0))
            if self.model.rowCount():
                self.table.selectRow(target)
            return True
        if watched is self.filter_box and plain and event.key() == Qt.Key.Key_Down:
            if self.model.rowCount():
                if self.table.currentIndex().row() < 0:
                    self.table.selectRow(0)
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False

    # The detail pane: shown for a record, collapsible, its width remembered -------------------
    def _setting(self, name: str) -> str:
        return f"pages/{self.kind}/{name}"

    def _update_pane(self) -> None:
        # With nothing chosen the list takes the whole width; a record opens the pane again.
        wanted = self.current_id is not None and not self._detail_collapsed
        self.pane_toggle.setText("Hide details" if wanted else "Show details")
        self.pane_toggle.setToolTip("Show or hide the detail pane (Ctrl+Shift+D)")
        self.pane_toggle.setEnabled(self.current_id is not None)
        if wanted == (not self.detail_scroll.isHidden() and self.splitter.sizes()[1] > 0):
            return
        self.detail_scroll.setVisible(wanted)
        self._fit_pane()

    def _fit_pane(self) -> None:
        # A narrower window takes its width from the list, not from the pane being read.
        if self.detail_scroll.isHidden():
            return
        total = self.splitter.width() - self.splitter.handleWidth()
        width = max(DETAIL_MIN, min(self._detail_width, total - TITLE_MIN - 120))
        self.splitter.setSizes([total - width, width])

    def _splitter_moved(self, _position: int, _index: int) -> None:
        width = self.splitter.sizes()[1]
        settings = QSettings()
        if width == 0:  # dragged shut: the same as "Hide details"
            self._detail_collapsed = True
            settings.setValue(self._setting("detailCollapsed"), True)
            self._update_pane()
            return
        self._detail_width = width
        settings.setValue(self._setting("detailWidth"), width)

    def toggle_detail(self) -> None:
        """Collapse the detail pane, or open it again at its remembered width."""
        self._detail_collapsed = not self._detail_collapsed
        QSettings().setValue(self._setting("detailCollapsed"), self._detail_collapsed)
        self._update_pane()

    def reveal_detail(self) -> None:
        """Open the pane (a record is being edited) and scroll the focused field into view."""
        if self._detail_collapsed:
            self.toggle_detail()
        self._update_pane()
        focused = QApplication.focusWidget()
        if focused is not None and self.detail.isAncestorOf(focused):
            self.detail_scroll.ensureWidgetVisible(focused, 0, 24)

    def reload(self) -> None:
        """Query again with the filters, keep the selection when the record is still there."""
        self.flush_edits()
        try:
            self.model.reload()
        except ValidationError as exc:
            self.filter_error.setText(exc.message)
            self.filter_error.show()
            return
        self.filter_error.hide()
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(f"{total:,} {self.kind}" if total != 1 else f"1 {self.noun}")
        self._show_empty(shown == 0)
        if self.current_id is not None:
            self.select(self.current_id)
        self.show_record(self.current_id)
        self._update_pane()

    def refresh(self) -> None:
        self.reload()

    def _show_empty(self, empty: bool) -> None:
        """Over an empty list: what goes here and the first action, or that a filter hides
        every record and a button that clears it."""
        if not empty:
            self.empty_state.hide()
            return
        if self.context.read(lambda s: has_records(s, self.kind)):
            self.count_label.setText(f"No {self.kind} match")
            self.empty_state.say(
                f"No {self.kind} match",
                f"Every {self.noun} is hidden by the filter.",
                "Clear the filter",
                self.clear_filters,
            )
        else:
            self.count_label.setText(f"No {self.kind} yet")
            heading, body, action = self.empty_words
            self.empty_state.say(heading, body, action, self.new_record)
        self.empty_state.show()
        self.empty_state.raise_()

    def clear_filters(self) -> None:
        """Every filter back to showing everything, the search box emptied."""
        for widget in self._filter_widgets:
            widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                everything = next(
                    (i for i in range(widget.count()) if widget.itemData(i) is None), 0
                )
                widget.setCurrentIndex(everything)
                fit_current_text(widget)
            elif isinstance(widget, QLineEdit):
                widget.clear()
            elif isinstance(widget, QCheckBox):
                widget.setChecked(False)
            widget.blockSignals(False)
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        self.filter_box.blockSignals(False)
        self.reload()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        record_id = self.model.row_at(current.row()).id
        if record_id != self.current_id:
            self.flush_edits()
            self.current_id = record_id
            self.show_record(record_id)
            self._update_pane()

    def select(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def open_record(self, record_id: str) -> None:
        """Show this record, from a link elsewhere: selected if the table shows it."""
        self.flush_edits()
        self.current_id = record_id
        if not self.select(record_id):
            self.table.clearSelection()
        self.show_record(record_id)
        self._update_pane()

    def new_record(self) -> None:
        try:
            record_id = self.create_record()
        except (ValidationError, WriteFailed) as exc:
            self.context.notice.emit(str(exc))
            return
        if record_id is None:
            return
        self.open_record(record_id)
        self.edit_detail()

    def edit_detail(self) -> None:
        """The detail pane open, its first field focused and scrolled into view."""
        if self._detail_collapsed:
            self.toggle_detail()
        self._update_pane()
        self.focus_detail()
        self.reveal_detail()

    def delete_current(self) -> None:
        if self.current_id is None:
            return
        index = self.table.currentIndex()
        try:
            title = self.delete_record(self.current_id)
        except WriteFailed:
            return
        self.current_id = None
        following = min(index.row(), self.model.rowCount() - 1) if index.isValid() else -1
        if following >= 0:
            self.table.selectRow(following)
        else:
            self.show_record(None)
            self._update_pane()
        self.context.notice.emit(f"Deleted {self.noun} “{title}”. Ctrl+Z brings it back.")

    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def filter_text(self) -> str:
        return self.filter_box.text()
