"""Life stage and age: whom an item is made for, and how old the children a note speaks of are.

An item says its age range in its own words ("ages 8+", "3-6岁", "0-12个月", "grades 1-3", "for
toddlers", "适合小学生", "孕妇" before birth); a note says a child's age ("儿子十岁", "turns one",
"上一年级", "baby girl born", "儿子今年毕业"). A reading is dated by its note and grows older with
the calendar, so a pregnancy noted half a year ago is a newborn today. The words for stages are data
(``giftwise/data/understanding/ages.json``); numbers are read here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from giftwise.understanding.facts import FactRecord
from giftwise.understanding.text import to_simplified

# An open-ended range ("ages 8+") runs to this age.
OPEN_END = 99.0
# Baby things from under this age (half a year) are for a baby on its way too.
NEWBORN = 0.5
# Months a pregnancy lasts.
PREGNANCY_MONTHS = 9
# From this age a child is grown up.
ADULT = 18.0
# A clause longer than this says more than ages (and the pattern need not try it).
AGES_ONLY_LENGTH = 40
# A fact about these concepts may carry a child's age (besides any fact whose holder is a child).
AGE_CONCEPTS = frozenset({"kids", "baby", "pregnancy", "exam_success", "student_life", "newborn"})

_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10}
_NUM = r"(\d{1,2}|[零一二两三四五六七八九十]{1,3})"
_EN_NUM = r"(\d{1,2}|" + "|".join(_EN_NUMBERS) + r")"
_DASH = r"\s*(?:-|–|—|~|～|至|到|to)\s*"

# Item side: (pattern, unit) where unit turns the numbers into years; "open" ranges end at OPEN_END.
_ITEM_RANGES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(\d{1,2})" + _DASH + r"(\d{1,2})\s*(?:个)?月"), 1 / 12),
    (re.compile(r"(\d{1,2})" + _DASH + r"(\d{1,2})\s*months?(?![a-z])"), 1 / 12),
    (re.compile(r"(\d{1,2})" + _DASH + r"(\d{1,2})\s*(?:周)?岁"), 1.0),
    (re.compile(r"(?<![a-z])ages?\s*(\d{1,2})" + _DASH + r"(\d{1,2})(?!\d)"), 1.0),
    (re.compile(r"(\d{1,2})" + _DASH + r"(\d{1,2})\s*(?:years?|yrs?)(?![a-z])"), 1.0),
)
_ITEM_OPEN: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(\d{1,2})\s*(?:个)?月\s*(?:以上|及以上|\+)"), 1 / 12),
    (re.compile(r"(\d{1,2})\s*months?\s*(?:\+|and up|and over|and older)"), 1 / 12),
    (re.compile(r"(\d{1,2})\s*(?:周)?岁\s*(?:以上|及以上|\+)"), 1.0),
    (re.compile(r"(?<![a-z])ages?\s*(\d{1,2})\s*(?:\+|and up|and over|and older|or older)"), 1.0),
    (re.compile(r"(?<![\d.])(\d{1,2})\s*\+(?!\s*(?:players?|people|persons|guests|hours|h\b|人|小时))"), 1.0),
    (re.compile(r"(\d{1,2})\s*(?:years?|yrs?)\s*(?:\+|and up|and over|and older)"), 1.0),
)
_ITEM_GRADES = (
    re.compile(r"grades?\s*(\d{1,2})" + _DASH + r"(\d{1,2})"),
    re.compile(r"([一二三四五六])\s*(?:-|–|~|～|至|到)\s*([一二三四五六])\s*年级"),
)

# People side: a number of years or months, or an n-th birthday. Several children's ages may be listed
# ("aged 4 and 10", "5、8岁"), or given bare after the children ("two kids, 7 and 9", "her boys (6, 11)").
_ANY_NUM = r"(?:\d{1,2}(?!\d)|[零一二两三四五六七八九十]{1,3}|(?<![a-z])(?:" + "|".join(_EN_NUMBERS) + r")(?![a-z]))"
_SEP = r"\s*(?:,|，|、|&|/|and|和|与|跟)\s*"
_LIST = r"(" + _ANY_NUM + r"(?:" + _SEP + _ANY_NUM + r")*)"
_PERSON_YEARS = (
    re.compile(_LIST + r"\s*(?:周)?岁"),
    re.compile(_LIST + r"[\s-]*(?:years?|yrs?)[\s-]*old"),
    re.compile(r"(?<![a-z])aged?s?\s+" + _LIST + r"(?![\d])"),
    re.compile(r"(?<![a-z])turn(?:s|ed|ing)?\s+" + _EN_NUM + r"(?![\d])"),
    re.compile(r"(?<![a-z])is\s+" + _EN_NUM + r"\s+(?:now|this year)"),
)
_PERSON_MONTHS = (
    re.compile(_LIST + r"\s*个月"),
    re.compile(_LIST + r"[\s-]*months?[\s-]*old"),
)
# Bare ages: a list standing alone between the children's word and the end or a bracket.
_PERSON_BARE = re.compile(r"[,，(（:：]\s*" + _LIST + r"\s*(?:[)）;；]|$)")
# A clause that only tells ages ("7 and 9", "一个5岁", "the younger 3 months old"), so it belongs to the children
# named in the clause before it.
_AGE_ITEM = (
    r"(?:(?:one|the other|another|the older|the younger|older|younger|aged|ages|respectively|分别是|分别|"
    r"一个|另一个|大的|小的|是)\s*)*" + _LIST
    + r"\s*(?:(?:周)?岁了?|(?:years?|yrs?)(?:[\s-]*old)?|个月了?|months?(?:[\s-]*old)?)?"
)
_AGES_ONLY = re.compile(_AGE_ITEM + r"(?:(?:" + _SEP + r")?" + _AGE_ITEM + r")*\s*[)）]?\s*(?:respectively|分别)?")
_NUMBER_IN_LIST = re.compile(_ANY_NUM)
_PERSON_BIRTHDAY = (
    re.compile(r"(?<![a-z])(" + "|".join(_EN_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))\s+birthday"),
    re.compile(_NUM + r"\s*(?:周岁|岁)?\s*生日"),
)


@dataclass(frozen=True, slots=True)
class AgeRange:
    """Whom an item is made for, in years (negative: before birth), with the words it was read from."""

    low: float
    high: float
    words: tuple[str, ...] = ()

    def distance(self, age: float, far: float) -> float:
        """How many years ``age`` lies outside the range (0 inside it): ``far`` at least for maternity goods once
        the baby is born, and 0 for baby goods while it is on its way."""
        if age < 0 and self.low <= NEWBORN and self.high >= 0:
            return 0.0  # a baby on its way is given what it will need first
        off = max(0.0, self.low - age, age - self.high)
        if off and self.high < 0 <= age:
            return max(off, far)
        return off

    def fits_adults_only_by_default(self, age: float) -> bool:
        """True when ``age`` is an adult's and the range only holds it by being open-ended ("ages 7 and up"):
        such an item is made for children first, so it neither fits nor misfits an adult child."""
        return age >= ADULT and self.high >= OPEN_END and self.low < ADULT


@dataclass(frozen=True, slots=True)
class AgeReading:
    """A child's age as a note told it: years on the note's date, and the words."""

    years: float
    observed_on: date
    words: str

    def on(self, day: date) -> float:
        """The age on ``day`` (a reading grows older with the calendar)."""
        return self.years + (day - self.observed_on).days / 365.25


@cache
def knowledge() -> dict[str, Any]:
    """The stage words (``giftwise/data/understanding/ages.json``)."""
    path = resources.files("giftwise") / "data" / "understanding" / "ages.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def fingerprint() -> str:
    """A short digest of the stage words, for caches of analysed items."""
    import hashlib

    path = resources.files("giftwise") / "data" / "understanding" / "ages.json"
    return hashlib.sha1(path.read_bytes()).hexdigest()[:12]


def _fold(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text).lower().replace("’", "'"))


def _number(text: str) -> int | None:
    """An Arabic, Chinese (一 to 九十九) or English number word as an int."""
    if text.isdigit():
        return int(text)
    if text in _EN_NUMBERS:
        return _EN_NUMBERS[text]
    if text in _EN_ORDINALS:
        return _EN_ORDINALS[text]
    ordinal = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", text)
    if ordinal:
        return int(ordinal.group(1))
    if not text or any(ch not in _ZH_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _ZH_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_ZH_DIGITS.get(tens, 0) if tens else 1) * 10 + (_ZH_DIGITS.get(ones, 0) if ones else 0)
    return value if tens in ("", *_ZH_DIGITS) and ones in ("", *_ZH_DIGITS) else None


@cache
def _word_pattern(words: tuple[str, ...], english: bool) -> re.Pattern[str]:
    parts = [re.escape(_fold(w)) for w in sorted(words, key=len, reverse=True)]
    if english:
        parts = [r"(?<![a-z0-9])" + p + r"(?![a-z0-9])" for p in parts]
    return re.compile("|".join(parts) if parts else r"(?!x)x")


def _stage_words(spec: Mapping[str, Any], text: str) -> str | None:
    """The longest of a stage's words found in ``text`` (folded), or None."""
    found = [hit.group(0) for language in ("en", "zh")
             for hit in _word_pattern(tuple(spec.get(language, ())), language == "en").finditer(text)]
    return max(found, key=len) if found else None


