"""Notes become facts: find concepts and cue words, decide what each mention means, date it.

A mention takes the cues just before it in its clause ("doesn't drink", "最爱喝茶"), or, when
nothing follows a cue, the cues just after it ("坚果过敏", "高尔夫已经不打了", "golf fanatic").
A clause opening with "especially" / "尤其是" inherits the previous clause's cues; a negation
left alone in its clause ("后来不打了", "gave it up") applies to the previous clause's tastes.
What a mention then means depends on its concept's kind (see ``_facts_for``): a negated drink is
a restriction, a negated hobby a lapsed interest, a negated cold a recovery.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from giftwise.understanding.ages import AGE_CONCEPTS, ages_in_text, is_ages_only
from giftwise.understanding.facts import DEFAULT_HALF_LIFE, TOPIC, FactRecord
from giftwise.understanding.holders import pets_event
from giftwise.understanding.lexicon import Concept, Effect, Lexicon, load_lexicon
from giftwise.understanding.matching import Match, find, find_patterns, merge, tokens_of
from giftwise.understanding.substances import substance_facts
from giftwise.understanding.text import CLAUSE_END, SENTENCE_END, Token

POSITIVE = frozenset({"like", "habit", "start"})
NEGATIVE = frozenset({"negate", "stop", "dislike", "allergy"})
# A sentence with one of these cues is no topic to echo: what someone stopped, dislikes, is allergic to, got
# over, used to do or gets too much of is exactly what a gift should not repeat.
NOT_A_TOPIC = NEGATIVE | {"resolve", "past", "saturation"}
# Facts that say what not to give: their clause is no topic either.
AVOIDING = frozenset({"dislike", "lapsed", "restriction", "caution", "saturation", "resolved"})
# The most content words a topic keeps from one clause.
TOPIC_WORDS = 24
# Strength of an interest by how it was said (a bare mention is the concept's own 'bare').
STRENGTH = {"like": 1.0, "habit": 0.9, "start": 0.9, "wish": 1.0, "saturation": 1.0}
BARE_BY_KIND = {"interest": 0.6, "pet": 0.8, "family": 0.7, "content": 0.0, "trait": 0.0}
QUOTE_LIMIT = 80
IMPLIED_NEED = 0.5
# A restriction implied by a position or a faith told by practice ("Hari Raya at his place" -> halal) is less sure
# than a stated one: it still binds, but it is shown as implied.
IMPLIED_BY_STATUS = 0.8
# The concept of a wish known only by its words.
WORDS_ONLY = "_words"
# What business talk may still tell: a restriction, a position, a caution ("国企采购流程严格").
KEPT_IN_BUSINESS = frozenset({"restriction", "status", "caution"})


@dataclass(slots=True)
class Mention:
    """A concept match in a clause, with the cues that govern it."""

    match: Match
    cues: set[str] = field(default_factory=set)
    own: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Clause:
    """Tokens between clause breaks, with their concept mentions and cue matches."""

    tokens: list[Token]
    first: int
    mentions: list[Mention]
    cues: list[Match]
    terminators: list[int]

    def text(self, source: str) -> str:
        """The clause as written."""
        if not self.tokens:
            return ""
        return source[self.tokens[0].start:self.tokens[-1].end].strip()


def extract(
    text: str,
    observed_on: date,
    *,
    source: str | int | None = None,
    lexicon: Lexicon | None = None,
) -> list[FactRecord]:
    """The facts a note dated ``observed_on`` states, each quoting the clause it came from."""
    lexicon = lexicon or load_lexicon()
    tokens = tokens_of(text, lexicon)
    all_cues = find(tokens, lexicon.cues)
    cue_positions = frozenset(k for c in all_cues for k in range(c.first, c.last + 1))
    found = find(tokens, lexicon.note, partial=True, skip=cue_positions)
    concepts = merge(found, find_patterns(text, tokens, lexicon.note))
    concepts = _with_wished_things(concepts, tokens, all_cues, lexicon)
    concepts = _drop_followed(concepts, tokens, lexicon)
    concepts = _drop_covered(concepts, lexicon)
    concepts = [c for c in concepts if not _is_a_name(c, tokens, text, lexicon)]
    cues = _cues_outside(all_cues, concepts)
    inner = [c for c in all_cues if c not in cues]
    facts: list[FactRecord] = []
    for sentence in _sentences(tokens, concepts, cues, inner, lexicon):
        business = False
        avoided = any(_cue_types(c) & NOT_A_TOPIC or "business" in c.ids for clause in sentence for c in clause.cues)
        ordered = any(t.norm in lexicon.words.get("medical", ()) for clause in sentence for t in clause.tokens)
        for k, clause in enumerate(sentence):
            said: list[FactRecord] = []
            quote = _quote(_with_ages_after(sentence, k, text))
            for mention in clause.mentions:
                told = [f for concept_id in mention.match.ids for f in _facts_for(
                    lexicon.concepts[concept_id], mention, clause, text, observed_on, quote, source, lexicon)]
                said.extend(_narrowest_liking(told, lexicon))
            if ordered:
                said = [_on_doctors_orders(f, lexicon) for f in said]
            business = _is_business(clause, business)
            if business:
                facts.extend(f for f in said if f.kind in KEPT_IN_BUSINESS)
                continue
            if _about_a_pet(sentence, k, text, lexicon):
                said = of_a_pet(said, lexicon)
            facts.extend(said or _wished_words(clause, text, observed_on, quote, source, lexicon))
            # A diet a faith implies is no avoidance of what the clause talks about ("Shabbat dinner" stays a topic).
            faith = {e.concept for f in said if f.kind == "status" for e in lexicon.concepts[f.concept].implies}
            if not avoided and not any(f.kind in AVOIDING and f.concept not in faith for f in said):
                facts.extend(_topic(clause, observed_on, quote, source, lexicon))
    facts.extend(substance_facts(text, observed_on, source, lexicon))
    return _dedupe(_denial_wins(facts, lexicon))


def _denial_wins(facts: list[FactRecord], lexicon: Lexicon) -> list[FactRecord]:
    """The person's own restriction the same note denies is dropped: "Catholic, not Muslim (laughed when we
    brought halal snacks)" says he keeps no halal diet, whatever else in the note names one. A note that affirms
    the faith ("prays 5x ... men shouldn't wear silk in Islam") denies none of its diet: the negation was of
    something else."""
    affirmed = {e.concept for f in facts if f.kind == "status" and f.holder == "self"
                for e in lexicon.concepts[f.concept].implies if e.kind == "restriction"}
    denied = {f.concept for f in facts if f.kind == "lapsed" and f.words == DENIED and f.holder == "self"} - affirmed
    return [f for f in facts
            if not (f.kind == "restriction" and f.concept in denied and f.holder == "self")
            and not (f.kind == "lapsed" and f.words == DENIED and f.concept in affirmed and f.holder == "self")]


def _narrowest_liking(facts: list[FactRecord], lexicon: Lexicon) -> list[FactRecord]:
    """A word naming both a material and a taste ("silk", "真丝") liked is a liking of that taste: someone who
    likes silk likes silk things, not every animal material (leather); disliking or avoiding it still holds
    for the whole material."""
    tastes = {f.concept for f in facts if f.kind == "interest" and lexicon.concepts[f.concept].kind == "interest"}
    if not tastes:
        return facts
    return [f for f in facts if not (f.kind == "interest" and lexicon.concepts[f.concept].kind == "content")]


def _on_doctors_orders(fact: FactRecord, lexicon: Lexicon) -> FactRecord:
    """A taste stopped because a doctor said so ("医生让她把咖啡戒了", "doctor told him to cut out coffee") is
    something to keep away from, not a habit that lapsed: it reads as a dislike, which keeps it off the top."""
    concept = lexicon.concepts.get(fact.concept)
    if fact.kind == "lapsed" and concept is not None and concept.kind in TASTES:
        return fact.moved(kind="dislike", half_life=DEFAULT_HALF_LIFE.get("dislike"))
    return fact


def _with_ages_after(sentence: list[Clause], k: int, text: str) -> str:
    """A clause naming children, joined with the clauses after it that only tell their ages ("two kids, 7 and 9",
    "her boys (6, 11)", "两个孩子，一个5岁，一个8岁"), so the quote carries the ages; any other clause as written."""
    clause = sentence[k]
    if not any(AGE_CONCEPTS & set(m.match.ids) for m in clause.mentions):
        return clause.text(text)
    last = k
    while last + 1 < len(sentence) and not sentence[last + 1].mentions and is_ages_only(sentence[last + 1].text(text)):
        last += 1
    if last == k:
        return clause.text(text)
    end = sentence[last].tokens[-1].end
    end += 1 if text[end:end + 1] in (")", "）") else 0
    return text[clause.tokens[0].start:end].strip()


def _is_business(clause: Clause, after_business: bool) -> bool:
    """Business talk (orders, prices, rebates, exclusivity, stock, terms) says nothing about a person's tastes;
    a wish right after it in the same sentence ("..., she wants exclusivity") is the same business."""
    if any("business" in c.ids for c in clause.cues):
        return True
    return after_business and any("wish" in c.ids for c in clause.cues)


def _about_a_pet(sentence: list[Clause], k: int, text: str, lexicon: Lexicon) -> bool:
    """True when the clause's subject is a pet named just before it ("他家的狗最近生病了",
    "可乐（他家的狗）最近生病了"): the pet's illness is not the person's."""
    clause = sentence[k]
    if _names_a_pet(clause.mentions, lexicon, before=_first_situation(clause, lexicon)):
        return True
    if k == 0 or not clause.tokens or not sentence[k - 1].tokens:
        return False
    previous = sentence[k - 1]
    gap = text[previous.tokens[-1].end:clause.tokens[0].start]
    same_subject = not gap.strip() or any(p in gap for p in ")）")  # split by a word ("最近") or a parenthesis
    return same_subject and _names_a_pet(previous.mentions, lexicon, before=None)


def _first_situation(clause: Clause, lexicon: Lexicon) -> int | None:
    firsts = [m.match.first for m in clause.mentions
              if any(lexicon.concepts[i].kind in ("event", "need") for i in m.match.ids)]
    return min(firsts) if firsts else None


def _names_a_pet(mentions: list[Mention], lexicon: Lexicon, before: int | None) -> bool:
    return any(lexicon.concepts[i].kind == "pet" and (before is None or m.match.first <= before)
               for m in mentions for i in m.match.ids)


def of_a_pet(facts: list[FactRecord], lexicon: Lexicon) -> list[FactRecord]:
    """What a clause about a pet leaves of ``facts``: a person's event that is also a pet's (a death) becomes the
    pet's own (the loss of a pet); the pet's other events and needs (an illness) are not the person's."""
    out = []
    for f in facts:
        if f.kind not in ("event", "need"):
            out.append(f)
        elif f.kind == "event" and (own := pets_event(f.concept)) is not None and own in lexicon.concepts:
            out.append(f.moved(concept=own, half_life=lexicon.concepts[own].half_life))
    return out


