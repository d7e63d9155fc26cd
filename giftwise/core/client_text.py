"""The one guard on words that reach a client: stories, cards, touch scripts, dispute replies.

A client reads these in their own language, spoken to in the second person, signed by the rep.
They must never carry our scores, costs, thresholds, approvals, relationship stages or citations
of our notes. ``problems`` names what is wrong in a text (tests and the last-resort line filter
use it); ``client_reason`` turns a rep's or the recommender's reason into a clause fit for the
client, or nothing (never a caution, penalty or fit label of ours: ``not_a_reason``);
``for_client`` says a catalog name written about "the client" or "送礼人" to the client;
``signature`` signs with the rep's name and company in the client's language.
The internal terms are data (``giftwise/data/client/words.json``), so a team can add its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from giftwise.core.i18n import catalog, normalize_language

# Numbers a client must never see: a score or share (0.77, 1.00), an amount with its currency,
# "2 × item" stock-keeping notation.
_SCORE = re.compile(r"(?<![\d.])\d\.\d{2,}(?!\d)(?!\s*(?:kg|公斤|千克))")
_AMOUNT = re.compile(
    r"\d[\d,]*(?:\.\d+)?\s*(?:CNY|USD|EUR|GBP|HKD|JPY|RMB|元|美元|块钱)|[¥￥$€£]\s*\d", re.IGNORECASE
)
_TIMES = re.compile(r"\d\s*[×✕]\s*\S")
_REPEATED = re.compile(r"\b(\w+)\s+of\s+\1\b", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,.;:!?]+[A-Za-z][A-Za-z'’-]*){3,}")
_QUOTE = re.compile(r"[“”\"「」『』]")
# A recommender reason cites its source for the salesperson ("（2026-11-01 的笔记）", "(note of 2026-11-01)").
_CITATION = re.compile(r"\s*[（(](?:[^（）()]*的笔记|note of [^()]*)[）)]")
_LEADING_BECAUSE = re.compile(r"^(?:因为|because\s+)", re.IGNORECASE)
_CLAUSES = re.compile(r"\s*[;；]\s*")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_CLAUSE_END = "。.!！;；，, "


def _data() -> dict[str, object]:
    path = resources.files("giftwise") / "data" / "client" / "words.json"
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _words() -> dict[str, dict[str, list[re.Pattern[str]]]]:
    groups = ("internal", "third_person", "sales")
    data = _data()
    return {
        group: {lang: [re.compile(p, re.IGNORECASE) for p in patterns] for lang, patterns in by_lang.items()}
        for group in groups if isinstance(by_lang := data[group], dict)
    }


@cache
def _not_a_reason_parts(language: str) -> tuple[tuple[str, ...], ...]:
    # The fixed words of each clause of each listed message; its placeholders may hold anything.
    keys = _data()["not_a_reason"]
    templates = catalog(language)
    assert isinstance(keys, list)
    clauses = [c for key in keys if key in templates for c in _CLAUSES.split(templates[key])]
    parts = (tuple(_PLACEHOLDER.split(_LEADING_BECAUSE.sub("", c.strip()).strip(_CLAUSE_END))) for c in clauses)
    return tuple(p for p in parts if len("".join(p).strip(_CLAUSE_END)) >= 2)


@cache
def _not_a_reason(language: str) -> list[re.Pattern[str]]:
    return [re.compile(".+?".join(re.escape(part) for part in parts), re.IGNORECASE)
            for parts in _not_a_reason_parts(language)]


def not_a_reason(clause: str, language: str) -> bool:
    """Whether ``clause`` is one of our cautions, penalties, exclusions or fit labels, never the client's "because"."""
    text = _LEADING_BECAUSE.sub("", clause.strip()).strip(_CLAUSE_END)
    return any(p.fullmatch(text) for p in _not_a_reason(normalize_language(language)))


