"""Matrices for batch scoring: the catalog once (items x concepts), each chunk of people (people x concepts).

The one-at-a-time definitions live in ``giftwise.recommend.factors``; every array here is built to
give the same numbers. ``answers[p, i]`` is how well item ``i`` answers person concept ``p`` (the
best of the item's concepts times the lexicon relation), so a person's match with every item is one
sparse matrix product.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
from scipy import sparse

from giftwise.compliance.policy import Policy
from giftwise.recommend.factor_table import factor_table
from giftwise.recommend.factors import DIET_RESTRICTIONS, PLANT_FOODS, WRONG_EVENT, relation, word_rarity
from giftwise.recommend.guard import attributes_of, cash_like, restriction_block
from giftwise.recommend.rules import OccasionRule, in_season
from giftwise.understanding.items import ItemProfile
from giftwise.understanding.lexicon import Lexicon
from giftwise.understanding.profile import Signal, Understanding

GATED = factor_table().gated


@dataclass(slots=True)
class CatalogMatrices:
    """Everything about the catalog the batch needs, as arrays over items."""

    items: list[ItemProfile]
    concepts: dict[str, int]
    answers: np.ndarray  # person concept x item
    dislike_answers: np.ndarray  # as answers, zeroed where the item is free of what the concept contains
    words: dict[str, int]
    word_shares: sparse.csr_matrix  # word x item
    word_rarity: dict[str, float]  # ``factors.word_rarity`` of the catalog
    word_echo: sparse.csr_matrix  # word x item: the word's rarity where the item uses it
    price_policy: np.ndarray  # NaN where missing or unconvertible
    price_request: np.ndarray
    valid: np.ndarray  # a readable, convertible price
    commonplace: np.ndarray
    traits: dict[str, np.ndarray]
    occasion_base: np.ndarray
    events: dict[str, int]
    wrong_event: np.ndarray  # event x item: the penalty an item carries for an event the person does not have
    season: np.ndarray
    age_low: np.ndarray  # whom each item is made for, in years (NaN: it does not say)
    age_high: np.ndarray
    food_unlabelled: np.ndarray
    suits: dict[str, np.ndarray]
    contains: dict[str, np.ndarray]
    accessory: dict[str, np.ndarray]
    banned: np.ndarray
    card: np.ndarray
    note_like: np.ndarray
    branded: np.ndarray  # our logo on it: the token a gift-bound recipient may take
    obligation: np.ndarray
    # The fail-safe guard's verdict per restriction (item x bool, True: ruled out), filled as people need it.
    guarded: dict[str, np.ndarray] = field(default_factory=dict)
    meanings: dict[str, np.ndarray] = field(default_factory=dict)
    kinds: dict[str, np.ndarray] = field(default_factory=dict)

    def of_kind(self, kind: str) -> np.ndarray:
        """Items that are of a policy ``kind`` (cash_equivalent, alcohol...), by either reading."""
        if kind not in self.kinds:
            self.kinds[kind] = np.array([kind in cash_like(i, attributes_of(i)) for i in self.items], dtype=bool)
        return self.kinds[kind]

    def carrying(self, meaning: str) -> np.ndarray:
        """Items that carry a symbolic ``meaning`` (clock, pear...), for the etiquette rules."""
        if meaning not in self.meanings:
            self.meanings[meaning] = np.array([meaning in i.attributes.meanings for i in self.items], dtype=bool)
        return self.meanings[meaning]

    def guard_blocked(self, restriction: str, lexicon: Lexicon) -> np.ndarray:
        """Items the guard rules out for ``restriction`` (``giftwise.recommend.guard.restriction_block``)."""
        if restriction not in self.guarded:
            self.guarded[restriction] = np.array(
                [restriction_block(i, attributes_of(i), restriction, lexicon) is not None for i in self.items],
                dtype=bool)
        return self.guarded[restriction]


def _trait(items: list[ItemProfile], name: str) -> np.ndarray:
    return np.array([i.traits.get(name, 0.0) for i in items])


def catalog_matrices(
    items: list[ItemProfile], person_concepts: set[str], *, lexicon: Lexicon, policy: Policy, occasion: OccasionRule,
    currency: str, as_of: date,
) -> CatalogMatrices:
    """Arrays for ``items`` and every concept the people may hold (``person_concepts``)."""
    concepts = {c: k for k, c in enumerate(sorted(person_concepts))}
    n = len(items)
    answers = np.zeros((len(concepts), n))
    dislike_answers = np.zeros((len(concepts), n))
    for j, item in enumerate(items):
        for concept, k in concepts.items():
            best = max((w * relation(lexicon, concept, c) for c, w in item.serves.items()), default=0.0)
            answers[k, j] = best
            known = lexicon.concept(concept)
            free = bool(item.free_of) and known is not None and bool(known.contains) and set(known.contains) <= \
                item.free_of
            dislike_answers[k, j] = 0.0 if free else best
    words = {w: k for k, w in enumerate(sorted({w for i in items for w in i.words}))}
    rows, cols, vals = [], [], []
    for j, item in enumerate(items):
        for word, share in item.words.items():
            rows.append(words[word])
            cols.append(j)
            vals.append(share)
    word_shares = sparse.csr_matrix((vals, (rows, cols)), shape=(len(words), n))
    rarity = word_rarity(items)
    echo = [(words[w], j, rarity[w]) for j, item in enumerate(items) for w in item.words if rarity.get(w)]
    word_echo = sparse.csr_matrix(([v for _, _, v in echo], ([r for r, _, _ in echo], [c for _, c, _ in echo])),
                                  shape=(len(words), n))
    price_policy, price_request = _prices(items, policy, currency)
    traits = {t: _trait(items, t) for t in (
        "novelty", "story", "experience", "personalised", "branded", "standard_issue", "own_service",
        "generic_thoughtful", "festival_food", "gift_box", "card", "food", "cash", "cash_equivalent")}
    occasion_base = np.array([sum(w * occasion.traits.get(t, 0.0) for t, w in i.traits.items()) for i in items])
    events, wrong_event = _wrong_events(items, lexicon, occasion)
    return CatalogMatrices(
        items=items, concepts=concepts, answers=answers, dislike_answers=dislike_answers, words=words,
        word_shares=word_shares, word_rarity=rarity, word_echo=word_echo, price_policy=price_policy,
        price_request=price_request,
        valid=~np.isnan(price_policy) & ~np.isnan(price_request),
        commonplace=np.array([i.commonplace for i in items]), traits=traits, occasion_base=occasion_base,
        events=events, wrong_event=wrong_event, season=_seasons(items, occasion, as_of),
        age_low=np.array([i.age_range.low if i.age_range else np.nan for i in items]),
        age_high=np.array([i.age_range.high if i.age_range else np.nan for i in items]),
        food_unlabelled=np.array([i.traits.get("food", 0.0) >= 0.5 and not (set(i.serves) & PLANT_FOODS)
                                  for i in items]),
        suits={s: np.array([s in i.suits for i in items]) for s in {s for i in items for s in i.suits}},
        contains={c: np.array([c in i.contains for i in items]) for c in {c for i in items for c in i.contains}},
        accessory={c: np.array([c in i.accessory_of for i in items])
                   for c in {c for i in items for c in i.accessory_of}},
        banned=np.array([bool(cash_like(i, attributes_of(i)) & policy.banned) for i in items]),
        card=traits["card"] >= 0.5,
        note_like=(traits["card"] >= 0.5) | (traits["own_service"] >= 0.5),
        branded=traits["branded"] >= 0.5,
        obligation=np.maximum.reduce([np.array([i.commonplace for i in items]),
                                      *(share * traits[trait] for trait, share in factor_table().obligation)]),
    )


def _prices(items: list[ItemProfile], policy: Policy, currency: str) -> tuple[np.ndarray, np.ndarray]:
    in_policy, in_request = [], []
    for item in items:
        bad = item.price.is_nan() or item.price < 0
        code = item.currency or currency
        p = None if bad else policy.convert(item.price, code)
        r = None if bad else policy.convert_between(item.price, code, currency)
        in_policy.append(float("nan") if p is None else float(p))
        in_request.append(float("nan") if r is None else float(r))
    return np.array(in_policy), np.array(in_request)


def _wrong_events(items: list[ItemProfile], lexicon: Lexicon, rule: OccasionRule) -> tuple[dict[str, int], np.ndarray]:
    events: dict[str, int] = {}
    entries: list[tuple[str, int, float]] = []
    for j, item in enumerate(items):
        for concept_id, weight in item.serves.items():
            concept = lexicon.concept(concept_id)
            if (concept is not None and concept.kind == "event" and concept.occasions and weight >= 0.5
                    and rule.name not in concept.occasions):
                events.setdefault(concept_id, len(events))
                entries.append((concept_id, j, WRONG_EVENT * weight))
    matrix = np.zeros((len(events), len(items)))
    for concept_id, j, penalty in entries:
        matrix[events[concept_id], j] = penalty
    return events, matrix


def _seasons(items: list[ItemProfile], rule: OccasionRule, as_of: date) -> np.ndarray:
    out = []
    for item in items:
        season = in_season(item.festival, as_of) if item.festival else None
        out.append(0.0 if season is None else (1.0 if rule.name == "festival" else 0.5) if season else -1.0)
    return np.array(out)


def signal_matrix(people: list[dict[str, Signal]], concepts: dict[str, int]) -> sparse.csr_matrix:
    """People x concepts strengths (concepts the catalog matrices do not know are left out)."""
    rows, cols, vals = [], [], []
    for r, signals in enumerate(people):
        for concept, signal in signals.items():
            k = concepts.get(concept)
            if k is not None:
                rows.append(r)
                cols.append(k)
                vals.append(signal.strength)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(people), len(concepts)))


def word_matrix(people: list[Understanding], words: dict[str, int], topics: bool = False) -> sparse.csr_matrix:
    """People x words: the strength of each literal word in what they wished for (or, with ``topics``, in what
    they talked about lately)."""
    rows, cols, vals = [], [], []
    for r, u in enumerate(people):
        for word, strength in (u.topic_words if topics else u.wish_words).items():
            k = words.get(word)
            if k is not None:
                rows.append(r)
                cols.append(k)
                vals.append(strength)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(people), len(words)))


def boosted_needs(u: Understanding, rule: OccasionRule) -> dict[str, Signal]:
    """Needs with a life event the occasion answers counting a quarter more (as ``factors._needs``)."""
    boosted = set(rule.events) & set(u.events)
    if not boosted:
        return u.needs
    return {c: Signal(min(1.0, s.strength * 1.25), s.facts) if c in boosted else s for c, s in u.needs.items()}


def diet_restrictions(lexicon: Lexicon) -> dict[str, list[str]]:
    """For each diet restriction, the item traits that make an item suitable."""
    out = {}
    for restriction in DIET_RESTRICTIONS:
        concept = lexicon.concept(restriction)
        out[restriction] = list(concept.suited_by) if concept else []
    return out


def decimal_or_nan(value: Decimal | None) -> float:
    """A Decimal as float, NaN for None."""
    return float("nan") if value is None else float(value)
