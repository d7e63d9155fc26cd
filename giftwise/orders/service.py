"""Orders and promises: what a client bought (value, profit, payment) and the extras promised to them.

Promises ("2 free bags once payment lands") stay on the agenda until kept and are never forgotten in a
parcel; these are the only functions that change the orders and promises tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, record_audit, visible_contact, visible_record
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.i18n import normalize_language, t
from giftwise.core.queries import counted_page
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.core.templating import render
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import complete_touch, create_touch
from giftwise.ledger.schemas import OutcomeCreate
from giftwise.ledger.service import record_outcome
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.followups import Touch, TouchStatus
from giftwise.models.orders import Order, OrderLine, Promise, PromiseStatus
from giftwise.orders import repository
from giftwise.orders.conditions import condition_kind_of
from giftwise.orders.labels import item_label
from giftwise.orders.schemas import OrderCreate, OrderLineIn, OrderLineRead, OrderRead, PromiseCreate, PromiseRead

PROMISE_SOURCE = "promise"
PROMISE_PURPOSE = "keep-promise"


def create_order(session: Session, actor: Actor, *, data: OrderCreate) -> Order:
    """Record a visible contact's order with its lines, and its ``order`` outcome in the ledger."""
    contact = visible_contact(session, actor, data.contact_id)
    ordered_on = data.ordered_on or clock.today()
    if ordered_on > clock.today():
        raise Invalid("orders.order_date_future_record", ordered_on=ordered_on,
                      field="ordered_on")
    order = Order(
        contact_id=contact.id, reference=data.reference, currency=data.currency or get_settings().default_currency,
        ordered_on=ordered_on, note=data.note, owner_id=contact.owner_id,
    )
    session.add(order)
    session.flush()
    lines = [_order_line(session, order.id, line) for line in data.lines]
    session.add_all(lines)
    session.flush()
    value = sum((line.quantity * line.unit_price for line in lines), Decimal("0"))
    if value > 0:
        outcome = record_outcome(session, actor, data=OutcomeCreate(
            contact_id=contact.id, on=ordered_on, kind="order", value=value, currency=order.currency,
            note=f"Order {order.reference or order.id}".strip(),
        ))
        order.outcome_id = outcome.id
    record_audit(session, actor, action="order.create", entity="order", entity_id=order.id,
                 after={"contact_id": contact.id, "value": str(value), "lines": len(lines)})
    session.flush()
    return order


def record_payment(session: Session, actor: Actor, *, order_id: int, on: date | None = None) -> Order:
    """Stamp the day the order's payment arrived (default today); promises waiting for it become due."""
    order = get_order(session, actor, order_id=order_id)
    day = on or clock.today()
    if day > clock.today():
        raise Invalid("orders.payment_date_future_record", day=day, field="on")
    if day < order.ordered_on:
        raise Invalid("orders.payment_date_before_order", day=day, ordered_on=order.ordered_on, field="on")
    if order.payment_received_on is not None:
        raise Conflict("orders.order_s_payment_already", id=order.id, payment_received_on=order.payment_received_on)
    order.payment_received_on = day
    record_audit(session, actor, action="order.pay", entity="order", entity_id=order.id,
                 after={"payment_received_on": day.isoformat()})
    session.flush()
    return order


def get_order(session: Session, actor: Actor, *, order_id: int) -> Order:
    """The order with ``order_id`` if its contact is visible to ``actor``; NotFound otherwise."""
    return visible_record(session, actor, Order, order_id, label="order")


def list_orders(
    session: Session, actor: Actor, *, contact_id: int | None = None, limit: int = 50, offset: int = 0
) -> Page[OrderRead]:
    """A page of orders ``actor`` may see, newest first."""
    if contact_id is not None:
        visible_contact(session, actor, contact_id)
    query = repository.orders_query(contact_scope(session, actor), contact_id=contact_id)
    rows, total = counted_page(session, query, limit=limit, offset=offset)
    return page_of(OrderRead, rows, total=total, limit=limit, offset=offset,
                   read=lambda o: order_read(session, o))


def order_totals(session: Session, order_id: int) -> tuple[Decimal, Decimal]:
    """An order's value (what the client pays) and profit (value minus what the goods cost us)."""
    lines = repository.order_lines(session, order_id)
    value = sum((line.quantity * line.unit_price for line in lines), Decimal("0"))
    cost = sum((line.quantity * line.unit_cost for line in lines), Decimal("0"))
    return value, value - cost


