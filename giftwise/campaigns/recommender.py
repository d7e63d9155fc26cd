"""The recommender's fit for stored contacts and catalog items, through its factor vector API.

``giftwise.recommend.engine.score_pairs(person, items, request)`` scores one person against a
catalog: hard constraints (restrictions, dislikes, the compliance policy) exclude items, the rest
get a factor vector and a 0..1 score. The recommender's database mode builds the ``Person``
(``giftwise.recommend.service.person_for``, after ``read_notes`` brings facts up to date); this
module only asks it for every target and lays the answers out as matrices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from giftwise.catalog.service import portable_item
from giftwise.compliance.policy import load_policy
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.recommend.engine import Request, score_pairs
from giftwise.recommend.files import cached_items
from giftwise.recommend.rules import occasion_rule
from giftwise.recommend.service import person_for
from giftwise.understanding.lexicon import load_lexicon
from giftwise.understanding.service import fact_records, read_notes

DEFAULT_OCCASION = "care"


@dataclass(slots=True)
class PairScores:
    """Fit scores (0 where a hard constraint excludes the pair) and each pair's factor vector, if known."""

    scores: NDArray[np.float64]
    factors: list[list[dict[str, float] | None]]


def pair_scores(
    session: Session,
    actor: Actor,
    *,
    contacts: Sequence[Contact],
    items: Sequence[CatalogItem],
    occasion: str,
    currency: str,
    today: date,
) -> PairScores:
    """Score every (contact, item) pair with the recommender's engine, as it would for each contact."""
    lexicon = load_lexicon()
    policy = load_policy()
    profiles = cached_items([portable_item(item) for item in items], lexicon)
    column = {item.sku: j for j, item in enumerate(items)}
    request = Request(occasion=_known_occasion(occasion), budget_max=None, currency=currency, as_of=today)
    read_notes(session, actor, contact_ids=[c.id for c in contacts])
    facts = fact_records(session, contact_ids=[c.id for c in contacts])
    scores = np.zeros((len(contacts), len(items)))
    factors: list[list[dict[str, float] | None]] = [[None] * len(items) for _ in contacts]
    for i, contact in enumerate(contacts):
        person = person_for(session, contact, as_of=today, lexicon=lexicon, policy=policy,
                            facts=facts.get(contact.id, []))
        for scored in score_pairs(person, profiles, request, policy=policy, lexicon=lexicon).recommendations:
            j = column[scored.item.id]
            scores[i, j] = scored.score
            factors[i][j] = dict(scored.factors)
    return PairScores(scores, factors)


def _known_occasion(occasion: str) -> str:
    try:
        occasion_rule(occasion)
    except Invalid:
        return DEFAULT_OCCASION
    return occasion
