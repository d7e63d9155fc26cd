"""Queries over gifts, their events, and the catalog items and facts a gift is planned from."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from giftwise.core.queries import counted_page, where_given
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift, GiftEvent
from giftwise.models.understanding import Fact


def item_by_sku(session: Session, sku: str) -> CatalogItem | None:
    """The catalog item with ``sku``, if any."""
    return session.scalars(select(CatalogItem).where(CatalogItem.sku == sku)).first()


def active_fact_concepts(session: Session, contact_id: int, kinds: Sequence[str]) -> set[str]:
    """Concepts of the contact's active facts of ``kinds`` (lower case)."""
    rows = session.scalars(
        select(Fact.concept).where(Fact.contact_id == contact_id, Fact.kind.in_(kinds), Fact.status == "active")
    )
    return {concept.lower() for concept in rows}


def events_of(session: Session, gift_id: int) -> list[GiftEvent]:
    """A gift's events, oldest first."""
    return list(session.scalars(select(GiftEvent).where(GiftEvent.gift_id == gift_id).order_by(GiftEvent.id)))


def gifts_page(
    session: Session,
    scope: ColumnElement[bool],
    *,
    contact_id: int | None,
    status: str | None,
    campaign_id: int | None,
    limit: int,
    offset: int,
    needs_approval: bool | None = None,
) -> tuple[list[Gift], int]:
    """One page of gifts whose contacts match ``scope``, newest first, and the total count."""
    query = select(Gift).join(Contact, Contact.id == Gift.contact_id).where(scope)
    query = where_given(query, (Gift.contact_id, contact_id), (Gift.status, status), (Gift.campaign_id, campaign_id),
                        (Gift.needs_approval, needs_approval))
    rows, total = counted_page(session, query.order_by(Gift.planned_on.desc(), Gift.id.desc()), limit=limit,
                               offset=offset)
    return list(rows), total
