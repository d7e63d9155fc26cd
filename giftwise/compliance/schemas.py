"""Shapes crossing the boundary for the compliance domain."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from giftwise.core.schemas import CurrencyCode, PrimaryKey, Schema
from giftwise.models.gifts import ItemKind


class GiftCheck(Schema):
    """A proposed gift: for a contact, a catalog item (by sku) or a description and what kind of thing it is, its
    cost and currency."""

    contact_id: PrimaryKey
    sku: Annotated[str, StringConstraints(max_length=120)] | None = None
    description: Annotated[str, StringConstraints(max_length=2000)] = ""
    item_kind: ItemKind | None = None
    cost: Annotated[Decimal, Field(ge=0)] | None = None
    currency: CurrencyCode | None = None
    occasion: str = "thank-you"


class VerdictRead(Schema):
    """The policy's answer: allowed, needs a manager's approval, and why (codes name the rules)."""

    allowed: bool
    needs_approval: bool
    reasons: list[str]
    codes: list[str]
    value: Decimal | None = None


class LimitsRead(Schema):
    """The caps for one recipient group."""

    group: str
    per_gift_cap: Decimal | None
    approval_above: Decimal | None
    rolling_12m_cap: Decimal | None


class PolicyRead(Schema):
    """The policy in force."""

    currency: str
    banned: list[str]
    groups: list[LimitsRead]
    tender_forbids: bool
    refuses_gifts_max: Decimal
    repeat_window_days: int
    rates: dict[str, Decimal]
