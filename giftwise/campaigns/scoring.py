"""The fit of each (contact, catalog item) pair, as a matrix the optimiser can use.

``campaigns.fit_service.fit_scores`` returns an (n contacts x m items) array of 0..1 fit scores (0
where a hard constraint rules the pair out) and each pair's factor vector, from the recommender's
engine. ``ledger_scores`` is a documented stand-in from the ledger alone (tags, categories and past
outcomes), for when no recommender is wanted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray

from giftwise.ledger.history import History, given_on
from giftwise.ledger.schemas import POSITIVE_KINDS
from giftwise.models.catalog import CatalogItem
from giftwise.models.gifts import GIFT_CAME_BACK

NEUTRAL = 0.5
CAME_BACK = 0.1
WORKED = 0.8
WANTED = 0.75
LIKED_KINDS = ("interest", "need")
AVOIDED_KINDS = ("dislike", "restriction", "saturation")


def ledger_scores(
    *,
    contact_ids: Sequence[int],
    items: Sequence[CatalogItem],
    history: History,
    facts: dict[int, list[tuple[str, str]]] | None = None,
) -> NDArray[np.float64]:
    """Stand-in fit: 0.5 for any item; 0.75 when its tags or category name an interest or need of the contact,
    0 when they name a dislike, restriction or saturation; 0.8 for a category that earned a positive outcome
    within 30 days from this contact, 0.1 for a category this contact returned or refused."""
    feeling: dict[tuple[int, str], float] = defaultdict(lambda: NEUTRAL)
    positive_days: dict[int, list[date]] = defaultdict(list)
    for outcome in history.outcomes:
        if outcome.kind in POSITIVE_KINDS:
            positive_days[outcome.contact_id].append(outcome.on)
    for gift in history.gifts:
        key = (gift.contact_id, history.category_of(gift))
        if gift.status in GIFT_CAME_BACK:
            feeling[key] = CAME_BACK
            continue
        start = given_on(gift)
        worked = any(0 <= (day - start).days <= 30 for day in positive_days.get(gift.contact_id, ()))
        if worked and feeling[key] != CAME_BACK:
            feeling[key] = WORKED
    scores = np.full((len(contact_ids), len(items)), NEUTRAL)
    for i, contact_id in enumerate(contact_ids):
        known = (facts or {}).get(contact_id, [])
        for j, item in enumerate(items):
            scores[i, j] = feeling[(contact_id, item.category or "free")]
            words = {t.lower() for t in item.tags or []} | {(item.category or "").lower()}
            if any(kind in AVOIDED_KINDS and concept in words for kind, concept in known):
                scores[i, j] = 0.0
            elif scores[i, j] == NEUTRAL and any(kind in LIKED_KINDS and concept in words for kind, concept in known):
                scores[i, j] = WANTED
    return scores
