"""Shapes that cross the orders boundary: orders with their lines, and promises made to clients."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from giftwise.core.i18n import msg
from giftwise.core.schemas import CurrencyCode, PrimaryKey, Schema

Quantity = Annotated[int, Field(gt=0, le=1_000_000, description="How many units (a whole number above 0).")]
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Sku = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
ConditionKind = Literal["none", "payment_received", "manual"]


class ItemRef(Schema):
    """What a line is: a catalog item (``item_id`` or ``sku``) or a free ``description``."""

    item_id: PrimaryKey | None = None
    sku: Sku | None = None
    description: ShortText = ""

    @model_validator(mode="after")
    def _names_the_item(self) -> ItemRef:
        if self.item_id is None and self.sku is None and not self.description:
            raise ValueError(msg("orders.say_what_catalog_item"))
        if self.item_id is not None and self.sku is not None:
            raise ValueError(msg("orders.give_either_item_id"))
        return self


class OrderLineIn(ItemRef):
    """One ordered item with its quantity, what one unit costs us and what the client pays for it."""

    quantity: Quantity
    unit_cost: Amount
    unit_price: Amount


class OrderCreate(Schema):
    """A client's order; recording it also records an ``order`` outcome in the ledger."""

    contact_id: PrimaryKey
    reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] = ""
    currency: CurrencyCode | None = None
    ordered_on: date | None = None
    lines: Annotated[list[OrderLineIn], Field(min_length=1)]
    note: ShortText = ""


class PaymentIn(Schema):
    """When the client's payment arrived (default today)."""

    on: date | None = None


class OrderLineRead(Schema):
    """An order line as shown."""

    id: int
    item_id: int | None
    description: str
    quantity: int
    unit_cost: Decimal
    unit_price: Decimal


class OrderRead(Schema):
    """An order with its lines, value and profit."""

    id: int
    contact_id: int
    reference: str
    currency: str
    ordered_on: date
    payment_received_on: date | None
    note: str
    outcome_id: int | None
    value: Decimal
    profit: Decimal
    lines: list[OrderLineRead] = Field(default_factory=list)


class PromiseCreate(ItemRef):
    """A promise to a contact: what, how many, on what condition, by when."""

    contact_id: PrimaryKey
    order_id: PrimaryKey | None = None
    quantity: Quantity = 1
    unit_cost: Amount | None = None
    condition: ShortText = Field("", description="e.g. 'once payment is received'; empty for no condition.")
    condition_kind: ConditionKind | None = None
    due_on: date


class PromiseKeep(Schema):
    """How a promise was kept when it did not travel in a shipment (handed over, emailed...)."""

    note: ShortText = ""


class PromiseRead(Schema):
    """A promise as shown, with whether its condition is met yet."""

    id: int
    contact_id: int
    order_id: int | None
    item_id: int | None
    description: str
    quantity: int
    unit_cost: Decimal
    condition_kind: str
    condition_text: str
    condition_met: bool = False
    condition_met_on: date | None
    due_on: date
    status: str
    kept_on: date | None
    kept_note: str | None
    shipment_id: int | None
    touch_id: int | None
