"""Reasons in the person's language, citing the words and date of the note behind each one.

"因为他提到“周末都去钓鱼”（2026-11-01 的笔记）", "excluded: contains alcohol; he does not drink:
“sober for five years” (note of 2026-10-02)". Every reason comes from a factor's evidence, so
what the salesperson reads is what moved the ranking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from giftwise.core.i18n import catalog, normalize_language, t
from giftwise.recommend.factors import FOOD_WORD, FactorVector, Part
from giftwise.recommend.rules import festival_label
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import Evidence, ItemProfile
from giftwise.understanding.labels import concept_label
from giftwise.understanding.lexicon import Lexicon
from giftwise.understanding.substances import is_substance, substance_words

# A contribution smaller than this is not worth a sentence.
MENTION_FLOOR = 0.12


@dataclass(frozen=True, slots=True)
class Voice:
    """How to speak about the person: language and pronouns."""

    language: str
    he: str
    his: str
    him: str

    def say(self, key: str, **values: object) -> str:
        """The explanation ``recommend.<key>`` with the pronouns filled in."""
        return t(f"recommend.{key}", self.language, he=self.he, his=self.his, him=self.him, **values)


def gender_of(texts_: Iterable[str]) -> str:
    """"male", "female" or "unknown", by the pronouns the notes use about the person."""
    joined = " ".join(texts_)
    male = len(re.findall(r"\b(he|him|his|himself)\b", joined, re.I)) + joined.count("他") - joined.count("他们")
    female = len(re.findall(r"\b(she|her|hers|herself)\b", joined, re.I)) + joined.count("她") - joined.count("她们")
    if male > female:
        return "male"
    if female > male:
        return "female"
    return "unknown"


def voice(language: str, gender: str) -> Voice:
    """The voice for ``language`` and ``gender``."""
    lang = normalize_language(language)
    gender = gender if gender in ("male", "female") else "unknown"
    he, his, him = (t(f"recommend.pronoun.{gender}.{word}", lang) for word in ("he", "his", "him"))
    return Voice(lang, he, his, him)


def cite(v: Voice, fact: FactRecord) -> str:
    """The fact's words and date: "“…” (note of 2026-10-02)" / "“…”（2026-10-02 的笔记）"."""
    kind = str(fact.source or "note").split(":", 1)[0]
    if kind in ("culture", "presumed"):  # no note said it: say where the presumption comes from, quote nothing
        return v.say(f"cite.{kind}")
    if kind not in ("note", "event", "profile", "user", "gift"):
        kind = "note"
    source = v.say(f"source.{kind}")
    if not fact.source_text or kind in ("profile", "user"):
        return v.say("cite.profile", source=source) if kind in ("profile", "user") else v.say(
            "cite", quote=fact.concept, date=fact.observed_on.isoformat(), source=source)
    return v.say("cite", quote=fact.source_text, date=fact.observed_on.isoformat(), source=source)


def _part_reason(v: Voice, lexicon: Lexicon, factor: str, part: Part) -> str | None:
    fact = part.signal.best
    if fact is None:
        return None
    label = concept_label(part.person_concept, lexicon, v.language)
    concept = lexicon.concept(part.person_concept)
    if factor == "need" and concept is not None and concept.kind == "event":
        return v.say("event", concept=label, cite=cite(v, fact))
    if factor in ("interest", "need") and part.person_concept != part.item_concept:
        related = {"interest": "interest.related", "need": "need.related"}[factor]
        return v.say(related, concept=label, cite=cite(v, fact))
    return v.say(factor, concept=label, cite=cite(v, fact))


def reasons_for(
    v: Voice, lexicon: Lexicon, item: ItemProfile, vector: FactorVector, contributions: dict[str, float],
    occasion_label: str, stage_label: str, currency: str,
) -> list[str]:
    """The reasons for a recommendation, strongest first, then the reservations."""
    ordered = sorted(contributions.items(), key=lambda kv: -kv[1])
    positive = [(f, c) for f, c in ordered if c >= MENTION_FLOOR]
    negative = [(f, c) for f, c in sorted(contributions.items(), key=lambda kv: kv[1]) if c <= -MENTION_FLOOR]
    out: list[str] = []
    for factor, _ in positive + negative:
        sentence = _factor_reason(v, lexicon, item, vector, factor, occasion_label, stage_label, currency)
        if sentence and sentence not in out:
            out.append(sentence)
    if not positive:
        out.insert(0, v.say("generic"))
    return out