def order_read(session: Session, order: Order) -> OrderRead:
    """An order as shown, with lines, value and profit."""
    value, profit = order_totals(session, order.id)
    return OrderRead.model_validate({
        **{k: getattr(order, k) for k in (
            "id", "contact_id", "reference", "currency", "ordered_on", "payment_received_on", "note", "outcome_id",
        )},
        "value": value, "profit": profit,
        "lines": [OrderLineRead.model_validate(line) for line in repository.order_lines(session, order.id)],
    })


def resolve_item(session: Session, *, item_id: int | None, sku: str | None) -> CatalogItem | None:
    """The catalog item named by ``item_id`` or ``sku`` (None when neither is given); NotFound if unknown."""
    if item_id is not None:
        item = session.get(CatalogItem, item_id)
        if item is None:
            raise NotFound("orders.catalog_item_id", item_id=item_id)
        return item
    if sku is not None:
        found = repository.item_by_sku(session, sku)
        if found is None:
            raise NotFound("orders.catalog_item_sku_check", sku=sku)
        return found
    return None



def item_names(session: Session, item_ids: Iterable[int | None], language: str) -> dict[int, str]:
    """What each catalog item is called in ``language`` (lines name their item by id; the stored description
    of a catalog line is English)."""
    wanted = sorted({i for i in item_ids if i is not None})
    return {item.id: item_label(item, "", language) for item in repository.items_by_id(session, wanted)}


def _order_line(session: Session, order_id: int, line: OrderLineIn) -> OrderLine:
    item = resolve_item(session, item_id=line.item_id, sku=line.sku)
    return OrderLine(
        order_id=order_id, item_id=item.id if item else None,
        description=line.description or item_label(item, "", "en"), quantity=line.quantity,
        unit_cost=line.unit_cost, unit_price=line.unit_price,
    )


def create_promise(session: Session, actor: Actor, *, data: PromiseCreate) -> Promise:
    """Record a promise to a visible contact and put a keep-promise touch on the agenda until it is kept."""
    contact = visible_contact(session, actor, data.contact_id)
    order = _order_of(session, actor, contact, data.order_id)
    if data.due_on < clock.today():
        raise Invalid("orders.due_date_past_give", due_on=data.due_on, field="due_on")
    kind = data.condition_kind or condition_kind_of(data.condition)
    if kind == "payment_received" and order is None:
        raise Invalid("orders.promise_kept_once_payment",
                      field="order_id")
    item = resolve_item(session, item_id=data.item_id, sku=data.sku)
    unit_cost = data.unit_cost if data.unit_cost is not None else (item.price if item else None)
    if unit_cost is None:
        raise Invalid("orders.give_what_one_promised",
                      field="unit_cost")
    promise = Promise(
        contact_id=contact.id, order_id=order.id if order else None, item_id=item.id if item else None,
        description=data.description or item_label(item, "", "en"), quantity=data.quantity, unit_cost=unit_cost,
        condition_kind=kind, condition_text=data.condition, due_on=data.due_on, status=PromiseStatus.OPEN,
        owner_id=contact.owner_id,
    )
    session.add(promise)
    session.flush()
    language = normalize_language(actor.language)
    script = _touch_script(promise, contact, order, item_label(item, promise.description, language), language)
    touch = create_touch(session, actor, data=TouchCreate(
        contact_id=contact.id, purpose=PROMISE_PURPOSE, due_on=promise.due_on, script=script,
        source=PROMISE_SOURCE, source_id=promise.id,
    ))
    promise.touch_id = touch.id
    record_audit(session, actor, action="promise.create", entity="promise", entity_id=promise.id,
                 after={"contact_id": contact.id, "order_id": promise.order_id, "quantity": promise.quantity,
                        "condition": kind, "due_on": promise.due_on.isoformat()})
    session.flush()
    return promise


def confirm_condition(session: Session, actor: Actor, *, promise_id: int, on: date | None = None) -> Promise:
    """Confirm by hand that a promise's free-text condition is met, so the next parcel carries it."""
    promise = _open_promise(session, actor, promise_id, "confirmed")
    if promise.condition_kind != "manual":
        raise Conflict("orders.promise_s_condition_checked", id=promise.id, condition_kind=promise.condition_kind)
    promise.condition_met_on = on or clock.today()
    record_audit(session, actor, action="promise.confirm", entity="promise", entity_id=promise.id,
                 after={"condition_met_on": promise.condition_met_on.isoformat()})
    session.flush()
    return promise


