"""Keep-in-touch cadence: when a contact is next due, counting a meeting above a call above a message.

Pure functions. A contact with a 30-day call cadence is due 30 days after a call; a meeting keeps
the relationship warm longer (weight 3 vs 2: 45 days) and a message shorter (weight 1: 15 days).
A visit cadence counts meetings only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

REFERENCE_CHANNEL = "call"


def touch_due(
    interactions: Iterable[tuple[date, str]], cadence_days: int, *, since: date, weight: Callable[[str], int]
) -> date:
    """When the next keep-in-touch call is due, given past (date, channel) interactions."""
    reference = weight(REFERENCE_CHANNEL)
    due = since + timedelta(days=cadence_days)
    for on, channel in interactions:
        lasting = round(cadence_days * weight(channel) / reference)
        due = max(due, on + timedelta(days=lasting))
    return due


def visit_due(interactions: Iterable[tuple[date, str]], cadence_days: int, *, since: date) -> date:
    """When the next in-person meeting is due: ``cadence_days`` after the last meeting (or ``since``)."""
    meetings = [on for on, channel in interactions if channel == "meeting"]
    return max([since, *meetings]) + timedelta(days=cadence_days)
