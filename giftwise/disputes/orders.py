"""Orders: what a client bought, its value and profit, and when the payment arrived."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, record_audit, visible_contact, visible_record
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.queries import counted_page
from giftwise.core.schemas import Page
from giftwise.core.settings import get_settings
from giftwise.disputes import repository
from giftwise.disputes.schemas import OrderCreate, OrderLineIn, OrderLineRead, OrderRead
from giftwise.models.catalog import CatalogItem
from giftwise.models.orders import Order, OrderLine


def create_order(session: Session, actor: Actor, *, data: OrderCreate) -> Order:
    """Record a visible contact's order with its lines, and its ``order`` outcome in the ledger."""
    from giftwise.ledger.schemas import OutcomeCreate
    from giftwise.ledger.service import record_outcome

    contact = visible_contact(session, actor, data.contact_id)
    ordered_on = data.ordered_on or clock.today()
    if ordered_on > clock.today():
        raise Invalid(f"The order date {ordered_on} is in the future; record orders once they are placed.",
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
        raise Invalid(f"The payment date {day} is in the future; record the payment once it has arrived.", field="on")
    if day < order.ordered_on:
        raise Invalid(f"The payment date {day} is before the order date {order.ordered_on}.", field="on")
    if order.payment_received_on is not None:
        raise Conflict(f"Order {order.id}'s payment was already recorded on {order.payment_received_on}.")
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
    return Page[OrderRead](items=[order_read(session, o) for o in rows], total=total, limit=limit, offset=offset)


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
            raise NotFound(f"No catalog item with id {item_id}.")
        return item
    if sku is not None:
        found = repository.item_by_sku(session, sku)
        if found is None:
            raise NotFound(f"No catalog item with sku '{sku}'; check the catalog or describe the item instead.")
        return found
    return None


def item_label(item: CatalogItem | None, description: str, language: str) -> str:
    """What a line holds, in ``language``: the catalog name, else the free description."""
    if item is None:
        return description
    name = item.name_en if language == "en" else item.name_zh
    return name or item.name_zh or item.name_en or item.sku


def _order_line(session: Session, order_id: int, line: OrderLineIn) -> OrderLine:
    item = resolve_item(session, item_id=line.item_id, sku=line.sku)
    return OrderLine(
        order_id=order_id, item_id=item.id if item else None,
        description=line.description or item_label(item, "", "en"), quantity=line.quantity,
        unit_cost=line.unit_cost, unit_price=line.unit_price,
    )