def item_age_range(texts: Iterable[str]) -> AgeRange | None:
    """The ages an item is made for, read from its name, description, category and tags (None: for anyone).

    Several readings ("newborn", "0-6 months") are joined into the range that holds them all."""
    lows: list[float] = []
    highs: list[float] = []
    words: list[str] = []
    for raw in texts:
        shown = without_warnings(raw)
        text = _fold(shown)
        for pattern, unit in _ITEM_RANGES:
            for found in pattern.finditer(text):
                low, high = int(found.group(1)) * unit, int(found.group(2)) * unit
                if low <= high <= 30:
                    lows.append(low)
                    highs.append(high + (unit if unit < 1 else 0.99))
                    words.append(_as_written(shown, text, found.group(0)))
        for pattern, unit in _ITEM_OPEN:
            for found in pattern.finditer(text):
                low = int(found.group(1)) * unit
                if low <= 21 and not _after_a_rating(text, found.start()):
                    lows.append(low)
                    highs.append(OPEN_END)
                    words.append(_as_written(shown, text, found.group(0)))
        for pattern in _ITEM_GRADES:
            for found in pattern.finditer(text):
                first, last = _number(found.group(1)), _number(found.group(2))
                if first is not None and last is not None and 1 <= first <= last <= 12:
                    lows.append(first + 5.0)
                    highs.append(last + 6.99)
                    words.append(_as_written(shown, text, found.group(0)))
        for spec in knowledge()["items"].values():
            word = _stage_words(spec, text)
            if word:
                lows.append(float(spec["range"][0]))
                highs.append(float(spec["range"][1]))
                words.append(_as_written(shown, text, word))
    if not lows:
        return None
    return AgeRange(min(lows), max(highs), tuple(dict.fromkeys(words)))


