"""A record's status and history in its detail pane: a state line, its buttons, the history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from ceocto_desktop.ui.widgets.basic import named
from ceocto_desktop.ui.widgets.grow import grow_with_content


def history_list(name: str, min_height: int, spacing: int = 0) -> QListWidget:
    """A list of dated events that wraps inside the pane and grows with its entries."""
    history = named(name, QListWidget())
    # A long entry wraps inside the pane instead of scrolling sideways.
    history.setWordWrap(True)
    history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    history.setResizeMode(QListWidget.ResizeMode.Adjust)
    if spacing:
        history.setSpacing(spacing)
    grow_with_content(history, min_height=min_height)
    return history


def state_label(name: str) -> QLabel:
    """The line saying where a record stands ("Open for 3 days", "Due for review since …")."""
    state = named(name, QLabel())
    state.setWordWrap(True)
    return state


def status_box(
    title: str, state: QLabel, buttons: Sequence[QWidget], below: Sequence[QWidget] = ()
) -> QGroupBox:
    """A group: the state line, its buttons in a row on the left, then what goes below."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(state)
    layout.addLayout(row)
    for widget in below:
        layout.addWidget(widget)
    return box
