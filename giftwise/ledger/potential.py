"""A contact's potential from the ledger: what they ordered, how they answered, whether they drain.

Unitless, around 1.0 for a contact with no history::

    potential = (1 + ln(1 + orders in the last 12 months / 1000) + 0.3 * min(positive outcomes in 6 months, 5))
                * (0.5 if the relationship is draining else 1)

The allocation multiplies it by the recommender's fit score to get an expected value per gift.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from giftwise.core.i18n import t
from giftwise.ledger.drains import detect_drain, months_back
from giftwise.ledger.history import History
from giftwise.ledger.schemas import POSITIVE_KINDS

ORDER_SCALE = 1000.0
POSITIVE_WEIGHT = 0.3
POSITIVE_CAP = 5
DRAIN_FACTOR = 0.5


@dataclass(slots=True)
class Potential:
    """A contact's potential and the reasons behind it, in the reader's language."""

    value: float
    reasons: list[str] = field(default_factory=list)
    draining: bool = False


def contact_potential(history: History, *, contact_id: int, name: str, today: date, language: str,
                      currency: str = "CNY") -> Potential:
    """The potential of one contact from its history (orders, positive outcomes, drain flag)."""
    year_ago = today - timedelta(days=365)
    half_year = months_back(today, 6)
    orders = sum((history.value_of(o) for o in history.outcomes if o.kind == "order" and year_ago < o.on <= today),
                 Decimal(0))
    positives = [o for o in history.outcomes if o.kind in POSITIVE_KINDS and half_year <= o.on <= today]
    value = 1.0 + math.log1p(float(orders) / ORDER_SCALE) + POSITIVE_WEIGHT * min(len(positives), POSITIVE_CAP)
    reasons = []
    if orders > 0:
        reasons.append(t("ledger.potential.orders", language, value=f"{orders:,.0f}", currency=currency))
    if positives:
        kinds = sorted({t(f"ledger.kind.{o.kind}", language) for o in positives})
        reasons.append(t("ledger.potential.positive", language, n=len(positives),
                           kinds=t("ledger.sep", language).join(kinds)))
    drain = detect_drain(history, contact_id=contact_id, name=name, today=today, language=language)
    if drain is not None:
        value *= DRAIN_FACTOR
        reasons.append(t("ledger.potential.draining", language, pattern=drain.pattern))
    if not reasons:
        reasons.append(t("ledger.potential.new", language))
    return Potential(value=round(value, 4), reasons=reasons, draining=drain is not None)
