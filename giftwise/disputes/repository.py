"""Queries behind orders, promises, shipments, evidence and disputes (select() style, nothing else)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_given
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute, Evidence, Promise
from giftwise.models.orders import Order, OrderLine, Shipment, ShipmentLine
from giftwise.models.outcomes import Outcome

T = TypeVar("T")


def item_by_sku(session: Session, sku: str) -> CatalogItem | None:
    """The catalog item with ``sku``, if any."""
    return session.scalars(select(CatalogItem).where(CatalogItem.sku == sku)).first()


def order_lines(session: Session, order_id: int) -> Sequence[OrderLine]:
    """The lines of an order, in the order they were entered."""
    return session.scalars(select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.id)).all()


def shipment_lines(session: Session, shipment_id: int) -> Sequence[ShipmentLine]:
    """The lines of a parcel, in the order they were added."""
    return session.scalars(
        select(ShipmentLine).where(ShipmentLine.shipment_id == shipment_id).order_by(ShipmentLine.id)
    ).all()


def shipped_by_order_line(session: Session, order_id: int) -> dict[int, int]:
    """Units of each order line already put in a parcel for ``order_id`` (any status)."""
    rows = session.execute(
        select(ShipmentLine.order_line_id, func.sum(ShipmentLine.quantity))
        .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
        .where(Shipment.order_id == order_id, ShipmentLine.order_line_id.is_not(None))
        .group_by(ShipmentLine.order_line_id)
    ).all()
    return {int(line_id): int(qty) for line_id, qty in rows if line_id is not None}


def promise_lines(session: Session, promise_id: int) -> Sequence[ShipmentLine]:
    """Parcel lines that carry a promise."""
    return session.scalars(select(ShipmentLine).where(ShipmentLine.promise_id == promise_id)).all()


def open_promises_for(session: Session, *, contact_id: int, order_id: int) -> Sequence[Promise]:
    """Open promises of an order, plus the contact's open promises tied to no order, soonest due first."""
    return session.scalars(
        select(Promise)
        .where(
            Promise.status == "open",
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


def orders_query(scope: ColumnElement[bool], *, contact_id: int | None) -> Select[Order]:
    """Orders of contacts inside ``scope``, newest first."""
    query = select(Order).join(Contact, Contact.id == Order.contact_id).where(scope)
    query = where_given(query, (Order.contact_id, contact_id))
    return query.order_by(Order.ordered_on.desc(), Order.id.desc())


def shipments_query(
    scope: ColumnElement[bool], *, order_id: int | None, status: str | None
) -> Select[Shipment]:
    """Parcels of contacts inside ``scope``, newest first."""
    query = select(Shipment).join(Contact, Contact.id == Shipment.contact_id).where(scope)
    query = where_given(query, (Shipment.order_id, order_id), (Shipment.status, status))
    return query.order_by(Shipment.prepared_on.desc(), Shipment.id.desc())


def disputes_query(
    scope: ColumnElement[bool], *, contact_id: int | None, status: str | None
) -> Select[Dispute]:
    """Disputes of contacts inside ``scope``, newest first."""
    query = select(Dispute).join(Contact, Contact.id == Dispute.contact_id).where(scope)
    query = where_given(query, (Dispute.contact_id, contact_id), (Dispute.status, status))
    return query.order_by(Dispute.opened_on.desc(), Dispute.id.desc())



def evidence_of(session: Session, shipment_id: int) -> Sequence[Evidence]:
    """Evidence kept for a parcel, oldest first."""
    return session.scalars(
        select(Evidence).where(Evidence.shipment_id == shipment_id).order_by(Evidence.recorded_at, Evidence.id)
    ).all()


def open_dispute_on(session: Session, shipment_id: int) -> Dispute | None:
    """The dispute still open on a parcel, if any."""
    return session.scalars(
        select(Dispute).where(Dispute.shipment_id == shipment_id, Dispute.status == "open")
    ).first()


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


def orders_since(
    session: Session, contact_id: int, since: date, *, exclude_outcome_id: int | None
) -> Sequence[Outcome]:
    """Order outcomes of a contact on or after ``since`` (a reorder after a dispute), oldest first."""
    query = select(Outcome).where(Outcome.contact_id == contact_id, Outcome.kind == "order", Outcome.on >= since)
    if exclude_outcome_id is not None:
        query = query.where(Outcome.id != exclude_outcome_id)
    return session.scalars(query.order_by(Outcome.on, Outcome.id)).all()


def dispute_costs(session: Session, contact_ids: Sequence[int]) -> dict[int, Decimal]:
    """What settling disputes cost per contact (resends, surprises, credits), for the ledger."""
    if not contact_ids:
        return {}
    rows = session.execute(
        select(Dispute.contact_id, func.sum(Dispute.cost_total))
        .where(Dispute.contact_id.in_(contact_ids))
        .group_by(Dispute.contact_id)
    ).all()
    return {int(cid): Decimal(str(total or 0)) for cid, total in rows}
