"""The reciprocity window: gratitude fades with a half-life, so the chance to reciprocate comes soon.

Palmatier et al. (2009) show gratitude drives reciprocity and is short-lived; in Burger et al.
(1997) the effect of a favour was gone within a week. Pure functions, no database.
"""

from __future__ import annotations

from datetime import date, timedelta

from giftwise.core.i18n import msg

CLOSING_BELOW = 0.5  # "window closing" once less than half the gratitude is left


def gratitude_left(delivered_on: date, on: date, half_life_days: float) -> float:
    """Share of the gratitude still there ``on`` a day after delivery: 1 on the day, 0.5 after a half-life."""
    if half_life_days <= 0:
        raise ValueError(msg("followups.half_life_positive_number"))
    elapsed = max((on - delivered_on).days, 0)
    return float(0.5 ** (elapsed / half_life_days))


def window_closing(delivered_on: date, on: date, half_life_days: float) -> bool:
    """True when less than half the gratitude is left ``on`` that day."""
    return gratitude_left(delivered_on, on, half_life_days) < CLOSING_BELOW


def prompt_window(delivered_on: date, first_day: int = 1, last_day: int = 5) -> tuple[date, date]:
    """The days to prompt the opportunity: never the delivery day itself, by default days 1-5 after it."""
    if first_day < 1:
        raise ValueError(msg("followups.reciprocity_prompt_never_fall"))
    return delivered_on + timedelta(days=first_day), delivered_on + timedelta(days=last_day)
