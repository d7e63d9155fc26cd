"""What an item is made of and what it amounts to, read from its own words, each answer with its evidence.

This reader is deliberately independent of the concept lexicon (``giftwise/data/understanding/
attributes.json`` holds its words): the fail-safe guard re-reads every proposed item with it, so a
word the lexicon misses or misreads is caught by a second, simpler reading. Every attribute says
"yes", "no" or "unknown", the words it came from and a confidence; "unknown" is an honest answer
(a snack box that names no ingredients may hold nuts). A user's correction always wins.

Reading order for one content: an explicit "free of" phrase ("不含坚果", "sugar-free") says no; a
word that names it says yes (less sure in the description, and only "unknown" inside a flavour
note such as "brown-sugar notes"); otherwise the item's kind settles it (tea has no nuts, cookies
have gluten); otherwise an edible item is "unknown" and anything else contains nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from giftwise.understanding.text import to_simplified

Answer = Literal["yes", "no", "unknown"]
# How sure a content is absent when its only words name a material ("walnut board"): sure enough to overrule
# the lexicon's reading of the same word.
MATERIAL_NO = 0.8
FIELD_WEIGHT = {"name": 1.0, "category": 0.9, "tags": 0.9, "description": 0.7}
# A one-character Chinese word ("酒", "肉") is weaker evidence than a whole word ("白酒", "牛肉").
SINGLE_HAN = 0.6
# At or above this confidence a "yes" is certain enough to rule an item out; below it, only to warn.
SURE = 0.6
FLAVOUR_CONFIDENCE = 0.3
_CLAUSE = re.compile(r"[。，,;；.!?！？\n:：()（）\[\]【】|/]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Attribute:
    """One understood attribute: the answer, the words it came from, how sure, and who said so."""

    name: str
    answer: Answer
    words: tuple[str, ...] = ()
    confidence: float = 0.0
    source: Literal["inferred", "corrected"] = "inferred"

    @property
    def sure_yes(self) -> bool:
        """True when the item surely has it (a correction, or a word read with enough confidence)."""
        return self.answer == "yes" and (self.source == "corrected" or self.confidence >= SURE)

    @property
    def doubtful(self) -> bool:
        """True when it may have it: unknown, or named too weakly to be sure."""
        return self.answer == "unknown" or (self.answer == "yes" and not self.sure_yes)


@dataclass(slots=True)
class ItemAttributes:
    """Everything read about one item: contents, accessories, edibility, cash equivalence."""

    contents: dict[str, Attribute] = field(default_factory=dict)
    accessory_of: dict[str, Attribute] = field(default_factory=dict)
    edible: Attribute = field(default_factory=lambda: Attribute("edible", "unknown"))
    cash_equivalent: Attribute = field(default_factory=lambda: Attribute("cash_equivalent", "no"))
    kinds: tuple[str, ...] = ()
    # Symbolic meanings (clock, pear, funeral_flower, green_hat...) with the words that carry them.
    meanings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def content(self, name: str) -> Attribute:
        """The attribute for content ``name`` ("unknown" when this reader has no words for it)."""
        return self.contents.get(name) or Attribute(name, "unknown")

    def unknowns(self) -> list[str]:
        """The attributes this reader could not tell."""
        out = [name for name, a in self.contents.items() if a.answer == "unknown"]
        if self.edible.answer == "unknown":
            out.append("edible")
        return out


@dataclass(frozen=True, slots=True)
class _Hit:
    word: str
    field: str
    weight: float
    negated: bool
    flavour: bool


@cache
def knowledge() -> dict[str, Any]:
    """The attribute words (``giftwise/data/understanding/attributes.json``, with the cultural symbols of
    ``symbols.json`` joined to its meanings)."""
    folder = resources.files("giftwise") / "data" / "understanding"
    data: dict[str, Any] = json.loads((folder / "attributes.json").read_text(encoding="utf-8"))
    symbols = json.loads((folder / "symbols.json").read_text(encoding="utf-8"))
    data["meanings"] = {**data["meanings"], **symbols["meanings"]}
    return data


@cache
def fingerprint() -> str:
    """A short digest of the attribute words, for caches of analysed items."""
    import hashlib

    folder = resources.files("giftwise") / "data" / "understanding"
    digest = hashlib.sha1((folder / "attributes.json").read_bytes())
    digest.update((folder / "symbols.json").read_bytes())
    return digest.hexdigest()[:12]


def content_names() -> list[str]:
    """Every content this reader knows (alcohol, tobacco, pork, beef, meat, seafood, nuts..., animal materials)."""
    return list(knowledge()["contents"])


def fold(text: str) -> str:
    """Text as this reader compares it: NFKC-folded, lower-case, straight quotes, Traditional Chinese as Simplified."""
    return to_simplified(unicodedata.normalize("NFKC", text).lower().replace("’", "'"))


def item_fields(item: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, folded text) pairs of a portable item: both names, category, tags, both descriptions."""
    out: list[tuple[str, str]] = []
    for key in ("name", "description"):
        value = item.get(key) or {}
        texts = [value] if isinstance(value, str) else [str(v) for v in value.values() if v]
        out.extend((key, fold(t)) for t in texts)
    if item.get("category"):
        out.append(("category", fold(str(item["category"]))))
    tags = item.get("tags") or []
    if isinstance(tags, str):
        tags = re.split(r"[,;，；、|/]+", tags)
    out.extend(("tags", fold(str(t))) for t in tags if str(t).strip())
    return out


