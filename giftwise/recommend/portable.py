"""The file mode's shapes: a portable profile and catalog in, ranked JSON out (see the eval README).

Profile: id, name, language, relationship, role, public_official, notes/events ([{date, text}]),
interests/restrictions (explicit words), gifts_received ([{date, item, from: us|others}]), and
optionally organization, state_owned, tender_open. Catalog: {"catalog": [items]} or a list.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from giftwise.compliance.stated import stated_limits
from giftwise.core.errors import Invalid
from giftwise.recommend.engine import Person, Result
from giftwise.recommend.explain import gender_of
from giftwise.recommend.factors import GivenGift
from giftwise.recommend.taboos import cultures_of, is_elder, moments_of
from giftwise.understanding.extractor import extract
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.lexicon import Lexicon, load_lexicon
from giftwise.understanding.matching import find, tokens_of


def read_json(path: Path, what: str) -> Any:
    """The JSON in ``path``; Invalid with one clear sentence when it is missing or malformed."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Invalid("recommend.file_does_exist_check", what=what, path=path, field=what) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise Invalid("recommend.file_read", what=what, path=path, exc=exc, field=what) from None
    except ValueError as exc:
        raise Invalid("recommend.file_valid_json", what=what, path=path, exc=exc, field=what) from None


def catalog_items(data: Any) -> list[dict[str, Any]]:
    """The item list of a portable catalog ({"catalog": [...]} or a bare list); Invalid otherwise."""
    items = data.get("catalog") if isinstance(data, Mapping) else data
    if not isinstance(items, list) or not all(isinstance(i, Mapping) and i.get("id") for i in items):
        raise Invalid("recommend.catalog_every_item_needs", field="catalog")
    return [dict(i) for i in items if i.get("active", True) is not False]


def parse_date(value: Any, what: str) -> date:
    """An ISO date; Invalid naming ``what`` otherwise."""
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Invalid("recommend.date_write_dates_yyyy", what=what, value=value, field=what) from None


def explicit_facts(words: list[str], kind: str, on: date, lexicon: Lexicon) -> list[FactRecord]:
    """Facts from the profile's explicit "interests" or "restrictions" words."""
    out: list[FactRecord] = []
    for word in (str(w).strip() for w in words):
        if not word:
            continue
        if kind == "restriction":
            found = _explicit_restrictions(word, on, lexicon)
        else:
            found = [f.moved(confidence=1.0) if f.kind == "interest" else f
                     for f in extract(word, on, source="profile", lexicon=lexicon)]
            found = found or _bare_interests(word, on, lexicon)
        out.extend(f.moved(origin="manual", source="profile") for f in found)
    return out


def _explicit_restrictions(word: str, on: date, lexicon: Lexicon) -> list[FactRecord]:
    """A restriction word: a restriction concept itself ("halal"), or what a content implies ("nuts", "alcohol")."""
    found = [f for f in extract(word, on, source="profile", lexicon=lexicon) if f.kind in ("restriction", "caution")]
    if found:
        return found
    out = []
    for match in find(tokens_of(word, lexicon), lexicon.note, partial=True):
        for concept_id in match.ids:
            concept = lexicon.concepts[concept_id]
            effect = concept.allergic or concept.negated
            if concept.kind == "restriction":
                out.append(FactRecord("restriction", concept.id, on, 1.0, word, "profile", "manual"))
            elif effect is not None and effect.kind == "restriction":
                out.append(FactRecord("restriction", effect.concept, on, 1.0, word, "profile", "manual"))
    return out or _restriction_by_name(word, on, lexicon)


def _bare_interests(word: str, on: date, lexicon: Lexicon) -> list[FactRecord]:
    out = []
    for match in find(tokens_of(word, lexicon), lexicon.note, partial=True):
        for concept_id in match.ids:
            if lexicon.concepts[concept_id].kind in ("interest", "content", "pet", "family"):
                out.append(FactRecord("interest", concept_id, on, 1.0, word, "profile", "manual", 730.0))
    return out


def _restriction_by_name(word: str, on: date, lexicon: Lexicon) -> list[FactRecord]:
    concept = lexicon.concept(word.strip().lower().replace(" ", "_").replace("-", "_"))
    if concept is not None and concept.kind == "restriction":
        return [FactRecord("restriction", concept.id, on, 1.0, word, "profile", "manual")]
    return []


def person_from_profile(data: Any, as_of: date, lexicon: Lexicon | None = None) -> Person:
    """A Person from a portable profile, its notes and events read into facts."""
    lexicon = lexicon or load_lexicon()
    if not isinstance(data, Mapping):
        raise Invalid("recommend.profile_json_object_see", field="profile")
    facts: list[FactRecord] = []
    texts: list[str] = []
    for key, kind in (("notes", "note"), ("events", "event")):
        for i, entry in enumerate(data.get(key) or []):
            if not isinstance(entry, Mapping) or not str(entry.get("text", "")).strip():
                continue
            on = parse_date(entry.get("date") or as_of.isoformat(), f"{key}[{i}]")
            texts.append(str(entry["text"]))
            facts.extend(extract(str(entry["text"]), on, source=kind, lexicon=lexicon))
    if data.get("role"):
        facts.extend(f for f in extract(str(data["role"]), as_of, source="profile", lexicon=lexicon)
                     if f.kind == "status")
    facts.extend(explicit_facts(list(data.get("interests") or []), "interest", as_of, lexicon))
    facts.extend(explicit_facts(list(data.get("restrictions") or []), "restriction", as_of, lexicon))
    return Person(
        id=str(data.get("id", "")), name=str(data.get("name", "")),
        language="en" if str(data.get("language", "zh")).lower().startswith("en") else "zh",
        relationship=str(data.get("relationship") or "client").lower(), role=data.get("role"),
        public_official=bool(data.get("public_official", False)), state_owned=bool(data.get("state_owned", False)),
        tender_open=bool(data.get("tender_open", False)), organization=data.get("organization"),
        facts=facts, gifts=_gifts(data.get("gifts_received") or [], as_of), gender=gender_of(texts),
        cultures=cultures_of(str(data.get("name", "")), str(data.get("language", "zh")).lower()[:2], texts,
                             str(data.get("role") or "")),
        elder=is_elder(texts), moments=moments_of(texts), limits=stated_limits(texts),
    )


def _gifts(entries: list[Any], as_of: date) -> list[GivenGift]:
    out = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, Mapping) or not entry.get("item"):
            continue
        value = entry.get("value")
        try:
            amount = Decimal(str(value)) if value is not None else None
        except InvalidOperation:
            amount = None
        item = str(entry["item"])
        out.append(GivenGift(on=parse_date(entry.get("date") or as_of.isoformat(), f"gifts_received[{i}]"),
                             item_id=item, description=item, value=amount,
                             from_us=str(entry.get("from", "us")).lower() == "us"))
    return out


def result_json(result: Result) -> dict[str, Any]:
    """The eval README's output shape, plus names, prices, factors and approvals for people and tools."""
    language = result.language
    return {
        "recommendations": [
            {
                "item_id": s.item.id, "name": s.item.display_name(language), "score": s.score, "raw": s.raw,
                "price": float(s.price) if s.price is not None else None, "reasons": s.reasons,
                "needs_approval": s.needs_approval, "factors": s.factors, "contributions": s.contributions,
            }
            for s in result.recommendations
        ],
        "excluded": [
            {"item_id": e.item.id, "name": e.item.display_name(language), "reason": e.reason, "codes": e.codes}
            for e in result.excluded
        ],
    }
