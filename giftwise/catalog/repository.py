"""Queries over catalog items."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, Select, Text, and_, cast, func, or_, select, true
from sqlalchemy.orm import Session

from giftwise.catalog.schemas import CatalogQuery, ItemStatus
from giftwise.models.catalog import CatalogItem

_IN_CHUNK = 500


def item_by_sku(session: Session, sku: str) -> CatalogItem | None:
    """The item whose sku is ``sku``, if any."""
    return session.scalars(select(CatalogItem).where(CatalogItem.sku == sku)).first()


def items_by_skus(session: Session, skus: Iterable[str]) -> dict[str, CatalogItem]:
    """Stored items among ``skus``, by sku (queried in chunks to stay under parameter limits)."""
    wanted = list(dict.fromkeys(skus))
    found: dict[str, CatalogItem] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        items = session.scalars(select(CatalogItem).where(CatalogItem.sku.in_(chunk)))
        found.update((item.sku, item) for item in items)
    return found


def items_by_ids(session: Session, ids: Iterable[int]) -> dict[int, CatalogItem]:
    """Stored items among ``ids``, by id (queried in chunks to stay under parameter limits)."""
    wanted = sorted(set(ids))
    found: dict[int, CatalogItem] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        items = session.scalars(select(CatalogItem).where(CatalogItem.id.in_(wanted[start : start + _IN_CHUNK])))
        found.update((item.id, item) for item in items)
    return found


def all_items(session: Session, *, include_inactive: bool) -> Sequence[CatalogItem]:
    """Every item (active ones only unless asked), in sku order."""
    statement = select(CatalogItem).order_by(CatalogItem.sku)
    if not include_inactive:
        statement = statement.where(CatalogItem.active.is_(True))
    return session.scalars(statement).all()


def count_items(session: Session) -> int:
    """How many items the catalog holds, active or not."""
    return session.scalar(select(func.count()).select_from(CatalogItem)) or 0


def _tags_text() -> ColumnElement[str]:
    # Tags are stored as JSON text with non-ASCII escaped (json.dumps defaults), on SQLite and
    # PostgreSQL alike; matching the escaped form of a word finds it on both without JSON operators.
    return func.lower(cast(CatalogItem.tags, Text))


def _escaped(word: str) -> str:
    return json.dumps(word).lower()


def _filters(query: CatalogQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.status is ItemStatus.active:
        conditions.append(CatalogItem.active.is_(True))
    elif query.status is ItemStatus.inactive:
        conditions.append(CatalogItem.active.is_(False))
    if query.search:
        for word in query.search.split():
            conditions.append(
                or_(
                    CatalogItem.name_zh.icontains(word, autoescape=True),
                    CatalogItem.name_en.icontains(word, autoescape=True),
                    CatalogItem.sku.icontains(word, autoescape=True),
                    _tags_text().contains(_escaped(word)[1:-1], autoescape=True),
                )
            )
    if query.category:
        conditions.append(func.lower(CatalogItem.category) == query.category.strip().lower())
    if query.tag:
        conditions.append(_tags_text().contains(_escaped(query.tag.strip()), autoescape=True))
    if query.min_price is not None:
        conditions.append(CatalogItem.price >= query.min_price)
    if query.max_price is not None:
        conditions.append(CatalogItem.price <= query.max_price)
    if query.currency:
        conditions.append(CatalogItem.currency == query.currency.strip().upper())
    return conditions


def search_items(
    session: Session, query: CatalogQuery, *, limit: int, offset: int
) -> tuple[Sequence[CatalogItem], int]:
    """One page of items matching ``query`` (ordered by sku) and how many match in all."""
    condition = and_(true(), *_filters(query))
    page: Select[CatalogItem] = (
        select(CatalogItem).where(condition).order_by(CatalogItem.sku).limit(limit).offset(offset)
    )
    total = session.scalar(select(func.count()).select_from(CatalogItem).where(condition)) or 0
    return session.scalars(page).all(), total
