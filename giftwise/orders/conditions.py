"""Reading a promise's free-text condition ("once payment is received") as one giftwise can check."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _condition_words() -> dict[str, list[str]]:
    path = resources.files("giftwise") / "data" / "orders" / "conditions.json"
    words: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    words.pop("_comment", None)
    return words


def condition_kind_of(condition: str) -> str:
    """The kind of a free-text condition: payment_received, none, or manual (a user confirms it)."""
    words = _condition_words()
    lowered = condition.strip().lower()
    if lowered in words["none"]:
        return "none"
    if any(w.strip() and w in f"{lowered} " for w in words["payment_received"]):
        return "payment_received"
    return "manual"
