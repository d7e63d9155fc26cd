"""Rank a catalog for a person: hard constraints first (excluded, with reasons), then explained soft scores.

Pure: no database here. The file mode (``giftwise recommend --profile --catalog``), the
database mode and the batch all build a :class:`Person` and call :func:`recommend`.

Factor vector API (for campaigns and ``calibrate``)
---------------------------------------------------
``score_pairs(person, items, request)`` returns, for every item that passes the hard
constraints, a :class:`ScoredItem` whose ``factors`` maps each name in
``giftwise.recommend.weights.FACTORS`` to its measured value (about -1..1, the sign says whether it
helps), ``contributions`` the same times ``weights[f] * occasion multiplier``, ``raw`` their sum
and ``score`` = logistic(raw - :data:`SCORE_CENTRE`), a 0..1 fit that campaigns can multiply by a
contact's potential. ``calibrate`` fits the weights by regressing outcomes on ``factors``; the
per-occasion multipliers live in ``giftwise/data/recommend/occasions.json``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from giftwise.compliance.policy import Policy, load_policy
from giftwise.compliance.stated import StatedLimits
from giftwise.compliance.verdict import Recipient
from giftwise.recommend.constraints import check_item, given_in_last_year
from giftwise.recommend.explain import Voice, gender_of, reasons_for, voice
from giftwise.recommend.factor_table import factor_table
from giftwise.recommend.factors import FactorVector, GivenGift, ScoringContext, factor_vector, word_rarity
from giftwise.recommend.guard import Subject, review
from giftwise.recommend.rules import occasion_rule, stage_for, stage_shrink
from giftwise.recommend.taboos import (
    Context,
    cultures_of,
    faiths_of,
    for_a_minor,
    judge,
    presumed_restrictions,
    presumed_unless_taste,
)
from giftwise.recommend.weights import FACTORS, Weights, load_weights
from giftwise.understanding.ages import ADULT, AGE_CONCEPTS, child_ages
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import ItemProfile, analyze_item
from giftwise.understanding.lexicon import Lexicon, load_lexicon
from giftwise.understanding.profile import NEWS_FLOOR, Signal, Understanding, answering, understand

# The family concept of a person's children.
KIDS = "kids"
# Life events after which a buyer no longer decides anything for us: a gift can no longer buy influence, so the
# decision maker's narrower band does not apply (a retirement gift is a farewell, not an inducement).
LEAVING = ("retirement",)
# From this age a child is leaving school for university (the age data's "university" stage starts here).
SCHOOL_LEAVER = 17.0
# The raw score at which the 0..1 score is one half: about one solid match (an interest at full
# strength scores 1.8).
SCORE_CENTRE = 1.0


@dataclass(slots=True)
class Person:
    """The person a gift is for, as the engine needs them (facts already understood)."""

    id: str
    name: str = ""
    language: str = "zh"
    relationship: str = "client"
    role: str | None = None
    public_official: bool = False
    state_owned: bool = False
    tender_open: bool = False
    organization: str | None = None
    facts: list[FactRecord] = field(default_factory=list)
    gifts: list[GivenGift] = field(default_factory=list)
    gender: str = "unknown"
    # Whose etiquette applies (zh, ja, ko, western...; empty: told by language and name) and an elder's age.
    cultures: frozenset[str] = frozenset()
    elder: bool = False
    # Cultural moments named in the notes (a first birthday, Chuseok, chemotherapy...), for etiquette.
    moments: frozenset[str] = frozenset()
    limits: StatedLimits = field(default_factory=StatedLimits)


@dataclass(frozen=True, slots=True)
class Request:
    """What is asked: the occasion, the budget and its currency, "today", how many to return."""

    occasion: str
    budget_max: Decimal | None
    currency: str
    as_of: date
    top: int = 10


@dataclass(slots=True)
class ScoredItem:
    """An item that may be given, with its factor vector, score and reasons."""

    item: ItemProfile
    factors: dict[str, float]
    contributions: dict[str, float]
    raw: float
    score: float
    reasons: list[str] = field(default_factory=list)
    needs_approval: bool = False
    approval_reasons: list[str] = field(default_factory=list)
    price: Decimal | None = None
    vector: FactorVector | None = None
    cautions: list[str] = field(default_factory=list)
    etiquette: list[str] = field(default_factory=list)
    # What etiquette added to the raw score (a custom that fits raises it, a demoting rule lowers it).
    etiquette_points: float = 0.0


@dataclass(slots=True)
class Excluded:
    """An item that must not be given, and why."""

    item: ItemProfile
    reason: str
    codes: list[str]


@dataclass(slots=True)
class Result:
    """A ranked recommendation: best first, then everything excluded with its reason."""

    recommendations: list[ScoredItem]
    excluded: list[Excluded]
    understanding: Understanding
    language: str


def logistic(raw: float) -> float:
    """The 0..1 score of a raw score."""
    return 1.0 / (1.0 + math.exp(-(raw - SCORE_CENTRE)))


def _saturation_from_gifts(person: Person, items: dict[str, ItemProfile], lexicon: Lexicon) -> list[FactRecord]:
    """Gifts from others saturate the concepts of what they were (the most specific ones)."""
    out = []
    for gift in person.gifts:
        if gift.from_us:
            continue
        item = items.get(gift.item_id or "")
        if item is None and gift.description:
            item = analyze_item({"id": "", "name": {"en": gift.description, "zh": gift.description}}, lexicon)
        for concept in (item.leaf_concepts if item else []):
            out.append(FactRecord("saturation", concept, gift.on, 0.5, gift.description or gift.item_id or "",
                                  "gift", "extracted", 365.0))
    return out


def understand_person(person: Person, items: dict[str, ItemProfile], as_of: date, lexicon: Lexicon,
                      occasion: str | None = None) -> Understanding:
    """The person's profile on ``as_of``, including what gifts from others saturate and what their culture
    presumes (a restriction a note or a user already settled is not presumed again); for an ``occasion`` that
    answers a relative's news (care for his wife's pregnancy), what that relative must not have binds too."""
    stated = {f.concept for f in person.facts if f.kind in ("restriction", "lapsed", "resumed")}
    tastes = {c for f in person.facts if f.kind in ("interest", "wish")
              for c in (f.concept, *lexicon.ancestors(f.concept))}
    presumed = [FactRecord("restriction", r, as_of, 0.8, "", "culture", "extracted")
                for r in presumed_restrictions(person.cultures)
                if r not in stated and not _enjoys_what_it_forbids(r, tastes, lexicon)]
    presumed += [FactRecord("restriction", r, as_of, 0.8, "", "presumed", "extracted")
                 for r, lifted_by in presumed_unless_taste().items()
                 if r not in stated and not tastes & set(lifted_by)]
    u = understand(person.facts + presumed + _saturation_from_gifts(person, items, lexicon), as_of, lexicon)
    _fade_saturated_interests(u, lexicon)
    if occasion is not None:
        answering(u, occasion_rule(occasion).events)
        _a_minors_day(u, occasion_rule(occasion).events, as_of)
    if person.elder:
        _grown_children(u, as_of)
    else:
        _children_leaving_school(u, as_of)
    _retiring_grandparent(u)
    return u


def _a_minors_day(u: Understanding, events: Iterable[str], as_of: date) -> None:
    """A child's own day the occasion celebrates (her sixth birthday, his graduation from primary school) makes the
    gift the child's: when the notes give that child an age under 18, what only adults may have (alcohol, tobacco)
    is ruled out, even for a parent who drinks or smokes."""
    restrictions, not_own = for_a_minor()
    told = [f for e in events if e not in not_own and (signal := u.events.get(e)) is not None
            and signal.strength >= NEWS_FLOOR for f in signal.facts if f.holder == "child"]
    words = {f.source_text for f in told}
    ages = [reading.on(as_of) for reading in child_ages(u.facts) if reading.words in words]
    if not ages or max(ages) >= ADULT:
        return
    for restriction in restrictions:
        u.restrictions.setdefault(restriction, told)


def _enjoys_what_it_forbids(restriction: str, tastes: set[str], lexicon: Lexicon) -> bool:
    """True when the notes show the person enjoying what a restriction presumed from their culture forbids (an
    Egyptian client who loved the wine at dinner): the presumption yields to what they were seen to do."""
    concept = lexicon.concept(restriction)
    forbidden = set(concept.forbids.get("contains", [])) if concept is not None else set()
    return any(forbidden & set(taste.contains) for c in tastes if (taste := lexicon.concept(c)) is not None)


# How much a pile of one kind of a thing fades the interest in the whole thing.
NARROWER_PILE_SHARE = 0.5


def _fade_saturated_interests(u: Understanding, lexicon: Lexicon) -> None:
    """An interest in what the person already gets from everyone (a drawer of chargers for a gadget reviewer,
    fifteen fountain pens on a buyer's desk) counts only for what the pile leaves of it: one more of the same is
    forgotten, so the rest of their life decides. A saturation of the interest itself fades it; one of a narrower
    kind fades it half as much, since its other kinds are still fresh (a tea lover buried in tea leaves still
    delights in tea ware); a broader one ("food") does not fade a particular taste ("tea")."""
    if not u.saturation:
        return
    for concept, signal in list(u.interests.items()):
        piled = max((s.strength * (1.0 if c == concept else NARROWER_PILE_SHARE) for c, s in u.saturation.items()
                     if c == concept or concept in lexicon.ancestors(c)), default=0.0)
        if piled > 0:
            u.interests[concept] = Signal(round(signal.strength * (1.0 - min(1.0, piled)), 4), signal.facts)


# Grandchildren, whom an elder's notes may speak of: they may still be children.
GRANDCHILD = re.compile(r"孙|grand(son|daughter|child|kid)", re.IGNORECASE)


def _grown_children(u: Understanding, as_of: date) -> None:
    """An elder's sons and daughters are grown: children's things do not fit them for it, unless the notes
    speak of grandchildren or give a child's age under 18 ("女儿代打电话" is no reason for a kids' plate)."""
    kids = u.interests.get(KIDS)
    if kids is None:
        return
    young = any(reading.on(as_of) < ADULT for reading in child_ages(u.facts))
    if not young and not any(GRANDCHILD.search(f.source_text or "") for f in kids.facts):
        del u.interests[KIDS]


def _children_leaving_school(u: Understanding, as_of: date) -> None:
    """Children the notes place at university age or older (every mention tells an age of 17 or more: "考上北大",
    "early admission", "graduating high school") are young adults: toys and picture books do not fit them, unless
    the notes speak of grandchildren."""
    kids = u.interests.get(KIDS)
    if kids is None:
        return
    told = {f.source_text for f in kids.facts}
    readings = [r for r in child_ages(kids.facts) if r.words in told]
    if not told or {r.words for r in readings} != told or any(r.on(as_of) < SCHOOL_LEAVER for r in readings):
        return
    if not any(GRANDCHILD.search(f.source_text or "") for f in kids.facts):
        del u.interests[KIDS]


def _retiring_grandparent(u: Understanding) -> None:
    """A retirement is the retiree's own next stage: grandchildren told as part of it ("will finally do gardening
    and grandkids") are no call for toys, the gift is for the retiree."""
    kids = u.interests.get(KIDS)
    if kids is None or not set(LEAVING) & set(u.events):
        return
    if all(GRANDCHILD.search(f.source_text or "") for f in kids.facts):
        del u.interests[KIDS]


