"""Reactions to substances the lexicon does not know, kept as restrictions known by their words.

"Allergic to lanolin", "对果酸过敏", "用了烟酰胺脸就红": the lexicon has no concept for lanolin, yet the person
must never get an item that names it. Such a note becomes a restriction ``substance:<words>``; an item is ruled
out when its own name, description or tags name those words, or a name listed with them as data
(``giftwise/data/understanding/reactions.json``: retinol / 视黄醇 / A醇). A Latin word matches whole words, a
Chinese one anywhere in Chinese text; each script only in its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from giftwise.understanding.facts import FactRecord
from giftwise.understanding.lexicon import Lexicon
from giftwise.understanding.matching import find, tokens_of
from giftwise.understanding.text import HAN, SENTENCE_END, to_simplified

PREFIX = "substance:"


@dataclass(frozen=True, slots=True)
class _Rules:
    patterns: tuple[re.Pattern[str], ...]
    strip_before: tuple[str, ...]
    strip_after: tuple[str, ...]
    not_substances: frozenset[str]
    aliases: tuple[tuple[str, ...], ...]


@cache
def _rules() -> _Rules:
    folder = resources.files("giftwise") / "data" / "understanding"
    data: dict[str, Any] = json.loads((folder / "reactions.json").read_text(encoding="utf-8"))
    patterns = [re.compile(p) for lang in ("zh", "en") for p in data["patterns"][lang]]
    strip = data["strip"]
    before = sorted(strip["en"]["before"] + strip["zh"]["before"], key=len, reverse=True)
    after = sorted(strip["en"]["after"] + strip["zh"]["after"], key=len, reverse=True)
    return _Rules(tuple(patterns), tuple(before), tuple(after), frozenset(data["not_substances"]),
                  tuple(tuple(group) for group in data["aliases"]))


def is_substance(restriction: str) -> bool:
    """True when ``restriction`` is one known only by a substance's words."""
    return restriction.startswith(PREFIX)


def substance_words(restriction: str) -> str:
    """The words a substance restriction is known by ("substance:lanolin" -> "lanolin")."""
    return restriction[len(PREFIX):]


def substance_facts(text: str, observed_on: date, source: str | int | None, lexicon: Lexicon) -> list[FactRecord]:
    """A restriction for each substance the note says the person reacted to, unless the lexicon knows it as a
    content (its own restriction then holds), each quoting the sentence it came from."""
    folded = to_simplified(text)
    lowered = folded.lower()
    out: dict[str, FactRecord] = {}
    for pattern in _rules().patterns:
        for hit in pattern.finditer(lowered if pattern.pattern.isascii() else folded):
            words = _clean(hit.group("s"))
            if not words or words.lower() in _rules().not_substances or _known(words, lexicon):
                continue
            quote = _sentence(text, hit.start(), hit.end())
            out.setdefault(words.lower(), FactRecord("restriction", PREFIX + words, observed_on, 1.0, quote, source,
                                                     words=(words,)))
    return list(out.values())


def _clean(words: str) -> str:
    rules = _rules()
    words = words.strip(" -")
    changed = True
    while changed:
        changed = False
        for lead in rules.strip_before:
            rest = words[len(lead):]
            if words.lower().startswith(lead) and (HAN.match(lead) or rest.startswith(" ")) and rest.strip():
                words, changed = rest.strip(), True
        for tail in rules.strip_after:
            rest = words[:-len(tail)]
            if words.lower().endswith(tail) and (HAN.match(tail) or rest.endswith(" ")) and len(rest.strip()) >= 2:
                words, changed = rest.strip(), True
    return words


def _known(words: str, lexicon: Lexicon) -> bool:
    """True when the lexicon reads all of ``words`` as one content (nuts, fragrance): its restriction applies.
    A part of a word does not count (烟 in 烟酰胺 is no tobacco)."""
    tokens = tokens_of(words, lexicon)
    for index in (lexicon.note, lexicon.item):
        for match in find(tokens, index):
            whole = match.first == 0 and match.last == len(tokens) - 1
            if whole and any(lexicon.concepts[c].kind == "content" for c in match.ids):
                return True
    return False


def _sentence(text: str, start: int, end: int) -> str:
    lo = max((i + 1 for i in range(start) if text[i] in SENTENCE_END), default=0)
    hi = next((i for i in range(end, len(text)) if text[i] in SENTENCE_END), len(text))
    return text[lo:hi].strip()


def _names(words: str) -> tuple[str, ...]:
    """``words`` and the names listed with it in other languages."""
    lowered = words.lower()
    for group in _rules().aliases:
        if lowered in (g.lower() for g in group):
            return tuple(dict.fromkeys((words, *group)))
    return (words,)


def _item_texts(raw: Mapping[str, Any]) -> Iterator[str]:
    for key in ("name", "description", "tags"):
        value = raw.get(key)
        if isinstance(value, Mapping):
            yield from (str(v) for v in value.values())
        elif isinstance(value, list):
            yield from (str(v) for v in value)
        elif value:
            yield str(value)


def named_in_item(raw: Mapping[str, Any], restriction: str) -> str | None:
    """The words of ``raw``'s name, description or tags that name the restriction's substance, or None."""
    for name in _names(substance_words(restriction)):
        if HAN.search(name):
            needle = to_simplified(name).lower()
            found = next((to_simplified(t) for t in _item_texts(raw) if needle in to_simplified(t).lower()), None)
            if found is not None:
                return name
            continue
        latin = re.compile(r"(?<![a-z0-9])" + re.escape(name.lower()) + r"(?![a-z0-9])")
        for text in _item_texts(raw):
            hit = latin.search(text.lower())
            if hit:
                return text[hit.start():hit.end()]
    return None
