"""One clock for the whole system, so tests can fix "today", and a user's own "today" in their timezone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from giftwise.core.settings import get_settings

_frozen: datetime | None = None
# The acting user's timezone, set where a request or a command learns who acts (``use_timezone``):
# "today" is their today, wherever the server runs. Unset means GIFTWISE_TIMEZONE.
_zone: ContextVar[str | None] = ContextVar("giftwise_timezone", default=None)


def now() -> datetime:
    """The current time, timezone-aware UTC; frozen when a test or GIFTWISE_TODAY set it."""
    if _frozen is not None:
        return _frozen
    fixed = get_settings().today
    if fixed is not None:
        return fixed if fixed.tzinfo else fixed.replace(tzinfo=UTC)
    return datetime.now(UTC)


def today() -> date:
    """Today's date for the acting user: in their timezone (``use_timezone``), else GIFTWISE_TIMEZONE's."""
    return local_now().date()


def local_now() -> datetime:
    """The clock's moment in the acting user's timezone (else GIFTWISE_TIMEZONE)."""
    return now().astimezone(zone())


def zone() -> ZoneInfo:
    """The acting user's timezone, else GIFTWISE_TIMEZONE, else UTC."""
    return _zone_info(_zone.get() or get_settings().timezone)


def today_in(timezone: str | None) -> date:
    """Today's date where a given user is (an IANA name such as ``Asia/Shanghai``); the default zone's when unknown."""
    return now().astimezone(_zone_info(timezone or _zone.get() or get_settings().timezone)).date()


def use_timezone(timezone: str | None) -> None:
    """From now on in this request, command or job, "today" is the day in ``timezone`` (None: the default)."""
    _zone.set(timezone or None)


@contextmanager
def in_timezone(timezone: str | None) -> Iterator[None]:
    """Run a block with "today" in ``timezone`` (a job acting for several users in turn), then restore it."""
    token = _zone.set(timezone or None)
    try:
        yield
    finally:
        _zone.reset(token)


@cache
def _zone_info(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


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