def resolve_gifts(person: Person, items: list[ItemProfile]) -> None:
    """Gifts recorded by an item's name instead of its id ("Fishing lure set") point at the item."""
    known = {i.id for i in items}
    names: dict[str, str] = {}
    for item in items:
        for name in item.name.values():
            if name:
                names.setdefault(name.strip().lower(), item.id)
    for k, gift in enumerate(person.gifts):
        if gift.item_id and gift.item_id not in known and gift.item_id.strip().lower() in names:
            person.gifts[k] = replace(gift, item_id=names[gift.item_id.strip().lower()])


def gift_concepts(person: Person, items: dict[str, ItemProfile], lexicon: Lexicon) -> dict[str, list[str]]:
    """The most specific concepts of gifts outside the catalog, read from their descriptions."""
    out: dict[str, list[str]] = {}
    for gift in person.gifts:
        key = gift.item_id or ""
        if key and key not in items and gift.description:
            text = {"id": key, "name": {"en": gift.description, "zh": gift.description}}
            out[key] = analyze_item(text, lexicon).leaf_concepts
    return out


def recipient_of(person: Person, u: Understanding, given: Decimal, policy: Policy | None = None) -> Recipient:
    """The compliance view of a person: flags from the record and from what the notes say (their employer's
    own gift rules included)."""
    return Recipient(
        public_official=person.public_official or u.has_status("public_official"),
        state_owned=person.state_owned or u.has_status("soe_staff"),
        tender_open=person.tender_open or u.has_status("tender_open"),
        refuses_gifts=_refuses_gifts(u),
        organization=person.organization,
        given_last_12_months=given,
        stated_cap=person.limits.cap_in(policy or load_policy()),
        stated_banned=person.limits.banned,
    )


