"""Messages in the user's language (zh, en), read from editable data files."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("zh", "en")


@cache
def _catalog(language: str) -> dict[str, str]:
    # {lang}.json holds shared messages; <domain>.{lang}.json files let a domain keep its own.
    folder = resources.files("giftwise") / "data" / "messages"
    data: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == f"{language}.json" or entry.name.endswith(f".{language}.json"):
            data.update(json.loads(entry.read_text(encoding="utf-8")))
    return data


def normalize_language(language: str | None) -> str:
    """Map any language tag ("zh-CN", "EN", None) to one giftwise speaks: "zh" or "en"."""
    if language and language.lower().startswith("en"):
        return "en"
    return "zh" if language is None or language.lower().startswith("zh") else "en"


def t(key: str, language: str | None = None, **values: Any) -> str:
    """The message ``key`` in ``language`` with ``values`` filled in; falls back to English, then the key."""
    lang = normalize_language(language)
    template = _catalog(lang).get(key) or _catalog("en").get(key) or key
    return template.format(**values) if values else template
