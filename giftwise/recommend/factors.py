"""The soft factors of a (person, item) pair: each measured on about -1..1, each explainable.

``factor_vector`` is the one-at-a-time definition; ``giftwise.recommend.batch`` computes the
same numbers with matrices for a whole book, and a test checks they agree. A match between what
a person has (interests, needs, wishes...) and what an item serves is the sum, over concept pairs,
of the person's strength x the item's weight x the lexicon relation (1 for the same concept, less
for an ancestor), bent by :func:`fit` so a second match adds less than the first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from giftwise.recommend.factor_table import factor_table
from giftwise.recommend.rules import OccasionRule, Stage, in_season
from giftwise.understanding.ages import ADULT, OPEN_END, AgeRange
from giftwise.understanding.attributes import knowledge
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import ItemProfile
from giftwise.understanding.lexicon import Concept, Lexicon
from giftwise.understanding.profile import Signal, Understanding

# Restrictions whose hidden ingredients (lard, meat stock, gelatine) make unlabelled food a risk.
DIET_RESTRICTIONS = ("halal", "kosher", "vegetarian", "vegan", "no_meat", "no_pork")
# How much a diet-fit counts as fitting the person (for the token and trait gating), and the penalty of an
# item made for a life event the occasion does not call for (a condolence card at a festival): both in the
# factor table shared with the batch.
DIET_CARE = factor_table().diet_care
WRONG_EVENT = factor_table().wrong_event
# The words an unlabelled food's age range is known by (the explanation names no age, only that it is food).
FOOD_WORD = "food"
# Items serving these are plant foods by nature, so unlabelled is fine.
PLANT_FOODS = frozenset({"fruit", "fruit_box", "dates_fruit", "tea", "tea_leaves", "coffee", "coffee_beans"})


def fit(x: float) -> float:
    """Bend a summed match: linear up to 1, then a quarter as steep up to 3 (a second match adds less)."""
    return min(x, 1.0) + 0.25 * max(0.0, min(x, 3.0) - 1.0)


@dataclass(frozen=True, slots=True)
class GivenGift:
    """A gift the person received: from us (repetition, yearly cap) or from others (saturation)."""

    on: date
    item_id: str | None
    description: str = ""
    value: Decimal | None = None
    from_us: bool = True


@dataclass(slots=True)
class Part:
    """One concept pair behind a match: the person's concept, the item's, and how much it adds."""

    amount: float
    person_concept: str
    item_concept: str
    signal: Signal


@dataclass(slots=True)
class ScoringContext:
    """Everything scoring needs besides the item; built once per person and request."""

    understanding: Understanding
    occasion: OccasionRule
    stage: Stage
    stage_high: float
    as_of: date
    lexicon: Lexicon
    gifts: list[GivenGift] = field(default_factory=list)
    item_concepts: dict[str, list[str]] = field(default_factory=dict)
    repeat_window_days: int = 365
    # Bound to take tokens only (see the factor table's token_only): a branded token fits the band.
    token_only: bool = False
    # The ages on ``as_of`` of the children (or the baby on its way) the notes speak of.
    child_ages: tuple[float, ...] = ()
    # The occasion celebrates a child (a birth, a hundred-day banquet): the gift is for the child.
    for_the_child: bool = False
    # How rare each item word is in the catalog ranked (see ``word_rarity``): what an echo counts.
    word_rarity: dict[str, float] = field(default_factory=dict)
    # The notes speak of no child at all: the gift is for a grown-up, whom an item made for children misfits.
    grown_only: bool = False


@dataclass(slots=True)
class Notes:
    """What explains the factors that are not concept matches."""

    wish: FactRecord | None = None
    duplicate: GivenGift | None = None
    repetition: GivenGift | None = None
    diet_fit: tuple[str, FactRecord] | None = None
    caution: tuple[str, FactRecord] | None = None
    caution_unknown: str | None = None
    stage: str | None = None
    season: tuple[str, bool] | None = None
    age_range: AgeRange | None = None
    # The age misfit is that of a grown-up given an item made for children.
    age_grown: bool = False
    echo: FactRecord | None = None


@dataclass(slots=True)
class FactorVector:
    """The factors of one pair, and the concept pairs or gifts that explain them."""

    values: dict[str, float]
    parts: dict[str, list[Part]] = field(default_factory=dict)
    notes: Notes = field(default_factory=Notes)


_relations: dict[tuple[int, str, str], float] = {}


def relation(lexicon: Lexicon, person_concept: str, item_concept: str) -> float:
    """The lexicon relation, cached (it walks the hierarchy)."""
    key = (id(lexicon), person_concept, item_concept)
    value = _relations.get(key)
    if value is None:
        value = _relations[key] = lexicon.relation(person_concept, item_concept)
    return value


def best_relations(item: ItemProfile, person_concepts: Iterable[str], lexicon: Lexicon) -> dict[str, tuple[float, str]]:
    """For each person concept, the item concept that answers it best: (weight x relation, item concept)."""
    out: dict[str, tuple[float, str]] = {}
    for person_concept in person_concepts:
        best = (0.0, "")
        for item_concept, weight in item.serves.items():
            r = relation(lexicon, person_concept, item_concept)
            if r and weight * r > best[0]:
                best = (weight * r, item_concept)
        if best[0]:
            out[person_concept] = best
    return out


def match(signals: dict[str, Signal], item: ItemProfile, lexicon: Lexicon) -> tuple[float, list[Part]]:
    """The match between a person's ``signals`` and ``item``: each concept of the person counts once,
    through the item concept that answers it best, times the person's strength."""
    total = 0.0
    parts: list[Part] = []
    for person_concept, (answer, item_concept) in best_relations(item, signals, lexicon).items():
        signal = signals[person_concept]
        amount = signal.strength * answer
        total += amount
        parts.append(Part(amount, person_concept, item_concept, signal))
    parts.sort(key=lambda p: -p.amount)
    return total, parts


