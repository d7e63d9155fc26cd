"""The gift policy as data: caps, banned kinds, approval thresholds, and the rates it converts with.

The shipped default is ``giftwise/data/compliance/policy.json``; ``GIFTWISE_POLICY_FILE`` points
at a replacement (same shape). Amounts convert through the money domain's dated rate table: the
shipped ``rates.json`` (or the policy's own "rates") until ``with_rates`` puts the rates users set in
front of them (``giftwise.compliance.service.policy_in_force``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from giftwise.core import clock
from giftwise.core.amounts import currency_code
from giftwise.core.errors import ConfigurationError
from giftwise.core.settings import get_settings
from giftwise.money.rates import Rate, RateTable, as_rates, shipped_rates, table


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
    # The rates behind the ones users set: the policy's own "rates", else the shipped rates.json.
    fallback: tuple[Rate, ...] = ()
    version: int = 1
    rate_table: RateTable = field(default_factory=RateTable)

    def with_rates(self, own: list[Rate]) -> Policy:
        """This policy converting with the dated rates users set (``giftwise rates``) in front of its own."""
        return replace(self, rate_table=table(own, self.fallback))

    def convert(self, amount: Decimal, currency: str, on: date | None = None) -> Decimal | None:
        """``amount`` in ``currency`` expressed in the policy currency with the rate of ``on`` (default today);
        None when no rate is known."""
        return self.convert_between(amount, currency or self.currency, self.currency, on)

    def convert_between(self, amount: Decimal, source: str, target: str, on: date | None = None) -> Decimal | None:
        """``amount`` in ``source`` expressed in ``target`` with the rate of ``on`` (default today), to the cent."""
        rate = self.rate_table.rate(source or self.currency, target, on or clock.today())
        return None if rate is None else (amount * rate).quantize(Decimal("0.01"))

    def rates_on(self, on: date) -> dict[str, Decimal]:
        """What one unit of each known currency is worth in the policy currency on ``on``."""
        found = {code: self.rate_table.rate(code, self.currency, on) for code in self.rate_table.currencies()}
        return {code: rate for code, rate in sorted(found.items()) if rate is not None}


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _read_json(name: str) -> Any:
    return json.loads((resources.files("giftwise") / "data" / "compliance" / name).read_text(encoding="utf-8"))


def policy_from_data(data: dict[str, Any]) -> Policy:
    """Build a Policy from its JSON shape (see the shipped policy.json); its own "rates" (what one unit of each
    currency is worth in the policy currency) stand in for the shipped ones."""
    try:
        groups = {
            name: Limits(
                _money(g.get("per_gift_cap")), _money(g.get("approval_above")), _money(g.get("rolling_12m_cap")),
                frozenset(g.get("banned", [])),
            )
            for name, g in data["groups"].items()
        }
        currency = currency_code(data.get("currency", "CNY"))
        own = data.get("rates")
        fallback = as_rates(own, currency, date(1970, 1, 1)) if own else shipped_rates()
        return Policy(
            currency=currency,
            banned=frozenset(data.get("banned", [])),
            groups=groups,
            tender_forbids=data.get("tender_open", "forbid") == "forbid",
            refuses_gifts_max=Decimal(str(data.get("refuses_gifts_max", 0))),
            repeat_window_days=int(data.get("repeat_window_days", 365)),
            fallback=fallback,
            version=int(data.get("version", 1)),
            rate_table=table([], fallback),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ConfigurationError(
            "compliance.gift_policy_malformed_compare", exc=exc
        ) from None


@cache
def _load(path: str | None, modified: int = 0) -> Policy:
    # ``modified`` (the file's mtime) is only part of the key: an edited policy file is read afresh.
    _ = modified
    if path is None:
        return policy_from_data(_read_json("policy.json"))
    return policy_from_data(_read_file(Path(path)))


def _read_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError("compliance.policy_file_read_fix", path=path, exc=exc) from None


def edited_policy_path() -> Path:
    """Where the policy people edit is kept: GIFTWISE_POLICY_FILE when set, else policy.json in the data folder."""
    settings = get_settings()
    return Path(settings.policy_file) if settings.policy_file else Path(settings.data_dir) / "policy.json"


def _path_in_force() -> Path | None:
    settings = get_settings()
    path = edited_policy_path()
    return path if settings.policy_file or path.is_file() else None


def load_policy() -> Policy:
    """The policy in force: GIFTWISE_POLICY_FILE when set, else one edited in the app, else the shipped default;
    a database-backed check wants ``giftwise.compliance.service.policy_in_force``."""
    path = _path_in_force()
    if path is None:
        return _load(None)
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        modified = 0
    return _load(str(path), modified)


def policy_data() -> dict[str, Any]:
    """The policy in force in its JSON shape (every key kept, comments too), to edit and save back."""
    path = _path_in_force()
    data = _read_json("policy.json") if path is None else _read_file(path)
    if not isinstance(data, dict):
        raise ConfigurationError("compliance.policy_file_read_fix", path=path, exc=type(data).__name__)
    return data


def save_policy_data(data: dict[str, Any]) -> Path:
    """Write ``data`` as the policy in force (whole file at once, so a reader never sees half of it)."""
    path = edited_policy_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        raise ConfigurationError("compliance.policy_file_write", path=path, exc=exc) from None
    return path
