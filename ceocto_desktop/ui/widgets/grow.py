"""Text boxes, lists and tables as tall as what they hold, inside the page's one scroll.

A fixed-height box with its own scroll bar inside a scrolling page is two scrolls for one
reading; these helpers give the box the height of its content (between a floor and, for
very long content, a ceiling) and leave the scrolling to the page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QListView,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QWidget,
)

CEILING = 2000  # px: past this a box scrolls after all (a whole chapter pasted in)


class _Grower(QObject):
    """Refits its widget's height on resize, on content change and on show."""

    def __init__(self, widget: QAbstractScrollArea, min_lines: int, min_height: int):
        super().__init__(widget)
        self.widget = widget
        self.min_lines = min_lines
        self.min_height = min_height
        # Owned by the grower: a refit pending when the widget is deleted dies with it.
        self._fitting = False
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        widget.installEventFilter(self)
        widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.textChanged.connect(self.schedule)
        elif isinstance(widget, QAbstractItemView):
            self._watch_model()
        self.schedule()

    def _watch_model(self) -> None:
        view = self.widget
        assert isinstance(view, QAbstractItemView)
        model = view.model()
        if model is None:
            return
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.modelReset,
            model.layoutChanged,
            model.dataChanged,
        ):
            signal.connect(self.schedule)

    def schedule(self, *_args: object) -> None:
        """Refit soon (once per burst of changes)."""
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            # Soon, not now: the viewport takes its new width only after this event.
            self.schedule()
        return False

    def content_height(self) -> int:
        widget = self.widget
        # Everything around the viewport: frame, style-sheet padding, a table's header.
        # (From the frame's geometry, not the viewport's, which lags until laid out.)
        margins = widget.viewportMargins()
        chrome = widget.height() - widget.contentsRect().height() + margins.top() + margins.bottom()
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            return chrome + _text_height(widget, self.min_lines)
        if isinstance(widget, QTableView):
            rows = sum(widget.rowHeight(r) for r in range(widget.model().rowCount()))
            return chrome + rows + 2
        if isinstance(widget, QListView):
            widget.doItemsLayout()
            model = widget.model()
            height = 0
            for row in range(model.rowCount()):
                if widget.isRowHidden(row):
                    continue
                height += widget.visualRect(model.index(row, 0)).height() + 2 * widget.spacing()
            return chrome + height + 2
        return widget.sizeHint().height()

    def fit(self) -> None:
        """Take the content's height (within the floor and the ceiling)."""
        if self._fitting:
            return  # the resize this causes comes back here
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        height = max(self.min_height, min(CEILING, self.content_height()))
        if height >= CEILING:
            self.widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.widget.height() != height or self.widget.minimumHeight() != height:
            self.widget.setFixedHeight(height)
            # Re-lay the form it sits in now: a row below must not stay where it was.
            parent = self.widget.parentWidget()
            while parent is not None and not isinstance(parent, QAbstractScrollArea):
                layout = parent.layout()
                if layout is not None:
                    layout.activate()
                parent = parent.parentWidget()


def _text_height(widget: QPlainTextEdit | QTextEdit, min_lines: int) -> int:
    """The height the box's text takes at its width, never under min_lines lines."""
    source = widget.document()
    document = QTextDocument()
    document.setDefaultFont(widget.font())
    document.setDocumentMargin(source.documentMargin())
    if isinstance(widget, QTextEdit) and widget.acceptRichText():
        document.setHtml(source.toHtml())
    else:
        document.setPlainText(source.toPlainText())
    width = widget.viewport().width()
    if width > 0:
        document.setTextWidth(width)
    line = widget.fontMetrics().lineSpacing()
    floor = min_lines * line + 2 * int(source.documentMargin())
    return max(floor, int(document.size().height()) + 2)


def grow_with_content(widget: QAbstractScrollArea, min_lines: int = 2, min_height: int = 0) -> None:
    """Keep widget as tall as its content: the page's scroll bar does the scrolling."""
    existing = widget.findChild(_Grower)
    if existing is None:
        _Grower(widget, min_lines, min_height)


def refit(widget: QWidget) -> None:
    """Refit a growing widget now (after its model was replaced)."""
    grower = widget.findChild(_Grower)
    if grower is not None:
        grower._watch_model()
        grower.fit()