def scoring_context(person: Person, u: Understanding, request: Request, lexicon: Lexicon, policy: Policy,
                    items: dict[str, ItemProfile], leaves: dict[str, list[str]] | None = None,
                    rarity: dict[str, float] | None = None) -> ScoringContext:
    """What scoring needs about the person and the request (``rarity``: the catalog's word rarity, when the
    caller already has it)."""
    rule = occasion_rule(request.occasion)
    stage = stage_for(person.relationship)
    high = stage.high * rule.stage
    if u.has_status("decision_maker") and not set(LEAVING) & set(u.events):
        high *= stage_shrink("decision_maker")
    if u.has_status("value_sensitive"):
        high *= stage_shrink("value_sensitive")
    token_only = _token_only(person, u)
    cap = person.limits.cap_in(policy)
    if token_only or _capped_low(cap):
        table = factor_table()
        ceiling = table.token_high if token_only else math.inf
        high = min(high, ceiling, float(cap) if cap is not None else math.inf)
        stage = replace(stage, low=0.0, high=high, strictness=table.token_strictness)
    concepts = leaves if leaves is not None else {i.id: i.leaf_concepts for i in items.values()}
    outside = gift_concepts(person, items, lexicon)
    if outside:
        concepts = {**concepts, **outside}
    ages = tuple(reading.on(request.as_of) for reading in child_ages(u.facts))
    # A birth celebrated is the child's occasion; before the birth the gift goes to the parents-to-be.
    for_the_child = bool(AGE_CONCEPTS & set(rule.events) & set(u.events)) and any(age >= 0 for age in ages)
    grown_only = not ages and not any(f.concept in AGE_CONCEPTS or f.holder == "child" for f in u.facts)
    # Our logo is the token such rules allow, but not for a relative's own day (his wife's birthday): there it
    # reads as routine, and a modest personal gift inside the band fits, unless the notes allow only keepsakes.
    logo_fits = token_only and (u.has_status("tokens_allowed") or not _a_relatives_day(u, rule.events))
    return ScoringContext(u, rule, stage, high, request.as_of, lexicon, list(person.gifts), concepts,
                          policy.repeat_window_days, logo_fits, ages, for_the_child,
                          rarity if rarity is not None else word_rarity(items.values()), grown_only)


