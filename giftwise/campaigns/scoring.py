"""The fit of each (contact, catalog item) pair, from the recommender, as a matrix the optimiser can use.

INTERFACE: ``score_matrix`` returns an (n contacts x m items) array of fit scores in 0..1, and
0 where the recommender rules a pair out (a restriction, a dislike). When
``giftwise.recommend.service.score_matrix(session, actor, *, contact_ids, item_ids)`` exists
it is used as is; until then a ledger-based stand-in scores the pairs (documented below), so
campaigns work end to end and switch to the recommender without changes here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from importlib import import_module
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from giftwise.campaigns import repository
from giftwise.core.actor import Actor
from giftwise.ledger.history import History, given_on
from giftwise.ledger.schemas import POSITIVE_KINDS
from giftwise.models.catalog import CatalogItem

NEUTRAL = 0.5
CAME_BACK = 0.1
WORKED = 0.8
WANTED = 0.75
LIKED_KINDS = ("interest", "need")
AVOIDED_KINDS = ("dislike", "restriction", "saturation")


def score_matrix(
    session: Session, actor: Actor, *, contact_ids: Sequence[int], items: Sequence[CatalogItem], history: History
) -> NDArray[np.float64]:
    """Fit scores (0..1) of every item for every contact: the recommender's, else the ledger stand-in."""
    recommender = _recommender_scores()
    if recommender is not None:
        scores = recommender(session, actor, contact_ids=list(contact_ids), item_ids=[i.id for i in items])
        return np.clip(np.asarray(scores, dtype=float).reshape(len(contact_ids), len(items)), 0.0, 1.0)
    facts = repository.active_facts(session, contact_ids)
    return ledger_scores(contact_ids=contact_ids, items=items, history=history, facts=facts)


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
        if gift.status in ("returned", "refused"):
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


def _recommender_scores() -> Callable[..., Any] | None:
    try:
        module = import_module("giftwise.recommend.service")
    except ImportError:
        return None
    return getattr(module, "score_matrix", None)