def _wished_words(
    clause: Clause, text: str, on: date, quote: str, source: str | int | None, lexicon: Lexicon
) -> list[FactRecord]:
    """A wish naming nothing the lexicon knows ("would love to learn proper dim sum") keeps its words,
    so items whose names say the same thing can still answer it."""
    types = {t for c in clause.cues for t in c.ids}
    if "wish" not in types or types & NEGATIVE:
        return []
    words = _object_words(clause, text, lexicon)
    return [FactRecord("wish", WORDS_ONLY, on, 1.0, quote, source, "extracted", DEFAULT_HALF_LIFE["wish"],
                       words)] if words else []


def _topic(clause: Clause, on: date, quote: str, source: str | int | None, lexicon: Lexicon) -> list[FactRecord]:
    """What the clause talks about in words no concept took, as its content words (cues and stop words left
    out): an item that repeats rare words of it ("电饭煲又报错" and a rice cooker) may answer a situation no
    concept names. The words of a concept it names are left to the concept, so an understood interest is not
    counted twice; a long Chinese word also gives its shorter words (修电饭煲: 电饭煲), as catalogs segment apart."""
    stop = set().union(*(lexicon.words.get(group, set()) for group in ("stopword", "filler", "chatter")))
    # A complaint's words are the situation itself ("can't wake up", 睡不暖): they stay.
    spans = [(c.first, c.last) for c in clause.cues if "complaint" not in c.ids]
    spans += [(m.match.first, m.match.last) for m in clause.mentions]
    taken = {k for lo, hi in spans for k in range(lo, hi + 1)}
    kept = [t.norm for k, t in enumerate(clause.tokens, clause.first) if k not in taken and not t.is_punct]
    words = tuple(dict.fromkeys(w for norm in kept for w in (norm, *_inner_words(norm))
                                if w not in stop and len(w) > 1 and not w.isdigit()))
    if not words:
        return []
    return [FactRecord("topic", TOPIC, on, 1.0, quote, source, "extracted", DEFAULT_HALF_LIFE["topic"],
                       words[:TOPIC_WORDS])]


