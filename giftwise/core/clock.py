"""One clock for the whole system, so tests can fix "today", and a user's own "today" in their timezone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from giftwise.core.settings import get_settings

_frozen: datetime | None = None


def now() -> datetime:
    """The current time, timezone-aware UTC; frozen when a test or GIFTWISE_TODAY set it."""
    if _frozen is not None:
        return _frozen
    fixed = get_settings().today
    if fixed is not None:
        return fixed if fixed.tzinfo else fixed.replace(tzinfo=UTC)
    return datetime.now(UTC)


def today() -> date:
    """Today's date according to the clock (UTC)."""
    return now().date()


def today_in(timezone: str | None) -> date:
    """Today's date where the user is (an IANA name such as ``Asia/Shanghai``); UTC's when unknown."""
    if not timezone:
        return today()
    try:
        return now().astimezone(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return today()


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