def factor_vector(ctx: ScoringContext, item: ItemProfile, price_base: float) -> FactorVector:
    """All soft factors of ``item`` for the person in ``ctx``; ``price_base`` is its price in the stage currency."""
    u = ctx.understanding
    values: dict[str, float] = {}
    parts: dict[str, list[Part]] = {}
    notes = Notes()
    for name, signals in (("wish", u.wishes), ("need", _needs(ctx)), ("interest", u.interests)):
        total, found = match(signals, item, ctx.lexicon)
        if name == "wish":
            literal = sum(u.wish_words.get(w, 0.0) * share for w, share in item.words.items())
            total += literal
            if literal and not found:
                notes.wish = _wish_with_words(u, item)
        values[name] = fit(total)
        parts[name] = found
    dislike, parts["dislike"] = match(_dislikes_for(u, item, ctx.lexicon), item, ctx.lexicon)
    values["dislike"] = -fit(dislike)
    saturation, parts["saturation"] = match(u.saturation, item, ctx.lexicon)
    table = factor_table()
    values["saturation"] = -fit(saturation) * (table.saturation_base + (1 - table.saturation_base) * item.commonplace)
    values["duplicate"] = -_duplicate(ctx, item, notes)
    values["commonplace"] = -item.commonplace
    values["diet_fit"] = _diet_fit(ctx, item, notes)
    # An item made for the person's diet is a form of care too (a sugar-free mooncake for a diabetic).
    best = min(1.0, max(values["wish"], values["need"], values["interest"], DIET_CARE * values["diet_fit"]))
    # Traits that make a fitting gift memorable count for less when nothing fits: an experience the
    # person does not care for is wasted; a story still shows care.
    for factor, trait, floor in table.gated:
        values[factor] = item.traits.get(trait, 0.0) * (floor + (1.0 - floor) * best)
    values["free_will"] = -max(share * item.traits.get(trait, 0.0) for trait, share in table.free_will)
    obligation = max(item.commonplace, *(share * item.traits.get(trait, 0.0) for trait, share in table.obligation))
    values["token"] = -obligation * (1.0 - best)
    values["occasion"] = _occasion(ctx, item)
    values["caution"] = -_caution(ctx, item, notes)
    values["repetition"] = -_repetition(ctx, item, notes)
    values["stage"] = _stage(ctx, item, price_base, best, notes)
    values["thoughtful"] = item.traits.get("generic_thoughtful", 0.0)
    values["season"] = _season(ctx, item, notes)
    values["echo"] = _echo(ctx, item, notes)
    span = item.age_range or (food_age_range() if ctx.for_the_child and is_food(item) else None)
    values["age_fit"] = age_fit(ctx.child_ages, span)
    if span is not item.age_range:
        values["age_fit"] = min(0.0, values["age_fit"])  # only a misfit: food is no better a child's gift for it
    if ctx.grown_only and item.age_range is not None:
        values["age_fit"] = grown_up_fit(item.age_range)
        notes.age_grown = bool(values["age_fit"])
    if values["age_fit"]:
        notes.age_range = span
    return FactorVector({k: round(v, 4) + 0.0 for k, v in values.items()}, parts, notes)