def _inner_words(word: str) -> list[str]:
    """The two- and three-character words inside a Chinese word of three or more characters."""
    if len(word) < 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return []
    return [word[k:k + n] for n in (2, 3) for k in range(len(word) - n + 1) if n < len(word)]


def _with_wished_things(concepts: list[Match], tokens: list[Token], cues: list[Match], lexicon: Lexicon) -> list[Match]:
    """After a wish cue ("asked where to get", "一直想要"), things are named the way catalogs name them
    ("a white-noise machine"), so the clause is also read with the item side of the lexicon."""
    wishes = [c for c in cues if "wish" in c.ids]
    if not wishes:
        return concepts
    ends = [k for k, t in enumerate(tokens) if t.norm in SENTENCE_END]
    extra: list[Match] = []
    for cue in wishes:
        end = min([k for k in ends if k > cue.last], default=len(tokens))
        for match in find(tokens[cue.last + 1:end], lexicon.item):
            ids = tuple(i for i in match.ids if lexicon.concepts[i].kind in TASTES | {"need"})
            if ids:
                extra.append(Match(match.first + cue.last + 1, match.last + cue.last + 1, ids, match.weight))
    return merge(concepts, extra)


def _drop_followed(concepts: list[Match], tokens: list[Token], lexicon: Lexicon) -> list[Match]:
    """Drop mentions whose concept is cancelled by what follows ("drinks tea" is not alcohol)."""
    out = []
    for match in concepts:
        keep_ids = []
        for cid in match.ids:
            blockers = set(lexicon.concepts[cid].unless_followed_by)
            following = [m for m in concepts if match.last < m.first <= match.last + 3
                         and not any(t.is_punct for t in tokens[match.last + 1:m.first])]
            if blockers and any(blockers & set(m.ids) for m in following):
                continue
            keep_ids.append(cid)
        if keep_ids:
            out.append(Match(match.first, match.last, tuple(keep_ids), match.weight))
    return out


