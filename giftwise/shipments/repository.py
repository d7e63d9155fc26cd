"""Queries behind parcels and their evidence (select() style, nothing else)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_given
from giftwise.models.contacts import Contact
from giftwise.models.shipments import Evidence, Shipment, ShipmentLine


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


def parcels_carrying(session: Session, promise_ids: Sequence[int]) -> Sequence[tuple[int, Shipment]]:
    """(promise id, parcel) for every parcel line carrying one of ``promise_ids``, oldest parcel first."""
    if not promise_ids:
        return []
    rows = session.execute(
        select(ShipmentLine.promise_id, Shipment)
        .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
        .where(ShipmentLine.promise_id.in_(promise_ids))
        .order_by(Shipment.id)
    ).all()
    return [(int(promise_id), parcel) for promise_id, parcel in rows if promise_id is not None]


def shipments_query(
    scope: ColumnElement[bool], *, order_id: int | None, status: str | None
) -> Select[Shipment]:
    """Parcels of contacts inside ``scope``, newest first."""
    query = select(Shipment).join(Contact, Contact.id == Shipment.contact_id).where(scope)
    query = where_given(query, (Shipment.order_id, order_id), (Shipment.status, status))
    return query.order_by(Shipment.prepared_on.desc(), Shipment.id.desc())


def evidence_of(session: Session, shipment_id: int) -> Sequence[Evidence]:
    """Evidence kept for a parcel, oldest first."""
    return session.scalars(
        select(Evidence).where(Evidence.shipment_id == shipment_id).order_by(Evidence.recorded_at, Evidence.id)
    ).all()
