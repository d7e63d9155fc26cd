"""Queries the compliance check needs: the gifts a contact received from us, organizations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Organization
from giftwise.models.gifts import Gift


def gifts_to(session: Session, contact_ids: Sequence[int], *, since: date | None = None) -> list[Gift]:
    """Gifts planned for ``contact_ids`` (since ``since`` when given), oldest first."""
    query = select(Gift).where(Gift.contact_id.in_(contact_ids))
    if since is not None:
        query = query.where(Gift.planned_on >= since)
    return list(session.scalars(query.order_by(Gift.planned_on, Gift.id)))


def organizations(session: Session, ids: Sequence[int]) -> dict[int, Organization]:
    """Organizations by id."""
    if not ids:
        return {}
    return {o.id: o for o in session.scalars(select(Organization).where(Organization.id.in_(list(ids))))}


def skus(session: Session, item_ids: Sequence[int]) -> dict[int, str]:
    """Catalog skus by item id."""
    if not item_ids:
        return {}
    rows = session.execute(select(CatalogItem.id, CatalogItem.sku).where(CatalogItem.id.in_(list(item_ids))))
    return {row.id: row.sku for row in rows}
