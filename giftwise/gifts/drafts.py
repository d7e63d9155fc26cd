"""The occasion table and the drafted words of a gift: the story before sending and the card."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from giftwise.core import client_text
from giftwise.core.errors import Invalid
from giftwise.core.i18n import normalize_language
from giftwise.core.templating import render

CARD_SITUATIONS = (
    "empathy", "get-well", "congratulations", "new-baby", "wedding", "thank-you", "festival", "apology", "birthday",
)


@dataclass(frozen=True, slots=True)
class OccasionRule:
    """What an occasion implies for a gift: its kind, free will, and which card fits."""

    name: str
    kind: str
    free_will: bool
    card: str
    label_zh: str
    label_en: str

    def label(self, language: str) -> str:
        """The occasion's name in ``language``."""
        return self.label_zh if normalize_language(language) == "zh" else self.label_en


def _load_json(name: str) -> dict[str, Any]:
    path = resources.files("giftwise") / "data" / "gifts" / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def occasions() -> dict[str, OccasionRule]:
    """Every known occasion, read from ``giftwise/data/gifts/occasions.json``."""
    return {
        name: OccasionRule(name, row["kind"], bool(row["free_will"]), row["card"], row["zh"], row["en"])
        for name, row in _load_json("occasions.json").items()
    }


@cache
def return_reasons() -> dict[str, dict[str, Any]]:
    """What each return/refusal reason teaches, read from ``giftwise/data/gifts/return_reasons.json``."""
    return _load_json("return_reasons.json")


def occasion_rule(occasion: str) -> OccasionRule:
    """The rule for ``occasion``; a clear error naming the known ones otherwise."""
    rule = occasions().get(occasion)
    if rule is None:
        raise Invalid("gifts.known_occasion_one", occasion=occasion, items=', '.join(occasions()), field="occasion")
    return rule


def split_story_prompt(story_prompt: str | None, language: str) -> tuple[str, str]:
    """(a line to tell as it is, a hint to retell): an instruction or a line in the other language is a hint."""
    text = (story_prompt or "").strip()
    if not text:
        return "", ""
    written_in_zh = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    starters = _load_json("story.json")["instruction_starters"]
    lowered = text.lower()
    instruction = any(lowered.startswith(word) for word in [*starters["en"], *starters["zh"]])
    if instruction or written_in_zh != (normalize_language(language) == "zh"):
        return "", text
    return text, ""


def draft_story(
    language: str, *, contact_name: str, item_name: str, story_prompt: str | None, reason: str, usage_tip: str | None,
    sender: str = "",
) -> str:
    """The pre-send story in ``language``, spoken to the client: the item's own story, the rep's reason, the tip.

    The reason keeps only what a client may read (``client_text.client_reason``); a story prompt that
    is an instruction or in the other language stays out of it (see ``story_hint``).
    """
    story_line, _ = split_story_prompt(story_prompt, language)
    # Catalog words speak of "the client" and "送礼人"; the client reads them as "you" and "I".
    item_name, story_line = client_text.for_client(item_name, language), client_text.for_client(story_line, language)
    tip = client_text.for_client((usage_tip or "").strip(), language)
    text = render(
        "gifts", language, "story",
        contact_name=contact_name, item_name=item_name, story_prompt=story_line,
        reason=client_text.client_reason(reason, language), usage_tip=tip, sender=sender,
    )
    return client_text.keep_fit_lines(text, language, quoted=(contact_name, item_name, story_line, tip, sender))


def story_hint(story_prompt: str | None, language: str) -> str:
    """For the rep, not the client: the item's story to retell in their own words, when it cannot be quoted."""
    return split_story_prompt(story_prompt, language)[1]


def draft_card(
    language: str, *, situation: str, contact_name: str, sender_name: str, reason: str = "", festival: str = ""
) -> str:
    """A short handwritten-style card for ``situation`` (empathy, get-well, congratulations...), signed by the rep."""
    if situation not in CARD_SITUATIONS:
        raise Invalid("gifts.card_situation_one", situation=situation, items=', '.join(CARD_SITUATIONS),
                      field="situation")
    text = render(
        "gifts", language, f"card-{situation}",
        contact_name=contact_name, sender_name=sender_name, reason=client_text.client_reason(reason, language),
        festival=festival,
    )
    return client_text.keep_fit_lines(text, language, quoted=(contact_name, sender_name, festival))
