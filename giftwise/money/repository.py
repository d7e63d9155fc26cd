"""The queries of the money domain."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.models.money import ExchangeRate


def all_rates(session: Session) -> list[ExchangeRate]:
    """Every stored rate, by pair and then oldest first."""
    return list(session.scalars(
        select(ExchangeRate).order_by(ExchangeRate.currency, ExchangeRate.quote, ExchangeRate.valid_from)
    ))


def rate_on(session: Session, currency: str, quote: str, valid_from: date) -> ExchangeRate | None:
    """The stored rate of a pair that starts on ``valid_from``, if any."""
    return session.scalars(select(ExchangeRate).where(
        ExchangeRate.currency == currency, ExchangeRate.quote == quote, ExchangeRate.valid_from == valid_from,
    )).first()