def _is_a_name(match: Match, tokens: list[Token], text: str, lexicon: Lexicon) -> bool:
    """Whether a one-word mention is a person's name ("Lily said", "Rose's husband", "Ms Jasmine"), not the thing."""
    token = tokens[match.first]
    written = text[token.start:token.end]
    if match.first != match.last or not written[:1].isupper() or written.isupper():
        return False
    if token.norm not in lexicon.words.get("given_name", set()):
        return False
    signals = lexicon.words.get("name_follower", set())
    before = tokens[match.first - 1].norm if match.first > 0 else ""
    after = tokens[match.last + 1].norm if match.last + 1 < len(tokens) else ""
    return written.endswith("'s") or before in signals or after in signals


def _drop_covered(concepts: list[Match], lexicon: Lexicon) -> list[Match]:
    """Drop a concept where a mention overlapping it names one that covers it: "公司乔迁", "the firm relocated"
    is an office move, so the "乔迁" / "relocated" inside it is no new home."""
    out = []
    for match in concepts:
        covered = {c for m in concepts if m.first <= match.last and match.first <= m.last
                   for i in m.ids if i not in match.ids for c in lexicon.concepts[i].covers}
        keep = tuple(i for i in match.ids if i not in covered)
        if keep:
            out.append(Match(match.first, match.last, keep, match.weight))
    return out


def _cues_outside(cues: list[Match], concepts: list[Match]) -> list[Match]:
    """Cue matches not inside a concept form ("不吃肉" already means vegetarian)."""
    return [c for c in cues if not any(m.first <= c.first and c.last <= m.last for m in concepts)]