def _factor_reason(
    v: Voice, lexicon: Lexicon, item: ItemProfile, vector: FactorVector, factor: str, occasion_label: str,
    stage_label: str, currency: str,
) -> str | None:
    if factor in ("wish", "need", "interest", "dislike") and vector.parts.get(factor):
        return _part_reason(v, lexicon, factor, vector.parts[factor][0])
    if factor == "wish":
        return v.say("wish", cite=cite(v, vector.notes.wish)) if vector.notes.wish else None
    if factor == "saturation" and vector.parts.get("saturation"):
        part = vector.parts["saturation"][0]
        return v.say("saturation", concept=concept_label(part.person_concept, lexicon, v.language))
    if factor == "occasion":
        key = "occasion.good" if vector.values["occasion"] > 0 else "occasion.bad"
        return v.say(key, occasion=occasion_label)
    if factor in ("duplicate", "repetition"):
        gift = vector.notes.duplicate if factor == "duplicate" else vector.notes.repetition
        return v.say(factor, date=gift.on.isoformat()) if gift is not None else None
    if factor == "diet_fit" and vector.notes.diet_fit:
        restriction, fact = vector.notes.diet_fit
        return v.say("diet_fit", concept=concept_label(restriction, lexicon, v.language), cite=cite(v, fact))
    if factor == "caution":
        return _caution_reason(v, lexicon, vector)
    if factor == "stage":
        kind = vector.notes.stage
        if kind == "high":
            return v.say("stage.high", price=_fmt(item.price), currency=item.currency or currency,
                         relationship=stage_label)
        if kind == "token":
            return v.say("stage.token")
        return v.say("stage.low", relationship=stage_label) if kind == "low" else None
    if factor == "age_fit" and vector.notes.age_range is not None:
        span = vector.notes.age_range
        if span.words == (FOOD_WORD,):
            return v.say("age_fit.food")
        if vector.notes.age_grown:
            return v.say("age_fit.grown", ages=", ".join(span.words))
        key = "age_fit.in" if vector.values.get("age_fit", 0.0) > 0 else "age_fit.out"
        return v.say(key, ages=", ".join(span.words))
    if factor == "echo":
        return v.say("echo", cite=cite(v, vector.notes.echo)) if vector.notes.echo else None
    if factor == "season" and vector.notes.season:
        festival, on = vector.notes.season
        return v.say("season.in" if on else "season.out", festival=festival_label(festival, v.language))
    return v.say(factor)


def _caution_reason(v: Voice, lexicon: Lexicon, vector: FactorVector) -> str | None:
    if vector.notes.caution:
        content, fact = vector.notes.caution
        return v.say("caution", concept=concept_label(content, lexicon, v.language), cite=cite(v, fact))
    if vector.notes.caution_unknown:
        return v.say("caution.unknown", concept=concept_label(vector.notes.caution_unknown, lexicon, v.language))
    return None


def restriction_phrase(v: Voice, lexicon: Lexicon, restriction: str) -> str:
    """"does not drink" / "不喝酒" for a restriction."""
    if is_substance(restriction):
        return v.say("restriction.reacted", label=substance_words(restriction))
    phrase = catalog(v.language).get(f"recommend.restriction.{restriction}")
    return phrase or v.say("restriction.verb", label=concept_label(restriction, lexicon, v.language))


def excluded_by_restriction(
    v: Voice, lexicon: Lexicon, kind: str, content: str, restriction: str, fact: FactRecord, evidence: Evidence | None,
    suited: str = "",
) -> str:
    """Why a restriction rules an item out, citing the note; a restriction implied rather than stated (a faith
    told by its festivals, a presumed custom) says it was implied."""
    phrase = restriction_phrase(v, lexicon, restriction)
    if fact.confidence < 1.0:
        phrase = v.say("restriction.implied", restriction=phrase)  # read from practice, not said outright
    return v.say(
        f"excluded.{kind}", content=concept_label(content, lexicon, v.language),
        restriction=phrase, cite=cite(v, fact),
        evidence=evidence.text if evidence else "", suited=suited,
    )


def _fmt(amount: object) -> str:
    text_ = f"{amount:f}" if hasattr(amount, "is_nan") else str(amount)
    return text_.rstrip("0").rstrip(".") if "." in text_ else text_