def word_rarity(items: Iterable[ItemProfile]) -> dict[str, float]:
    """How rare each item word is in ``items``: log(N/df)/log(N), 1 for a word one item alone uses, 0 for a
    word more than the factor table's common share of the items use (it says nothing about any of them)."""
    items = list(items)
    n = len(items)
    if n < 2:
        return {}
    df: dict[str, int] = {}
    for item in items:
        for word in item.words:
            df[word] = df.get(word, 0) + 1
    common = factor_table().echo_common_share * n
    return {w: round(math.log(n / k) / math.log(n), 4) for w, k in df.items() if k <= max(1.0, common)}


def echo_sum(topic_words: dict[str, float], item: ItemProfile, rarity: dict[str, float]) -> float:
    """The unbent echo: over the item's words, the topic weight times the word's rarity."""
    return sum(topic_words.get(w, 0.0) * rarity.get(w, 0.0) for w in item.words)


def _echo(ctx: ScoringContext, item: ItemProfile, notes: Notes) -> float:
    u = ctx.understanding
    total = echo_sum(u.topic_words, item, ctx.word_rarity) if u.topic_words else 0.0
    if total <= 0:
        return 0.0
    shared = {w for w in item.words if ctx.word_rarity.get(w)}
    notes.echo = max(u.topics, key=lambda f: (len(shared & set(f.words)), f.observed_on))
    return fit(factor_table().echo_scale * total)


def _wish_with_words(u: Understanding, item: ItemProfile) -> FactRecord | None:
    """The wish whose own words the item's name or description repeats."""
    for signal in u.wishes.values():
        for fact in signal.facts:
            if set(fact.words) & set(item.words):
                return fact
    return None


def _needs(ctx: ScoringContext) -> dict[str, Signal]:
    """Needs, with those of a life event the occasion answers counting a quarter more."""
    needs = ctx.understanding.needs
    boosted = set(ctx.occasion.events) & set(ctx.understanding.events)
    if not boosted:
        return needs
    return {c: Signal(min(1.0, s.strength * 1.25), s.facts) if c in boosted else s for c, s in needs.items()}


def _duplicate(ctx: ScoringContext, item: ItemProfile, notes: Notes) -> float:
    received = [g for g in ctx.gifts if not g.from_us and g.item_id == item.id]
    if not received:
        return 0.0
    latest = max(received, key=lambda g: g.on)
    notes.duplicate = latest
    return 0.5 ** (max(0, (ctx.as_of - latest.on).days) / 365)


def _dislikes_for(u: Understanding, item: ItemProfile, lexicon: Lexicon) -> dict[str, Signal]:
    """Dislikes that apply to ``item``: a dislike of sweets does not apply to a sugar-free sweet."""
    if not item.free_of:
        return u.dislikes
    out = {}
    for concept_id, signal in u.dislikes.items():
        concept = lexicon.concept(concept_id)
        if concept is not None and concept.contains and set(concept.contains) <= item.free_of:
            continue
        out[concept_id] = signal
    return out


def _occasion(ctx: ScoringContext, item: ItemProfile) -> float:
    rule = ctx.occasion
    total = sum(weight * rule.traits.get(trait, 0.0) for trait, weight in item.traits.items())
    for concept_id, weight in item.serves.items():
        concept = ctx.lexicon.concept(concept_id)
        if (concept is not None and concept.kind == "event" and concept.occasions and weight >= 0.5
                and rule.name not in concept.occasions and concept_id not in ctx.understanding.events):
            total -= WRONG_EVENT * weight
    return max(-1.0, min(1.0, total))


def diet_fit_counts(concept: Concept, edible: bool) -> bool:
    """True when an item labelled fit for the diet ``concept`` fits it in a way that matters: the item may be eaten, or
    the diet also forbids what things are made of (a vegan's leather). A plant-based notebook fits no vegetarian's
    diet, it only names no meat."""
    contents = knowledge()["contents"]
    return edible or any(contents.get(c, {}).get("material") for c in concept.forbids.get("contains", []))


def _diet_fit(ctx: ScoringContext, item: ItemProfile, notes: Notes) -> float:
    edible = item.attributes.edible.answer != "no"
    for restriction, facts in ctx.understanding.restrictions.items():
        concept = ctx.lexicon.concept(restriction)
        if concept is not None and set(concept.suited_by) & item.suits and diet_fit_counts(concept, edible):
            notes.diet_fit = (restriction, facts[0])
            return 1.0
    return 0.0


