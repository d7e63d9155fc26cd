"""The bilingual concept lexicon: data files under ``giftwise/data/lexicon/``, compiled once per process.

A concept has Chinese and English surface forms (for notes, for catalog items, or both), a kind
(interest, need, event, restriction, content, trait, status, family, pet), a place in a small
hierarchy (``parent``), and what it implies: what a negated mention means ("doesn't drink" ->
restriction no_alcohol), what an item mentioning it contains (alcohol, pork, nuts...), which
needs it serves, how fast a fact about it fades. Cue words (negation, dislike, allergy, wish,
saturation...) live in ``cues.json``. The lexicon is versioned (``manifest.json``) so stored facts
can be re-read when it changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from giftwise.core import cache as disk_cache
from giftwise.core.i18n import msg
from giftwise.understanding.text import HAN, Token, latin_tokens, normalize_text

KINDS = ("interest", "need", "event", "restriction", "content", "trait", "status", "family", "pet")
# How much a match counts when one concept is an ancestor of the other. An item about golf serves a
# sports lover well (item more specific); a generic "sports" item serves a golf fan a little.
ITEM_MORE_SPECIFIC = (0.7, 0.5)
ITEM_MORE_GENERAL = (0.2, 0.1)
# A Chinese word that merely contains a lexicon form ("钓鱼竿" ~ "钓鱼") counts this much.
PARTIAL_WORD = 0.7


@dataclass(frozen=True, slots=True)
class Effect:
    """What a mention turns into: a fact ``kind`` about ``concept`` (e.g. restriction no_alcohol)."""

    kind: str
    concept: str

    @classmethod
    def parse(cls, text: str) -> Effect:
        """Read "kind:concept"."""
        kind, _, concept = text.partition(":")
        return cls(kind.strip(), concept.strip())


@dataclass(slots=True)
class Concept:
    """One entry of the lexicon (see module docstring)."""

    id: str
    kind: str
    label: dict[str, str]
    parent: str | None = None
    half_life: float | None = None
    bare: float | None = None
    negated: Effect | None = None
    disliked: Effect | None = None
    allergic: Effect | None = None
    implies: list[Effect] = field(default_factory=list)
    contains: list[str] = field(default_factory=list)
    accessory_of: list[str] = field(default_factory=list)
    absorbs: list[str] = field(default_factory=list)
    masks: list[str] = field(default_factory=list)
    serves: dict[str, float] = field(default_factory=dict)
    commonplace: float = 0.0
    festival: str | None = None
    fields: tuple[str, ...] | None = None
    forbids: dict[str, list[str]] = field(default_factory=dict)
    suited_by: list[str] = field(default_factory=list)
    liftable: bool = False
    # A restriction no "used to" or "quit" ends: an addiction in recovery still rules out what feeds it.
    lasting: bool = False
    unless_followed_by: list[str] = field(default_factory=list)
    occasions: dict[str, float] = field(default_factory=dict)
    # Events this one closes when it is the newer news (a birth ends the pregnancy).
    ends: list[str] = field(default_factory=list)
    # Restrictions an ended event implied that the person keeps while this newer one is ``keeps_days`` old or
    # less (a new mother, likely nursing, still drinks no alcohol after the birth ends the pregnancy).
    keeps: list[str] = field(default_factory=list)
    keeps_days: float = 0.0
    traits: list[str] = field(default_factory=list)
    # Concepts a note mention of this one overrules where their words overlap ("公司乔迁" is no new home).
    covers: list[str] = field(default_factory=list)

    def name(self, language: str) -> str:
        """The concept's label in ``language``."""
        return self.label.get(language) or self.label.get("en") or self.id


@dataclass(slots=True)
class Index:
    """Surface forms of one side (notes or items): Latin token tuples and Chinese strings -> concept ids."""

    latin: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    han: dict[str, list[str]] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    max_latin: int = 1
    max_han: int = 1

    def add(self, form: str, concept: str) -> None:
        """Register ``form`` (either language) as a surface of ``concept``."""
        form = normalize_text(form).strip()
        if not form:
            return
        if HAN.fullmatch(form):
            bucket = self.han.setdefault(form, [])
            self.max_han = max(self.max_han, len(form))
        else:
            key = tuple(t.norm for t in latin_tokens(form))
            if not key:
                return
            bucket = self.latin.setdefault(key, [])
            self.max_latin = max(self.max_latin, len(key))
        if concept not in bucket:
            bucket.append(concept)


@dataclass(slots=True, eq=False)
class Lexicon:
    """The compiled lexicon: concepts, the note and item indexes, cue words, free-of forms."""

    version: str
    concepts: dict[str, Concept]
    note: Index
    item: Index
    cues: Index
    free: Index
    item_cues: Index
    words: dict[str, set[str]]
    aliases: dict[str, str]

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with ``concept_id`` (or one of its aliases), if known."""
        return self.concepts.get(concept_id) or self.concepts.get(self.aliases.get(concept_id, ""))

    def ancestors(self, concept_id: str) -> list[str]:
        """Parent, grandparent... of ``concept_id`` (nearest first, cycles cut)."""
        out: list[str] = []
        current = self.concepts.get(concept_id)
        while current is not None and current.parent and current.parent not in out and len(out) < 6:
            out.append(current.parent)
            current = self.concepts.get(current.parent)
        return out

    def relation(self, profile_concept: str, item_concept: str) -> float:
        """How much an item about ``item_concept`` answers a person's ``profile_concept`` (0..1)."""
        if profile_concept == item_concept:
            return 1.0
        up = self.ancestors(item_concept)
        if profile_concept in up[:2]:
            return ITEM_MORE_SPECIFIC[up.index(profile_concept)]
        down = self.ancestors(profile_concept)
        if item_concept in down[:2]:
            return ITEM_MORE_GENERAL[down.index(item_concept)]
        return 0.0

    def han_vocabulary(self) -> set[str]:
        """Every Chinese form and cue, for the segmenter's dictionary."""
        indexes = (self.note, self.item, self.cues, self.free, self.item_cues)
        return {form for index in indexes for form in index.han}


