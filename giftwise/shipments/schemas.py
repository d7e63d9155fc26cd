"""Shapes that cross the shipments boundary: parcels, their lines, and the evidence kept for them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from giftwise.core.i18n import msg
from giftwise.core.schemas import PrimaryKey, Schema
from giftwise.orders.schemas import Amount, Quantity, ShortText, Sku

Weight = Annotated[Decimal, Field(gt=0, le=100_000, max_digits=10, decimal_places=3)]


class ShipmentPrepare(Schema):
    """Start a parcel for an order; its open lines and due promises go in unless ``empty``."""

    order_id: PrimaryKey
    route: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    carrier: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] | None = None
    empty: bool = False


class ShipmentLineIn(Schema):
    """A line to add to a parcel: a promise (by id) or an item with quantity and prices."""

    promise_id: PrimaryKey | None = None
    item_id: PrimaryKey | None = None
    sku: Sku | None = None
    description: ShortText = ""
    quantity: Quantity | None = None
    unit_cost: Amount = Decimal("0")
    unit_price: Amount = Decimal("0")
    unit_weight_kg: Weight | None = None

    @model_validator(mode="after")
    def _promise_or_item(self) -> ShipmentLineIn:
        has_item = self.item_id is not None or self.sku is not None or bool(self.description)
        if self.promise_id is None and not has_item:
            raise ValueError(msg("shipments.add_promise_promise_id"))
        if self.promise_id is None and self.quantity is None:
            raise ValueError(msg("shipments.give_quantity_item"))
        return self


class PackIn(Schema):
    """Mark a parcel packed; ``missing_promises_reason`` records why a due promise is not in it."""

    missing_promises_reason: ShortText | None = None


class ShipIn(Schema):
    """Hand a packed parcel to the carrier."""

    carrier: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] | None = None
    tracking_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] | None = None
    shipping_cost: Amount | None = None


class ShipmentLineRead(Schema):
    """A parcel line; ``promised_extra`` marks a promised extra (price 0)."""

    id: int
    kind: str
    promised_extra: bool = False
    promise_id: int | None
    order_line_id: int | None
    item_id: int | None
    description: str
    quantity: int
    unit_cost: Decimal
    unit_price: Decimal
    unit_weight_kg: Decimal | None


class ShipmentRead(Schema):
    """A parcel with its lines and totals."""

    id: int
    order_id: int
    contact_id: int
    kind: str
    dispute_id: int | None
    status: str
    route: str | None
    carrier: str | None
    tracking_number: str | None
    shipping_cost: Decimal
    prepared_on: date
    packed_on: date | None
    shipped_on: date | None
    packed_units: int | None
    units: int = 0
    goods_cost: Decimal = Decimal("0")
    missing_promises_reason: str | None
    lines: list[ShipmentLineRead] = Field(default_factory=list)


class WeightIn(Schema):
    """A weighing of the parcel."""

    weight_kg: Weight
    note: ShortText = ""


class NoteIn(Schema):
    """A packing note (who packed, what was checked)."""

    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class EvidenceIn(Schema):
    """What comes with an uploaded photo, or alone: the parcel's weight and a packing note (or the photo's caption)."""

    weight_kg: Weight | None = None
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class EvidenceRead(Schema):
    """One piece of evidence; ``verified`` is ok, missing or changed for files (checksum), else null."""

    id: int
    shipment_id: int
    kind: str
    original_name: str | None
    content_type: str | None
    size_bytes: int | None
    sha256: str | None
    weight_kg: Decimal | None
    note: str
    recorded_at: datetime
    verified: str | None = None
