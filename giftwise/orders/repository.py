"""Queries behind orders and promises (select() style, nothing else)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_given
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.orders import Order, OrderLine, Promise, PromiseStatus
from giftwise.models.outcomes import Outcome
from giftwise.models.shipments import ShipmentLine


def item_by_sku(session: Session, sku: str) -> CatalogItem | None:
    """The catalog item with ``sku``, if any."""
    return session.scalars(select(CatalogItem).where(CatalogItem.sku == sku)).first()


def items_by_id(session: Session, item_ids: Sequence[int]) -> Sequence[CatalogItem]:
    """The catalog items with these ids (unknown ids are left out)."""
    if not item_ids:
        return []
    return session.scalars(select(CatalogItem).where(CatalogItem.id.in_(item_ids))).all()


def order_lines(session: Session, order_id: int) -> Sequence[OrderLine]:
    """The lines of an order, in the order they were entered."""
    return session.scalars(select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.id)).all()


def orders_query(scope: ColumnElement[bool], *, contact_id: int | None) -> Select[Order]:
    """Orders of contacts inside ``scope``, newest first."""
    query = select(Order).join(Contact, Contact.id == Order.contact_id).where(scope)
    query = where_given(query, (Order.contact_id, contact_id))
    return query.order_by(Order.ordered_on.desc(), Order.id.desc())


def open_promises_for(session: Session, *, contact_id: int, order_id: int) -> Sequence[Promise]:
    """Open promises of an order, plus the contact's open promises tied to no order, soonest due first."""
    return session.scalars(
        select(Promise)
        .where(
            Promise.status == PromiseStatus.OPEN,
            Promise.contact_id == contact_id,
            (Promise.order_id == order_id) | Promise.order_id.is_(None),
        )
        .order_by(Promise.due_on, Promise.id)
    ).all()


def promised_ids_in_parcels(session: Session, promise_ids: Sequence[int]) -> set[int]:
    """Which of ``promise_ids`` already sit in some parcel."""
    if not promise_ids:
        return set()
    rows = session.scalars(select(ShipmentLine.promise_id).where(ShipmentLine.promise_id.in_(promise_ids))).all()
    return {pid for pid in rows if pid is not None}


def promises_query(
    scope: ColumnElement[bool], *, contact_id: int | None, order_id: int | None, status: str | None
) -> Select[Promise]:
    """Promises of contacts inside ``scope``, filtered, soonest due first."""
    query = select(Promise).join(Contact, Contact.id == Promise.contact_id).where(scope)
    query = where_given(
        query, (Promise.contact_id, contact_id), (Promise.order_id, order_id), (Promise.status, status)
    )
    return query.order_by(Promise.due_on, Promise.id)


def order_history(session: Session, contact_id: int) -> list[tuple[date, Decimal]]:
    """Every order of a contact as (date, value): the ledger's order outcomes, plus orders it never saw."""
    from_ledger = session.execute(
        select(Outcome.on, Outcome.value).where(Outcome.contact_id == contact_id, Outcome.kind == "order")
    ).all()
    unlinked = session.execute(
        select(Order.ordered_on, func.coalesce(func.sum(OrderLine.quantity * OrderLine.unit_price), 0))
        .join(OrderLine, OrderLine.order_id == Order.id, isouter=True)
        .where(Order.contact_id == contact_id, Order.outcome_id.is_(None))
        .group_by(Order.id, Order.ordered_on)
    ).all()
    return sorted((on, Decimal(str(value))) for on, value in [*from_ledger, *unlinked])


def contact_margin(session: Session, contact_id: int) -> tuple[Decimal, Decimal]:
    """Total value and total profit of a contact's recorded order lines."""
    row = session.execute(
        select(
            func.coalesce(func.sum(OrderLine.quantity * OrderLine.unit_price), 0),
            func.coalesce(func.sum(OrderLine.quantity * (OrderLine.unit_price - OrderLine.unit_cost)), 0),
        )
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.contact_id == contact_id)
    ).one()
    return Decimal(str(row[0])), Decimal(str(row[1]))
