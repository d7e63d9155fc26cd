"""Gift etiquette as data: what an item's symbolic meaning does for this recipient, on this occasion.

The rules live in ``giftwise/data/recommend/taboos.json`` (meaning x culture x occasion x recipient,
exclude or demote, an explanation in both languages and a source line each); the meanings an item
carries are read by ``giftwise.understanding.attributes``. A recipient's culture comes from the
nationality words of their notes, the script of their name, and otherwise the profile's language.
Pure: the ranking, the batch and the guard all ask :func:`judge`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from giftwise.core.i18n import t
from giftwise.understanding.text import to_simplified

_HAN = re.compile(r"[\u4e00-\u9fff]")
# How much a taboo still lowers a thing the person asked for by name (the rep sees it and decides).
WISHED_CAUTION = 0.5


@dataclass(frozen=True, slots=True)
class Context:
    """Who the gift is for and why, as etiquette sees it."""

    cultures: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    occasion: str = ""
    elder: bool = False
    male: bool = False
    female: bool = False
    relationship: str = ""
    # Cultural moments the notes name (a Korean first birthday, Chuseok, chemotherapy...): see the data's 'moments'.
    moments: frozenset[str] = frozenset()
    # The person's own words asking for a thing (lower-case): a taboo on the very thing they asked for is a
    # caution the rep weighs, not an exclusion.
    wished: tuple[str, ...] = ()
    # The concepts the person already has piles of: a custom's favour is no reason to add one more (oud for a
    # Gulf client at Eid who gets oud from every supplier).
    piled: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Rule:
    """One etiquette rule (see the data file's comment)."""

    id: str
    meaning: str
    cultures: frozenset[str]
    exclude_when: Mapping[str, Any]
    unless_events: frozenset[str]
    demote: float
    explanation: Mapping[str, str]
    source: str
    favour_when: Mapping[str, Any] = field(default_factory=dict)
    favour: float = 0.0
    unless_moments: frozenset[str] = frozenset()
    # When set, the rule demotes only in these circumstances (same keys as exclude_when); otherwise always.
    demote_when: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that applies to an item: exclude it, or lower its score by ``amount`` (a favour's is negative)."""

    rule: str
    meaning: str
    action: Literal["exclude", "demote", "favour"]
    amount: float
    explanation: str


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (resources.files("giftwise") / "data" / "recommend" / "taboos.json").read_text(encoding="utf-8"))
    return data


@cache
def rules() -> tuple[Rule, ...]:
    """Every etiquette rule, in file order."""
    return tuple(
        Rule(r["id"], r["meaning"], frozenset(r["cultures"]), dict(r.get("exclude_when", {})),
             frozenset(r.get("unless_events", [])), float(r.get("demote", 0.0)), dict(r["explanation"]), r["source"],
             dict(r.get("favour_when", {})), float(r.get("favour", 0.0)), frozenset(r.get("unless_moments", [])),
             dict(r.get("demote_when", {})))
        for r in _data()["rules"]
    )


def judge(meanings: Mapping[str, Sequence[str]], context: Context, language: str,
          concepts: Iterable[str] = ()) -> list[Hit]:
    """The rules that apply to an item carrying ``meanings`` (meaning -> the item's words for it) for ``context``,
    explained in ``language``. A taboo on a thing the person asked for by name is only a caution: never an
    exclusion, and it lowers the thing by ``WISHED_CAUTION`` at most; a custom does not favour a thing whose
    ``concepts`` (what the item serves) the person is said to have piles of."""
    piled = bool(context.piled & set(concepts))
    out = []
    for rule in rules():
        hit = _apply(rule, context, language) if rule.meaning in meanings else None
        if hit is not None and hit.action == "favour" and piled:
            continue
        if hit is not None and hit.action != "favour" and asked_for(meanings[rule.meaning], context.wished):
            amount = WISHED_CAUTION if hit.action == "exclude" else min(hit.amount, WISHED_CAUTION)
            hit = Hit(rule.id, rule.meaning, "demote", amount,
                      t("recommend.taboo_wished", language, taboo=hit.explanation))
        if hit is not None:
            out.append(hit)
    return out


def asked_for(words: Sequence[str], wished: Sequence[str]) -> bool:
    """True when the person's own wish (``wished``, lower-case) names the thing by one of its ``words``."""
    return any(word.lower() in text for word in words if word.strip() for text in wished)


@lru_cache(maxsize=1024)
def effects(context: Context) -> list[tuple[str, Literal["exclude", "demote", "favour"], float]]:
    """What each meaning does for ``context`` (for the batch): (meaning, action, amount; a favour's is negative)."""
    out: list[tuple[str, Literal["exclude", "demote", "favour"], float]] = []
    for rule in rules():
        hit = _apply(rule, context, "en")
        if hit is not None:
            out.append((rule.meaning, hit.action, hit.amount))
    return out


def _apply(rule: Rule, context: Context, language: str) -> Hit | None:
    if "*" not in rule.cultures and not rule.cultures & context.cultures:
        return None
    if rule.unless_events & context.events or rule.unless_moments & context.moments:
        return None
    text = rule.explanation.get(language) or rule.explanation["en"]
    if _excludes(rule.exclude_when, context):
        return Hit(rule.id, rule.meaning, "exclude", 0.0, text)
    if rule.favour > 0 and _excludes(rule.favour_when, context):
        return Hit(rule.id, rule.meaning, "favour", -rule.favour, text)
    if rule.demote > 0 and (not rule.demote_when or _excludes(rule.demote_when, context)):
        return Hit(rule.id, rule.meaning, "demote", rule.demote, text)
    return None


def _excludes(when: Mapping[str, Any], context: Context) -> bool:
    together = when.get("together")
    return bool(
        when.get("always")
        or (together and all(_excludes({key: value}, context) for key, value in together.items()))
        or set(when.get("events", [])) & context.events
        or context.occasion in when.get("occasions", [])
        or (when.get("elder") and context.elder)
        or (when.get("male") and context.male)
        or (when.get("not_female") and not context.female)
        or context.relationship in when.get("relationships", [])
        or set(when.get("cultures", [])) & context.cultures
        or set(when.get("moments", [])) & context.moments
    )


def cultures_of(name: str, language: str, texts: Iterable[str], role: str | None = None) -> frozenset[str]:
    """The recipient's cultures: nationality or place words in ``texts`` or their ``role`` ("Buyer, HK office"),
    their name's script, else the language."""
    return _cultures(name, language, (*texts, role) if role else tuple(texts))


@lru_cache(maxsize=4096)
def _cultures(name: str, language: str, texts: tuple[str, ...]) -> frozenset[str]:
    spec = {k: v for k, v in _data()["cultures"].items() if not k.startswith("_")}
    joined = _both_scripts("\n".join((name, *texts)).lower())
    found = {culture for culture, s in spec.items() if any(re.search(p, joined) for p in s["patterns"])}
    for culture, s in spec.items():
        if s.get("script") and re.search(s["script"], name + joined):
            found.add(culture)
    moments = {k: v for k, v in _data().get("moments", {}).items() if not k.startswith("_") and v.get("culture")}
    found |= {s["culture"] for s in moments.values() if any(re.search(p, joined) for p in s["patterns"])}
    if not found and (language == "zh" or _HAN.search(name)):
        found.add("zh")
    return frozenset(found)


def faiths_of(restrictions: Iterable[str]) -> frozenset[str]:
    """The faiths whose etiquette a person follows, told by the restrictions they keep (halal: "muslim")."""
    kept = set(restrictions)
    table = {k: v for k, v in _data().get("faiths", {}).items() if not k.startswith("_")}
    return frozenset(faith for faith, signs in table.items() if kept & set(signs))


def presumed_restrictions(cultures: Iterable[str]) -> list[str]:
    """Restrictions presumed from a culture until the notes or a user say otherwise (halal for Arab guests)."""
    table = _data().get("presumed_restrictions", {})
    return sorted({r for c in cultures for r in table.get(c, [])})


def presumed_unless_taste() -> dict[str, tuple[str, ...]]:
    """Restrictions presumed for everyone, each with the taste concepts that lift it (tobacco only for a smoker)."""
    table = _data().get("presumed_unless_taste", {})
    return {r: tuple(concepts) for r, concepts in table.items() if not r.startswith("_")}


def for_a_minor() -> tuple[tuple[str, ...], frozenset[str]]:
    """The restrictions a gift for a child obeys (no alcohol, no tobacco), and the events that are not the child's
    own day though they name a child (a birth is the parents' news too)."""
    spec = _data().get("for_a_minor", {})
    return tuple(spec.get("restrictions", ())), frozenset(spec.get("not_the_childs_own", ()))


def _both_scripts(text: str) -> str:
    """``text`` and, when it holds Traditional Chinese, its Simplified reading too: the patterns are written in
    Simplified ("大寿", "周岁") but some in Japanese kanji ("還暦"), which folding would lose."""
    folded = to_simplified(text)
    return text if folded == text else f"{text}\n{folded}"


def moments_of(texts: Iterable[str]) -> frozenset[str]:
    """The cultural moments the notes name (a first birthday, Chuseok, Deepavali, chemotherapy...)."""
    return _moments(tuple(texts))


@lru_cache(maxsize=4096)
def _moments(texts: tuple[str, ...]) -> frozenset[str]:
    joined = _both_scripts("\n".join(texts).lower())
    spec = {k: v for k, v in _data().get("moments", {}).items() if not k.startswith("_")}
    return frozenset(m for m, s in spec.items() if any(re.search(p, joined) for p in s["patterns"]))


def is_elder(texts: Iterable[str]) -> bool:
    """True when the notes speak of a recipient of 60 or more, or of a longevity birthday."""
    joined = _both_scripts("\n".join(texts).lower())
    return any(re.search(p, joined) for p in _data()["elder"]["patterns"])
