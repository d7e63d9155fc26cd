"""Shapes that cross the disputes boundary: claims on parcels, the advice, the reply and the resolution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from giftwise.core.i18n import msg
from giftwise.core.schemas import PrimaryKey, Schema
from giftwise.orders.schemas import Amount, Quantity, ShortText, Sku

LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=8000)]
ClaimKind = Literal["short", "damaged", "wrong-colour", "wrong-item", "other"]
Resolution = Literal["resend", "resend_surprise", "partial_credit", "hold_firm"]
DisputeOutcome = Literal["reordered", "lost", "quiet"]


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
            raise ValueError(msg("disputes.give_either_surprise_item"))
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
    # The order's currency: what cost_total, credit_amount and reorder_value are counted in.
    currency: str = ""


class ResolutionRead(Schema):
    """What a resolution set in motion: the dispute, its resend, gift, touches and ledger entries."""

    dispute: DisputeRead
    resend_shipment_id: int | None
    gift_id: int | None
    touch_ids: list[int]