def read_attributes(item: Mapping[str, Any], corrections: Mapping[str, str] | None = None) -> ItemAttributes:
    """Every attribute of a portable item, with a user's ``corrections`` ({name: yes|no}) applied last."""
    data = knowledge()
    fields = item_fields(item)
    kinds = _kinds(fields, data["kinds"])
    out = ItemAttributes(kinds=tuple(kinds))
    named_any = False
    materials_named: dict[str, tuple[str, ...]] = {}
    for name, spec in data["contents"].items():
        read, materials = _without_materials(fields, spec)
        if materials:
            materials_named[name] = materials
        hits = _hits(read, spec["words"], _joined(spec.get("false_friends", _NONE), spec.get("accessory", _NONE)))
        hits += _strength_hits(fields, spec.get("strength"))
        if spec.get("material"):
            # What a thing is made of (leather, wool, silk), or is for (cards, perfume), says nothing about
            # food, and a thing that names none is not it.
            found = _content(name, hits, [], _NONE)
            out.contents[name] = found if found.answer != "unknown" else Attribute(name, "no", (), 0.5)
            continue
        named_any = named_any or any(not h.negated and not h.flavour for h in hits)
        out.contents[name] = _content(name, hits, kinds, data["kinds"])
        accessory = _hits(fields, spec.get("accessory", _NONE), _NONE)
        if accessory:
            best = max(accessory, key=lambda h: h.weight)
            out.accessory_of[name] = Attribute(name, "yes", tuple(dict.fromkeys(h.word for h in accessory)),
                                               round(best.weight, 2))
    out.contents.update(_warnings(fields, data["warnings"]))
    for child, parent in data.get("parents", {}).items():
        if out.contents[child].answer == "yes" and out.contents[parent].answer != "yes":
            out.contents[parent] = Attribute(parent, "yes", out.contents[child].words, out.contents[child].confidence)
    out.edible = _edible(fields, kinds, named_any, data)
    if out.edible.answer == "no":
        for name, attribute in list(out.contents.items()):
            if attribute.answer == "unknown":
                out.contents[name] = Attribute(name, "no", (), 0.6)
    for name, words in materials_named.items():
        if out.contents[name].answer != "yes":
            out.contents[name] = Attribute(name, "no", words, MATERIAL_NO)
    out.cash_equivalent = _cash(fields, data["cash_equivalent"])
    out.meanings = _meanings(fields, data["meanings"], out.contents, data["contents"])
    return apply_corrections(out, corrections or {})


def _without_materials(
    fields: list[tuple[str, str]], spec: Mapping[str, Any]
) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """The fields with a content's words blanked out where they name a material or a colour ("walnut board",
    "solid walnut", "胡桃木"), and the phrases blanked."""
    material = spec.get("as_material")
    if not material:
        return fields, ()
    pattern = _material_pattern(tuple(spec["words"].get("en", ())), tuple(spec["words"].get("zh", ())),
                                tuple(material["after"].get("en", ())), tuple(material["after"].get("zh", ())),
                                tuple(material.get("between", {}).get("en", ())),
                                tuple(material.get("before", {}).get("en", ())))
    found: list[str] = []
    out = []
    for field_name, text in fields:
        found.extend(m.group(0).strip() for m in pattern.finditer(text))
        out.append((field_name, pattern.sub(lambda m: " " * len(m.group(0)), text)))
    return out, tuple(dict.fromkeys(found))


