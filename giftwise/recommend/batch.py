"""Batch scoring: the top N for many people at once, with numpy and scipy sparse matrices.

People are scored in chunks (people x items arrays of a chunk at a time, so memory stays flat):
match factors are sparse products (people x concepts) . (concepts x items), the rest are item
vectors broadcast against per-person scalars, and the hard constraints are a boolean mask. The
numbers equal the one-at-a-time path (``giftwise.recommend.engine.score_pairs``), which a test
checks on a sample.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from giftwise.compliance.policy import Policy, load_policy
from giftwise.compliance.verdict import Recipient, banned_kinds, groups_for
from giftwise.recommend.batch_matrices import (
    GATED,
    CatalogMatrices,
    boosted_needs,
    catalog_matrices,
    diet_restrictions,
    signal_matrix,
    word_matrix,
)
from giftwise.recommend.constraints import given_in_last_year
from giftwise.recommend.engine import (
    SCORE_CENTRE,
    Person,
    Request,
    etiquette_context,
    recipient_of,
    resolve_gifts,
    scoring_context,
    understand_person,
)
from giftwise.recommend.factor_table import factor_table
from giftwise.recommend.factors import DIET_CARE, Notes, ScoringContext, _repetition, diet_fit_counts
from giftwise.recommend.rules import occasion_rule
from giftwise.recommend.taboos import WISHED_CAUTION, Context, asked_for, effects
from giftwise.recommend.weights import Weights, load_weights
from giftwise.understanding.ages import ADULT, NEWBORN, OPEN_END
from giftwise.understanding.items import ItemProfile
from giftwise.understanding.lexicon import Lexicon, load_lexicon
from giftwise.understanding.profile import Understanding

CHUNK = 1000


@dataclass(frozen=True, slots=True)
class Pick:
    """One recommended item for one person."""

    item_id: str
    score: float
    raw: float


@dataclass(frozen=True, slots=True)
class BatchResult:
    """A person's top items, best first."""

    person_id: str
    picks: tuple[Pick, ...]


def fit(x: np.ndarray) -> np.ndarray:
    """``factors.fit`` on arrays."""
    return np.minimum(x, 1.0) + 0.25 * np.maximum(0.0, np.minimum(x, 3.0) - 1.0)


@dataclass(slots=True)
class Prepared:
    """The catalog side of a batch, built once and reused for every chunk of people."""

    items: list[ItemProfile]
    request: Request
    matrices: CatalogMatrices
    terms: ItemTerms
    leaves: dict[str, list[str]]
    weights: Weights
    policy: Policy
    lexicon: Lexicon


def prepare(items: list[ItemProfile], request: Request, *, weights: Weights | None = None,
            policy: Policy | None = None, lexicon: Lexicon | None = None) -> Prepared:
    """Build the catalog matrices for ``request`` once."""
    lexicon = lexicon or load_lexicon()
    policy = policy or load_policy()
    weights = weights or load_weights()
    rule = occasion_rule(request.occasion)
    matrices = catalog_matrices(items, _all_concepts(lexicon), lexicon=lexicon, policy=policy, occasion=rule,
                                currency=request.currency, as_of=request.as_of)
    return Prepared(items, request, matrices, item_terms(matrices, weights.as_dict(), rule.factors),
                    {i.id: i.leaf_concepts for i in items}, weights, policy, lexicon)


def rank_batch(
    persons: list[Person], items: list[ItemProfile], request: Request, *, weights: Weights | None = None,
    policy: Policy | None = None, lexicon: Lexicon | None = None, chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None, prepared: Prepared | None = None,
) -> list[BatchResult]:
    """The top ``request.top`` items for every person (hard constraints applied), in ``persons`` order."""
    ready = prepared or prepare(items, request, weights=weights, policy=policy, lexicon=lexicon)
    by_id = {i.id: i for i in ready.items}
    out: list[BatchResult] = []
    for start in range(0, len(persons), chunk):
        part = persons[start:start + chunk]
        for person in part:
            if person.gifts:
                resolve_gifts(person, ready.items)
        understood = [understand_person(p, by_id, request.as_of, ready.lexicon, request.occasion) for p in part]
        out.extend(_score_chunk(part, understood, ready.matrices, ready.terms, request, ready.weights, ready.policy,
                                ready.lexicon, ready.leaves))
        if progress is not None:
            progress(len(part))
    return out


