"""Catalog items are understood like notes: what each serves, contains and is, in either language.

Every field of the portable item (bilingual name and description, category, tags) is read with
the item side of the lexicon. The name says most about what an item is, then the category and
tags, then the description; an item "serves" each concept with the weight of the strongest
field that names it. Contents (alcohol, pork, nuts...) count wherever they are named, unless the
item says it is free of them ("sugar-free", "不含乳制品和坚果的"). An accessory ("wine glasses")
serves what it is for without containing it, which still rules it out for someone in recovery.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from giftwise.core.i18n import bilingual
from giftwise.understanding.ages import AGE_CONCEPTS, AgeRange, item_age_range, warning_spans
from giftwise.understanding.attributes import ItemAttributes, only_negated, read_attributes
from giftwise.understanding.lexicon import Concept, Lexicon, load_lexicon
from giftwise.understanding.matching import Match, find, find_patterns, merge, tokens_of
from giftwise.understanding.text import CLAUSE_END, SENTENCE_END, Token

# Bump when ItemProfile changes shape or item text is read differently (9: a free-of takes back inferred parents),
# so cached analyses from older code are not reused.
FORMAT = 9
# The attribute reader's "no" overrules the lexicon's reading of a content from this confidence up.
SURE_NO = 0.7
FIELD_WEIGHT = {"name": 1.0, "category": 0.9, "tags": 0.8, "description": 0.5}
# Literal words of these fields are compared with the words of a wish ("the spa-music alarm clock").
WORD_FIELDS = {"name": 1.0, "description": 0.5}
# Which restriction an item suits when it says it is free of a content.
FREE_SUITS = {"sugar": "sugar_free", "nuts": "nut_free", "peanuts": "nut_free", "dairy": "dairy_free",
              "gluten": "gluten_free", "alcohol": "alcohol_free", "meat": "vegetarian_ok"}


@dataclass(slots=True)
class Evidence:
    """Where an item attribute was read: the field and the words."""

    field: str
    text: str


@dataclass(slots=True)
class ItemProfile:
    """What giftwise understood about one catalog item."""

    id: str
    name: dict[str, str]
    price: Decimal
    currency: str
    serves: dict[str, float] = field(default_factory=dict)
    contains: dict[str, Evidence] = field(default_factory=dict)
    accessory_of: dict[str, Evidence] = field(default_factory=dict)
    free_of: set[str] = field(default_factory=set)
    traits: dict[str, float] = field(default_factory=dict)
    suits: set[str] = field(default_factory=set)
    commonplace: float = 0.0
    festival: str | None = None
    words: dict[str, float] = field(default_factory=dict)
    leaves: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict)
    # The independent reading the fail-safe guard checks (giftwise.understanding.attributes).
    attributes: ItemAttributes = field(default_factory=ItemAttributes)
    # Whom the item is made for ("ages 8+", "0-6个月", "孕妇"): None when it does not say.
    age_range: AgeRange | None = None

    def has(self, trait: str, at_least: float = 0.5) -> bool:
        """True when the item carries ``trait`` with at least ``at_least`` weight."""
        return self.traits.get(trait, 0.0) >= at_least

    def display_name(self, language: str) -> str:
        """The item's name in ``language`` (falling back to the other language, then the id)."""
        return bilingual(language, self.name.get("zh"), self.name.get("en")) or self.id

    @property
    def leaf_concepts(self) -> list[str]:
        """The most specific concepts the item serves (none of them an ancestor of another)."""
        return list(self.leaves)


