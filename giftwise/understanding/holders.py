"""Whose fact is it: the contact's own, or a relative's (spouse, child, parent, sibling).

Read from the quoted clause itself (``giftwise/data/understanding/holders.json``), so a fact read from a
note and the same fact stored and read back hold the same answer.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

SELF = "self"
# Holders whose facts say nothing about the contact's household (a colleague's diet binds no gift to the contact).
OUTSIDE_THE_HOUSEHOLD = frozenset({"colleague"})


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (resources.files("giftwise") / "data" / "understanding" / "holders.json").read_text(encoding="utf-8"))
    return data


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((h["holder"], re.compile(p)) for h in _data()["holders"] for p in h["patterns"])


@cache
def holder_of(quote: str) -> str:
    """"self", or the relative ("spouse", "child", "parent", "sibling") or "colleague" the clause ``quote`` is about."""
    text = quote.strip().lower()
    for holder, pattern in _patterns():
        if pattern.search(text):
            return holder
    return SELF


def personal_contents() -> frozenset[str]:
    """Contents only the person themself consumes (alcohol, tobacco): a relative's restriction on them does not
    restrict a gift to the person."""
    return frozenset(_data()["personal"])
