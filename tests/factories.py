"""The tests' one set of typed factories: contacts, catalog items, and the cosmetic-bag exporter's world
with short-cuts through orders, parcels and disputes (domain-specific factories build on these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.contacts.service import create_contact
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.disputes import service as disputes
from giftwise.disputes.schemas import DisputeOpen
from giftwise.ledger.schemas import OutcomeCreate
from giftwise.ledger.service import record_outcome
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute
from giftwise.models.orders import Order, Promise
from giftwise.models.shipments import Shipment
from giftwise.orders import service as orders
from giftwise.orders.schemas import OrderCreate, OrderLineIn, PromiseCreate
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import PackIn, ShipIn, ShipmentPrepare
from giftwise.workflows import note_steps

# A tiny but real PNG (1x1 pixel), so stored photos are genuine image files.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class World:
    """The exporter's book: Anna (English-speaking client), the bag and the new line's velvet bag."""

    contact: Contact
    bag: CatalogItem
    velvet: CatalogItem


def make_contact(
    session: Session, actor: Actor, name: str = "王建国", *, notes: list[tuple[str, str]] | None = None,
    archived: bool = False, **fields: Any,
) -> Contact:
    """A contact added to ``actor``'s book as a user would add it (checked, deduplicated, audited), with
    ``notes`` as (YYYY-MM-DD, text) pairs, kept and read into facts as a user's notes are; ``fields`` are any of
    ``ContactCreate``'s."""
    contact = create_contact(session, actor, data=ContactCreate(name=name, **fields))
    if notes:
        note_steps.add_many(session, actor, contact_id=contact.id,
                            notes=[NoteCreate(on=date.fromisoformat(day), text=text) for day, text in notes])
    contact.archived = archived
    session.flush()
    return contact


def pear(**overrides: Any) -> dict[str, Any]:
    """The values of the usual test gift, a box of home-grown pears with a story and a usage tip."""
    return {
        "sku": "pear-orchard", "price": "168", "name_zh": "姥爷果园的秋月梨", "name_en": "Pears from grandpa's orchard",
        "category": "food", "tags": ["fruit", "story"], "usage_tip_zh": "放两三天再吃更甜",
        "usage_tip_en": "Let them rest two or three days; they get sweeter", "story_prompt": "这梨是我姥爷种的",
        **overrides,
    }  # fmt: skip


def make_item(session: Session, sku: str, price: str = "200", **values: Any) -> CatalogItem:
    """A catalog item named after its ``sku`` unless ``values`` name it; ``price`` is what one costs us to give."""
    fields: dict[str, Any] = {"name_zh": sku, "name_en": sku, "currency": "CNY", **values}
    item = CatalogItem(sku=sku, price=Decimal(str(price)), **fields)
    session.add(item)
    session.flush()
    return item


def make_world(session: Session, actor: Actor, *, language: str = "en", name: str = "Anna Keller") -> World:
    """Anna, an overseas client, and the two bags."""
    contact = make_contact(session, actor, name, language=language, relationship="client")
    bag = make_item(session, sku="cosmetic-bag", name_en="cosmetic bag", name_zh="化妆包", price="40")
    velvet = make_item(session, sku="velvet-bag", name_en="velvet cosmetic bag", name_zh="丝绒化妆包", price="35")
    return World(contact, bag, velvet)


def past_orders(session: Session, actor: Actor, contact: Contact, *values: tuple[date, str]) -> None:
    """Earlier orders, as the ledger knows them (order outcomes)."""
    for on, value in values:
        record_outcome(session, actor, data=OutcomeCreate(contact_id=contact.id, kind="order", on=on,
                                                          value=Decimal(value), currency="CNY"))


def order_bags(
    session: Session, actor: Actor, world: World, *, quantity: int = 20, cost: str = "40", price: str = "95",
    reference: str = "PO-118", currency: str = "CNY",
) -> Order:
    """An order of cosmetic bags."""
    return orders.create_order(session, actor, data=OrderCreate(
        contact_id=world.contact.id, reference=reference, currency=currency,
        lines=[OrderLineIn(sku="cosmetic-bag", quantity=quantity, unit_cost=Decimal(cost), unit_price=Decimal(price))],
    ))


def promise_bags(session: Session, actor: Actor, world: World, order: Order, *, due: date, **extra: Any) -> Promise:
    """The promise of 2 free bags once payment is received."""
    values: dict[str, Any] = {"quantity": 2, "condition": "once payment is received", **extra}
    return orders.create_promise(session, actor, data=PromiseCreate(
        contact_id=world.contact.id, order_id=order.id, sku="cosmetic-bag", due_on=due, **values,
    ))


def photo_file(folder: Path, name: str = "parcel.png", content: bytes = PNG_BYTES) -> Path:
    """A photo file on disk."""
    path = folder / name
    path.write_bytes(content)
    return path


def shipped_parcel(
    session: Session, actor: Actor, order: Order, folder: Path, *, weight: str | None = "6.6", photo: bool = True
) -> Shipment:
    """The order's parcel prepared, evidenced (photo, weight, note), packed and shipped."""
    parcel = shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=order.id, route="express"))
    if photo:
        shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo_file(folder))
    if weight is not None:
        shipments.add_weight(session, actor, shipment_id=parcel.id, weight_kg=Decimal(weight))
    shipments.add_note(session, actor, shipment_id=parcel.id, note="Counted twice by Mei before sealing.")
    shipments.pack_shipment(session, actor, shipment_id=parcel.id, data=PackIn())
    return shipments.ship_shipment(session, actor, shipment_id=parcel.id,
                                 data=ShipIn(carrier="DHL", tracking_number="JD0146", shipping_cost=Decimal("300")))


def claim_short(
    session: Session, actor: Actor, parcel: Shipment, *, quantity: int = 2, hours: str = "16", **extra: Any
) -> Dispute:
    """The client's claim that the parcel was short."""
    return disputes.open_dispute(session, actor, data=DisputeOpen(
        shipment_id=parcel.id, claim="short", quantity=quantity, hours_spent=Decimal(hours),
        client_words="Only 20 bags arrived, 2 are missing!", **extra,
    ))


def at(day: date) -> None:
    """Move the frozen clock to ``day``."""
    clock.set_now(day)