def _all_concepts(lexicon: Lexicon) -> set[str]:
    """The concepts a person may hold: every lexicon concept (facts about unknown words match nothing)."""
    return set(lexicon.concepts)


@dataclass(slots=True)
class ItemTerms:
    """Weighted item vectors that do not depend on the person (combined once per catalog)."""

    constant: np.ndarray  # item-only factors
    per_best: np.ndarray  # what one unit of "best fit" adds (gated traits, the token penalty)
    occasion: np.ndarray  # the occasion factor for someone with none of the items' life events


def item_terms(m: CatalogMatrices, weights: dict[str, float], multipliers: dict[str, float]) -> ItemTerms:
    """Fold the person-independent factors, and the parts linear in "best fit", into item vectors."""

    def w(f: str) -> float:
        return weights[f] * multipliers.get(f, 1.0)

    constant = (-m.commonplace * w("commonplace") + m.traits["generic_thoughtful"] * w("thoughtful")
                + m.season * w("season") - m.obligation * w("token")
                - np.maximum.reduce([share * m.traits[trait] for trait, share in factor_table().free_will])
                * w("free_will"))
    per_best = m.obligation * w("token")
    for factor, trait, floor in GATED:
        constant = constant + m.traits[trait] * floor * w(factor)
        per_best = per_best + m.traits[trait] * (1.0 - floor) * w(factor)
    total_wrong = m.wrong_event.sum(axis=0) if m.events else np.zeros(len(m.items))
    return ItemTerms(constant, per_best, np.clip(m.occasion_base - total_wrong, -1.0, 1.0))


def raw_scores(
    part: list[Person], understood: list[Understanding], m: CatalogMatrices, terms: ItemTerms,
    contexts: list[ScoringContext], weights: dict[str, float], lexicon: Lexicon,
) -> np.ndarray:
    """The raw score of every (person, item) of a chunk: the same sum as ``engine.combine``."""
    rule = contexts[0].occasion

    def w(f: str) -> float:
        return weights[f] * rule.factors.get(f, 1.0)

    c = m.concepts
    shape = (len(part), len(m.items))
    interest = fit(np.asarray(signal_matrix([u.interests for u in understood], c) @ m.answers))
    best = interest.copy()
    raw = w("interest") * interest
    rows = [r for r, u in enumerate(understood) if u.wishes or u.wish_words]
    if rows:
        sub = [understood[r] for r in rows]
        words = (word_matrix(sub, m.words) @ m.word_shares).toarray()
        wish = fit(np.asarray(signal_matrix([u.wishes for u in sub], c) @ m.answers) + words)
        raw[rows] += w("wish") * wish
        best[rows] = np.maximum(best[rows], wish)
    for name, pick, answers, sign in (
        ("need", lambda u: boosted_needs(u, rule), m.answers, 1.0),
        ("dislike", lambda u: u.dislikes, m.dislike_answers, -1.0),
        ("saturation", lambda u: u.saturation, m.answers, -1.0),
    ):
        rows = [r for r, u in enumerate(understood) if pick(u)]
        if not rows:
            continue
        value = fit(np.asarray(signal_matrix([pick(understood[r]) for r in rows], c) @ answers))
        if name == "need":
            best[rows] = np.maximum(best[rows], value)
        elif name == "saturation":
            base = factor_table().saturation_base
            value = value * (base + (1 - base) * m.commonplace)
        raw[rows] += sign * w(name) * value
    rows = [r for r, u in enumerate(understood) if u.restrictions or u.cautions]
    if rows:
        sub = [understood[r] for r in rows]
        diet = _diet_fit(sub, m, lexicon)
        raw[rows] += w("diet_fit") * diet - w("caution") * _caution(sub, m, lexicon)
        best[rows] = np.maximum(best[rows], DIET_CARE * diet)
    np.minimum(best, 1.0, out=best)
    raw += terms.constant + terms.per_best * best
    raw += w("occasion") * _occasion(understood, m, terms)
    raw -= w("duplicate") * _duplicates(part, m, contexts[0].as_of, shape)
    raw -= w("repetition") * _repetitions(part, m, contexts, shape)
    raw += w("stage") * _stage(contexts, m, best)
    raw += w("age_fit") * _age_fit(contexts, m, shape)
    rows = [r for r, u in enumerate(understood) if u.topic_words]
    if rows:
        topics = word_matrix([understood[r] for r in rows], m.words, topics=True) @ m.word_echo
        raw[rows] += w("echo") * fit(factor_table().echo_scale * np.asarray(topics.toarray()))
    return np.round(raw, 4) + 0.0


