"""Shapes that cross the gifts boundary: plan a gift, move it along, read it back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from giftwise.core.i18n import msg
from giftwise.core.schemas import CurrencyCode, PrimaryKey, Schema
from giftwise.models.gifts import ItemKind

GiftKind = Literal["care", "token", "obligation"]
# The statuses a transition may reach: every GiftStatus but "cancelled", which only cancelling sets.
TransitionTarget = Literal[
    "planned", "approved", "ordered", "shipped", "delivered", "acknowledged", "returned", "refused", "lost"
]
ReturnReason = Literal["budget", "timing", "compliance", "misread_need", "unknown"]
Occasion = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z][a-z-]{1,23}$")]


class GiftCreate(Schema):
    """A gift to plan: a catalog item (by ``item_id`` or ``sku``) or a free ``description`` with its ``cost`` and
    ``item_kind`` (what it is: goods, food, drink, voucher, cash or experience)."""

    contact_id: PrimaryKey
    item_id: PrimaryKey | None = None
    sku: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)] | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    item_kind: ItemKind | None = None
    occasion: Occasion = "thank-you"
    cost: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] | None = None
    shipping_cost: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] = Decimal("0")
    currency: CurrencyCode | None = None
    kind: GiftKind | None = None
    free_will: bool | None = None
    campaign_id: PrimaryKey | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    planned_on: date | None = None
    # Why to give it although the guard rules it out for this person (audited; never overrides compliance).
    override_reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""

    @model_validator(mode="after")
    def _names_what_is_given(self) -> GiftCreate:
        if self.item_id is None and self.sku is None and not self.description:
            raise ValueError(msg("gifts.say_what_gift_catalog"))
        if self.item_id is not None and self.sku is not None:
            raise ValueError(msg("gifts.give_either_item_id"))
        return self


class GiftUpdate(Schema):
    """Edits to a gift's texts before it is sent (story, card, reason)."""

    story: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] | None = None
    card_text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None


class TransitionIn(Schema):
    """Move a gift to ``to_status`` on a date; returned/refused need a ``reason`` category."""

    to_status: TransitionTarget
    on: date | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None


class CancelIn(Schema):
    """Drop a gift that has not left yet (planned, approved or ordered), with why."""

    on: date | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None


class GiftEventRead(Schema):
    """One dated step in a gift's life."""

    id: int
    from_status: str | None
    to_status: str
    on: date
    reason: str | None
    actor_id: int | None
    at: datetime


class GiftRead(Schema):
    """A gift as the API and CLI show it."""

    id: int
    contact_id: int
    item_id: int | None
    description: str
    item_kind: str | None = None
    campaign_id: int | None
    occasion: str
    kind: str
    free_will: bool
    free_will_overridden: bool
    cost: Decimal
    shipping_cost: Decimal
    currency: str
    reason: str
    story: str
    card_text: str
    status: str
    status_reason: str | None
    needs_approval: bool
    planned_on: date
    approved_on: date | None
    ordered_on: date | None
    shipped_on: date | None
    delivered_on: date | None
    acknowledged_on: date | None
    closed_on: date | None
    owner_id: int


class GiftDetail(GiftRead):
    """A gift with its dated history and the compliance notes made when it was planned."""

    events: list[GiftEventRead] = Field(default_factory=list)
    compliance_notes: list[str] = Field(default_factory=list)


class RedraftIn(Schema):
    """Which card situation and language to draft again."""

    situation: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=24)] | None = None
    language: Literal["zh", "en"] | None = None


class Drafts(Schema):
    """The story to tell before sending and the handwritten-style card, in the contact's language."""

    gift_id: int
    language: str
    situation: str
    story: str
    card_text: str
    # For the rep only: the item's story to retell in their own words before sending.
    story_hint: str = ""
