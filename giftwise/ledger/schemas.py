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


class Books(Schema):
    """What a relationship (or a campaign) cost and returned over a period, with ROI and its rule."""

    subject: str
    contact_id: int | None = None
    campaign_id: int | None = None
    since: date | None
    until: date
    currency: str
    gifts: int
    gift_cost: Decimal
    shipping: Decimal
    spent: Decimal
    touches_done: int
    minutes: int
    returns: int
    refusals: int
    complaints: int
    disputes: int
    dispute_cost: Decimal
    dispute_minutes: int
    unanswered_touches: int
    silences: int
    replies: int
    meetings: int
    orders: int
    order_value: Decimal
    referrals: int
    referral_value: Decimal
    attributed_value: Decimal
    roi: float | None
    attribution_rule: str
    # Time spent on touches and disputes, priced at GIFTWISE_HOURLY_COST in the base currency.
    time_cost: Decimal = Decimal(0)
    # Says that every amount is in ``currency`` and how other currencies were converted.
    currency_note: str = ""


class Drain(Schema):
    """A relationship that takes more than it gives: the pattern in words and what to do."""

    contact_id: int
    name: str
    reasons: list[str]
    pattern: str
    suggestion: str
    action: Literal["recalibrate", "pause"]
    gifts: int
    returned: int
    spent: Decimal
    minutes: int
    last_positive_on: date | None


class RoiRow(Schema):
    """ROI of one group of gifts (a kind, a category, an occasion or a campaign)."""

    group: str
    value: str
    gifts: int
    spent: Decimal
    attributed_value: Decimal
    roi: float | None
    returned: int
    refused: int
    return_rate: float | None
    refusal_rate: float | None


class RoiReport(Schema):
    """ROI grouped one way, with the attribution rule that produced it."""

    by: str
    since: date | None
    until: date
    attribution_rule: str
    rows: list[RoiRow]


class MonthPoint(Schema):
    """One month of spend and returns (for the spend-vs-returns chart)."""

    month: str
    spent: float = 0.0
    orders: float = 0.0
    attributed: float = 0.0