def _age_fit(contexts: list[ScoringContext], m: CatalogMatrices, shape: tuple[int, int]) -> np.ndarray:
    """``factors.age_fit`` for a chunk: items of a stated age range against the children's ages, and unlabelled
    food taken as not for babies when the occasion is the child (never better than 0); for a grown-up whose notes
    speak of no child, items made for children only as a misfit."""
    out = np.zeros(shape)
    table = factor_table()
    food = np.isnan(m.age_low) & (m.traits["food"] >= 0.5)
    for r, ctx in enumerate(contexts):
        if ctx.grown_only:
            ranged = ~np.isnan(m.age_low)
            if ranged.any():
                out[r, ranged] = np.minimum(_fit_ages((ADULT,), m.age_low[ranged], m.age_high[ranged]), 0.0)
            continue
        if not ctx.child_ages:
            continue
        low, high = m.age_low, m.age_high
        if ctx.for_the_child and food.any():
            low = np.where(food, table.age_food_from, low)
            high = np.where(food, OPEN_END, high)
        ranged = ~np.isnan(low)
        if ranged.any():
            out[r, ranged] = _fit_ages(ctx.child_ages, low[ranged], high[ranged])
        if ctx.for_the_child:
            out[r] = np.where(food, np.minimum(out[r], 0.0), out[r])
    return out


