"""A dated table of exchange rates, pure: convert an amount between currencies as of a day.

The user's own rates (``giftwise rates set``) come first; a pair they never set falls back to the
shipped indicative rates (``giftwise/data/compliance/rates.json``, dated by its ``as_of``). A rate
applies from its ``valid_from`` day until a newer one; an amount dated before every known rate uses
the earliest. Conversion goes direct, through the inverse, or through the shipped table's base. A
currency spelled otherwise (RMB, rmb, ¥, as older rows may store it) converts as its ISO code.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from giftwise.core.amounts import currency_code

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Rate:
    """One unit of ``currency`` buys ``rate`` units of ``quote`` from ``valid_from`` on."""

    currency: str
    quote: str
    rate: Decimal
    valid_from: date


class NoRate(LookupError):
    """No rate (set or shipped) converts between the two currencies."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"{source}->{target}")
        self.source, self.target = source, target


@dataclass(slots=True)
class RateTable:
    """Every known rate by pair, oldest first; ``convert`` answers as of a day."""

    rates: list[Rate] = field(default_factory=list)
    _pairs: dict[tuple[str, str], list[Rate]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        pairs: dict[tuple[str, str], list[Rate]] = defaultdict(list)
        for rate in sorted(self.rates, key=lambda r: r.valid_from):
            pairs[(rate.currency, rate.quote)].append(rate)
        self._pairs = dict(pairs)

    def rate(self, source: str, target: str, on: date) -> Decimal | None:
        """How many ``target`` one ``source`` buys on ``on`` (direct, inverse or through a shared quote)."""
        if source == target:
            return Decimal(1)
        source, target = currency_code(source), currency_code(target)
        if source == target:
            return Decimal(1)
        direct = self._dated(source, target, on)
        if direct is not None:
            return direct
        for (cur, pivot) in list(self._pairs):
            if cur != source or pivot == target:
                continue
            first, second = self._dated(source, pivot, on), self._dated(pivot, target, on)
            if first is not None and second is not None:
                return first * second
        return None

    def currencies(self) -> frozenset[str]:
        """Every currency some rate mentions."""
        return frozenset(code for pair in self._pairs for code in pair)

    def convert(self, amount: Decimal, source: str, target: str, on: date) -> Decimal:
        """``amount`` in ``source`` expressed in ``target`` with the rate of ``on``, to the cent; NoRate if none."""
        rate = self.rate(source, target, on)
        if rate is None:
            raise NoRate(currency_code(source), currency_code(target))
        return (amount * rate).quantize(CENT)

    def _dated(self, source: str, target: str, on: date) -> Decimal | None:
        found = _in_force(self._pairs.get((source, target)), on)
        if found is not None:
            return found
        inverse = _in_force(self._pairs.get((target, source)), on)
        return (Decimal(1) / inverse) if inverse else None


def _in_force(rates: list[Rate] | None, on: date) -> Decimal | None:
    if not rates:
        return None
    index = bisect_right([r.valid_from for r in rates], on) - 1
    return rates[max(index, 0)].rate


@cache
def shipped_rates() -> tuple[Rate, ...]:
    """The indicative rates shipped with giftwise, each against the file's base currency."""
    data = json.loads((resources.files("giftwise") / "data" / "compliance" / "rates.json").read_text("utf-8"))
    return as_rates(data["rates"], str(data["base"]), date.fromisoformat(data["as_of"]))


def as_rates(values: dict[str, object], base: str, valid_from: date) -> tuple[Rate, ...]:
    """Rates written as ``{currency: units of base one unit buys}`` (rates.json, a policy's own "rates")."""
    quote = currency_code(base)
    found: dict[str, Rate] = {}
    for code, value in values.items():
        currency = currency_code(code)
        if currency != quote:
            found[currency] = Rate(currency, quote, Decimal(str(value)), valid_from)
    return tuple(found.values())


def table(own: list[Rate], fallback: tuple[Rate, ...] | None = None) -> RateTable:
    """The user's ``own`` rates, with the ``fallback`` ones (default: shipped) for every pair they have not set."""
    mine = {(r.currency, r.quote) for r in own} | {(r.quote, r.currency) for r in own}
    behind = shipped_rates() if fallback is None else fallback
    return RateTable([*own, *(r for r in behind if (r.currency, r.quote) not in mine)])