def _fields(item: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for key in ("name", "description"):
        value = item.get(key) or {}
        if isinstance(value, str):
            yield key, value
        else:
            for language in ("en", "zh"):
                if value.get(language):
                    yield key, str(value[language])
    if item.get("category"):
        yield "category", str(item["category"])
    tags = item.get("tags") or []
    if isinstance(tags, str):  # "tea, gift" or "茶叶、礼盒" from a spreadsheet
        tags = re.split(r"[,;，；、|/]+", tags)
    for tag in tags:
        if str(tag).strip():
            yield "tags", str(tag).strip()


def parse_price(value: Any) -> Decimal:
    """A price as Decimal ("300", 300, "¥1,200", "300元"); NaN for anything that is not one number."""
    text = str(value).strip()
    cleaned = re.sub(r"^[¥￥$€£]|[元圆块]$|,", "", text.replace(" ", ""))
    try:
        return Decimal(cleaned)
    except (InvalidOperation, ValueError):
        return Decimal("NaN")


def analyze_item(item: Mapping[str, Any], lexicon: Lexicon | None = None) -> ItemProfile:
    """Understand one item in the portable catalog shape (id, name, description, price, currency, category, tags)."""
    lexicon = lexicon or load_lexicon()
    name = item.get("name") or {}
    profile = ItemProfile(
        id=str(item.get("id", "")),
        name=dict(name) if isinstance(name, Mapping) else {"en": str(name), "zh": str(name)},
        price=parse_price(item.get("price", "NaN")),
        currency=str(item.get("currency") or "").upper(),
        raw=item,
    )
    seen: dict[str, float] = {}
    for field_name, text in _fields(item):
        _read_field(profile, field_name, text, lexicon, seen)
    profile.age_range = item_age_range(text for _, text in _fields(item))
    _settle(profile, lexicon, seen)
    corrections = item.get("corrections")
    profile.attributes = read_attributes(item, corrections if isinstance(corrections, Mapping) else None)
    _agree(profile, lexicon)
    return profile


def _agree(profile: ItemProfile, lexicon: Lexicon) -> None:
    """Drop a content the lexicon read from a word out of context when the attribute reader, which knows the
    word's false friends and the item's kind, is sure the item holds none ("a pressed tea cake" is no cake),
    with what the item was only thought to serve through that content (sweets, from "cake")."""
    dropped = set()
    for content in list(profile.contains):
        attribute = profile.attributes.contents.get(content)
        if attribute is not None and attribute.answer == "no" and attribute.confidence >= SURE_NO:
            del profile.contains[content]
            dropped.add(content)
    for name, attribute in profile.attributes.contents.items():
        if attribute.source == "corrected" and attribute.answer == "yes" and name in lexicon.concepts:
            profile.contains.setdefault(name, Evidence("correction", "(corrected)"))
    if not dropped:
        return
    for concept_id, weight in list(profile.serves.items()):
        concept = lexicon.concepts.get(concept_id)
        named = concept_id in dropped or (concept is not None and set(concept.contains) & dropped)
        if named and weight < 1.0:
            del profile.serves[concept_id]
    ancestors = {a for c in profile.serves for a in lexicon.ancestors(c)}
    profile.leaves = tuple(c for c in profile.serves if c not in ancestors)


def _read_field(profile: ItemProfile, field_name: str, text: str, lexicon: Lexicon, seen: dict[str, float]) -> None:
    tokens = tokens_of(text, lexicon)
    cue_matches = find(tokens, lexicon.item_cues)
    matches = merge(find(tokens, lexicon.item, partial=True), find_patterns(text, tokens, lexicon.item))
    weight = FIELD_WEIGHT[field_name]
    warned = warning_spans(text)
    for match in matches:
        quote = text[tokens[match.first].start:tokens[match.last].end]
        for concept_id in match.ids:
            concept = lexicon.concepts[concept_id]
            if _warned_off(concept, tokens[match.first].start, warned):
                continue
            seen[concept_id] = max(seen.get(concept_id, 0.0), weight * match.weight)
            _apply(profile, concept, field_name, weight * match.weight, quote)
    free = find(tokens, lexicon.free)
    for match in free:
        profile.free_of.update(match.ids)
    # "不含乳制品和坚果": a Chinese free-of form opens a scope like "不含" does.
    prefixes = tuple(form for form in lexicon.item_cues.han if "negate" in lexicon.item_cues.han[form])
    openers = [Match(m.first, m.last, ("negate",)) for m in free if tokens[m.first].norm.startswith(prefixes)]
    profile.free_of.update(_negated_contents(tokens, matches, cue_matches + openers, lexicon))
    if field_name in WORD_FIELDS:
        _add_words(profile, tokens, lexicon, WORD_FIELDS[field_name])


def _warned_off(concept: Concept, at: int, warned: tuple[tuple[int, int], ...]) -> bool:
    """True when ``concept`` is someone an item could be for (a baby, children) named at ``at`` inside a warning
    clause ("not for infants", "婴儿勿食", "safe around babies"): the item is not for them."""
    audience = concept.id in AGE_CONCEPTS or concept.kind == "family"
    return audience and any(start <= at < end for start, end in warned)


def _apply(profile: ItemProfile, concept: Concept, field_name: str, weight: float, quote: str) -> None:
    evidence = Evidence(field_name, quote)
    for content in concept.contains:
        profile.contains.setdefault(content, evidence)
    for content in concept.accessory_of:
        profile.accessory_of.setdefault(content, evidence)
    if concept.kind == "trait":
        if concept.fields is None or field_name in concept.fields:
            for trait in (concept.id, *concept.traits):
                profile.traits[trait] = max(profile.traits.get(trait, 0.0), weight)
                # A trait is also something the item is, for people who like or dislike it ("hates logos").
                profile.serves[trait] = max(profile.serves.get(trait, 0.0), weight)
    elif concept.kind == "content":
        if concept.id != "cash_value":  # an item with beef serves a beef lover, a little less than by name
            profile.serves[concept.id] = max(profile.serves.get(concept.id, 0.0), 0.8 * weight)
    elif concept.kind not in ("restriction", "status"):
        profile.serves[concept.id] = max(profile.serves.get(concept.id, 0.0), weight)
        for trait in concept.traits:
            profile.traits[trait] = max(profile.traits.get(trait, 0.0), weight)
    for served, share in concept.serves.items():
        profile.serves[served] = max(profile.serves.get(served, 0.0), weight * share)
    if concept.festival:
        profile.festival = profile.festival or concept.festival


def _negated_contents(tokens: list[Token], matches: list[Match], cues: list[Match], lexicon: Lexicon) -> set[str]:
    """Contents named after "不含" / "without" up to the end of the phrase."""
    out: set[str] = set()
    for cue in (c for c in cues if "negate" in c.ids):
        for k in range(cue.last + 1, len(tokens)):
            if tokens[k].norm in SENTENCE_END or tokens[k].norm in CLAUSE_END:
                break
            if any(c.first == k and "scope_end" in c.ids for c in cues):
                break
            for match in (m for m in matches if m.first == k):
                for concept_id in match.ids:
                    out.update(lexicon.concepts[concept_id].contains)
    return out


def _add_words(profile: ItemProfile, tokens: list[Token], lexicon: Lexicon, weight: float) -> None:
    """The field's content words, each a share of the field (what a wish's own words are compared with)."""
    stop = lexicon.words.get("stopword", set())
    words = [
        t.norm for t in tokens if not t.is_punct and t.norm not in stop and len(t.norm) > 1 and not t.norm.isdigit()
    ]
    for word in words:
        profile.words[word] = max(profile.words.get(word, 0.0), weight / len(words))


def _settle(profile: ItemProfile, lexicon: Lexicon, seen: dict[str, float]) -> None:
    """Settle what the item is once every field was read: contents, accessories, masks, commonplace, suits."""
    concepts = [lexicon.concepts[c] for c in seen]
    absorbed = {a for c in concepts for a in c.absorbs}
    for masked in {m for c in concepts for m in c.masks}:
        profile.serves.pop(masked, None)
    for concept in concepts:
        if concept.commonplace and not (set(concept.contains) | {concept.id}) & absorbed:
            profile.commonplace = max(profile.commonplace, concept.commonplace * seen[concept.id])
    _settle_contents(profile, lexicon, absorbed, seen)
    ancestors = {a for c in profile.serves for a in lexicon.ancestors(c)}
    profile.leaves = tuple(c for c in profile.serves if c not in ancestors)


def _settle_contents(profile: ItemProfile, lexicon: Lexicon, absorbed: set[str], seen: dict[str, float]) -> None:
    """Close contents upward (pork is meat), apply free-of statements and accessories, derive what it suits."""
    for content in list(profile.contains):
        for parent in lexicon.ancestors(content):
            if parent in lexicon.concepts and lexicon.concepts[parent].kind == "content":
                profile.contains.setdefault(parent, profile.contains[content])
    named_by = {c for concept_id in seen if lexicon.concepts[concept_id].kind != "content"
                for c in lexicon.concepts[concept_id].contains}
    for content in list(profile.contains):
        if content not in profile.contains:  # dropped with the content it was only inferred from
            continue
        if content in absorbed or (content in profile.free_of and content in named_by):
            # "non-alcoholic beer" still imitates beer; "alcohol-free grape juice" is only juice.
            profile.accessory_of.setdefault(content, profile.contains.pop(content))
        elif content in profile.free_of:
            evidence = profile.contains.pop(content)
            profile.serves.pop(content, None)
            # "no lard" takes back the meat only inferred from the lard (pork is meat); "ham, no lard" does not.
            if not only_negated(profile.raw, evidence.text):
                continue
            for parent in lexicon.ancestors(content):
                if profile.contains.get(parent) is evidence:
                    del profile.contains[parent]
    for content in profile.free_of:
        if content in FREE_SUITS:
            profile.suits.add(FREE_SUITS[content])
    for trait in ("halal_certified", "kosher_certified", "vegan_ok", "vegetarian_ok"):
        if profile.has(trait, 0.4):
            profile.suits.add(trait)
    if "vegan_ok" in profile.suits:
        profile.suits.add("vegetarian_ok")


def analyze_catalog(items: Iterable[Mapping[str, Any]], lexicon: Lexicon | None = None) -> list[ItemProfile]:
    """Understand every item of a portable catalog."""
    lexicon = lexicon or load_lexicon()
    return [analyze_item(item, lexicon) for item in items]