def keep_promise(
    session: Session, actor: Actor, *, promise_id: int, note: str = "", shipment_id: int | None = None
) -> Promise:
    """Mark a promise kept today (by a parcel or by hand) and tick its agenda touch done."""
    promise = _open_promise(session, actor, promise_id, "kept")
    if shipment_id is None and not note.strip():
        raise Invalid("orders.say_how_promise_kept", field="note")
    promise.status, promise.kept_on = PromiseStatus.KEPT, clock.today()
    promise.shipment_id = shipment_id
    promise.kept_note = note.strip() or f"shipped in parcel {shipment_id}"
    _finish_touch(session, actor, promise)
    record_audit(session, actor, action="promise.keep", entity="promise", entity_id=promise.id,
                 after={"kept_on": promise.kept_on.isoformat(), "shipment_id": shipment_id, "note": promise.kept_note})
    session.flush()
    return promise


def get_promise(session: Session, actor: Actor, *, promise_id: int) -> Promise:
    """The promise with ``promise_id`` if its contact is visible to ``actor``; NotFound otherwise."""
    return visible_record(session, actor, Promise, promise_id, label="promise")


def list_promises(
    session: Session, actor: Actor, *, contact_id: int | None = None, order_id: int | None = None,
    status: str | None = None, limit: int = 50, offset: int = 0,
) -> Page[PromiseRead]:
    """A page of promises ``actor`` may see, soonest due first."""
    if status is not None and status not in tuple(PromiseStatus):
        raise Invalid("orders.promise_status_open_kept", status=status, field="status")
    query = repository.promises_query(contact_scope(session, actor), contact_id=contact_id, order_id=order_id,
                                      status=status)
    rows, total = counted_page(session, query, limit=limit, offset=offset)
    return page_of(PromiseRead, rows, total=total, limit=limit, offset=offset,
                   read=lambda p: promise_read(session, p))


def promise_read(session: Session, promise: Promise) -> PromiseRead:
    """A promise as shown, with whether its condition is met."""
    read = PromiseRead.model_validate(promise)
    read.condition_met = condition_met(session, promise)
    return read



def condition_met(session: Session, promise: Promise) -> bool:
    """Whether a promise's condition holds today (payment recorded, confirmed by hand, or none)."""
    if promise.condition_kind == "none":
        return True
    if promise.condition_kind == "payment_received":
        order = session.get(Order, promise.order_id) if promise.order_id else None
        return order is not None and order.payment_received_on is not None
    return promise.condition_met_on is not None


def due_promises(session: Session, order: Order) -> list[Promise]:
    """Open promises the order's next parcel owes: condition met and not yet in any parcel."""
    candidates = [p for p in repository.open_promises_for(session, contact_id=order.contact_id, order_id=order.id)
                  if condition_met(session, p)]
    packed = repository.promised_ids_in_parcels(session, [p.id for p in candidates])
    return [p for p in candidates if p.id not in packed]


def keep_shipped(session: Session, actor: Actor, *, promise_ids: Sequence[int], shipment_id: int) -> None:
    """Keep every open promise that just left in parcel ``shipment_id``."""
    for promise_id in promise_ids:
        promise = session.get(Promise, promise_id)
        if promise is not None and promise.status == PromiseStatus.OPEN:
            keep_promise(session, actor, promise_id=promise_id, shipment_id=shipment_id)


def _order_of(session: Session, actor: Actor, contact: Contact, order_id: int | None) -> Order | None:
    if order_id is None:
        return None
    order = get_order(session, actor, order_id=order_id)
    if order.contact_id != contact.id:
        raise Invalid("orders.order_order_link_one", order_id=order_id, name=contact.name,
                      field="order_id")
    return order


def _open_promise(session: Session, actor: Actor, promise_id: int, verb: str) -> Promise:
    promise = get_promise(session, actor, promise_id=promise_id)
    if promise.status != PromiseStatus.OPEN:
        raise Conflict("orders.promise_already_again", promise_id=promise_id, status=promise.status, verb=verb)
    return promise


def _finish_touch(session: Session, actor: Actor, promise: Promise) -> None:
    touch = session.get(Touch, promise.touch_id) if promise.touch_id else None
    if touch is not None and touch.status == TouchStatus.OPEN:
        complete_touch(session, actor, touch_id=touch.id, result=f"Promise kept: {promise.kept_note}")


def _touch_script(promise: Promise, contact: Contact, order: Order | None, item: str, language: str) -> str:
    order_ref = ""
    if order is not None:
        ref = order.reference or f"#{order.id}"
        order_ref = t("orders.order_ref", language, ref=ref)
    return render("orders", language, "touch-keep-promise", contact_name=contact.name, quantity=promise.quantity,
                  item=item, condition=promise.condition_text, due_on=promise.due_on.isoformat(), order_ref=order_ref)
