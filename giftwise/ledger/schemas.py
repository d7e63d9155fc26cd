"""Shapes that cross the ledger boundary: outcomes in and out, books, drains, ROI."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from giftwise.core.schemas import CurrencyCode, PrimaryKey, Schema

OutcomeKind = Literal["reply", "meeting", "order", "referral", "complaint", "return", "refusal", "silence"]
OUTCOME_KINDS: tuple[str, ...] = OutcomeKind.__args__  # type: ignore[attr-defined]
POSITIVE_KINDS: frozenset[str] = frozenset({"reply", "meeting", "order", "referral"})
FRICTION_KINDS: frozenset[str] = frozenset({"complaint", "return", "refusal", "silence"})


class OutcomeCreate(Schema):
    """Something that came back from a contact; link it to the gift, touch or campaign it answers."""

    contact_id: PrimaryKey
    on: date | None = None
    kind: OutcomeKind
    value: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] = Decimal("0")
    currency: CurrencyCode | None = None
    gift_id: PrimaryKey | None = None
    touch_id: PrimaryKey | None = None
    campaign_id: PrimaryKey | None = None
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class OutcomeRead(Schema):
    """An outcome as the API and CLI show it."""

    id: int
    contact_id: int
    on: date
    kind: str
    value: Decimal
    currency: str
    gift_id: int | None
    touch_id: int | None
    campaign_id: int | None
    note: str
    created_at: datetime
