"""The recommender's fit for stored contacts and catalog items, as matrices.

``giftwise.recommend.engine.score_pairs(person, items, request)`` scores one person against a
catalog: hard constraints (restrictions, dislikes, the compliance policy) exclude items, the rest
get a factor vector and a 0..1 score. ``campaigns.fit_service.fit_scores`` builds each ``Person``
(``giftwise.recommend.service.person_for``) and asks it for every target; this module holds the
answer's shape and the occasion it scores for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from giftwise.core.errors import Invalid
from giftwise.recommend.rules import occasion_rule

DEFAULT_OCCASION = "care"


@dataclass(slots=True)
class PairScores:
    """Fit scores (0 where a hard constraint excludes the pair) and each pair's factor vector, if known."""

    scores: NDArray[np.float64]
    factors: list[list[dict[str, float] | None]]


def known_occasion(occasion: str) -> str:
    """``occasion`` when the recommender knows it, else the caring default."""
    try:
        occasion_rule(occasion)
    except Invalid:
        return DEFAULT_OCCASION
    return occasion
