"""Query pieces every domain's list repeats: optional equality and membership filters, one counted page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

T = TypeVar("T")


def where_given(query: Select[T], *filters: tuple[InstrumentedAttribute[Any], Any]) -> Select[T]:
    """``query`` narrowed to ``column == value`` for each (column, value) whose value was given (not None)."""
    for column, value in filters:
        if value is not None:
            query = query.where(column == value)
    return query


def where_among(query: Select[T], *filters: tuple[InstrumentedAttribute[Any], Iterable[Any] | None]) -> Select[T]:
    """``query`` narrowed to ``column IN values`` for each (column, values) whose values were given (not None)."""
    for column, values in filters:
        if values is not None:
            query = query.where(column.in_(list(values)))
    return query


def counted_page(session: Session, query: Select[T], *, limit: int, offset: int) -> tuple[Sequence[T], int]:
    """One page of ``query`` (in its order) and the total number of rows it matches."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return session.scalars(query.limit(limit).offset(offset)).all(), total