def _a_relatives_day(u: Understanding, events: Iterable[str]) -> bool:
    """Whether an event the occasion celebrates is told in the same words as a relative ("下周他爱人生日",
    "his daughter's graduation"): the day is the relative's, not the contact's."""
    told = {f.source_text for name in events if (signal := u.events.get(name)) for f in signal.facts}
    return any(f.kind == "family" and f.source_text in told for f in u.facts)


def _refuses_gifts(u: Understanding) -> bool:
    """Whether the person takes no gift at all: a no-gift rule with a stated exception for a small memento
    ("family can't accept gifts, at most a company keepsake") leaves them token-only instead."""
    return u.has_status("refuses_gifts") and not u.has_status("tokens_allowed")


def _token_only(person: Person, u: Understanding) -> bool:
    """Whether the person may take tokens only (our logo on a notebook is what such rules allow): an official,
    state-owned enterprise staff, someone who refuses gifts or who may keep only a small memento."""
    return bool(person.public_official or u.has_status("public_official") or person.state_owned
                or u.has_status("soe_staff") or u.has_status("refuses_gifts") or u.has_status("tokens_allowed"))


def _capped_low(cap: Decimal | None) -> bool:
    """Whether an employer's own cap (in the policy currency) is as low as a token: the price band shrinks to it,
    but a private firm's price cap ("supplier gifts under 200 yuan") asks for a modest gift, not our logo."""
    return cap is not None and float(cap) <= factor_table().token_cap_at_most


def combine(vector: FactorVector, weights: Weights, multipliers: dict[str, float]) -> tuple[dict[str, float], float]:
    """Each factor's contribution (value x weight x occasion multiplier) and their sum."""
    w = weights.as_dict()
    contributions = {f: round(vector.values[f] * w[f] * multipliers.get(f, 1.0), 4) + 0.0 for f in FACTORS}
    return contributions, round(sum(contributions.values()), 4)


