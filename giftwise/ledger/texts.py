"""Bilingual sentences of the ledger and campaigns, read from editable data files.

``giftwise/data/<domain>/texts.json`` holds ``{"en": {key: template}, "zh": {...}}``; people
tune the wording there, not in code.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from giftwise.core.i18n import normalize_language


@cache
def _texts(domain: str) -> dict[str, dict[str, str]]:
    path = resources.files("giftwise") / "data" / domain / "texts.json"
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def say(domain: str, key: str, language: str | None, **values: Any) -> str:
    """The sentence ``key`` of ``domain`` in ``language``, filled with ``values`` (English fallback)."""
    texts = _texts(domain)
    template = texts.get(normalize_language(language), {}).get(key) or texts["en"].get(key) or key
    return template.format(**values)


def both(domain: str, key: str, **values: Any) -> tuple[str, str]:
    """The sentence in Chinese and English, for rows that store both."""
    zh_values = {k: v[0] if isinstance(v, tuple) else v for k, v in values.items()}
    en_values = {k: v[1] if isinstance(v, tuple) else v for k, v in values.items()}
    return say(domain, key, "zh", **zh_values), say(domain, key, "en", **en_values)
