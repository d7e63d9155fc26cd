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

from giftwise.compliance.policy import Policy, load_policy


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
            code = _currency_of(hit, joined, data) or default_currency
            if amount is not None and amount > 0:
                caps.append((amount, code))
    caps += _caps_in_clauses(joined, data["in_a_clause"])
    banned = frozenset({"cash_equivalent"} if any(p in joined for p in data["cash_banned"]) else set())
    return StatedLimits(_lowest(caps), banned)


def _currency_of(hit: re.Match[str], text: str, data: dict[str, Any]) -> str | None:
    """The currency a cap pattern's hit names: its own currency group, else a currency written right next to
    the amount ('gift limit is 100 SGD', '3000 baht'), so a cap the pattern's list misses is not read as yuan."""
    word = (hit.groupdict().get("currency") or hit.groupdict().get("currency2") or "").strip()
    named = data["currencies"].get(word)
    if named:
        return str(named)
    clause = data["in_a_clause"]
    after = text[hit.end("amount"):].lstrip()
    before = text[:hit.start("amount")].rstrip()
    for suffix in sorted(clause["suffixes"], key=len, reverse=True):
        if after.startswith(suffix) and not (suffix.isascii() and after[len(suffix):len(suffix) + 1].isalpha()):
            return str(clause["suffixes"][suffix])
    for prefix in sorted(clause["prefixes"], key=len, reverse=True):
        if before.endswith(prefix) and not (prefix[0].isalpha() and before[-len(prefix) - 1:-len(prefix)].isalpha()):
            return str(clause["prefixes"][prefix])
    return None


def _lowest(caps: list[tuple[Decimal, str]]) -> tuple[Decimal, str] | None:
    """The lowest cap by its value in the policy currency (5,000 yen is below 300 yuan); a cap in a currency
    without a rate counts only when no other can be compared."""
    if not caps:
        return None
    policy = load_policy()
    comparable = [(value, cap) for cap in caps if (value := policy.convert(cap[0], cap[1])) is not None]
    if not comparable:
        return min(caps, key=lambda c: c[0])
    return min(comparable, key=lambda pair: pair[0])[1]


def _caps_in_clauses(text: str, words: dict[str, Any]) -> list[tuple[Decimal, str]]:
    """Caps told in any wording: a clause naming a gift rule and a limit, with an amount in an explicit
    currency (see the data file's 'in_a_clause')."""
    prefixes = sorted((k for k in words["prefixes"]), key=len, reverse=True)
    suffixes = sorted((k for k in words["suffixes"]), key=len, reverse=True)
    money = re.compile(
        r"(?:(?P<pre>" + "|".join(map(re.escape, prefixes)) + r")\s?)?(?P<amount>\d[\d,]*(?:\.\d+)?)"
        r"(?:\s?(?P<suf>" + "|".join(map(re.escape, suffixes)) + r"))?")
    caps = []
    for clause in re.split(r"[.;。；!?！？\n]", text):
        if not (_names_any(clause, words["rule"]) and _names_any(clause, words["limit"])):
            continue
        for hit in money.finditer(clause):
            code = words["prefixes"].get(hit.group("pre") or "") or words["suffixes"].get(hit.group("suf") or "")
            amount = _amount(hit.group("amount"))
            if code and amount is not None and amount > 0 and not _inside_a_word(clause, hit):
                caps.append((amount, code))
    return caps


def _names_any(clause: str, words: list[str]) -> bool:
    """True when ``clause`` holds one of ``words`` (a Latin word whole, other scripts anywhere)."""
    return any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", clause) if w.isascii() else w in clause for w in words)


def _inside_a_word(clause: str, hit: re.Match[str]) -> bool:
    """True when a Latin prefix like 'rm' is the end of a longer word ('form 200')."""
    start = hit.start("pre") if hit.group("pre") else hit.start()
    return bool(hit.group("pre")) and hit.group("pre")[0].isalpha() and start > 0 and clause[start - 1].isalpha()


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