@cache
def _material_pattern(words_en: tuple[str, ...], words_zh: tuple[str, ...], after_en: tuple[str, ...],
                      after_zh: tuple[str, ...], between: tuple[str, ...], before: tuple[str, ...]) -> re.Pattern[str]:
    def alternatives(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"

    en, zh = alternatives(words_en), alternatives(words_zh)
    parts = [rf"(?<![a-z0-9])(?:{en})(?:[\s-]+(?:{alternatives(between)}))?[\s-]+(?:{alternatives(after_en)})(?![a-z])",
             rf"(?<![a-z0-9])(?:{alternatives(before)})[\s-]+(?:{en})(?![a-z])",
             rf"(?:{zh})(?:{alternatives(after_zh)})"]
    return re.compile("|".join(parts))


def apply_corrections(attributes: ItemAttributes, corrections: Mapping[str, str]) -> ItemAttributes:
    """``attributes`` with each correction ({"nuts": "no", "cash_equivalent": "yes"}) winning over the reading."""
    for name, answer in corrections.items():
        if answer not in ("yes", "no", "unknown"):
            continue
        fixed = Attribute(name, answer, ("(corrected)",), 1.0, "corrected")  # type: ignore[arg-type]
        if name.startswith("meaning:"):
            meaning = name.split(":", 1)[1]
            if answer == "no":
                attributes.meanings.pop(meaning, None)
            elif answer == "yes":
                attributes.meanings[meaning] = ("(corrected)",)
            continue
        if name == "edible":
            attributes.edible = fixed
        elif name == "cash_equivalent":
            attributes.cash_equivalent = fixed
        elif name.startswith("accessory:"):
            attributes.accessory_of[name.split(":", 1)[1]] = Attribute(name.split(":", 1)[1], fixed.answer,
                                                                       fixed.words, 1.0, "corrected")
        else:
            attributes.contents[name] = fixed
    return attributes


def _content(name: str, hits: list[_Hit], kinds: list[str], kind_specs: Mapping[str, Any]) -> Attribute:
    negated = [h for h in hits if h.negated]
    if negated:
        return Attribute(name, "no", _words(negated), 0.9)
    plain = [h for h in hits if not h.flavour]
    if plain:
        return Attribute(name, "yes", _words(plain), round(max(h.weight for h in plain), 2))
    says = [kind_specs[k] for k in kinds]
    if any(name in spec.get("yes", []) for spec in says):
        return Attribute(name, "yes", tuple(k for k in kinds if name in kind_specs[k].get("yes", [])), 0.7)
    if says and all(name in spec.get("no", []) for spec in says):
        return Attribute(name, "no", tuple(kinds), 0.7)
    if hits:  # named only in a flavour note: "brown-sugar notes" may or may not mean sugar
        return Attribute(name, "unknown", _words(hits), FLAVOUR_CONFIDENCE)
    return Attribute(name, "unknown")


def _words(hits: Iterable[_Hit]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h.word for h in hits))


def _edible(fields: list[tuple[str, str]], kinds: list[str], named_any: bool, data: Mapping[str, Any]) -> Attribute:
    if kinds:
        return Attribute("edible", "yes", tuple(kinds), 0.8)
    things = _hits([(f, t) for f, t in fields if f == "name"], data["not_edible"], _NONE)
    if things:
        return Attribute("edible", "no", _words(things), 0.6)
    food = _hits(fields, data["edible"], _NONE)
    if food or named_any:
        return Attribute("edible", "yes", _words(food) or ("(contents named)",), 0.6)
    return Attribute("edible", "no", (), 0.5)


def _cash(fields: list[tuple[str, str]], spec: Mapping[str, Any]) -> Attribute:
    hits = [h for h in _hits(fields, spec["words"], spec.get("false_friends", _NONE)) if not h.negated]
    hits = hits or _face_values(fields, spec["face_value"], spec.get("false_friends", _NONE))
    if not hits:
        return Attribute("cash_equivalent", "no", (), 0.6)
    return Attribute("cash_equivalent", "yes", _words(hits), round(max(h.weight for h in hits), 2))


