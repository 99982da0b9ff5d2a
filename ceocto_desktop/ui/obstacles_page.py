"""The obstacles page: what stands between the pair and their goals."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ceocto_desktop.models import Obstacle, ObstacleCategory, ObstacleKind, Severity
from ceocto_desktop.services import obstacles
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.rows import (
    ObstacleFilter,
    count_obstacle_rows,
    obstacle_rows,
)
from ceocto_desktop.ui.commands import CreateCommand, DeleteCommand
from ceocto_desktop.ui.labels import owner_label
from ceocto_desktop.ui.obstacle_detail import ObstacleDetail
from ceocto_desktop.ui.record_page import RecordPage
from ceocto_desktop.ui.table_model import RIGHT, Column, LazyTableModel
from ceocto_desktop.ui.widgets import choice_filter


class ObstaclesPage(RecordPage):
    title = "Obstacles"
    kind = "obstacles"
    noun = "obstacle"
    empty_words = (
        "No obstacles yet",
        "An obstacle is what stands between you and a goal: a hindrance to clear together, "
        "or a setback to learn from without blame.",
        "Raise an obstacle",
    )
    depends_on = Changed.OBSTACLES | Changed.GOALS

    def make_filters(self) -> list[QWidget]:
        self.open_filter = choice_filter(
            "obstacleOpenFilter", "Open and resolved", [("Open", "open"), ("Resolved", "closed")]
        )
        self.open_filter.setCurrentIndex(1)
        self.kind_filter = choice_filter(
            "obstacleKindFilter", "Any kind", [(k.value, k.value) for k in ObstacleKind]
        )
        self.category_filter = choice_filter(
            "obstacleCategoryFilter", "Any category", [(c.value, c.value) for c in ObstacleCategory]
        )
        self.severity_filter = choice_filter(
            "obstacleSeverityFilter", "Any severity", [(s.value, s.value) for s in Severity]
        )
        boxes = [self.open_filter, self.kind_filter, self.category_filter, self.severity_filter]
        for box in boxes:
            box.currentIndexChanged.connect(lambda _index: self.reload())
        return list(boxes)

    def where(self) -> ObstacleFilter:
        is_open = {"open": True, "closed": False}.get(self.open_filter.currentData())
        kind = self.kind_filter.currentData()
        category = self.category_filter.currentData()
        severity = self.severity_filter.currentData()
        return ObstacleFilter(
            is_open=is_open,
            kind=ObstacleKind(kind) if kind else None,
            category=ObstacleCategory(category) if category else None,
            severity=Severity(severity) if severity else None,
            text=self.filter_text(),
        )

    def make_model(self) -> LazyTableModel:
        columns = [
            Column("Title", "title", lambda r: r.title, draw="title"),
            Column("Kind", "kind", lambda r: r.kind.value, width=80, drop=4),
            Column("Category", "category", lambda r: r.category.value, width=116, drop=5),
            Column("Severity", "severity", lambda r: r.severity.value, draw="chip", width=80),
            Column(
                "Owner", "owner", lambda r: owner_label(self.context, r.owner), width=70, drop=3
            ),
            Column("Status", "status", lambda r: r.status.value, draw="chip", width=96),
            Column(
                "Days open",
                "days_open",
                lambda r: str(r.days_open),
                RIGHT,
                width=88,
                drop=2,
                header_tip="Days since it was raised; to its resolution once closed",
            ),
            Column("Goals", "goals", lambda r: r.goals, width=150, drop=6),
        ]
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: obstacle_rows(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_obstacle_rows(s, self.where())),
            self,
        )

    def initial_sort(self) -> tuple[int, bool]:
        """No column: the query's own order, what matters now first."""
        return -1, False

    def make_detail(self) -> QWidget:
        self.obstacle_detail = ObstacleDetail(self.context)
        return self.obstacle_detail

    def show_record(self, record_id: str | None) -> None:
        self.obstacle_detail.show_obstacle(record_id)

    def create_record(self) -> str | None:
        author = self.context.author
        command = CreateCommand(
            self.context,
            "new obstacle",
            Changed.OBSTACLES,
            Obstacle,
            lambda s: obstacles.create_obstacle(
                s, author, "New obstacle", ObstacleCategory.COMMUNICATION
            ),
        )
        command.perform()
        return command.record_id

    def delete_record(self, record_id: str) -> str:
        title = self.context.read(lambda s: obstacles.get_obstacle(s, record_id).title)
        DeleteCommand(
            self.context, f"delete obstacle “{title}”", Changed.OBSTACLES, Obstacle, record_id
        ).perform()
        return title

    def focus_detail(self) -> None:
        self.obstacle_detail.focus_first()

    def flush_edits(self) -> None:
        if hasattr(self, "obstacle_detail"):
            self.obstacle_detail.form.flush()
