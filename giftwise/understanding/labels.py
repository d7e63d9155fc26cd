"""What a person reads for a concept id: one rule for profile pages, recommendation reasons and the guard.

A concept the lexicon knows reads as its label; a wish or topic known only by its words reads as those words; a
reaction to a substance the lexicon does not know reads as the substance's words. An internal id
("_words:…", "substance:…") is never shown.
"""

from __future__ import annotations

from giftwise.understanding.extractor import WORDS_ONLY
from giftwise.understanding.facts import TOPIC
from giftwise.understanding.lexicon import Lexicon
from giftwise.understanding.substances import is_substance, substance_words
from giftwise.understanding.text import HAN


def words_of(concept_id: str) -> tuple[str, ...]:
    """The words a stored wish or topic is known by ("_topic:电饭煲 报错" -> ("电饭煲", "报错")); () otherwise."""
    for prefix in (f"{WORDS_ONLY}:", f"{TOPIC}:"):
        if concept_id.startswith(prefix):
            return tuple(concept_id[len(prefix):].split())
    return ()


def concept_label(concept_id: str, lexicon: Lexicon, language: str, quote: str = "") -> str:
    """The label a person reads for ``concept_id`` in ``language``: the lexicon's label, else the words the
    concept is known by, else ``quote``; never an internal placeholder."""
    concept = lexicon.concept(concept_id)
    if concept is not None:
        return concept.name(language)
    if is_substance(concept_id):
        return substance_words(concept_id)
    if concept_id.startswith((WORDS_ONLY, TOPIC)):
        words = words_of(concept_id)
        if not words:
            return quote or concept_id.lstrip("_")
        joined = "" if all(HAN.fullmatch(w) for w in words) else " "
        return joined.join(words)
    return concept_id
