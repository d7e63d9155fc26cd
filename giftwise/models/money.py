"""Dated exchange rates: every total in another currency converts through them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class ExchangeRate(IdMixin, TimestampMixin, Base):
    """One unit of ``currency`` is worth ``rate`` units of ``quote`` from ``valid_from`` on."""

    __tablename__ = "exchange_rates"
    __table_args__ = (UniqueConstraint("currency", "quote", "valid_from", name="uq_exchange_rates_pair_day"),)

    currency: Mapped[str] = mapped_column(String(3))
    quote: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(Numeric(18, 8))
    valid_from: Mapped[date]
