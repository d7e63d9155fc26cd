"""What a returned or refused gift teaches: facts about the contact, so the next recommendation learns.

The understanding domain owns facts; ``gifts.service.learn_from_return`` records each lesson
through its ``add_fact`` with origin "outcome". A misread need becomes a dislike of what the item
is (its concepts as the recommender reads them); budget, timing and compliance become the
contact's positions (value- or timing-sensitive, does not accept gifts), as mapped in
``giftwise/data/gifts/return_reasons.json``.
"""

from __future__ import annotations

from giftwise.catalog.service import portable_item
from giftwise.models.catalog import CatalogItem
from giftwise.understanding.items import analyze_item


def item_concepts(item: CatalogItem) -> list[str]:
    """What an item is (lexicon concepts, traits left out), else its category and tags."""
    profile = analyze_item(portable_item(item))
    # Traits (has a story, is food, is novel) describe how a gift is given, not what it is: a
    # refused fruit box says nothing against every gift with a story.
    concepts = [c for c in profile.leaf_concepts if c not in profile.traits]
    if not concepts:
        concepts = [c.strip().lower() for c in [item.category, *(item.tags or [])] if c and c.strip()]
    return list(dict.fromkeys(concepts)) or [item.sku]


def lesson_concepts(item: CatalogItem | None, fixed: str | None, description: str) -> list[str]:
    """The concepts a lesson is about: the reason's fixed concept, else what the item (or description) is."""
    if fixed:
        return [fixed]
    if item is not None:
        return item_concepts(item)
    return [description.strip()[:80] or "gift"]