def score_pairs(
    person: Person, items: list[ItemProfile], request: Request, *, weights: Weights | None = None,
    policy: Policy | None = None, lexicon: Lexicon | None = None,
) -> Result:
    """Hard constraints and factor vectors for every item (the factor vector API, see module docstring)."""
    lexicon = lexicon or load_lexicon()
    policy = policy or load_policy()
    weights = weights or load_weights()
    by_id = {i.id: i for i in items}
    resolve_gifts(person, items)
    u = understand_person(person, by_id, request.as_of, lexicon, request.occasion)
    prices = {i.id: p for i in items if (p := policy.convert(i.price, i.currency or request.currency)) is not None}
    recipient = recipient_of(person, u, given_in_last_year(person.gifts, request.as_of, prices, policy), policy)
    ctx = scoring_context(person, u, request, lexicon, policy, by_id)
    v = voice(person.language, person.gender)
    manners = etiquette_context(person, u, request.occasion)
    kept: list[ScoredItem] = []
    excluded: list[Excluded] = []
    for item in items:
        check = check_item(item, understanding=u, recipient=recipient, gifts=person.gifts,
                           budget_max=request.budget_max, currency=request.currency, as_of=request.as_of,
                           policy=policy, lexicon=lexicon, v=v)
        if check.excluded:
            excluded.append(Excluded(item, "; ".join(check.reasons), check.codes))
            continue
        hits = judge(item.attributes.meanings, manners, v.language, item.serves)
        taboo = [h for h in hits if h.action == "exclude"]
        if taboo:
            codes = ["taboo", *(h.rule for h in taboo)]
            excluded.append(Excluded(item, "; ".join(h.explanation for h in taboo), codes))
            continue
        price_base = float(check.price_in_policy) if check.price_in_policy is not None else float("nan")
        vector = factor_vector(ctx, item, price_base)
        contributions, raw = combine(vector, weights, ctx.occasion.factors)
        raw = round(raw - sum(h.amount for h in hits), 4)
        verdict = check.verdict
        kept.append(ScoredItem(item, vector.values, contributions, raw, round(logistic(raw), 4),
                               needs_approval=bool(verdict and verdict.needs_approval),
                               approval_reasons=list(verdict.reasons) if verdict and verdict.needs_approval else [],
                               price=check.price_in_request, vector=vector,
                               etiquette=[h.explanation for h in hits],
                               etiquette_points=-round(sum(h.amount for h in hits), 4)))
    kept.sort(key=lambda s: (-s.raw, float(s.price or 0), s.item.id))
    kept = _guarded(kept, excluded, Subject(u, recipient, v.language, manners), request, policy, lexicon)
    return Result(kept, excluded, u, v.language)


def etiquette_context(person: Person, u: Understanding, occasion: str) -> Context:
    """What etiquette needs to know: the person's cultures, current life events, the occasion, age, sex, stage,
    what they asked for and what they have piles of."""
    cultures = person.cultures or cultures_of(person.name, person.language, ())
    own = [r for r, facts in u.restrictions.items() if any(f.holder == "self" for f in facts)]
    cultures = cultures | faiths_of(own)
    wished = tuple(dict.fromkeys(f.source_text.lower() for s in u.wishes.values() for f in s.facts
                                 if f.holder == "self" and f.source_text))
    piled = frozenset(c for c, s in u.saturation.items() if s.strength > 0)
    return Context(cultures=cultures, events=frozenset(u.events), occasion=occasion, elder=person.elder,
                   male=person.gender == "male", female=person.gender == "female", relationship=person.relationship,
                   moments=person.moments, wished=wished, piled=piled)


def _guarded(kept: list[ScoredItem], excluded: list[Excluded], subject: Subject, request: Request, policy: Policy,
             lexicon: Lexicon) -> list[ScoredItem]:
    """The ranking after the fail-safe guard: blocked items move to ``excluded``, cautions join the item."""
    out = []
    for scored in kept:
        found = review(scored.item, subject, policy=policy, lexicon=lexicon, currency=request.currency)
        if not found.allowed:
            codes = ["guard", *(f.code for f in found.blocks)]
            excluded.append(Excluded(scored.item, "; ".join(found.reasons()), codes))
            continue
        scored.cautions = [f.reason for f in found.cautions]
        out.append(scored)
    return out


def recommend(
    person: Person, items: list[ItemProfile], request: Request, *, weights: Weights | None = None,
    policy: Policy | None = None, lexicon: Lexicon | None = None,
) -> Result:
    """The top ``request.top`` recommendations, explained, and every excluded item with its reason."""
    lexicon = lexicon or load_lexicon()
    result = score_pairs(person, items, request, weights=weights, policy=policy, lexicon=lexicon)
    result.recommendations = result.recommendations[: max(0, request.top)]
    v = voice(person.language, person.gender)
    occasion = occasion_rule(request.occasion)
    stage = stage_for(person.relationship)
    for scored in result.recommendations:
        assert scored.vector is not None
        scored.reasons = reasons_for(v, lexicon, scored.item, scored.vector, scored.contributions,
                                     occasion.label.get(v.language, occasion.name), stage.label.get(v.language, ""),
                                     request.currency)
        scored.reasons += scored.approval_reasons + scored.etiquette + scored.cautions
    for ex in result.excluded:
        ex.reason = v.say("excluded.prefix") + ex.reason
    return result


def person_voice(person: Person) -> Voice:
    """How explanations speak about ``person``."""
    return voice(person.language, person.gender)


__all__ = ["Excluded", "Person", "Request", "Result", "ScoredItem", "gender_of", "recommend", "score_pairs"]
