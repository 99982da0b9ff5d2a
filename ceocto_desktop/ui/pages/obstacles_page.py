"""The obstacles page: what stands between the pair and their goals."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ceocto_desktop.models import Obstacle, ObstacleCategory, ObstacleKind, Seat, Severity
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records import obstacles
from ceocto_desktop.services.records.obstacle_rows import (
    ObstacleFilter,
    count_obstacle_rows,
    obstacle_rows,
)
from ceocto_desktop.ui.labels import owner_label
from ceocto_desktop.ui.pages.record_page import RecordPage
from ceocto_desktop.ui.panes.obstacle_detail import ObstacleDetail
from ceocto_desktop.ui.widgets.basic import choice_filter
from ceocto_desktop.ui.widgets.table_model import RIGHT, Column, LazyTableModel


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
    changes = Changed.OBSTACLES
    record_class = Obstacle
    detail: ObstacleDetail

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

    def make_detail(self) -> ObstacleDetail:
        return ObstacleDetail(self.context)

    def create_new(self, session: Session, author: Seat) -> Any:
        return obstacles.create_obstacle(
            session, author, "New obstacle", ObstacleCategory.COMMUNICATION
        )

    def title_of(self, session: Session, record_id: str) -> str:
        return obstacles.get_obstacle(session, record_id).title