def not_a_reason_wording(language: str) -> list[str]:
    """The fixed words (four characters or more) of our cautions, penalties and fit labels, for a client text check."""
    return [part for parts in _not_a_reason_parts(normalize_language(language)) for part in parts
            if len(part.strip(_CLAUSE_END)) >= 4]


def for_client(text: str, language: str) -> str:
    """``text`` (a catalog name, story or tip) said to the client: "the client's" becomes "your", "送礼人" "我"..."""
    rules = _data()["for_client"]
    assert isinstance(rules, dict)
    for pattern, replacement in rules[normalize_language(language)]:
        text = re.sub(pattern, replacement, text or "", flags=re.IGNORECASE)
    return text


def _blank(text: str, quoted: Iterable[str]) -> str:
    # Names, the item's own story and an amount meant for the client are theirs to read: check around them.
    for part in sorted({q for q in quoted if q}, key=len, reverse=True):
        text = text.replace(part, " ")
    return text


def problems(text: str, language: str, *, quoted: Iterable[str] = ()) -> list[str]:
    """Each fragment of ``text`` a client must not read (internal term, score, amount, third person...).

    ``quoted`` are parts that belong to the client's text as they are (names, the item's own
    story and usage tip, an amount offered to the client); they are not checked.
    """
    lang = normalize_language(language)
    body = _blank(text, quoted)
    found: list[str] = []
    words = _words()
    for group in ("internal", "third_person"):
        found += [m.group(0) for p in words[group][lang] for m in p.finditer(body)]
    for pattern in (_SCORE, _AMOUNT, _TIMES, _REPEATED):
        found += [m.group(0) for m in pattern.finditer(body)]
    if lang == "en":
        found += _CJK.findall(body)
    else:
        found += _LATIN_RUN.findall(body)
    return found


def sales_lines(text: str, language: str) -> list[str]:
    """The closing sales lines in ``text`` ("in your next order", "下次订货"...) a reply must not end with."""
    return [m.group(0) for p in _words()["sales"][normalize_language(language)] for m in p.finditer(text)]


def client_reason(reason: str | None, language: str) -> str:
    """The clauses of ``reason`` a client may read, as one clause without its "because"; "" when none is fit.

    A clause that quotes our notes, speaks of the client in the third person, carries a number
    or an internal term, is one of our cautions, penalties or fit labels, or is written in the
    other language is left out.
    """
    kept: list[str] = []
    for raw in _CLAUSES.split(_CITATION.sub("", reason or "")):
        clause = _LEADING_BECAUSE.sub("", raw.strip()).strip().rstrip("。.!！;；，,")
        if not clause or _QUOTE.search(clause) or problems(clause, language) or not_a_reason(clause, language):
            continue
        if normalize_language(language) == "en" and not re.search(r"[A-Za-z]", clause):
            continue
        if normalize_language(language) == "zh" and not _CJK.search(clause):
            continue
        kept.append(clause)
    return ("，" if normalize_language(language) == "zh" else ", ").join(kept)


def keep_fit_lines(text: str, language: str, *, quoted: Iterable[str] = ()) -> str:
    """``text`` without the lines a client must not read: the last guard after a user-edited template."""
    names = list(quoted)
    return "\n".join(line for line in text.splitlines() if not problems(line, language, quoted=names))


def in_language(text: str, language: str) -> str:
    """The part of a bilingual name written "中文 (English)" that suits ``language``; the name as it is otherwise."""
    match = re.fullmatch(r"\s*(.+?)\s*[(（]\s*(.+?)\s*[)）]\s*", text or "")
    if match is None:
        return (text or "").strip()
    zh_first = bool(_CJK.search(match.group(1)))
    first, second = match.group(1), match.group(2)
    if normalize_language(language) == "zh":
        return first if zh_first else second
    return second if zh_first else first


def signature(display_name: str, company: str, language: str) -> str:
    """How the rep signs to a client: their name and company in the client's language ("张伟 · 宏远贸易")."""
    parts = [in_language(display_name, language), in_language(company, language)]
    return " · ".join(p for p in parts if p)