def _sentences(
    tokens: list[Token], concepts: list[Match], cues: list[Match], inner: list[Match], lexicon: Lexicon
) -> list[list[Clause]]:
    """Group tokens into sentences of clauses, with each mention's governing cues decided."""
    breaks = {c.first for c in cues if "breaker" in c.ids}
    sentences: list[list[Clause]] = [[]]
    current: list[int] = []

    def close(new_sentence: bool) -> None:
        if current:
            sentences[-1].append(_clause(tokens, current, concepts, cues, inner))
            current.clear()
        if new_sentence and sentences[-1]:
            sentences.append([])

    for k, token in enumerate(tokens):
        if token.norm in SENTENCE_END:
            close(True)
        elif token.norm in CLAUSE_END:
            close(False)
        else:
            if k in breaks:
                close(False)
            current.append(k)
    close(True)
    for sentence in sentences:
        _govern(sentence, lexicon)
    return [s for s in sentences if s]


def _clause(
    tokens: list[Token], indices: list[int], concepts: list[Match], cues: list[Match], inner: list[Match]
) -> Clause:
    lo, hi = indices[0], indices[-1]
    mentions = [
        Mention(m, own={t for c in inner if m.first <= c.first and c.last <= m.last for t in _cue_types(c)})
        for m in concepts if lo <= m.first and m.last <= hi
    ]
    inner = [c for c in cues if lo <= c.first and c.last <= hi and "breaker" not in c.ids]
    terminators = [c.first for c in inner if "terminator" in c.ids]
    return Clause([tokens[k] for k in indices], lo, mentions, [c for c in inner if "terminator" not in c.ids],
                  terminators)


def _govern(sentence: list[Clause], lexicon: Lexicon) -> None:
    """Decide the cues of every mention in a sentence (see module docstring)."""
    filler = lexicon.words.get("filler", set())
    previous: Clause | None = None
    for clause in sentence:
        continuation = any("continuation" in c.ids for c in clause.cues)
        for mention in clause.mentions:
            mention.cues = (_phrase_cues(clause, mention, filler) or _cues_before(clause, mention, filler)
                            or _cues_after(clause, mention, filler))
            if not mention.cues and continuation and previous is not None:
                mention.cues = _clause_cues(previous)
            if "negate" in mention.cues and _is_a_holder(clause, mention, filler, lexicon):
                mention.cues = mention.cues | {"dislike"}
        if previous is not None and not clause.mentions:
            _apply_orphans(clause, previous, filler, lexicon)
        previous = clause


def _is_a_holder(clause: Clause, mention: Mention, filler: set[str], lexicon: Lexicon) -> bool:
    """Whether a taste mention names the kind of person who has it ("a flower person", "a tea drinker"): negated,
    that is a dislike. Restrictions and diets are never read so ("not a vegetarian" sets no restriction)."""
    if any(lexicon.concepts[i].kind not in ("interest", "content") for i in mention.match.ids):
        return False
    if not any("negate" in c.ids and c.last < mention.match.first for c in clause.cues):
        return False  # "the flower man did not come" negates the coming
    holders = lexicon.words.get("holder", set())
    own = [t for t in clause.tokens if mention.match.first <= _index(clause, t) <= mention.match.last]
    after = [t for t in clause.tokens if _index(clause, t) > mention.match.last and not t.is_punct]
    return own[-1].norm in holders or (bool(after) and after[0].norm in holders)


def _phrase_cues(clause: Clause, mention: Mention, filler: set[str]) -> set[str]:
    """The cues of ``mention``'s own phrase when a clause without punctuation is split by spaces ("黄总 喜欢泡茶
    茶叶不缺"): there the space is the comma, so "不缺" right after "茶叶" governs it, not the "喜欢" two phrases
    back. Empty when the phrase holds no cue, and the whole clause decides."""
    gaps = [_index(clause, t) for k, t in enumerate(clause.tokens[1:], 1)
            if t.han and clause.tokens[k - 1].han and t.start > clause.tokens[k - 1].end]
    before = [g - 1 for g in gaps if g <= mention.match.first]
    # A phrase of cues alone ("芒果 过敏") still belongs to the phrase before it.
    ends = [*gaps[1:], clause.first + len(clause.tokens)]
    after = [g for g, end in zip(gaps, ends[:len(gaps)], strict=True)
             if g > mention.match.last and any(g <= m.match.first < end for m in clause.mentions)]
    if not before and not after:
        return set()
    phrase = replace(clause, terminators=[*clause.terminators, *before[-1:], *after[:1]])
    return _cues_before(phrase, mention, filler) or _cues_after(phrase, mention, filler)


