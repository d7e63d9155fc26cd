"""What a returned or refused gift teaches: a Fact about the contact, so the next recommendation learns.

The understanding domain owns facts. When ``giftwise.understanding.service`` offers ``add_fact``
it is used; until then :func:`_insert_fact` writes the row itself (origin "outcome").
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import Any

from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.gifts.drafts import return_reasons
from giftwise.models.catalog import CatalogItem
from giftwise.models.gifts import Gift
from giftwise.models.understanding import Fact


def lesson_concepts(item: CatalogItem | None, fixed: str | None, description: str) -> list[str]:
    """The concepts a lesson is about: the reason's fixed concept, else the item's category and tags."""
    if fixed:
        return [fixed]
    if item is None:
        return [description.strip()[:80]] if description.strip() else ["gift"]
    concepts = [item.category, *(item.tags or [])] if item.category else list(item.tags or [])
    unique = list(dict.fromkeys(c.strip().lower() for c in concepts if c and c.strip()))
    return unique or [item.sku]


def learn_from_return(session: Session, actor: Actor, *, gift: Gift, category: str, text: str, on: date) -> list[Fact]:
    """Record what a returned/refused gift says about its contact as facts with origin "outcome"."""
    rule = return_reasons()[category]
    item = session.get(CatalogItem, gift.item_id) if gift.item_id else None
    label = rule.get("en", category)
    source_text = f"gift #{gift.id} {gift.status} ({label})" + (f": {text}" if text else "")
    facts = []
    for concept in lesson_concepts(item, rule.get("concept"), gift.description):
        facts.append(
            _add_fact(session, actor, contact_id=gift.contact_id, kind=rule["kind"], concept=concept,
                      source_text=source_text, observed_on=on, confidence=float(rule.get("confidence", 0.5)))
        )
    return facts


def _add_fact(session: Session, actor: Actor, **values: Any) -> Fact:
    understanding = _understanding_service()
    add_fact = getattr(understanding, "add_fact", None) if understanding else None
    if add_fact is not None:
        try:
            fact: Fact = add_fact(session, actor, origin="outcome", **values)
            return fact
        except TypeError:
            pass  # a different signature than expected: fall back to writing the row ourselves
    return _insert_fact(session, **values)


def _understanding_service() -> Any:
    try:
        return import_module("giftwise.understanding.service")
    except ImportError:
        return None


def _insert_fact(
    session: Session, *, contact_id: int, kind: str, concept: str, source_text: str, observed_on: date,
    confidence: float,
) -> Fact:
    # Stand-in until the understanding service offers add_fact (see module docstring).
    fact = Fact(contact_id=contact_id, kind=kind, concept=concept[:80], source_text=source_text,
                observed_on=observed_on, confidence=confidence, origin="outcome", status="active")
    session.add(fact)
    session.flush()
    return fact
