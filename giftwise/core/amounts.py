"""Money as people read it: the one way an amount is shown, always with its currency."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
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
