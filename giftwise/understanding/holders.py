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


@cache
def _pet_name_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _data()["pets"]["names"])


def pet_names(quote: str) -> frozenset[str]:
    """The names a clause gives a pet ("her corgi Mochi", "Biscuit the dog", "他家的狗叫可乐")."""
    return frozenset(m.group(1) for p in _pet_name_patterns() for m in p.finditer(quote))


def is_about(quote: str, names: frozenset[str]) -> bool:
    """True when the clause ``quote`` opens with one of ``names`` as its subject ("Mochi passed away")."""
    text = quote.strip()
    # A Latin name ends at a non-letter ("Mochi passed", not "Mochis"); a Chinese one runs into the next word.
    return any(text.startswith(n) and not (text[len(n):len(n) + 1].isascii() and text[len(n):len(n) + 1].isalpha())
               for n in names)


def pets_event(concept: str) -> str | None:
    """The pet's own event for a person's event said of a pet (a death is the loss of a pet), a pet's own event
    itself; None for others."""
    events: dict[str, str] = _data()["pets"]["their_events"]
    return concept if concept in events.values() else events.get(concept)
