"""Shapes that cross the gestures boundary: a budget in, a plan of small gestures out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from giftwise.core.schemas import CurrencyCode, Schema


class GesturePlanIn(Schema):
    """A budget to split into small gestures over some months."""

    budget: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
    months: Annotated[int, Field(ge=1, le=24)] = 6
    currency: CurrencyCode | None = None


class GestureRead(Schema):
    """One planned gesture: when, for what occasion, which item (none: a free touch), and why."""

    on: date
    occasion: str
    anchor: str | None
    need: str | None
    item_id: int | None
    sku: str | None
    item_name: str
    cost: Decimal
    why: str
    kind: str = "item"  # item, card, article or call


class GesturePlanRead(Schema):
    """A budget split into a cadence of gestures, with what is left."""

    contact_id: int
    contact_name: str
    budget: Decimal
    currency: str
    months: int
    start: date
    end: date
    total_cost: Decimal
    unspent: Decimal
    source: Literal["recommender", "catalog"]
    gestures: list[GestureRead]
    notes: list[str] = Field(default_factory=list)


class AcceptedGesturePlan(Schema):
    """A gesture plan turned into planned gifts and touches."""

    plan: GesturePlanRead
    gift_ids: list[int]
    touch_ids: list[int]
