"""One clock for the whole system, so tests can fix "today"."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

_frozen: datetime | None = None


def now() -> datetime:
    """The current time, timezone-aware UTC; frozen when a test or GIFTWISE_TODAY set it."""
    if _frozen is not None:
        return _frozen
    env = os.environ.get("GIFTWISE_TODAY")
    if env:
        return datetime.fromisoformat(env).replace(tzinfo=UTC)
    return datetime.now(UTC)


def today() -> date:
    """Today's date according to the clock."""
    return now().date()


def set_now(moment: datetime | date | None) -> None:
    """Freeze the clock at ``moment`` (a date means its midnight UTC); ``None`` unfreezes it."""
    global _frozen
    if moment is None:
        _frozen = None
    elif isinstance(moment, datetime):
        _frozen = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    else:
        _frozen = datetime(moment.year, moment.month, moment.day, 9, 0, tzinfo=UTC)


@contextmanager
def frozen_at(moment: datetime | date) -> Iterator[None]:
    """Run a block with the clock frozen at ``moment``, restoring it afterwards."""
    previous = _frozen
    set_now(moment)
    try:
        yield
    finally:
        set_now(previous)
