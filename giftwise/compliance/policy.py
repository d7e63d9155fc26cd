"""The gift policy as data: caps, banned kinds, approval thresholds, exchange rates.

The shipped default is ``giftwise/data/compliance/policy.json``; ``GIFTWISE_POLICY_FILE`` points
at a replacement (same shape). Rates live in ``rates.json`` or under the policy's own "rates".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from giftwise.core.errors import ConfigurationError
from giftwise.core.settings import get_settings


@dataclass(frozen=True, slots=True)
class Limits:
    """The caps for one group of recipients (None: no limit)."""

    per_gift_cap: Decimal | None = None
    approval_above: Decimal | None = None
    rolling_12m_cap: Decimal | None = None
    banned: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Policy:
    """The gift policy in force."""

    currency: str
    banned: frozenset[str]
    groups: dict[str, Limits]
    tender_forbids: bool
    refuses_gifts_max: Decimal
    repeat_window_days: int
    rates: dict[str, Decimal] = field(default_factory=dict)
    version: int = 1

    def convert(self, amount: Decimal, currency: str) -> Decimal | None:
        """``amount`` in ``currency`` expressed in the policy currency; None when no rate is known."""
        code = (currency or self.currency).upper()
        if code == self.currency:
            return amount
        rate = self.rates.get(code)
        base = self.rates.get(self.currency, Decimal(1))
        if rate is None or not base:
            return None
        return (amount * rate / base).quantize(Decimal("0.01"))

    def convert_between(self, amount: Decimal, source: str, target: str) -> Decimal | None:
        """``amount`` in ``source`` expressed in ``target`` (through the policy currency)."""
        in_base = self.convert(amount, source)
        if in_base is None:
            return None
        if target.upper() == self.currency:
            return in_base
        rate = self.rates.get(target.upper())
        if not rate:
            return None
        return (in_base * self.rates.get(self.currency, Decimal(1)) / rate).quantize(Decimal("0.01"))


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _read_json(name: str) -> Any:
    return json.loads((resources.files("giftwise") / "data" / "compliance" / name).read_text(encoding="utf-8"))


def policy_from_data(data: dict[str, Any], rates: dict[str, Any] | None = None) -> Policy:
    """Build a Policy from its JSON shape (see the shipped policy.json)."""
    try:
        groups = {
            name: Limits(
                _money(g.get("per_gift_cap")), _money(g.get("approval_above")), _money(g.get("rolling_12m_cap")),
                frozenset(g.get("banned", [])),
            )
            for name, g in data["groups"].items()
        }
        rate_table = {k.upper(): Decimal(str(v)) for k, v in (data.get("rates") or rates or {}).items()}
        return Policy(
            currency=str(data.get("currency", "CNY")).upper(),
            banned=frozenset(data.get("banned", [])),
            groups=groups,
            tender_forbids=data.get("tender_open", "forbid") == "forbid",
            refuses_gifts_max=Decimal(str(data.get("refuses_gifts_max", 0))),
            repeat_window_days=int(data.get("repeat_window_days", 365)),
            rates=rate_table,
            version=int(data.get("version", 1)),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ConfigurationError(
            "compliance.gift_policy_malformed_compare", exc=exc
        ) from None


@cache
def _load(path: str | None) -> Policy:
    rates = _read_json("rates.json")["rates"]
    if path is None:
        return policy_from_data(_read_json("policy.json"), rates)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError("compliance.policy_file_read_fix", path=path, exc=exc) from None
    return policy_from_data(data, rates)


def load_policy() -> Policy:
    """The policy in force: GIFTWISE_POLICY_FILE when set, else the shipped default."""
    path = get_settings().policy_file
    return _load(str(path) if path else None)


