"""Money as people read it: the one way an amount is shown, always with its currency."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any


def money(value: Any, currency: str) -> str:
    """``value`` with thousands separated, cents only when there are any, and ``currency`` after it.

    ("1,234 CNY", "13.60 CNY"); an empty string when there is no amount. A currency is required:
    an amount is never shown bare.
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return f"? {currency}"
    return f"{number:,.2f}".removesuffix(".00") + f" {currency}"


@cache
def _currency_table() -> tuple[frozenset[str], dict[str, str]]:
    path = resources.files("giftwise") / "data" / "catalog" / "currencies.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(data["codes"]), {str(k).upper(): str(v) for k, v in data["aliases"].items()}


def iso_codes() -> frozenset[str]:
    """Every ISO 4217 code giftwise accepts for an amount."""
    return _currency_table()[0]


def currency_code(text: Any) -> str:
    """The ISO code for a currency as people type it: any case, or a spelling such as RMB, 人民币, ¥ or ￥ (CNY).

    Text that is neither comes back stripped and upper-cased, for the caller to judge.
    """
    raw = str(text).strip()
    return _currency_table()[1].get(raw.upper(), raw.upper())