def _cue_types(match: Match) -> set[str]:
    return {t for t in match.ids if t not in ("terminator", "breaker", "continuation", "business")}


def _cues_before(clause: Clause, mention: Mention, filler: set[str]) -> set[str]:
    start = mention.match.first
    barrier = max([t for t in clause.terminators if t < start], default=clause.first - 1)
    before = sorted((c for c in clause.cues if barrier < c.first and c.last < start and _cue_types(c)),
                    key=lambda c: c.first, reverse=True)
    if not before:
        return set()
    found = set(_cue_types(before[0]))
    edge = before[0].first
    for cue in before[1:]:
        gap = [t for t in clause.tokens if cue.last < _index(clause, t) < edge]
        if len(gap) > 2 or any(t.norm not in filler for t in gap) or _mention_between(clause, cue.last, edge):
            break
        found |= _cue_types(cue)
        edge = cue.first
    return found


def _cues_after(clause: Clause, mention: Mention, filler: set[str]) -> set[str]:
    end = mention.match.last
    barrier = min([t for t in clause.terminators if t > end], default=clause.first + len(clause.tokens))
    after = sorted((c for c in clause.cues if end < c.first < barrier and _cue_types(c)), key=lambda c: c.first)
    if not after:
        return set()
    first = after[0]
    if any(m.match.first > first.last and m.match.first < barrier for m in clause.mentions):
        return set()  # the cue has its own object ("golf, never drinks")
    found = set(_cue_types(first))
    for cue in after[1:]:
        gap = [t for t in clause.tokens if first.last < _index(clause, t) < cue.first]
        if len(gap) > 2 or any(t.norm not in filler for t in gap):
            break
        found |= _cue_types(cue)
    return found


def _index(clause: Clause, token: Token) -> int:
    return clause.first + clause.tokens.index(token)


def _mention_between(clause: Clause, lo: int, hi: int) -> bool:
    return any(lo < m.match.first < hi for m in clause.mentions)


def _clause_cues(clause: Clause) -> set[str]:
    for mention in clause.mentions:
        if mention.cues or mention.own:
            return set(mention.cues | mention.own)
    return set()


TASTES = frozenset({"interest", "content", "pet", "family"})
ORPHANS = NEGATIVE | {"wish"}


def _apply_orphans(clause: Clause, previous: Clause, filler: set[str], lexicon: Lexicon) -> None:
    """A negation alone at the end of its clause ("后来不打了", "gave it up") applies to the previous clause;
    so does a missed chance ("可惜没抢到票"), which makes the previous clause's tastes wishes."""
    negative = [c for c in clause.cues if _cue_types(c) & ORPHANS]
    if not negative:
        return
    last = negative[-1]
    cue_positions = {k for c in clause.cues for k in range(c.first, c.last + 1)}
    tail = [t for t in clause.tokens if _index(clause, t) > last.last and _index(clause, t) not in cue_positions]
    if any(t.norm not in filler and not t.is_punct for t in tail):
        return  # the negation has its own object ("晚上不吃饭")
    types = set().union(*[_cue_types(c) & ORPHANS for c in negative])
    for mention in previous.mentions:
        if not (mention.cues & NEGATIVE) and any(lexicon.concepts[i].kind in TASTES for i in mention.match.ids):
            mention.cues = set(types)


def modality(cues: set[str]) -> str:
    """One reading of a cue set, strongest first (an allergy beats a like; negated liking is dislike)."""
    if "allergy" in cues:
        # "not allergic to nuts anymore" ends an allergy; it does not state one.
        return "unallergic" if cues & {"negate", "stop"} else "allergy"
    if "dislike" in cues or ("negate" in cues and cues & {"like", "wish"}):
        return "dislike"
    if "stop" in cues and "start" not in cues:
        return "stop"
    if "cancel" in cues:
        return "bare" if "negate" in cues else "cancel"  # "the wedding was not called off": still on
    if "negate" in cues:
        return "negate"
    for name in ("resolve", "saturation", "wish", "past", "start", "like", "habit"):
        if name in cues:
            return name
    return "bare"


