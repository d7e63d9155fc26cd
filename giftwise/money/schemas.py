"""Shapes that cross the money boundary: a rate to set, a rate as shown, a conversion."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from giftwise.core.schemas import CurrencyCode, Schema


class RateSet(Schema):
    """One unit of ``currency`` buys ``rate`` units of ``quote`` from ``valid_from`` (default today) on."""

    currency: CurrencyCode
    quote: CurrencyCode | None = None
    rate: Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=8)]
    valid_from: date | None = None


class RateRead(Schema):
    """A rate in the table: set by a user, or shipped with giftwise."""

    currency: str
    quote: str
    rate: Decimal
    valid_from: date
    source: str


class Conversion(Schema):
    """An amount converted into another currency with the rate of a day."""

    amount: Decimal
    currency: str
    converted: Decimal
    to: str
    on: date
    rate: Decimal
