"""The unit of understanding: a dated fact about a person, linked to the words it came from.

Facts are plain values so the pure engine, the file mode and the database share them: the
extractor makes them from notes, the Fact service stores them (``giftwise.models.understanding``)
and turns stored rows back into them, with the user's confirmations and corrections.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

# Fact kinds. interest/dislike/lapsed/wish/saturation describe tastes; need/event/resolved
# situations; restriction/caution what must not / should rather not be given; status a
# position (public official, open tender); pet/family who a gift may also please; resumed
# that someone started something again ("drinking again"), which lifts a liftable restriction;
# topic the content words of a clause said without a negation (what the person talked about, even in
# words no concept knows), which an item repeating rare words of it echoes.
FACT_KINDS = (
    "interest", "dislike", "lapsed", "wish", "saturation", "need", "event", "resolved",
    "restriction", "caution", "status", "pet", "family", "resumed", "topic",
)
# The concept of a topic fact: its words are the fact.
TOPIC = "_topic"
# How fast a kind of fact loses weight when its concept names no half-life of its own (days).
# Tastes change slowly; a restriction never fades (None).
DEFAULT_HALF_LIFE: dict[str, float | None] = {
    "interest": 730.0, "pet": 1460.0, "family": 1460.0, "dislike": 1095.0, "lapsed": 1095.0,
    "wish": 365.0, "saturation": 365.0, "need": 90.0, "event": 90.0, "resolved": 365.0,
    "restriction": None, "caution": None, "status": None, "resumed": None, "topic": 180.0,
}
# A fact fades out (no longer news) after this many half-lives: weight below 1/8.
FADE_HALF_LIVES = 3


@dataclass(frozen=True, slots=True)
class FactRecord:
    """One understood fact. ``source_text`` quotes the clause; ``source`` names the note it came from."""

    kind: str
    concept: str
    observed_on: date
    confidence: float = 1.0
    source_text: str = ""
    source: str | int | None = None
    origin: str = "extracted"
    half_life: float | None = None
    words: tuple[str, ...] = field(default=())
    fact_id: int | None = None

    @property
    def fades_after(self) -> date | None:
        """The date after which the fact is no longer news (None: it never fades)."""
        if self.half_life is None:
            return None
        return self.observed_on + timedelta(days=round(self.half_life * FADE_HALF_LIVES))

    @property
    def holder(self) -> str:
        """Whose fact it is: "self", or the relative the quoted clause is about ("spouse", "child", "parent")."""
        from giftwise.understanding.holders import holder_of

        return holder_of(self.source_text) if self.source_text else "self"

    def weight(self, as_of: date) -> float:
        """The fact's weight on ``as_of``: its confidence, halved every half-life since it was observed."""
        if self.half_life is None:
            return self.confidence
        age = max(0, (as_of - self.observed_on).days)
        return self.confidence * 0.5 ** (age / self.half_life)

    def moved(self, **changes: object) -> FactRecord:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)  # type: ignore[arg-type]


def half_life_from_fade(observed_on: date, fades_after: date | None) -> float | None:
    """The half-life implied by a stored ``fades_after`` date (the inverse of ``FactRecord.fades_after``)."""
    if fades_after is None:
        return None
    return max(1.0, (fades_after - observed_on).days / FADE_HALF_LIVES)
