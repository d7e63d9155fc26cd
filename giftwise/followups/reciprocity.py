"""The reciprocity window: gratitude fades with a half-life, so the chance to reciprocate comes soon.

Palmatier et al. (2009) show gratitude drives reciprocity and is short-lived; in Burger et al.
(1997) the effect of a favour was gone within a week. Pure functions, no database.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from giftwise.core.i18n import msg

WindowState = Literal["not_yet", "open", "closing", "closed"]


def gratitude_left(delivered_on: date, on: date, half_life_days: float) -> float:
    """Share of the gratitude still there ``on`` a day after delivery: 1 on the day, 0.5 after a half-life."""
    if half_life_days <= 0:
        raise ValueError(msg("followups.half_life_positive_number"))
    elapsed = max((on - delivered_on).days, 0)
    return float(0.5 ** (elapsed / half_life_days))


def prompt_window(delivered_on: date, first_day: int = 1, last_day: int = 5) -> tuple[date, date]:
    """The days to prompt the opportunity: never the delivery day itself, by default days 1-5 after it."""
    if first_day < 1:
        raise ValueError(msg("followups.reciprocity_prompt_never_fall"))
    return delivered_on + timedelta(days=first_day), delivered_on + timedelta(days=last_day)


def window_state(first: date, last: date, on: date) -> WindowState:
    """Where the reciprocity window stands ``on`` a day: not yet, open, closing (its last day) or closed."""
    if on < first:
        return "not_yet"
    if on < last:
        return "open"
    return "closing" if on == last else "closed"