def _face_values(fields: list[tuple[str, str]], spec: Mapping[str, Any],
                 friends: Mapping[str, list[str]]) -> list[_Hit]:
    """A voucher, card or credit named next to a sum of money ("store e-voucher ¥100", "电子券 100元") or given a face
    value ("面值300元"), unless the item names the service it buys ("spa session voucher"): money in another form,
    whatever the catalog calls it."""
    if _hits(fields, spec["services"], _NONE):
        return []
    hidden_by = _regex(_joined(friends, spec["false_friends"]))
    instruments, amounts = _regex(spec["instruments"]), _regex_list(spec["amounts"])
    stated = _hits(fields, spec["stated"], _NONE)
    out = []
    for field_name, text in fields:
        if field_name == "description":  # "with a ¥20 coupon for your next order" does not make the tea money
            continue
        hidden = [m.span() for m in hidden_by.finditer(text)]
        named = [m for m in instruments.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in hidden)]
        if stated and named:
            out.append(_Hit(f"{named[0].group(0).strip()}, {stated[0].word}", field_name, FIELD_WEIGHT[field_name],
                            False, False))
        for m in named:
            near = [a for a in amounts.finditer(text)
                    if a.start() - m.end() <= spec["within"] and m.start() - a.end() <= spec["within"]]
            if near:
                out.append(_Hit(f"{m.group(0).strip()} {near[0].group(0).strip()}", field_name,
                                FIELD_WEIGHT[field_name], False, False))
    return out


def _strength_hits(fields: list[tuple[str, str]], spec: Mapping[str, Any] | None) -> list[_Hit]:
    """Alcohol told only by its strength ("12% vol", "52度"), in a clause that speaks of no temperature, angle or
    eyesight (whose degrees are no strength), nor follows one that speaks of heating ("自发热，约40度")."""
    if not spec:
        return []
    pattern = _regex_list(spec)
    out: list[_Hit] = []
    before = ("", "")
    for field_name, clause, _ in _clauses(tuple(fields)):
        heated = before[0] == field_name and any(word in before[1] for word in spec.get("unless_before", ()))
        before = (field_name, clause)
        if heated or any(word in clause for word in spec["unless"]):
            continue
        out.extend(_Hit(m.group(0).strip(), field_name, FIELD_WEIGHT[field_name], False, False)
                   for m in pattern.finditer(clause))
    return out


@cache
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) if patterns else r"(?!x)x")


def _regex_list(spec: Mapping[str, Any]) -> re.Pattern[str]:
    """One pattern for a data file's regular expressions by language (``{"en": [...], "zh": [...]}``)."""
    return _compiled(tuple(spec.get("en", ())) + tuple(spec.get("zh", ())))


def _meanings(fields: list[tuple[str, str]], specs: Mapping[str, Any], contents: Mapping[str, Attribute],
              content_specs: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The symbols the item carries: any of a meaning's words or ``patterns`` (regular expressions, for what a word
    list cannot say, such as an even count of stems), or one word of each of its ``all`` groups; a meaning with
    ``contents`` also by any of them the item surely holds (cigarettes are tobacco goods), and one with
    ``strength_of`` by that content's strength alone (a bottle told only as "12度" is a drink)."""
    out: dict[str, tuple[str, ...]] = {}
    for meaning, spec in specs.items():
        if meaning.startswith("_"):
            continue
        friends = spec.get("false_friends", _NONE)
        hits = [h for h in _hits(fields, spec.get("words", _NONE), friends) if not h.negated]
        hits += _pattern_hits(fields, spec.get("patterns"), friends)
        hits = _unless(fields, hits, spec.get("unless", []))
        groups = [[h for h in _hits(fields, group, friends) if not h.negated] for group in spec.get("all", [])]
        if groups and all(groups):
            hits += [h for group in groups for h in group]
        if spec.get("strength_of"):
            hits += _strength_hits(fields, content_specs.get(spec["strength_of"], {}).get("strength"))
        words = _words(hits) + tuple(w for c in spec.get("contents", ()) if (a := contents.get(c)) is not None
                                     and a.sure_yes for w in a.words)
        if words:
            out[meaning] = tuple(dict.fromkeys(words))
    return out


def _pattern_hits(fields: list[tuple[str, str]], spec: Mapping[str, Any] | None,
                  false_friends: Mapping[str, list[str]]) -> list[_Hit]:
    """Every place one of a meaning's regular expressions matches, outside a false friend."""
    if not spec:
        return []
    pattern, friends = _regex_list(spec), _regex(false_friends)
    out: list[_Hit] = []
    for field_name, clause, _ in _clauses(tuple(fields)):
        hidden = [m.span() for m in friends.finditer(clause)]
        out.extend(_Hit(m.group(0).strip(), field_name, FIELD_WEIGHT[field_name], False, False)
                   for m in pattern.finditer(clause)
                   if not any(a <= m.start() and m.end() <= b for a, b in hidden))
    return out


