"""Gift rules a recipient's own employer sets, read from what the notes say ("no gifts over USD 50").

Pure: the patterns are data (``giftwise/data/compliance/stated_limits.json``). The lowest cap stated
in any note wins, and a stated ban on cash equivalents joins the policy's bans for that person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from giftwise.compliance.policy import Policy


@dataclass(frozen=True, slots=True)
class StatedLimits:
    """What the notes say the recipient's employer allows: a cap (amount, currency) and banned kinds."""

    cap: tuple[Decimal, str] | None = None
    banned: frozenset[str] = frozenset()

    def cap_in(self, policy: Policy) -> Decimal | None:
        """The stated cap in the policy currency (None: none stated, or no rate to convert it)."""
        return None if self.cap is None else policy.convert(self.cap[0], self.cap[1])


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (resources.files("giftwise") / "data" / "compliance" / "stated_limits.json").read_text(encoding="utf-8"))
    return data


def stated_limits(texts: Iterable[str], default_currency: str = "CNY") -> StatedLimits:
    """The employer's gift rules that ``texts`` (notes) state; empty when they state none."""
    data = _data()
    joined = "\n".join(texts).lower()
    caps: list[tuple[Decimal, str]] = []
    for pattern in data["caps"]:
        for hit in re.finditer(pattern, joined):
            amount = _amount(hit.group("amount"))
            word = hit.groupdict().get("currency") or hit.groupdict().get("currency2") or ""
            code = data["currencies"].get(word.strip(), default_currency)
            if amount is not None and amount > 0:
                caps.append((amount, code))
    banned = frozenset({"cash_equivalent"} if any(p in joined for p in data["cash_banned"]) else set())
    return StatedLimits(min(caps, key=lambda c: c[0]) if caps else None, banned)


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
