"""Shapes that cross the disputes boundary: orders, promises, shipments, evidence, disputes and advice."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from giftwise.core.schemas import CurrencyCode, PrimaryKey, Schema

Quantity = Annotated[int, Field(gt=0, le=1_000_000, description="How many units (a whole number above 0).")]
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Sku = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=8000)]
Weight = Annotated[Decimal, Field(gt=0, le=100_000, max_digits=10, decimal_places=3)]
ConditionKind = Literal["none", "payment_received", "manual"]
ClaimKind = Literal["short", "damaged", "wrong-colour", "wrong-item", "other"]
Resolution = Literal["resend", "resend_surprise", "partial_credit", "hold_firm"]
DisputeOutcome = Literal["reordered", "lost", "quiet"]


class ItemRef(Schema):
    """What a line is: a catalog item (``item_id`` or ``sku``) or a free ``description``."""

    item_id: PrimaryKey | None = None
    sku: Sku | None = None
    description: ShortText = ""

    @model_validator(mode="after")
    def _names_the_item(self) -> ItemRef:
        if self.item_id is None and self.sku is None and not self.description:
            raise ValueError("say what it is: a catalog item (item_id or sku) or a free description")
        if self.item_id is not None and self.sku is not None:
            raise ValueError("give either item_id or sku, not both")
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
            raise ValueError("add a promise (promise_id) or an item (item_id, sku or description)")
        if self.promise_id is None and self.quantity is None:
            raise ValueError("give the quantity of the item")
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


class DisputeOptions(Schema):
    """The choices that shape the advice: resend route, surprise, entered values."""

    route: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    shipping_cost: Amount | None = None
    surprise_item_id: PrimaryKey | None = None
    surprise_sku: Sku | None = None
    surprise_description: ShortText = ""
    surprise_quantity: Annotated[int, Field(ge=0, le=1000)] | None = None
    surprise_unit_cost: Amount | None = None
    lifetime_value: Amount | None = None

    @model_validator(mode="after")
    def _one_surprise_item(self) -> DisputeOptions:
        if self.surprise_item_id is not None and self.surprise_sku is not None:
            raise ValueError("give either surprise_item_id or surprise_sku, not both")
        return self


class DisputeOpen(DisputeOptions):
    """A client's claim on a shipment, in their words, with the hours already spent on it."""

    shipment_id: PrimaryKey
    claim: ClaimKind
    quantity: Quantity
    line_id: PrimaryKey | None = None
    claim_text: ShortText = ""
    client_words: LongText = ""
    hours_spent: Annotated[Decimal, Field(ge=0, le=10_000, max_digits=8, decimal_places=2)] = Decimal("0")


class ResolveIn(DisputeOptions):
    """Carry out a resolution (default: the recommended one)."""

    resolution: Resolution | None = None
    credit_amount: Amount | None = None
    note: ShortText = ""


class CloseIn(Schema):
    """Close a resolved dispute with what came of it (default: reordered if an order followed)."""

    outcome: DisputeOutcome | None = None
    note: ShortText = ""


class AdviceOption(Schema):
    """One way to settle, with its cost."""

    resolution: str
    label_zh: str
    label_en: str
    cost: Decimal


class AdviceRead(Schema):
    """The advice: every figure, the options and their costs, the break-even, explained in zh and en."""

    dispute_id: int
    currency: str
    recommended: str
    recommended_label: dict[str, str]
    language: str
    figures: dict[str, Decimal]
    lifetime_basis: str
    break_even_lifetime_value: Decimal
    options: list[AdviceOption]
    evidence_held: list[str]
    evidence_missing: list[str]
    explanation: dict[str, list[str]]


class DraftRead(Schema):
    """A reply in the client's language; ``calm`` is false when it holds words that argue about fault."""

    dispute_id: int
    language: str
    resolution: str
    text: str
    calm: bool
    flagged_words: list[str] = Field(default_factory=list)


class DisputeRead(Schema):
    """A dispute as shown, with its later outcome (a reorder after the resolution)."""

    id: int
    shipment_id: int
    order_id: int
    contact_id: int
    claim_kind: str
    claim_quantity: int
    claim_line_id: int | None
    claim_text: str
    client_words: str
    hours_spent: Decimal
    status: str
    opened_on: date
    route: str | None
    recommended: str | None
    resolution: str | None
    resolution_note: str
    credit_amount: Decimal
    cost_total: Decimal
    gift_id: int | None
    resend_shipment_id: int | None
    resolved_on: date | None
    closed_on: date | None
    outcome: str | None
    outcome_value: Decimal | None
    complaint_outcome_id: int | None
    evidence_held: list[str] = Field(default_factory=list)
    reorder_value: Decimal = Decimal("0")
    reorder_on: date | None = None


class ResolutionRead(Schema):
    """What a resolution set in motion: the dispute, its resend, gift, touches and ledger entries."""

    dispute: DisputeRead
    resend_shipment_id: int | None
    gift_id: int | None
    touch_ids: list[int]