def _effects(raw: Any) -> list[Effect]:
    if not raw:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [Effect.parse(x) for x in items]


def _concept(raw: dict[str, Any]) -> Concept:
    def one(key: str) -> Effect | None:
        return Effect.parse(raw[key]) if raw.get(key) else None

    return Concept(
        id=raw["id"], kind=raw["kind"], label=raw.get("label") or {"en": raw["id"], "zh": raw["id"]},
        parent=raw.get("parent"), half_life=raw.get("half_life"), bare=raw.get("bare"),
        negated=one("negated"), disliked=one("disliked"), allergic=one("allergic"),
        implies=_effects(raw.get("implies")), contains=list(raw.get("contains", [])),
        accessory_of=list(raw.get("accessory_of", [])), absorbs=list(raw.get("absorbs", [])),
        masks=list(raw.get("masks", [])),
        serves=dict(raw.get("serves", {})), commonplace=float(raw.get("commonplace", 0.0)),
        festival=raw.get("festival"), fields=tuple(raw["fields"]) if raw.get("fields") else None,
        forbids=dict(raw.get("forbids", {})), suited_by=list(raw.get("suited_by", [])),
        liftable=bool(raw.get("liftable", False)), lasting=bool(raw.get("lasting", False)),
        unless_followed_by=list(raw.get("unless_followed_by", [])),
        occasions=dict(raw.get("occasions", {})), traits=list(raw.get("traits", [])),
        ends=list(raw.get("ends", [])), covers=list(raw.get("covers", [])),
        keeps=list(raw.get("keeps", [])), keeps_days=float(raw.get("keeps_days", 0.0)),
    )


def _read(name: str) -> Any:
    path = resources.files("giftwise") / "data" / "lexicon" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _index_concept(raw: dict[str, Any], note: Index, item: Index, free: Index) -> None:
    cid = raw["id"]
    for language in ("zh", "en"):
        for form in raw.get(language, []):
            note.add(form, cid)
            item.add(form, cid)
        for form in raw.get("note", {}).get(language, []):
            note.add(form, cid)
        for form in raw.get("item", {}).get(language, []):
            item.add(form, cid)
        for form in raw.get("free", {}).get(language, []):
            free.add(form, cid)
        for side, index in (("patterns", note), ("item_patterns", item)):
            for pattern in raw.get(side, {}).get(language, []):
                index.patterns.append((re.compile(pattern, re.IGNORECASE), cid))


def lexicon_fingerprint(lexicon: Lexicon) -> str:
    """A short digest of the lexicon's data files and version, for caches keyed on what it understands."""
    return _fingerprint() + lexicon.version


@cache
def _fingerprint() -> str:
    digest = hashlib.sha1()
    folder = resources.files("giftwise") / "data" / "lexicon"
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".json")):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


@cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon, compiled once per process (and cached on disk between processes)."""
    name = f"lexicon-{_fingerprint()}.pickle"
    cached = disk_cache.load(name)
    if isinstance(cached, Lexicon):
        return cached
    lexicon = compile_lexicon()
    disk_cache.store(name, lexicon)
    return lexicon


def compile_lexicon() -> Lexicon:
    """Read and compile the lexicon's data files (see ``manifest.json``)."""
    manifest = _read("manifest.json")
    concepts: dict[str, Concept] = {}
    note, item, cues, free, item_cues = Index(), Index(), Index(), Index(), Index()
    aliases: dict[str, str] = {}
    for name in manifest["files"]:
        for raw in _read(name)["concepts"]:
            if raw["id"] in concepts:
                raise ValueError(msg("understanding.concept_defined_twice_lexicon", id=raw['id'], name=name))
            concepts[raw["id"]] = _concept(raw)
            _index_concept(raw, note, item, free)
            for alias in raw.get("aliases", []):
                aliases[alias] = raw["id"]
    cue_data = _read(manifest["cues"])
    words: dict[str, set[str]] = {}
    for cue_type, by_language in cue_data["cues"].items():
        for language in ("zh", "en"):
            for form in by_language.get(language, []):
                cues.add(form, cue_type)
    for cue_type in ("negate", "scope_end"):
        for language in ("zh", "en"):
            for form in cue_data["item"][cue_type].get(language, []):
                item_cues.add(form, cue_type)
    for group, by_language in cue_data["words"].items():
        words[group] = {t.norm for lang in ("zh", "en") for w in by_language.get(lang, []) for t in _tokens_of(w)}
    return Lexicon(manifest["version"], concepts, note, item, cues, free, item_cues, words, aliases)


def _tokens_of(word: str) -> list[Any]:
    if HAN.fullmatch(word):
        return [Token(word, 0, len(word), han=True)]
    return list(latin_tokens(word))