def _as_written(raw: str, folded: str, word: str) -> str:
    """``word`` (found in ``folded``) in ``raw``'s own characters, so a Traditional label is shown as written."""
    at = folded.find(word)
    return raw[at:at + len(word)] if at >= 0 and len(raw) == len(folded) else word


_CLAUSE_BREAK = re.compile(r"[。！？!?；;\n，,：:（）()\[\]【】]|\.(?!\d)")


def warning_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The clauses of an item's ``text`` (offsets as written) that name an age only to warn it off ("not for
    infants under 12 months", "三岁以下儿童勿食") or as someone else near the user ("safe around babies"): they
    say nothing of whom the item is for."""
    warnings = knowledge().get("warnings", {})
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]:
        if end > start and _stage_words(warnings, _fold(text[start:end])):
            spans.append((start, end))
        start = end + 1
    return tuple(spans)


def without_warnings(text: str) -> str:
    """``text`` with its warning clauses (see ``warning_spans``) blanked, every other offset kept."""
    for start, end in warning_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _after_a_rating(text: str, at: int) -> bool:
    """True when the word just before ``at`` names a grading scale ("UMF 15+", "SPF 50+"), not an age."""
    before = re.search(r"([a-z]+)\s*$", text[:at])
    return before is not None and before.group(1) in knowledge().get("ratings", ())


def ages_in_text(text: str) -> tuple[float, ...]:
    """The ages in years of the children one clause of a note speaks of, in the order written: a pregnancy's or
    a birthday's one age, else every number of months or years (listed or bare after the children), else the
    age a stage word tells; () when it tells none."""
    folded = _fold(text)
    prenatal = knowledge()["people"]["prenatal"]
    if _stage_words(prenatal, folded):
        # "怀孕四个月" is four months into the pregnancy, not a four-month-old.
        for pattern in _PERSON_MONTHS:
            found = pattern.search(folded)
            if found and (n := _number(found.group(1))) is not None and n <= PREGNANCY_MONTHS:
                return (-(PREGNANCY_MONTHS - n) / 12,)
        return (float(prenatal["age"]),)
    for pattern in _PERSON_BIRTHDAY:
        found = pattern.search(folded)
        if found and (n := _number(found.group(1))) is not None and n <= 30:
            return (float(n),)
    ages = _listed_ages(folded)
    if ages:
        return ages
    # The longest stage phrase tells the stage: "graduating high school" is a school leaver, not a graduate.
    told = [(len(word), float(spec["age"])) for spec in knowledge()["people"].values()
            if (word := _stage_words(spec, folded))]
    return (max(told, key=lambda t: t[0])[1],) if told else ()


def _listed_ages(folded: str) -> tuple[float, ...]:
    """Every child's age stated as a number of months or years, or as bare numbers after the children."""
    found: list[tuple[int, float]] = []
    readings = [(p, 1 / 12, 36) for p in _PERSON_MONTHS] + [(p, 1.0, 30) for p in _PERSON_YEARS]
    for pattern, unit, most in [*readings, (_PERSON_BARE, 1.0, ADULT)]:
        for match in pattern.finditer(folded):
            for number in _NUMBER_IN_LIST.finditer(match.group(1)):
                n = _trailing_number(number.group(0))
                if n is not None and n <= most:
                    found.append((match.start(1) + number.start(), n * unit))
    by_place = dict(sorted(found))
    return tuple(dict.fromkeys(by_place.values()))


def _trailing_number(text: str) -> int | None:
    """The number ``text`` ends with: "二六" after "老" is the second child's six ("老二六岁")."""
    for start in range(len(text)):
        n = _number(text[start:])
        if n is not None:
            return n
    return None


def is_ages_only(text: str) -> bool:
    """True when a clause only tells ages ("7 and 9", "一个5岁", "aged 4"): it speaks of the children named
    just before it."""
    folded = _fold(text).strip()
    return len(folded) <= AGES_ONLY_LENGTH and _AGES_ONLY.fullmatch(folded) is not None


def child_ages(facts: Iterable[FactRecord]) -> tuple[AgeReading, ...]:
    """The ages of the children (or the baby on its way) the facts quote, one reading per quoted clause."""
    seen: dict[str, tuple[AgeReading, ...]] = {}
    for fact in facts:
        if not fact.source_text or fact.source_text in seen or fact.origin != "extracted":
            continue
        if fact.concept not in AGE_CONCEPTS and fact.holder != "child":
            continue
        ages = ages_in_text(fact.source_text)
        if ages:
            seen[fact.source_text] = tuple(AgeReading(y, fact.observed_on, fact.source_text) for y in ages)
    return tuple(r for readings in seen.values() for r in readings)