def _caution(ctx: ScoringContext, item: ItemProfile, notes: Notes) -> float:
    for content, facts in ctx.understanding.cautions.items():
        if content in item.contains:
            notes.caution = (content, facts[0])
            return 1.0
    if item.traits.get("food", 0.0) >= 0.5 and not (set(item.serves) & PLANT_FOODS):
        for restriction in DIET_RESTRICTIONS:
            concept = ctx.lexicon.concept(restriction)
            if restriction in ctx.understanding.restrictions and concept and not set(concept.suited_by) & item.suits:
                notes.caution_unknown = restriction
                return 0.5
    return 0.0


def _repetition(ctx: ScoringContext, item: ItemProfile, notes: Notes) -> float:
    worst = 0.0
    leaves = set(ctx.item_concepts.get(item.id, item.leaf_concepts))
    for gift in (g for g in ctx.gifts if g.from_us):
        age = max(0, (ctx.as_of - gift.on).days)
        if gift.item_id == item.id:
            penalty = 0.5 ** (max(0, age - ctx.repeat_window_days) / 365)
        elif gift.item_id and leaves & set(ctx.item_concepts.get(gift.item_id, [])):
            penalty = 0.3 * 0.5 ** (age / 180)
        else:
            continue
        if penalty > worst:
            worst = penalty
            notes.repetition = gift
    return worst


def _stage(ctx: ScoringContext, item: ItemProfile, price: float, best_fit: float, notes: Notes) -> float:
    if math.isnan(price):
        return 0.0
    if price > ctx.stage_high > 0:
        notes.stage = "high"
        return -min(1.5, math.log2(price / ctx.stage_high) / 1.5) * ctx.stage.strictness
    if ctx.token_only and item.traits.get("branded", 0.0) >= 0.5:
        notes.stage = "token"
        return factor_table().token_branded_fit
    note_like = item.traits.get("card", 0.0) >= 0.5 or item.traits.get("own_service", 0.0) >= 0.5
    if 0 < price < ctx.stage.low and not note_like and best_fit < 1.0:
        notes.stage = "low"
        return -0.5 * min(1.0, math.log2(ctx.stage.low / price) / 2) * (1.0 - best_fit)
    return 0.0


def _season(ctx: ScoringContext, item: ItemProfile, notes: Notes) -> float:
    if not item.festival:
        return 0.0
    season = in_season(item.festival, ctx.as_of)
    if season is None:
        return 0.0
    notes.season = (item.festival, season)
    if season:
        return 1.0 if ctx.occasion.name == "festival" else 0.5
    return -1.0


def is_food(item: ItemProfile) -> bool:
    """True when ``item`` is something to eat or drink."""
    return item.traits.get("food", 0.0) >= 0.5


def food_age_range() -> AgeRange:
    """Whom food that does not say is made for, when the gift is for a child: not babies or toddlers."""
    return AgeRange(factor_table().age_food_from, OPEN_END, (FOOD_WORD,))


def grown_up_fit(span: AgeRange) -> float:
    """How an item made for ``span`` suits a grown-up: a misfit (as far off as from the youngest adult) when it is
    made for children only, else 0 (never a fit: being grown up is no reason to give it)."""
    return min(0.0, age_fit((ADULT,), span))


def age_fit(ages: Iterable[float], span: AgeRange | None) -> float:
    """How well an item made for ``span`` suits children aged ``ages`` (years; negative before birth): the
    factor table's ``in_range`` when one of them is in it (0 when only an open end holds a grown child);
    outside, minus ``out_of_range`` and more the further the nearest is, down to -1 at ``far_off`` years;
    0 when the item or the ages are unknown."""
    known = list(ages)
    if span is None or not known:
        return 0.0
    table = factor_table()
    nearest = min(span.distance(age, table.age_far_off) for age in known)
    if nearest <= 0:
        # In range only by an open end ("ages 7 and up") for grown children alone: neither fit nor misfit.
        holds_child = any(span.distance(age, table.age_far_off) <= 0 and not span.fits_adults_only_by_default(age)
                          for age in known)
        return table.age_in_range if holds_child else 0.0
    return -(table.age_out_of_range + (1 - table.age_out_of_range) * min(1.0, nearest / table.age_far_off))