Maker = Callable[..., FactRecord]


def _facts_for(
    concept: Concept, mention: Mention, clause: Clause, text: str, on: date, quote: str,
    source: str | int | None, lexicon: Lexicon,
) -> list[FactRecord]:
    mode = modality(mention.cues)
    weight = mention.match.weight

    def fact(kind: str, concept_id: str, confidence: float, words: tuple[str, ...] = ()) -> FactRecord:
        target = lexicon.concepts.get(concept_id)
        own = target.half_life if target is not None and kind in ("need", "event", "status", "resolved") else None
        half_life = own if own is not None else DEFAULT_HALF_LIFE.get(kind)
        if kind in ("need", "event") and concept.kind == "event" and concept.half_life:
            half_life = concept.half_life  # a need implied by an event fades with the event
        return FactRecord(kind, concept_id, on, round(confidence * weight, 3), quote, source, "extracted",
                          half_life, words)

    def effect(e: Effect, confidence: float = 1.0) -> FactRecord:
        return fact(e.kind, e.concept, confidence)

    kind = concept.kind
    if mode == "cancel" and kind != "event":
        mode = "bare"  # a golf game or a flight called off leaves the golfer a golfer and the traveller travelling
    if kind in ("restriction", "status"):
        if mode in ("past", "stop", "unallergic", "negate", "resolve") and concept.lasting:
            mode = "bare"  # "used to have a gambling problem", "戒赌多年": the recovery is what the restriction guards
        if mode in ("past", "stop", "unallergic", "negate") and kind == "restriction":
            return [fact("lapsed", concept.id, 1.0)]  # "no longer vegetarian", "以前吃素"
        if mode == "negate" and kind == "status" and _denied(clause, mention):
            # "not Muslim": the faith denied takes back the diet it would imply, and any presumed from a culture
            return [fact("lapsed", e.concept, 1.0, DENIED) for e in concept.implies if e.kind == "restriction"]
        if mode in ("negate", "stop", "resolve", "past"):
            return []
        surety = IMPLIED_BY_STATUS if kind == "status" else 1.0
        return [fact(kind, concept.id, 1.0), *[effect(e, surety) for e in concept.implies]]
    if kind in ("need", "event"):
        if mode in ("negate", "stop", "resolve", "cancel"):
            return [fact("resolved", concept.id, 1.0)]
        if mode == "wish" and kind == "need":
            return [fact("wish", concept.id, 1.0, _object_words(clause, text, lexicon))]
        strength = 0.3 if mode == "past" else 1.0
        # What an event implies counts less than what was said: a promotion may call for a desk gift.
        implied = [effect(e, strength * (IMPLIED_NEED if e.kind == "need" else 1.0)) for e in concept.implies]
        return [fact(kind, concept.id, strength), *implied]
    if kind == "trait":
        if mode in ("like", "habit", "wish"):
            return [fact("interest", concept.id, 1.0)]
        if mode in ("dislike", "negate", "stop"):
            return [fact("dislike", concept.id, 1.0)]
        return []
    words = _object_words(clause, text, lexicon) if mode == "wish" else ()
    return _taste_facts(concept, mode, fact, effect, words)


# Marks the diet a denied faith takes back ("not Muslim"), apart from one that lapsed by itself ("quit drinking").
DENIED = ("denied faith",)
# How many tokens may stand between a negation and what it denies ("not a Muslim", "并不是穆斯林").
DENIAL_REACH = 3


def _denied(clause: Clause, mention: Mention) -> bool:
    """True when a negation stands just before ``mention`` ("NOT muslim", "不是回族"): the thing itself is denied,
    not something after it ("Ramadan - no lunch meetings", where the negation is of the meetings)."""
    start = mention.match.first
    return any("negate" in c.ids and c.last < start and start - c.last <= DENIAL_REACH for c in clause.cues)


