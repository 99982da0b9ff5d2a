"""What every big table's query shares: a page of rows, in an order, matched by words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func

from ceocto_desktop.services.common import plain_text

AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class Page:
    """Which slice of a table, in which order."""

    sort: str = ""
    descending: bool = False
    offset: int = 0
    limit: int = 200


def like(text: str) -> str:
    escaped = plain_text(text).strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def ordered(query: AnySelect, columns: dict[str, Any], page: Page, tie: Any) -> AnySelect:
    if page.sort and page.sort not in columns:
        raise ValueError(f"cannot sort by {page.sort}")
    column = columns.get(page.sort, tie)
    primary = column.desc() if page.descending else column.asc()
    # NULLs last either way: a goal without a target date belongs at the end.
    return query.order_by(column.is_(None), primary, tie).offset(page.offset).limit(page.limit)


def folded(title: Any) -> Any:
    """A title as it sorts for a person: "api" next to "API", not after "Zebra"."""
    return func.lower(title)
