"""The fail-safe guard: a second, independent reading of every gift about to be proposed or chosen.

Ranking already applies the hard constraints through the concept lexicon. The guard does not trust
that reading: it re-reads each item with the attribute reader (``giftwise.understanding.attributes``,
its own words and its own false friends) and checks it against every restriction the person has,
every taboo that applies, and the compliance policy. What it finds is either a block (the item
must not be given) or a caution (the item may hold something the person must avoid: "check the
ingredients"). Every place a gift is chosen calls it: the ranking (file, database and batch
modes), ``gifts plan`` for a catalog item or a free description, the gestures planner, campaign
allocation and the web. A block other than compliance may be overridden with a written reason,
which the caller audits; compliance never is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from giftwise.compliance.policy import Policy
from giftwise.compliance.verdict import ProposedGift, Recipient, judge
from giftwise.core.i18n import t
from giftwise.recommend.constraints import POLICY_CONTENTS
from giftwise.recommend.factors import PLANT_FOODS
from giftwise.recommend.taboos import Context
from giftwise.recommend.taboos import judge as etiquette
from giftwise.understanding.attributes import ItemAttributes, fold, knowledge, read_attributes
from giftwise.understanding.items import ItemProfile
from giftwise.understanding.labels import concept_label
from giftwise.understanding.lexicon import Lexicon
from giftwise.understanding.profile import Understanding
from giftwise.understanding.substances import is_substance, named_in_item

# Lexicon contents the attribute reader has words for (honey has none: the lexicon alone decides it).
READ_CONTENTS = ("alcohol", "tobacco", "meat", "pork", "beef", "seafood", "nuts", "peanuts", "dairy", "egg",
                 "gluten", "sugar", "caffeine")
# Contents never hidden inside another thing: an item is a cigarette or it is not, so "check the ingredients
# for tobacco" on a tea or a rice cooker only puzzles the rep.
NEVER_HIDDEN = frozenset({"tobacco"})
# What fruit, tea leaves and coffee beans never hide ("pears may contain seafood" only puzzles the rep): contents
# of animal origin, and alcohol.
NOT_IN_PLANT_FOODS = frozenset({"meat", "pork", "beef", "seafood", "dairy", "egg", "alcohol"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the guard found: a code, the sentence a person reads, and whether it is compliance."""

    code: str
    reason: str
    compliance: bool = False


@dataclass(slots=True)
class Review:
    """The guard's answer for one item: blocks (must not be given) and cautions (say before giving)."""

    blocks: list[Finding] = field(default_factory=list)
    cautions: list[Finding] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        """True when nothing blocks the item."""
        return not self.blocks

    @property
    def overridable(self) -> bool:
        """True when every block may be overridden with a reason (none of them is compliance)."""
        return all(not f.compliance for f in self.blocks)

    def reasons(self) -> list[str]:
        """The block sentences, in order."""
        return [f.reason for f in self.blocks]


@dataclass(frozen=True, slots=True)
class Subject:
    """Who the gift is for, as the guard needs them: understood facts and the compliance view."""

    understanding: Understanding
    recipient: Recipient
    language: str = "zh"
    etiquette: Context | None = None


def attributes_of(item: ItemProfile) -> ItemAttributes:
    """The independent reading of ``item`` (made when the item was analysed, corrections applied)."""
    if item.attributes.contents:
        return item.attributes
    raw: Mapping[str, Any] = item.raw or {"id": item.id, "name": item.name}
    corrections = raw.get("corrections")
    return read_attributes(raw, corrections if isinstance(corrections, Mapping) else None)


def review(
    item: ItemProfile, subject: Subject, *, policy: Policy, lexicon: Lexicon, currency: str,
    value: Decimal | None = None, attributes: ItemAttributes | None = None,
) -> Review:
    """Every restriction, and the policy, checked again for giving ``item`` to ``subject``."""
    attrs = attributes or attributes_of(item)
    out = Review()
    for restriction in subject.understanding.restrictions:
        _restriction(out, item, attrs, restriction, lexicon, subject.language)
    if subject.etiquette is not None:
        for hit in etiquette(attrs.meanings, subject.etiquette, subject.language):
            if hit.action == "exclude":
                out.blocks.append(Finding("taboo", hit.explanation))
    _policy(out, item, attrs, subject, policy, currency, item.price if value is None else value)
    return out


@dataclass(frozen=True, slots=True)
class Block:
    """Why a restriction rules an item out: contains or goes with a content, and the words that show it."""

    kind: str  # "contains" or "accessory"
    content: str
    words: str


