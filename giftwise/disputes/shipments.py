"""Parcels: prepared with the order's open lines and every due promise, packed, counted and shipped."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, record_audit, visible_record
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid
from giftwise.core.queries import counted_page
from giftwise.core.schemas import Page
from giftwise.disputes import promises, repository
from giftwise.disputes.orders import get_order, item_label, resolve_item
from giftwise.disputes.schemas import PackIn, ShipIn, ShipmentLineIn, ShipmentLineRead, ShipmentPrepare, ShipmentRead
from giftwise.models.disputes import Promise
from giftwise.models.orders import Order, Shipment, ShipmentLine


class PromiseMissing(Conflict):
    """A parcel cannot be packed while a due promise is missing from it (unless the user says why)."""

    title = "Promise missing from parcel"


def prepare_shipment(session: Session, actor: Actor, *, data: ShipmentPrepare) -> Shipment:
    """Start a parcel for an order: its not-yet-shipped lines and every due promise go in automatically."""
    order = get_order(session, actor, order_id=data.order_id)
    shipment = Shipment(
        order_id=order.id, contact_id=order.contact_id, kind="order", status="preparing", route=data.route,
        carrier=data.carrier, prepared_on=clock.today(), owner_id=order.owner_id,
    )
    session.add(shipment)
    session.flush()
    if not data.empty:
        _fill_from_order(session, shipment, order)
        for promise in promises.due_promises(session, order):
            session.add(promise_line(shipment.id, promise))
    record_audit(session, actor, action="shipment.prepare", entity="shipment", entity_id=shipment.id,
                 after={"order_id": order.id})
    session.flush()
    return shipment


def add_line(session: Session, actor: Actor, *, shipment_id: int, data: ShipmentLineIn) -> ShipmentLine:
    """Add a promise (by id) or an item to a parcel that is still being prepared."""
    shipment = _preparing(session, actor, shipment_id, "changed")
    if data.promise_id is not None:
        promise = promises.get_promise(session, actor, promise_id=data.promise_id)
        _check_promise_fits(session, shipment, promise)
        line = promise_line(shipment.id, promise)
    else:
        item = resolve_item(session, item_id=data.item_id, sku=data.sku)
        line = ShipmentLine(
            shipment_id=shipment.id, item_id=item.id if item else None,
            description=data.description or item_label(item, "", "en"), kind=_extra_kind(shipment),
            quantity=data.quantity or 0, unit_cost=data.unit_cost, unit_price=data.unit_price,
            unit_weight_kg=data.unit_weight_kg,
        )
    session.add(line)
    session.flush()
    record_audit(session, actor, action="shipment.add_line", entity="shipment", entity_id=shipment.id,
                 after={"line_id": line.id, "kind": line.kind, "quantity": line.quantity})
    return line


def pack_shipment(session: Session, actor: Actor, *, shipment_id: int, data: PackIn) -> Shipment:
    """Mark a parcel packed and count it; refused while a due promise is missing, unless the reason is recorded."""
    shipment = _preparing(session, actor, shipment_id, "packed")
    lines = repository.shipment_lines(session, shipment.id)
    if not lines:
        raise Invalid(f"Parcel {shipment.id} is empty; add lines before packing it.")
    missing = missing_promises(session, shipment)
    reason = (data.missing_promises_reason or "").strip()
    if missing and not reason:
        described = "; ".join(f"promise {p.id} ({p.quantity} × {p.description}, due {p.due_on})" for p in missing)
        first = missing[0].id
        raise PromiseMissing(
            f"Parcel {shipment.id} cannot be packed: {described} is due but not in it; add it with "
            f"'giftwise shipments add-line {shipment.id} --promise {first}' or record why it stays out "
            "(--missing-reason)."
        )
    shipment.status, shipment.packed_on = "packed", clock.today()
    shipment.packed_units = sum(line.quantity for line in lines)
    shipment.missing_promises_reason = reason if missing else None
    record_audit(session, actor, action="shipment.pack", entity="shipment", entity_id=shipment.id,
                 after={"packed_units": shipment.packed_units, "missing_promises": [p.id for p in missing],
                        "missing_promises_reason": shipment.missing_promises_reason})
    session.flush()
    return shipment


def ship_shipment(session: Session, actor: Actor, *, shipment_id: int, data: ShipIn) -> Shipment:
    """Hand a packed parcel to the carrier; the promises in it are kept, a resend's surprise gift ships too."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    if shipment.status != "packed":
        raise Conflict(f"Parcel {shipment.id} is {shipment.status}; pack it before shipping it.")
    shipment.carrier = data.carrier or shipment.carrier
    if not shipment.carrier:
        raise Invalid("Name the carrier (e.g. DHL) so the parcel can be traced.", field="carrier")
    shipment.tracking_number = data.tracking_number or shipment.tracking_number
    if data.shipping_cost is not None:
        shipment.shipping_cost = data.shipping_cost
    shipment.status, shipment.shipped_on = "shipped", clock.today()
    lines = repository.shipment_lines(session, shipment.id)
    promises.keep_shipped(session, actor, promise_ids=[ln.promise_id for ln in lines if ln.promise_id],
                          shipment_id=shipment.id)
    if shipment.dispute_id is not None:
        from giftwise.disputes.resolution import ship_surprise

        ship_surprise(session, actor, dispute_id=shipment.dispute_id)
    record_audit(session, actor, action="shipment.ship", entity="shipment", entity_id=shipment.id,
                 after={"carrier": shipment.carrier, "tracking_number": shipment.tracking_number})
    session.flush()
    return shipment


