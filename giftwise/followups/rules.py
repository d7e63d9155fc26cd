"""The editable rules of follow-ups, read from ``giftwise/data/followups/*.json``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from giftwise.core.errors import ConfigurationError
from giftwise.core.i18n import label


@cache
def _load(name: str) -> dict[str, Any]:
    path = resources.files("giftwise") / "data" / "followups" / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def schedule() -> dict[str, Any]:
    """When touches are scheduled around a gift, channel weights and reciprocity offers."""
    data = _load("schedule.json")
    window = data["reciprocity"]
    if not 1 <= window["window_first_day"] <= window["days_after_delivery"] <= window["window_last_day"]:
        raise ConfigurationError(
            "followups.schedule_json_reciprocity_touch"
        )
    return data


def channel_weight(channel: str) -> int:
    """How much a touch on ``channel`` counts: meeting above call above message."""
    weights: dict[str, int] = schedule()["channel_weights"]
    return int(weights.get(channel, 1))


def note_channel(note_channel_name: str) -> str:
    """The touch channel a note's channel (call, meeting, chat, email, social) stands for."""
    mapping: dict[str, str] = schedule()["note_channels"]
    return mapping.get(note_channel_name, "message")


def reciprocity_offers(relationship: str) -> list[str]:
    """The easy ways to reciprocate offered to a contact of this relationship."""
    offers: dict[str, list[str]] = schedule()["reciprocity_offers"]
    return list(offers.get(relationship, ["check-in"]))


def language_half_life(language: str) -> float | None:
    """A culture's own gratitude half-life (by contact language), when one is configured."""
    value = schedule().get("half_life_by_language", {}).get(language)
    return float(value) if value else None


def purpose_label(purpose: str, language: str) -> str:
    """A touch purpose in words (``reciprocity`` -> "回应机会" / "reciprocity opportunity")."""
    return label("purpose", purpose, language)


def text_label(key: str, language: str, **values: object) -> str:
    """A short label from ``date_labels`` in ``language``, filled with ``values``."""
    labels: dict[str, dict[str, str]] = schedule().get("date_labels", {})
    lang = "en" if language.startswith("en") else "zh"
    return labels.get(key, {}).get(lang, key).format(**values)


def channel_labels(language: str) -> dict[str, str]:
    """Channel names in ``language`` (call -> "电话")."""
    labels: dict[str, dict[str, str]] = schedule().get("channel_labels", {})
    return dict(labels.get("en" if language.startswith("en") else "zh", {}))
