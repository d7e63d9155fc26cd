"""What giftwise understood about stored catalog items, and a user's corrections of it.

The reading itself is pure (``giftwise.understanding.attributes``); corrections are stored on the item
by the catalog domain (``giftwise.catalog.service.correct_attributes``) and always win.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from giftwise.catalog import service as catalog
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.understanding.attributes import Attribute, ItemAttributes, content_names, knowledge, read_attributes
from giftwise.understanding.items import analyze_item
from giftwise.understanding.lexicon import load_lexicon
from giftwise.understanding.schemas import AttributeRead, CatalogImported, ItemAttributesRead, UseRead


def correctable_names() -> list[str]:
    """Every attribute name a user may correct: contents, edible, cash_equivalent, accessory:X, meaning:X."""
    meanings = [m for m in knowledge()["meanings"] if not m.startswith("_")]
    return [*content_names(), "edible", "cash_equivalent", *(f"accessory:{c}" for c in content_names()),
            *(f"meaning:{m}" for m in meanings)]


def item_attributes(session: Session, actor: Actor, *, sku: str) -> ItemAttributesRead:
    """What giftwise understood about the item ``sku``, each attribute with its words and confidence."""
    item = catalog.get_item(session, actor, sku=sku)
    portable = catalog.portable_item(item)
    read = attributes_read(sku, read_attributes(portable, portable.get("corrections")),
                           dict(item.attribute_corrections or {}))
    read.uses = uses_of(portable)
    return read


def uses_of(portable: Mapping[str, Any]) -> list[UseRead]:
    """The most specific uses and contexts the lexicon reads in an item (travel gear, kids, office...), surest first."""
    lexicon = load_lexicon()
    profile = analyze_item(portable, lexicon)
    found = [UseRead(concept=c, label=dict(lexicon.concepts[c].label), confidence=round(profile.serves.get(c, 0.0), 2))
             for c in profile.leaf_concepts if c in lexicon.concepts]
    return sorted(found, key=lambda use: -use.confidence)


def correct_item(session: Session, actor: Actor, *, sku: str, corrections: Mapping[str, str],
                 reason: str | None = None) -> ItemAttributesRead:
    """Store corrections ({"nuts": "no", "meaning:clock": "clear"}) for ``sku`` with a reason, and show the result."""
    known = correctable_names()
    for name in corrections:
        if name not in known:
            raise Invalid("understanding.attribute_unknown_name", name=name, known=", ".join(known),
                          field="corrections")
    catalog.correct_attributes(session, actor, sku=sku, corrections=dict(corrections), reason=reason)
    return item_attributes(session, actor, sku=sku)


def import_catalog(session: Session, actor: Actor, *, filename: str, content: bytes,
                   file_format: str | None = None) -> CatalogImported:
    """Import a catalog file (all rows or none, by sku) and say, per item, what giftwise could not tell."""
    report = catalog.import_catalog_file(session, actor, filename=filename, content=content, file_format=file_format)
    unknown = unknowns_of(catalog.read_portable_catalog(filename, content, file_format=file_format))
    return CatalogImported(report=report, unknown=unknown)


def parse_corrections(pairs: Iterable[str]) -> dict[str, str]:
    """``["nuts=no", "meaning:clock=clear"]`` as a dict; Invalid naming the pair that is not NAME=ANSWER."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, answer = pair.partition("=")
        if not sep or not name.strip() or not answer.strip():
            raise Invalid("understanding.attribute_pair", text=pair, field="corrections")
        out[name.strip().lower()] = answer.strip().lower()
    return out


def unknowns_of(items: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """For an imported catalog: each item whose reading left something unknown, with what."""
    out = {}
    for item in items:
        unknown = read_attributes(item, item.get("corrections")).unknowns()
        if unknown:
            out[str(item.get("id", ""))] = unknown
    return out


def attributes_read(sku: str, attrs: ItemAttributes, corrections: dict[str, str]) -> ItemAttributesRead:
    """The API/CLI shape of an item's attributes."""
    return ItemAttributesRead(
        sku=sku, edible=_read(attrs.edible), cash_equivalent=_read(attrs.cash_equivalent),
        contents=[_read(a) for a in attrs.contents.values()],
        accessory_of=[_read(a) for a in attrs.accessory_of.values()],
        meanings={k: list(v) for k, v in attrs.meanings.items()}, kinds=list(attrs.kinds), unknown=attrs.unknowns(),
        corrections=corrections,
    )


def _read(attribute: Attribute) -> AttributeRead:
    return AttributeRead(name=attribute.name, answer=attribute.answer, words=list(attribute.words),
                         confidence=attribute.confidence, source=attribute.source)