def _taste_facts(
    concept: Concept, mode: str, fact: Maker, effect: Callable[[Effect], FactRecord], words: tuple[str, ...]
) -> list[FactRecord]:
    """Facts about a taste (interest, pet, family member, food) read in ``mode``."""
    positive_kind = "interest" if concept.kind in ("interest", "content") else concept.kind
    if concept.kind == "family" and mode in ("allergy", "unallergic"):
        mode = "bare"  # '他女儿对花生过敏': the daughter holds the allergy; she is not what anyone is allergic to
    if mode in ("negate", "stop"):
        return [effect(concept.negated)] if concept.negated else [fact("lapsed", concept.id, 1.0)]
    if mode == "dislike":
        target = concept.disliked or concept.negated
        return [effect(target)] if target else [fact("dislike", concept.id, 1.0)]
    if mode == "unallergic":
        ended = concept.allergic
        return [fact("lapsed", ended.concept, 1.0)] if ended is not None and ended.kind == "restriction" else []
    if mode == "allergy":
        target = concept.allergic or concept.disliked
        return [effect(target)] if target else [fact("dislike", concept.id, 1.0)]
    if mode == "resolve":
        return []
    if mode == "past":
        return [fact("lapsed", concept.id, 0.8)]
    if mode == "saturation":
        return [fact("saturation", concept.id, 1.0)]
    if mode == "wish":
        return [fact("wish", concept.id, 1.0, words)]
    bare = concept.bare if concept.bare is not None else BARE_BY_KIND.get(concept.kind, 0.6)
    restricts = concept.negated is not None and concept.negated.kind == "restriction"
    resumed = [fact("resumed", concept.id, 1.0)] if mode == "start" and restricts else []
    if mode not in POSITIVE and (concept.kind == "content" or bare == 0):
        return resumed
    strength = STRENGTH.get(mode, bare)
    return [fact(positive_kind, concept.id, strength), *resumed]


def _object_words(clause: Clause, text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Content words of a wish clause after its cue: the literal object asked for."""
    stop = lexicon.words.get("stopword", set()) | lexicon.words.get("filler", set())
    cue_words = {t.norm for c in clause.cues for t in clause.tokens[c.first - clause.first:c.last - clause.first + 1]}
    stop = stop | cue_words
    wish_cues = [c for c in clause.cues if "wish" in c.ids]
    start = wish_cues[0].last + 1 if wish_cues else clause.first
    words = [t.norm for t in clause.tokens if _index(clause, t) >= start and not t.is_punct]
    return tuple(dict.fromkeys(w for w in words if w not in stop and len(w) > 1 and not w.isdigit()))[:8]


def _quote(clause_text: str) -> str:
    text = " ".join(clause_text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"


def _dedupe(facts: Iterable[FactRecord]) -> list[FactRecord]:
    """One fact per (kind, concept) per note: the strongest, merged words. Something given away after
    giving it up ("不打高尔夫了，球杆都送人了") is over, not something the person gets plenty of. Topics stay
    one per clause, so each quotes its own words."""
    facts = list(facts)
    over = {f.concept for f in facts if f.kind in ("lapsed", "dislike")}
    facts = [f for f in facts if not (f.kind == "saturation" and f.concept in over)]
    best: dict[tuple[str, str, str], FactRecord] = {}
    for f in facts:
        key = (f.kind, f.concept, f.source_text if f.kind == "topic" else "")
        old = best.get(key)
        if old is None or f.confidence > old.confidence:
            words = tuple(dict.fromkeys((old.words if old else ()) + f.words))
            best[key] = f.moved(words=words)
        if old is not None and _tells_other_ages(f, old):
            # "女儿7岁，儿子10岁": one fact about the children, quoting every clause that gives an age.
            told = old.source_text if ages_in_text(old.source_text or "") else None
            best[key] = best[key].moved(source_text=f"{told}; {f.source_text}" if told else f.source_text)
    return list(best.values())


def _tells_other_ages(fact: FactRecord, earlier: FactRecord) -> bool:
    """True when ``fact`` quotes a child's age that ``earlier`` (same concept, same note) does not."""
    if fact.concept not in AGE_CONCEPTS or not fact.source_text or fact.source_text in (earlier.source_text or ""):
        return False
    return bool(set(ages_in_text(fact.source_text)) - set(ages_in_text(earlier.source_text or "")))
