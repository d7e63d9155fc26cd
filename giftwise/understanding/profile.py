"""Facts become a profile: what a person likes, needs, wishes for and must not get, as of a date.

Newer facts outweigh older ones: for each concept the latest stance wins (a dislike or a lapsed
interest noted after an interest cancels it, and the other way round), and what remains is
weighted by recency (each kind of fact, or its concept, has a half-life: a cold is old news in
weeks, a hobby in years). Restrictions never fade; only a user, or a newer note that someone
started again ("drinking again") for a restriction that allows it, lifts one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from giftwise.understanding.extractor import of_a_pet
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.holders import OUTSIDE_THE_HOUSEHOLD, is_about, personal_contents, pet_names
from giftwise.understanding.lexicon import Lexicon, load_lexicon

POSITIVE_STANCE = ("interest", "wish", "pet", "family")
NEGATIVE_STANCE = ("dislike", "lapsed")
# An older fact overruled by a newer opposite one keeps this share of its weight.
OVERRULED = 0.05
# Below this weight a need, event or status is no longer news.
NEWS_FLOOR = 0.125


@dataclass(slots=True)
class Signal:
    """How strongly a concept holds (0..1) and the facts behind it, strongest first."""

    strength: float
    facts: list[FactRecord] = field(default_factory=list)

    @property
    def best(self) -> FactRecord | None:
        """The fact that explains this signal best."""
        return self.facts[0] if self.facts else None


@dataclass(slots=True)
class Understanding:
    """Everything the recommender needs to know about a person on ``as_of``."""

    as_of: date
    interests: dict[str, Signal] = field(default_factory=dict)
    dislikes: dict[str, Signal] = field(default_factory=dict)
    needs: dict[str, Signal] = field(default_factory=dict)
    events: dict[str, Signal] = field(default_factory=dict)
    wishes: dict[str, Signal] = field(default_factory=dict)
    wish_words: dict[str, float] = field(default_factory=dict)
    # The content words of what the person talked about lately, each at the weight of its newest mention, and
    # the topics they came from (what an item repeating those words echoes, see ``factors``).
    topic_words: dict[str, float] = field(default_factory=dict)
    topics: list[FactRecord] = field(default_factory=list)
    saturation: dict[str, Signal] = field(default_factory=dict)
    restrictions: dict[str, list[FactRecord]] = field(default_factory=dict)
    cautions: dict[str, list[FactRecord]] = field(default_factory=dict)
    # A relative's restriction on what only they consume (his wife's pregnancy: no alcohol), kept as a caution
    # unless the gift answers that relative's own news (see ``answering``).
    relatives_own: dict[str, list[FactRecord]] = field(default_factory=dict)
    status: dict[str, Signal] = field(default_factory=dict)
    facts: list[FactRecord] = field(default_factory=list)

    def has_status(self, name: str) -> bool:
        """True when ``name`` (public_official, soe_staff, tender_open...) currently holds."""
        signal = self.status.get(name)
        return signal is not None and signal.strength >= NEWS_FLOOR


def _noisy_or(weights: Iterable[float]) -> float:
    remaining = 1.0
    for w in weights:
        remaining *= 1.0 - max(0.0, min(1.0, w))
    return 1.0 - remaining


def understand(facts: Iterable[FactRecord], as_of: date, lexicon: Lexicon | None = None) -> Understanding:
    """The profile that ``facts`` describe on ``as_of`` (facts dated after ``as_of`` count as today's)."""
    lexicon = lexicon or load_lexicon()
    facts = _named_pets_news([f for f in facts if f.kind], lexicon)
    result = Understanding(as_of=as_of, facts=list(facts))
    _topics(result, [f for f in facts if f.kind == "topic"], as_of)
    facts = [f for f in facts if f.kind != "topic"]
    by_concept: dict[str, list[FactRecord]] = defaultdict(list)
    for f in facts:
        by_concept[f.concept].append(f)
    for concept_id, group in by_concept.items():
        _tastes(result, concept_id, group, as_of)
        _situations(result, concept_id, group, as_of)
    ended = _ended(result, by_concept, lexicon)
    if ended:
        # What the ended event alone implied ends with it (a birth ends the pregnancy's rule against blood-moving
        # herbs), unless the newer event keeps it a while (the mother, likely nursing, still drinks no alcohol).
        enders = {id(f): _implied_by_ended(f, ended, by_concept, lexicon) for f in facts}
        binding = {id(f) for f in facts if _kept_after(f, enders[id(f)], ended, as_of, lexicon)}
        over = [f for f in facts if enders[id(f)] in result.events and id(f) not in binding]
        facts = [f for f in facts if enders[id(f)] is None or id(f) in binding]
        for concept_id in list(result.cautions):
            kept = [f for f in result.cautions[concept_id] if f in facts]
            if kept:
                result.cautions[concept_id] = kept
            else:
                del result.cautions[concept_id]
        _still_cautious(result, over, lexicon)
    _restrictions(result, facts, lexicon)
    return result


def _named_pets_news(facts: list[FactRecord], lexicon: Lexicon) -> list[FactRecord]:
    """A note about a pet by the name an earlier note gave it ("her corgi Mochi", then "Mochi passed away") tells
    the pet's news: its death is the loss of a pet, its other events and needs are not the person's."""
    names = frozenset(n for f in facts if f.kind == "pet" for n in pet_names(f.source_text))
    if not names:
        return facts
    out: list[FactRecord] = []
    for f in facts:
        out.extend(of_a_pet([f], lexicon) if f.kind in ("event", "need") and is_about(f.source_text, names) else [f])
    return out


def _topics(result: Understanding, topics: list[FactRecord], as_of: date) -> None:
    """The words of topics still news on ``as_of``, newest first."""
    for f in sorted(topics, key=lambda f: f.observed_on, reverse=True):
        w = f.weight(as_of)
        if w < NEWS_FLOOR:
            continue
        result.topics.append(f)
        for word in f.words:
            result.topic_words[word] = max(result.topic_words.get(word, 0.0), round(w, 4))


def _still_cautious(result: Understanding, over: list[FactRecord], lexicon: Lexicon) -> None:
    """What restrictions in ``over`` forbade (their ending event still news: a newborn) is a caution: past the
    months a mother is presumed nursing, ginseng or wine is still out of place at the top though no longer
    ruled out."""
    for f in over:
        concept = lexicon.concept(f.concept) if f.kind == "restriction" else None
        for content in concept.forbids.get("contains", []) if concept is not None else []:
            result.cautions.setdefault(content, [f])


def _kept_after(f: FactRecord, ender: str | None, ended: dict[str, tuple[date, str]], as_of: date,
                lexicon: Lexicon) -> bool:
    """True when ``f``, a restriction of the person's own that an ended event implied, still binds: the newer
    event ``keeps`` it for ``keeps_days`` (a mother's no alcohol in the months she may be nursing)."""
    concept = lexicon.concept(ender) if ender is not None else None
    if concept is None or f.kind != "restriction" or f.holder != "self" or f.concept not in concept.keeps:
        return False
    since = max((on for on, by in ended.values() if by == ender), default=as_of)
    return (as_of - since).days <= concept.keeps_days


def _ended(
    result: Understanding, by_concept: dict[str, list[FactRecord]], lexicon: Lexicon
) -> dict[str, tuple[date, str]]:
    """A newer event closes the ones it ends: after the birth, the pregnancy is no longer news. Returns each
    ended event with the day the newer one was noted and that newer event."""
    out: dict[str, tuple[date, str]] = {}
    for event_id, group in by_concept.items():
        concept = lexicon.concept(event_id)
        newest = _latest(group, ("event",))
        for ended in concept.ends if concept is not None and newest is not None else []:
            if _ends_a_status(ended, group, lexicon):
                _end_status(result, ended, by_concept.get(ended, []), group)
                continue
            before = _latest(by_concept.get(ended, []), ("event",))
            # Noted the same day (often in the same note: '怀孕了，二胎'), the newer event cannot have ended the older.
            if before is None or newest is None or before >= newest:
                continue
            out[ended] = (newest, event_id)  # even when the newer event is old news, the older one stays ended
            if event_id in result.events and ended in result.events:
                del result.events[ended]
                result.needs.pop(ended, None)
    return out


def _ends_a_status(ended: str, group: list[FactRecord], lexicon: Lexicon) -> bool:
    concept = lexicon.concept(ended)
    return concept is not None and concept.kind == "status" and any(f.kind == "event" for f in group)


def _end_status(result: Understanding, status: str, held: list[FactRecord], enders: list[FactRecord]) -> None:
    """The person's own newer event ends a post they held: once retired, an official's gift rules no longer
    bind them. A relative's retirement ends nothing of the person's, nor does one noted before the post; the
    title in the retirement's own words ('刘处长退休了') is how people still address them, not a post."""
    own = [f for f in enders if f.kind == "event" and f.holder == "self"]
    said_with = {(f.observed_on, f.source_text) for f in own}
    since = _latest([f for f in held if (f.observed_on, f.source_text) not in said_with], ("status",))
    if own and (since is None or max(f.observed_on for f in own) > since):
        result.status.pop(status, None)


def _implied_by_ended(f: FactRecord, ended: dict[str, tuple[date, str]], by_concept: dict[str, list[FactRecord]],
                      lexicon: Lexicon) -> str | None:
    """The newer event that ended what ``f`` was only implied by (no alcohol, read from a pregnancy, ended by
    the birth): ``f`` was said in the same words as the ended event, which implies it. None otherwise."""
    for event_id, (on, ender) in ended.items():
        concept = lexicon.concept(event_id)
        implied = {(e.kind, e.concept) for e in concept.implies} if concept is not None else set()
        if (f.kind, f.concept) not in implied or f.observed_on > on:
            continue
        if any(e.kind == "event" and e.source_text == f.source_text and e.observed_on == f.observed_on
               for e in by_concept.get(event_id, [])):
            return ender
    return None


def _latest(group: list[FactRecord], kinds: tuple[str, ...]) -> date | None:
    dates = [f.observed_on for f in group if f.kind in kinds]
    return max(dates) if dates else None


def _signal(group: list[FactRecord], as_of: date, overruled_before: date | None) -> Signal | None:
    weighted = []
    for f in group:
        w = f.weight(as_of)
        if overruled_before is not None and f.observed_on < overruled_before:
            w *= OVERRULED
        weighted.append((w, f))
    weighted.sort(key=lambda pair: (-pair[0], -pair[1].observed_on.toordinal()))
    strength = _noisy_or(w for w, _ in weighted)
    if strength <= 0:
        return None
    return Signal(round(strength, 4), [f for _, f in weighted])


def _tastes(result: Understanding, concept_id: str, group: list[FactRecord], as_of: date) -> None:
    latest_positive = _latest(group, POSITIVE_STANCE)
    latest_negative = _latest(group, NEGATIVE_STANCE)
    positive_cut = negative_cut = None
    if latest_positive is not None and latest_negative is not None:
        if latest_negative >= latest_positive:
            # A tie goes to the negative stance: when in doubt, do not give what someone may dislike.
            positive_cut = latest_negative + timedelta(days=1)
        else:
            negative_cut = latest_positive
    for kinds, target in ((("interest", "pet", "family"), result.interests), (("wish",), result.wishes)):
        _store(target, concept_id, [f for f in group if f.kind in kinds], as_of, positive_cut)
    _store(result.dislikes, concept_id, [f for f in group if f.kind == "dislike"], as_of, negative_cut)
    _store(result.saturation, concept_id, [f for f in group if f.kind == "saturation"], as_of, None)
    for wish in result.wishes.get(concept_id, Signal(0)).facts:
        w = wish.weight(as_of) * (OVERRULED if positive_cut and wish.observed_on < positive_cut else 1.0)
        for word in wish.words:
            result.wish_words[word] = max(result.wish_words.get(word, 0.0), round(w, 4))


def _store(
    target: dict[str, Signal], concept_id: str, chosen: list[FactRecord], as_of: date, cut: date | None
) -> None:
    if not chosen:
        return
    signal = _signal(chosen, as_of, cut)
    if signal:
        target[concept_id] = signal


def _situations(result: Understanding, concept_id: str, group: list[FactRecord], as_of: date) -> None:
    resolved = _latest(group, ("resolved",))
    for kind, target in (("need", result.needs), ("event", result.events), ("status", result.status)):
        chosen = [f for f in group if f.kind == kind and (resolved is None or f.observed_on > resolved)]
        if not chosen:
            continue
        signal = _signal(chosen, as_of, None)
        if signal and signal.strength >= NEWS_FLOOR / 2:
            target[concept_id] = signal
    if concept_id in result.events:
        event = result.events[concept_id]
        need = result.needs.get(concept_id)
        if need is None or need.strength < event.strength:
            result.needs[concept_id] = event
    cautions = [f for f in group if f.kind == "caution"]
    if cautions:
        result.cautions[concept_id] = cautions


def _restrictions(result: Understanding, facts: list[FactRecord], lexicon: Lexicon) -> None:
    restrictions: dict[str, list[FactRecord]] = defaultdict(list)
    for f in facts:
        if f.kind == "restriction":
            restrictions[f.concept].append(f)
    for concept_id, group in restrictions.items():
        group.sort(key=lambda f: f.observed_on, reverse=True)
        if _lifted(concept_id, group, facts, lexicon) or _only_a_colleagues(group):
            continue
        own = _only_a_relatives_own(concept_id, group, lexicon)
        if own or _a_relatives_choice_he_does_not_share(concept_id, group, facts, lexicon):
            # Not forbidden, but out of place at the top: what they must avoid is a caution for the household.
            concept = lexicon.concept(concept_id)
            for content in concept.forbids.get("contains", []) if concept is not None else []:
                result.cautions.setdefault(content, group)
            if own:
                result.relatives_own[concept_id] = group
            continue
        result.restrictions[concept_id] = group


def answering(result: Understanding, events: Iterable[str]) -> None:
    """Makes binding what a relative must not have when the gift answers that relative's own news still current
    (a care gift for his wife's pregnancy is for her: no alcohol, even in chocolates). Other gifts to the person
    keep it a caution."""
    holders = {s.best.holder for e in events
               if (s := result.events.get(e)) is not None and s.strength >= NEWS_FLOOR and s.best is not None}
    holders.discard("self")
    for concept_id, group in result.relatives_own.items():
        if any(f.holder in holders for f in group):
            result.restrictions.setdefault(concept_id, group)


def _only_a_colleagues(group: list[FactRecord]) -> bool:
    """A colleague's diet or faith ("his assistant fasts in Ramadan") restricts nothing given to the person."""
    return all(f.origin == "extracted" and f.holder in OUTSIDE_THE_HOUSEHOLD for f in group)


def _only_a_relatives_own(concept_id: str, group: list[FactRecord], lexicon: Lexicon) -> bool:
    """A relative's restriction on what only they consume ("his wife is pregnant": no alcohol for her) does
    not restrict a gift to the person; one on shared food ("his wife can't eat shellfish") does."""
    if any(f.holder == "self" or f.origin != "extracted" for f in group):
        return False
    concept = lexicon.concept(concept_id)
    forbidden = set(concept.forbids.get("contains", [])) if concept is not None else set()
    return bool(forbidden) and forbidden <= personal_contents()


def _a_relatives_choice_he_does_not_share(
    concept_id: str, group: list[FactRecord], facts: list[FactRecord], lexicon: Lexicon,
) -> bool:
    """A relative's diet by choice ("his wife is vegetarian") does not bind the person when their own words say
    they eat what it forbids ("he misses his hometown ham"): a gift for them may hold it. Allergies (not
    liftable) still bind what the household shares."""
    concept = lexicon.concept(concept_id)
    if concept is None or not concept.liftable or any(f.holder == "self" or f.origin != "extracted" for f in group):
        return False
    forbidden = set(concept.forbids.get("contains", []))
    return any(f.kind in ("interest", "wish") and f.holder == "self" and _contents_of(f.concept, lexicon) & forbidden
               for f in facts)


def _contents_of(concept_id: str, lexicon: Lexicon) -> set[str]:
    """What a concept contains, with what its parents contain (pork is meat)."""
    out: set[str] = set()
    for known in (lexicon.concept(c) for c in [concept_id, *lexicon.ancestors(concept_id)]):
        out |= set(known.contains) if known is not None else set()
    return out


def _lifted(concept_id: str, group: list[FactRecord], facts: list[FactRecord], lexicon: Lexicon) -> bool:
    """A liftable restriction ends when a newer note says it no longer holds ("used to be vegetarian",
    "drinking again"); facts a user confirmed or added are never lifted by extraction."""
    concept = lexicon.concept(concept_id)
    if concept is None or any(f.origin != "extracted" for f in group):
        return False
    newest = group[0].observed_on
    # A newer note that the restriction itself has ended ("not allergic to nuts anymore") lifts any restriction;
    # that someone merely eats or drinks again lifts only a liftable one.
    if any(f.kind == "lapsed" and f.concept == concept_id and f.observed_on > newest for f in facts):
        return True
    if not concept.liftable:
        return False
    forbidden = set(concept.forbids.get("contains", []))
    for f in facts:
        if f.observed_on <= newest:
            continue
        if f.kind == "lapsed" and f.concept == concept_id:
            return True
        if f.kind == "resumed":
            resumed = lexicon.concept(f.concept)
            if resumed is not None and set(resumed.contains) & forbidden:
                return True
            if resumed is not None and resumed.negated and resumed.negated.concept == concept_id:
                return True
    return False