def _fit_ages(ages: tuple[float, ...], low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """``factors.age_fit`` of items made for ``low``..``high`` years for children aged ``ages``."""
    table = factor_table()
    offs: list[np.ndarray] = []
    for age in ages:
        off = np.maximum.reduce([np.zeros_like(low), low - age, age - high])
        off = np.where((off > 0) & (high < 0) & (age >= 0), np.maximum(off, table.age_far_off), off)
        if age < 0:
            off = np.where((low <= NEWBORN) & (high >= 0), 0.0, off)
        offs.append(np.asarray(off, dtype=float))
    nearest = np.min(np.array(offs), axis=0)
    # In range only by an open end ("ages 7 and up") for grown children alone: neither fit nor misfit.
    holds_child = np.any(np.array([(o <= 0) & ((age < ADULT) | (high < OPEN_END) | (low >= ADULT))
                                   for o, age in zip(offs, ages, strict=True)]), axis=0)
    loss = table.age_out_of_range + (1 - table.age_out_of_range) * np.minimum(1.0, nearest / table.age_far_off)
    return np.where(nearest <= 0, np.where(holds_child, table.age_in_range, 0.0), -loss)


def _score_chunk(
    part: list[Person], understood: list[Understanding], m: CatalogMatrices, terms: ItemTerms, request: Request,
    weights: Weights, policy: Policy, lexicon: Lexicon, leaves: dict[str, list[str]],
) -> list[BatchResult]:
    by_id = {i.id: i for i in m.items}
    contexts = [scoring_context(p, u, request, lexicon, policy, by_id, leaves, m.word_rarity)
                for p, u in zip(part, understood, strict=True)]
    raw = raw_scores(part, understood, m, terms, contexts, weights.as_dict(), lexicon)
    allowed = _allowed(part, understood, m, request, policy, lexicon)
    _etiquette(part, understood, m, request.occasion, raw, allowed)
    return _top(part, raw, allowed, m, request.top)


def _etiquette(part: list[Person], understood: list[Understanding], m: CatalogMatrices, occasion: str,
               raw: np.ndarray, allowed: np.ndarray) -> None:
    """The etiquette rules (``giftwise.recommend.taboos``) on a chunk: taboo items masked, others lowered.

    People who share a context (culture, events, occasion...) share one mask and one penalty vector."""
    verdicts: dict[Context, tuple[np.ndarray, np.ndarray] | None] = {}
    for r, (person, u) in enumerate(zip(part, understood, strict=True)):
        context = etiquette_context(person, u, occasion)
        if context not in verdicts:
            verdicts[context] = _etiquette_arrays(context, m)
        verdict = verdicts[context]
        if verdict is not None:
            allowed[r] &= ~verdict[0]
            raw[r] = np.round(raw[r] - verdict[1], 4)


def _etiquette_arrays(context: Context, m: CatalogMatrices) -> tuple[np.ndarray, np.ndarray] | None:
    """(items excluded, penalty per item) for one etiquette context; None when no rule applies."""
    found = effects(context)
    if not found:
        return None
    excluded = np.zeros(len(m.items), dtype=bool)
    penalty = np.zeros(len(m.items))
    for meaning, action, amount in found:
        carrying = m.carrying(meaning)
        # A thing the person asked for by name is only lowered, and by WISHED_CAUTION at most (``taboos.judge``).
        asked = carrying & np.array([bool(context.wished) and action != "favour"
                                     and asked_for(i.attributes.meanings.get(meaning, ()), context.wished)
                                     for i in m.items], dtype=bool)
        if action == "exclude":
            excluded |= carrying & ~asked
            penalty += WISHED_CAUTION * asked
        elif action == "favour":
            # A custom does not favour a thing the person has piles of (``taboos.judge``).
            piled = np.array([bool(context.piled & set(i.serves)) for i in m.items], dtype=bool)
            penalty += amount * (carrying & ~piled)
        else:
            penalty += amount * (carrying & ~asked) + min(amount, WISHED_CAUTION) * asked
    return excluded, penalty


def _top(part: list[Person], raw: np.ndarray, allowed: np.ndarray, m: CatalogMatrices, top: int) -> list[BatchResult]:
    masked = np.where(allowed, raw, -np.inf)
    price = np.nan_to_num(m.price_request, nan=0.0)
    ids = np.array([i.id for i in m.items])
    # Candidates: the best top + a margin by score, then the one-at-a-time order (score, price, id).
    width = min(len(m.items), top + 16)
    candidates = np.argpartition(-masked, width - 1, axis=1)[:, :width] if width < len(m.items) else \
        np.tile(np.arange(len(m.items)), (len(part), 1))
    out = []
    for r, person in enumerate(part):
        keep = candidates[r][np.isfinite(masked[r, candidates[r]])]
        order = keep[np.lexsort((ids[keep], price[keep], -masked[r, keep]))][:top]
        picks = tuple(Pick(str(ids[j]), round(float(1 / (1 + np.exp(-(masked[r, j] - SCORE_CENTRE)))), 4),
                           float(masked[r, j])) for j in order)
        out.append(BatchResult(person.id, picks))
    return out


def _duplicates(part: list[Person], m: CatalogMatrices, as_of: date, shape: tuple[int, int]) -> np.ndarray:
    out = np.zeros(shape)
    index = {i.id: j for j, i in enumerate(m.items)}
    for r, person in enumerate(part):
        for gift in person.gifts:
            j = index.get(gift.item_id or "")
            if gift.from_us or j is None:
                continue
            latest = max(g.on for g in person.gifts if not g.from_us and g.item_id == gift.item_id)
            out[r, j] = 0.5 ** (max(0, (as_of - latest).days) / 365)
    return out


def _diet_fit(understood: list[Understanding], m: CatalogMatrices, lexicon: Lexicon) -> np.ndarray:
    out = np.zeros((len(understood), len(m.items)))
    edible = np.array([i.attributes.edible.answer != "no" for i in m.items], dtype=bool)
    for r, u in enumerate(understood):
        for restriction in u.restrictions:
            concept = lexicon.concept(restriction)
            if concept is None:
                continue
            counts = edible | diet_fit_counts(concept, False)
            for suited in concept.suited_by:
                if suited in m.suits:
                    out[r] = np.maximum(out[r], np.where(counts, m.suits[suited], 0.0))
    return out


def _occasion(understood: list[Understanding], m: CatalogMatrices, terms: ItemTerms) -> np.ndarray:
    out = np.tile(terms.occasion, (len(understood), 1))
    for r, u in enumerate(understood):
        has = [k for event, k in m.events.items() if event in u.events]
        if has:  # an item for a life event the person does have is not out of place
            kept = np.delete(m.wrong_event, has, axis=0).sum(axis=0)
            out[r] = np.clip(m.occasion_base - kept, -1.0, 1.0)
    return out


def _caution(understood: list[Understanding], m: CatalogMatrices, lexicon: Lexicon) -> np.ndarray:
    out = np.zeros((len(understood), len(m.items)))
    diets = diet_restrictions(lexicon)
    for r, u in enumerate(understood):
        known = np.zeros(len(m.items), dtype=bool)
        for content in u.cautions:
            if content in m.contains:
                known |= m.contains[content]
        unlabelled = np.zeros(len(m.items), dtype=bool)
        for restriction, suited_by in diets.items():
            if restriction in u.restrictions:
                suited = np.zeros(len(m.items), dtype=bool)
                for s in suited_by:
                    suited |= m.suits.get(s, suited)
                unlabelled |= m.food_unlabelled & ~suited
        out[r] = np.where(known, 1.0, np.where(unlabelled, 0.5, 0.0))
    return out


def _repetitions(part: list[Person], m: CatalogMatrices, contexts: list[ScoringContext],
                 shape: tuple[int, int]) -> np.ndarray:
    out = np.zeros(shape)
    for r, person in enumerate(part):
        if any(g.from_us for g in person.gifts):
            out[r] = [_repetition(contexts[r], item, Notes()) for item in m.items]
    return out


def _stage(contexts: list[ScoringContext], m: CatalogMatrices, best: np.ndarray) -> np.ndarray:
    """``factors._stage`` for a chunk: stage = above + below x (1 - best), per distinct price band."""
    price = m.price_policy
    bands: dict[tuple[float, float, float, bool], tuple[np.ndarray, np.ndarray]] = {}
    above = np.empty((len(contexts), len(m.items)))
    below = np.empty_like(above)
    for r, ctx in enumerate(contexts):
        key = (ctx.stage_high, ctx.stage.low, ctx.stage.strictness, ctx.token_only)
        if key not in bands:
            bands[key] = _band(price, *key, m.note_like, m.branded)
        above[r], below[r] = bands[key]
    return above + below * (1.0 - best)


def _band(price: np.ndarray, high: float, low: float, strictness: float, token_only: bool,
          note_like: np.ndarray, branded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        is_above = (price > high) & (high > 0)
        above = np.where(is_above, -np.minimum(1.5, np.log2(price / high) / 1.5) * strictness, 0.0)
        if token_only:
            above = np.where(~is_above & ~np.isnan(price) & branded, factor_table().token_branded_fit, above)
        is_below = ~is_above & (price > 0) & (price < low) & ~note_like
        below = np.where(is_below, -0.5 * np.minimum(1.0, np.log2(low / price) / 2), 0.0)
    return np.nan_to_num(above), np.nan_to_num(below)


def _allowed(
    part: list[Person], understood: list[Understanding], m: CatalogMatrices, request: Request, policy: Policy,
    lexicon: Lexicon,
) -> np.ndarray:
    """The hard constraints as a people x items mask (True: may be recommended)."""
    ok = np.tile(m.valid & ~m.banned, (len(part), 1))
    if request.budget_max is not None:
        ok &= m.price_request <= float(request.budget_max)
    prices = {i.id: p for i in m.items if (p := policy.convert(i.price, i.currency or request.currency)) is not None}
    index = {i.id: j for j, i in enumerate(m.items)}
    for r, (person, u) in enumerate(zip(part, understood, strict=True)):
        ok[r] &= ~_restricted(u, m, lexicon)
        for restriction in u.restrictions:
            ok[r] &= ~m.guard_blocked(restriction, lexicon)
        recipient = recipient_of(person, u, given_in_last_year(person.gifts, request.as_of, prices, policy), policy)
        ok[r] &= _compliant(recipient, m, policy)
        for gift in person.gifts:
            j = index.get(gift.item_id or "")
            if gift.from_us and j is not None and 0 <= (request.as_of - gift.on).days <= policy.repeat_window_days:
                ok[r, j] = False
    return ok


def _restricted(u: Understanding, m: CatalogMatrices, lexicon: Lexicon) -> np.ndarray:
    out = np.zeros(len(m.items), dtype=bool)
    for restriction, facts in u.restrictions.items():
        concept = lexicon.concept(restriction)
        if concept is None or not facts:
            continue
        for content in concept.forbids.get("contains", []):
            out |= m.contains.get(content, out & False)
        for content in concept.forbids.get("accessory_of", []):
            out |= m.accessory.get(content, out & False)
        suited = np.zeros(len(m.items), dtype=bool)
        for s in concept.suited_by:
            suited |= m.suits.get(s, suited & False)
        for content in concept.forbids.get("unless_suited", []):
            out |= m.contains.get(content, out & False) & ~suited
    return out


def _compliant(recipient: Recipient, m: CatalogMatrices, policy: Policy) -> np.ndarray:
    value = m.price_policy
    ok = np.ones(len(m.items), dtype=bool)
    for kind in banned_kinds(policy, recipient) - policy.banned:
        ok &= ~m.of_kind(kind)
    if recipient.stated_cap is not None:
        ok &= ~(value > float(recipient.stated_cap))
    if recipient.tender_open and policy.tender_forbids:
        return ~ok
    if recipient.refuses_gifts:
        ok &= m.card & (value <= float(policy.refuses_gifts_max))
    cap = _strictest(policy, recipient, "per_gift_cap")
    capped = value > cap if cap is not None else np.zeros(len(m.items), dtype=bool)
    ok &= ~capped
    yearly = _strictest(policy, recipient, "rolling_12m_cap")
    if yearly is not None:
        ok &= ~((value > 0) & (float(recipient.given_last_12_months) + value > yearly) & ~capped)
    return ok


def _strictest(policy: Policy, recipient: Recipient, attribute: str) -> float | None:
    limits = [getattr(policy.groups[g], attribute) for g in groups_for(recipient) if g in policy.groups]
    present = [float(x) for x in limits if x is not None]
    return min(present) if present else None


def iterate_chunks(values: Iterable[Person], size: int) -> Iterable[list[Person]]:
    """``values`` in lists of ``size``."""
    chunk: list[Person] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
