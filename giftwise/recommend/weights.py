"""The recommender's weights: the ONE place they live, with the reasons for their defaults.

A recommendation's score is ``sum(weight[f] * occasion_multiplier[f] * factor[f])`` over the
factors of :data:`FACTORS` (see ``giftwise.recommend.factors`` for how each is measured, on a
scale of about -1..1). The defaults below are judgement calls grounded in the research the
product follows; ``giftwise calibrate`` (a later issue) fits them to recorded outcomes and
writes them to ``<GIFTWISE_DATA_DIR>/recommend_weights.json``, which :func:`load_weights` reads
over the defaults (missing keys keep their default).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from giftwise.core.settings import get_settings

FACTORS = (
    "wish", "need", "interest", "dislike", "saturation", "duplicate", "commonplace", "novelty", "story",
    "experience", "personal", "free_will", "token", "occasion", "diet_fit", "caution", "repetition", "stage",
    "thoughtful", "season", "age_fit", "echo",
)
WEIGHTS_FILE = "recommend_weights.json"


@dataclass(frozen=True, slots=True)
class Weights:
    """One weight per factor (positive numbers; a factor's own sign says whether it helps or hurts)."""

    # Recipients value what they asked for far more than givers expect (Gino & Flynn 2011): the strongest.
    wish: float = 3.0
    # A need answered by care (medicine for a cold, a screen for a broken phone) builds gratitude, the
    # engine of reciprocity (Palmatier et al. 2009); stronger than a hobby match.
    need: float = 2.4
    # A hobby or taste the notes mention (recency-weighted): the everyday basis of a thoughtful gift.
    interest: float = 1.8
    # A stated dislike outweighs an old interest: giving what someone said they hate is worse than nothing.
    dislike: float = 2.5
    # A person who already receives piles of something (tea, liquor) forgets yet another one.
    saturation: float = 1.2
    # Someone else already gave this very item.
    duplicate: float = 1.0
    # The obligatory gifts everyone sends (tea leaves, baijiu, mooncakes) are forgotten among the others.
    commonplace: float = 0.6
    # Novelty makes a gift memorable to a client who receives many.
    novelty: float = 0.45
    # A personal origin (family orchard, hometown, handmade) carries care; sentimental gifts are valued
    # more than givers expect (Givi & Galak 2017).
    story: float = 0.5
    # Experiences are valued and remembered more than things (Chan & Mogilner 2017); modest because an
    # experience that misses the person's taste is wasted.
    experience: float = 0.3
    # Personalisation (engraving, the recipient's choice) shows effort.
    personal: float = 0.2
    # Gratitude needs free will: branded merchandise, standard features and what everyone gets count less
    # (Palmatier et al. 2009).
    free_will: float = 0.8
    # An obligation token (礼品) that answers nothing about the person, against a care gift (礼物).
    token: float = 0.5
    # How well the item suits the occasion (a handwritten card for empathy, samples for an apology).
    occasion: float = 1.0
    # An item made for the person's diet (halal-certified, sugar-free) shows attention.
    diet_fit: float = 1.3
    # Something to be careful with (raw seafood in pregnancy; food with unstated ingredients for a strict diet).
    caution: float = 0.8
    # Repeating a gift we already gave reads as inattention (beyond the window where it is forbidden).
    repetition: float = 1.2
    # Price never adds: far above the relationship's stage breeds suspicion, far below reads as unfair
    # (Bauer, Leung & Palmatier 2024; Maréchal & Thöni).
    stage: float = 1.0
    # With nothing known, a handwritten card or flowers is a sensible, modest choice.
    thoughtful: float = 0.35
    # Festival food out of its season (mooncakes in November) is odd.
    season: float = 0.6
    # A child's gift of the wrong age (toddler blocks for a ten-year-old) shows the notes were not read.
    age_fit: float = 2.5
    # An item repeating rare words of what the person talked about lately (a broken rice cooker and a rice
    # cooker): a situation told in words no concept knows. Below a need, because a shared word is weaker
    # evidence than an understood one.
    echo: float = 1.6

    def as_dict(self) -> dict[str, float]:
        """The weights by factor name."""
        return asdict(self)

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> Weights:
        """Weights from a mapping; unknown keys are ignored, missing keys keep their defaults."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in values.items() if k in known})


def load_weights(path: Path | None = None) -> Weights:
    """The calibrated weights at ``path`` (default: the data folder's file) over the defaults."""
    if path is None:
        path = get_settings().data_dir / WEIGHTS_FILE
    try:
        return Weights.from_mapping(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return Weights()