def _unless(fields: list[tuple[str, str]], hits: list[_Hit], exceptions: list[Mapping[str, Any]]) -> list[_Hit]:
    """``hits`` less those an exception of the meaning takes back: its ``words`` do not carry the meaning when
    the item names any of its ``when`` words (a bedding "四件套" is the set's name, not the number four; white
    roses in a sympathy arrangement are no romance)."""
    for exception in exceptions:
        if hits and _hits(fields, exception["when"], _NONE):
            pattern = _regex(exception["words"])
            hits = [h for h in hits if not pattern.fullmatch(h.word)]
    return hits


_SENTENCE = re.compile(r"[。.!?！？;；\n]+")
# How far a condition may sit from its warning cue: after it in English ("not for people with pacemakers"),
# before it in Chinese ("孕期及高血压人群慎用") or just after ("不适合孕妇").
_AFTER_CUE = 80
_BEFORE_CUE_ZH = 20
_AFTER_CUE_ZH = 8


def _warnings(fields: list[tuple[str, str]], spec: Mapping[str, Any]) -> dict[str, Attribute]:
    """The conditions the item's own words warn against ("warned_pregnancy"...): yes with the words, else no."""
    cues_en = _patterns(tuple(spec["cues"]["en"]), ())
    cues_zh = _patterns((), tuple(spec["cues"]["zh"]))
    out = {}
    for name, words in spec["conditions"].items():
        found: list[str] = []
        condition = _regex(words)
        for _, text in fields:
            for sentence in _SENTENCE.split(text):
                english = [m.start() for m in cues_en.finditer(sentence)]
                chinese = [(m.start(), m.end()) for m in cues_zh.finditer(sentence)]
                if not english and not chinese:
                    continue
                for match in condition.finditer(sentence):
                    at, end = match.start(), match.end()
                    if (any(0 <= at - c <= _AFTER_CUE for c in english)
                            or any(_near_zh(sentence, at, end, s, e) for s, e in chinese)):
                        found.append(match.group(0).strip())
        out[name] = (Attribute(name, "yes", tuple(dict.fromkeys(found)), 0.9) if found
                     else Attribute(name, "no", (), 0.5))
    return out


def _near_zh(sentence: str, at: int, end: int, cue_at: int, cue_end: int) -> bool:
    """True when a Chinese cue governs the condition at ``sentence[at:end]``: in the same comma clause, close by."""
    if 0 <= cue_at - end <= _BEFORE_CUE_ZH:
        between = sentence[end:cue_at]
    elif 0 <= at - cue_end <= _AFTER_CUE_ZH:
        between = sentence[cue_end:at]
    else:
        return False
    return "，" not in between and "," not in between


def _kinds(fields: list[tuple[str, str]], specs: Mapping[str, Any]) -> list[str]:
    """The item kinds named outside flavour notes, false friends and accessory phrases ("wine glasses")."""
    things = _accessory_words()
    found = []
    for kind, spec in specs.items():
        if kind.startswith("_"):
            continue
        hidden = _joined(things, spec.get("false_friends", _NONE))
        if any(not h.negated and not h.flavour for h in _hits(fields, spec["words"], hidden)):
            found.append(kind)
    return found


_NONE: Mapping[str, list[str]] = {}
_REGEXES: dict[int, tuple[Mapping[str, list[str]], re.Pattern[str]]] = {}
_JOINED: dict[tuple[int, ...], tuple[tuple[Mapping[str, list[str]], ...], dict[str, list[str]]]] = {}


def _regex(words: Mapping[str, list[str]]) -> re.Pattern[str]:
    """The compiled pattern of a word list, kept per list object (the attribute words live for the process)."""
    known = _REGEXES.get(id(words))
    if known is None or known[0] is not words:
        known = (words, _patterns(tuple(words.get("en", ())), tuple(words.get("zh", ()))))
        _REGEXES[id(words)] = known
    return known[1]


@cache
def _accessory_words() -> dict[str, list[str]]:
    """Every content's accessory phrases ("wine glasses"), which never name an item kind."""
    return _joined(*(spec.get("accessory", _NONE) for spec in knowledge()["contents"].values()))


