"""The reply to a client's claim: calm checks, no argument about fault, the resolution, the surprise.

The wording is a template per language (``giftwise/data/disputes/templates/<lang>/reply.txt``,
overridable through ``GIFTWISE_TEMPLATES_DIR``); words that argue are listed in ``calm_words.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from giftwise.core.amounts import money
from giftwise.core.i18n import normalize_language
from giftwise.core.templating import render
from giftwise.disputes.advice import data_file


@dataclass(frozen=True)
class ReplyFacts:
    """What the reply states: our checks, the resolution and the surprise, already in the client's language."""

    name: str
    order_ref: str
    packed_units: int | None
    ordered_units: int
    promised_units: int
    weight_kg: Decimal | None
    photo: bool
    resolution: str
    quantity: int
    item: str
    route: str
    eta: str
    credit: Decimal
    currency: str
    surprise: str
    carrier: str
    sender: str


def render_reply(facts: ReplyFacts, language: str) -> str:
    """The reply in ``language`` (zh or en), filled with ``facts``."""
    return render(
        "disputes", normalize_language(language), "reply",
        contact_name=facts.name, order_ref=facts.order_ref, packed_units=facts.packed_units,
        ordered_units=facts.ordered_units, promised_units=facts.promised_units,
        weight=f"{facts.weight_kg.normalize():f}" if facts.weight_kg is not None else "", photo=facts.photo,
        resolution=facts.resolution, qty=facts.quantity, item=facts.item, route=facts.route, eta=facts.eta,
        credit=money(facts.credit, facts.currency), surprise=facts.surprise, carrier=facts.carrier,
        sender=facts.sender,
    )


def argue_words(text: str, language: str) -> list[str]:
    """The words in ``text`` that argue about fault (from ``calm_words.json``), in the order listed."""
    words: list[str] = data_file("calm_words.json")[normalize_language(language)]
    lowered = text.lower()
    return [word for word in words if _contains(lowered, word.lower(), language)]


def _contains(text: str, word: str, language: str) -> bool:
    if normalize_language(language) == "zh":
        return word in text
    # Whole words only in English, so "belief" does not flag "lie".
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None