def restriction_block(item: ItemProfile, attrs: ItemAttributes, restriction: str, lexicon: Lexicon) -> Block | None:
    """The first reason ``restriction`` rules ``item`` out by either reading, or None (the one rule for every path).
    A substance known only by its words rules out an item whose own words name it."""
    if is_substance(restriction):
        named = named_in_item(item.raw or {"name": item.name}, restriction)
        return Block("contains", restriction, named) if named is not None else None
    concept = lexicon.concept(restriction)
    if concept is None:
        return None
    suited = bool(set(concept.suited_by) & item.suits)
    for content in _forbidden(restriction, suited, lexicon):
        words = _contained(item, attrs, content, suited, _allowed_words(restriction, content))
        if words is not None:
            return Block("contains", content, words)
    for content in concept.forbids.get("accessory_of", []):
        words = _accessory(item, attrs, content)
        if words is not None:
            return Block("accessory", content, words)
    return None


def doubtful_contents(item: ItemProfile, attrs: ItemAttributes, restriction: str, lexicon: Lexicon) -> list[str]:
    """The contents ``restriction`` forbids that an edible ``item`` may hold without saying so."""
    concept = lexicon.concept(restriction)
    if concept is None or attrs.edible.answer == "no" or set(concept.suited_by) & item.suits:
        return []
    plant = bool(PLANT_FOODS & set(item.serves))
    return [c for c in _forbidden(restriction, False, lexicon)
            if c in READ_CONTENTS and c not in NEVER_HIDDEN and not (plant and c in NOT_IN_PLANT_FOODS)
            and attrs.content(c).doubtful]


def _forbidden(restriction: str, suited: bool, lexicon: Lexicon) -> list[str]:
    concept = lexicon.concept(restriction)
    if concept is None:
        return []
    forbids = concept.forbids
    return list(dict.fromkeys(list(forbids.get("contains", [])) + ([] if suited else
                                                                      list(forbids.get("unless_suited", [])))))


def _restriction(out: Review, item: ItemProfile, attrs: ItemAttributes, restriction: str, lexicon: Lexicon,
                 language: str) -> None:
    label = concept_label(restriction, lexicon, language)
    block = restriction_block(item, attrs, restriction, lexicon)
    if block is not None:
        key = "guard.contains" if block.kind == "contains" else "guard.accessory"
        content = concept_label(block.content, lexicon, language)
        out.blocks.append(Finding("restriction", t(key, language, content=content, words=block.words,
                                                   restriction=label)))
        return
    doubtful = doubtful_contents(item, attrs, restriction, lexicon)
    if doubtful:
        names = t("guard.separator", language).join(concept_label(c, lexicon, language) for c in doubtful)
        out.cautions.append(Finding("check_ingredients", t("guard.check_ingredients", language, contents=names,
                                                           restriction=label)))


def cash_like(item: ItemProfile, attrs: ItemAttributes) -> frozenset[str]:
    """The policy kinds ``item`` is by either reading: cash, cash_equivalent, and contents a policy group may
    ban (alcohol, tobacco)."""
    kinds = {k for k in ("cash", "cash_equivalent") if item.has(k)}
    if attrs.cash_equivalent.sure_yes:
        kinds.add("cash_equivalent")
    kinds |= {c for c in POLICY_CONTENTS if c in item.contains or attrs.content(c).sure_yes}
    return frozenset(kinds)


def _allowed_words(restriction: str, content: str) -> frozenset[str]:
    """The words of ``content`` that ``restriction`` does not forbid (attribute data ``not_forbidden_by``)."""
    spec = knowledge()["contents"].get(content, {}).get("not_forbidden_by", {}).get(restriction, {})
    return frozenset(fold(word) for words in spec.values() for word in words)


def _contained(item: ItemProfile, attrs: ItemAttributes, content: str, suited: bool,
               allowed: frozenset[str] = frozenset()) -> str | None:
    """The words that show ``item`` holds ``content``, by either reading; None when neither is sure. The
    attribute reading counts only words not in ``allowed`` (a halal diet keeps no one from bird's nest)."""
    if content in item.contains:
        return item.contains[content].text
    attribute = attrs.content(content)
    words = [word for word in attribute.words if fold(word) not in allowed]
    if attribute.sure_yes and words and not (suited and content == "meat"):
        return ", ".join(words)
    return None


def _accessory(item: ItemProfile, attrs: ItemAttributes, content: str) -> str | None:
    if content in item.accessory_of and content not in item.free_of:
        return item.accessory_of[content].text
    attribute = attrs.accessory_of.get(content)
    if attribute is not None and attribute.answer == "yes":
        return ", ".join(attribute.words)
    return None


def _policy(out: Review, item: ItemProfile, attrs: ItemAttributes, subject: Subject, policy: Policy, currency: str,
            value: Decimal) -> None:
    gift = ProposedGift(value, item.currency or currency, cash_like(item, attrs), is_card=item.has("card"))
    verdict = judge(policy, subject.recipient, gift, subject.language)
    for code, reason in zip(verdict.codes, verdict.reasons, strict=False):
        if code != "approval":
            out.blocks.append(Finding(code, reason, compliance=True))