def _joined(*lists: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Word lists by language, put together (the same object for the same lists, so its pattern is kept)."""
    key = tuple(id(words) for words in lists)
    known = _JOINED.get(key)
    if known is not None and all(a is b for a, b in zip(known[0], lists, strict=True)):
        return known[1]
    out: dict[str, list[str]] = {"en": [], "zh": []}
    for words in lists:
        for language in ("en", "zh"):
            out[language] = out[language] + list(words.get(language, []))
    _JOINED[key] = (lists, out)
    return out


def _hits(fields: list[tuple[str, str]], words: Mapping[str, list[str]],
          false_friends: Mapping[str, list[str]]) -> list[_Hit]:
    """Every place a word of ``words`` occurs outside a false friend, with its negation and flavour status."""
    patterns = _regex(words)
    friends = _regex(false_friends)
    free_of = knowledge()["free_of"]
    out = []
    for field_name, clause, flavour in _clauses(tuple(fields)):
        matches = list(patterns.finditer(clause))
        if not matches:
            continue
        hidden = [m.span() for m in friends.finditer(clause)]
        for match in matches:
            word = match.group(0).strip()
            negated = _negated(clause, match.start(), match.end(), free_of)
            if not negated and any(a <= match.start() and match.end() <= b for a, b in hidden):
                continue
            weight = FIELD_WEIGHT[field_name] * (SINGLE_HAN if len(word) == 1 and _HAN.match(word) else 1.0)
            out.append(_Hit(word, field_name, weight, negated, flavour and not negated))
    return out


@lru_cache(maxsize=256)
def _clauses(fields: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, bool], ...]:
    """The fields cut into clauses, each marked when it is a flavour note (cached: every attribute reads them)."""
    notes = knowledge()["flavour_notes"]
    out = []
    for field_name, text in fields:
        for clause in _CLAUSE.split(text):
            if clause.strip():
                out.append((field_name, clause, _flavour(clause, notes)))
    return tuple(out)


@cache
def _patterns(english: tuple[str, ...], chinese: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for ``english`` words (on word boundaries) and ``chinese`` ones (anywhere)."""
    parts = [r"(?<![a-z0-9])" + re.escape(fold(w)) + r"(?![a-z0-9])" for w in sorted(english, key=len, reverse=True)]
    parts += [re.escape(fold(w)) for w in sorted(chinese, key=len, reverse=True)]
    return re.compile("|".join(parts) if parts else r"(?!x)x")


def _flavour(clause: str, notes: Mapping[str, list[str]]) -> bool:
    return bool(_patterns(tuple(notes.get("en", ())), tuple(notes.get("zh", ()))).search(clause))


def only_negated(item: Mapping[str, Any], words: str) -> bool:
    """True when ``item`` names ``words`` and every place it does is inside a "free of" phrase ("no lard",
    "不含猪油"): the item says it lacks them rather than that it holds them."""
    target = fold(words).strip()
    found = False
    for _, text in item_fields(item):
        for clause in _CLAUSE.split(text):
            for match in re.finditer(re.escape(target), clause) if target else ():
                found = True
                if not _negated(clause, match.start(), match.end(), knowledge()["free_of"]):
                    return False
    return found


def _negated(clause: str, start: int, end: int, free_of: Mapping[str, Any]) -> bool:
    """True when a "free of" phrase covers the word at ``clause[start:end]``."""
    after = clause[end:end + 6]
    if any(after.startswith(suffix) for suffix in free_of["after"]["en"]):
        return True
    before = clause[:start]
    for opener in free_of["before"]["zh"]:
        at = before.rfind(opener)
        if at < 0:
            continue
        gap = before[at + len(opener):]
        # A one-character opener ("无", "零") must touch the word ("无糖"); a longer one ("不含") opens a
        # list up to the end of the clause ("不含乳制品和坚果").
        if gap == "" or (len(opener) > 1 and len(gap) <= 12):
            return True
    for opener in free_of["before"]["en"]:
        found = re.search(r"(?<![a-z])" + re.escape(opener) + r"(?![a-z])[\s-]*(.*)$", before)
        if found is None:
            continue
        gap = found.group(1)
        if opener in ("zero", "non", "no") and gap.strip():
            continue
        if len(gap.split()) <= 5:
            return True
    return False
