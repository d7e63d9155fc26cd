"""Bilingual sentences of the ledger and campaigns: the ``ledger.*`` and ``campaigns.*`` messages."""

from __future__ import annotations

from typing import Any

from giftwise.core.i18n import t


def say(domain: str, key: str, language: str | None, **values: Any) -> str:
    """The sentence ``<domain>.<key>`` in ``language``, filled with ``values`` (English fallback)."""
    return t(f"{domain}.{key}", language, **values)


def both(domain: str, key: str, **values: Any) -> tuple[str, str]:
    """The sentence in Chinese and English, for rows that store both."""
    zh_values = {k: v[0] if isinstance(v, tuple) else v for k, v in values.items()}
    en_values = {k: v[1] if isinstance(v, tuple) else v for k, v in values.items()}
    return say(domain, key, "zh", **zh_values), say(domain, key, "en", **en_values)