def get_shipment(session: Session, actor: Actor, *, shipment_id: int) -> Shipment:
    """The parcel with ``shipment_id`` if its contact is visible to ``actor``; NotFound otherwise."""
    return visible_record(session, actor, Shipment, shipment_id, label="shipment")


def list_shipments(
    session: Session, actor: Actor, *, order_id: int | None = None, status: str | None = None,
    limit: int = 50, offset: int = 0,
) -> Page[ShipmentRead]:
    """A page of parcels ``actor`` may see, newest first."""
    query = repository.shipments_query(contact_scope(session, actor), order_id=order_id, status=status)
    rows, total = counted_page(session, query, limit=limit, offset=offset)
    return Page[ShipmentRead](items=[shipment_read(session, s) for s in rows], total=total, limit=limit, offset=offset)


def missing_promises(session: Session, shipment: Shipment) -> list[Promise]:
    """Due promises of the parcel's order that are in no parcel yet."""
    if shipment.kind != "order":
        return []
    order = session.get(Order, shipment.order_id)
    return promises.due_promises(session, order) if order is not None else []


def shipment_read(session: Session, shipment: Shipment) -> ShipmentRead:
    """A parcel as shown, with its lines, unit count and the cost of its goods."""
    lines = repository.shipment_lines(session, shipment.id)
    read = ShipmentRead.model_validate(shipment)
    read.lines = [ShipmentLineRead.model_validate(line) for line in lines]
    for line in read.lines:
        line.promised_extra = line.kind == "promised"
    read.units = sum(line.quantity for line in lines)
    read.goods_cost = sum((line.quantity * line.unit_cost for line in lines), Decimal("0"))
    return read


def promise_line(shipment_id: int, promise: Promise) -> ShipmentLine:
    """The parcel line carrying a promise: a promised extra at price 0."""
    return ShipmentLine(
        shipment_id=shipment_id, promise_id=promise.id, item_id=promise.item_id, description=promise.description,
        kind="promised", quantity=promise.quantity, unit_cost=promise.unit_cost, unit_price=Decimal("0"),
    )


def _fill_from_order(session: Session, shipment: Shipment, order: Order) -> None:
    shipped = repository.shipped_by_order_line(session, order.id)
    for line in repository.order_lines(session, order.id):
        remaining = line.quantity - shipped.get(line.id, 0)
        if remaining > 0:
            session.add(ShipmentLine(
                shipment_id=shipment.id, order_line_id=line.id, item_id=line.item_id, description=line.description,
                kind="ordered", quantity=remaining, unit_cost=line.unit_cost, unit_price=line.unit_price,
            ))


def _check_promise_fits(session: Session, shipment: Shipment, promise: Promise) -> None:
    if promise.contact_id != shipment.contact_id:
        raise Invalid(f"Promise {promise.id} was made to another contact; it cannot travel in parcel {shipment.id}.",
                      field="promise_id")
    if promise.order_id is not None and promise.order_id != shipment.order_id:
        raise Invalid(f"Promise {promise.id} belongs to order {promise.order_id}, not to this parcel's order "
                      f"{shipment.order_id}.", field="promise_id")
    if promise.status != "open":
        raise Conflict(f"Promise {promise.id} is already {promise.status}.")
    if repository.promise_lines(session, promise.id):
        raise Conflict(f"Promise {promise.id} is already in a parcel.")


def _preparing(session: Session, actor: Actor, shipment_id: int, verb: str) -> Shipment:
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    if shipment.status != "preparing":
        raise Conflict(f"Parcel {shipment.id} is already {shipment.status} and cannot be {verb}.")
    return shipment


def _extra_kind(shipment: Shipment) -> str:
    return "resend" if shipment.kind == "resend" else "extra"
