"""Chinese word segmentation with jieba, fast enough for a command that must answer in under a second.

jieba's full dictionary takes ~0.6 s to load even from its cache. Understanding notes needs
word boundaries (so "酒店" is a hotel, not "酒") and the lexicon's own words, not 350,000 rare
ones, so the prefix dictionary is built once from jieba's words above a frequency floor plus
every Chinese surface form of the lexicon, and cached (marshal, :mod:`giftwise.core.cache`)
under a key of jieba's version, the floor and the lexicon's words. Loading it takes ~0.05 s.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from giftwise.core import cache

# Words rarer than this in jieba's dictionary are left out: they are names and rare compounds
# that the HMM still segments sensibly, and dropping them makes the dictionary 5x smaller.
FREQUENCY_FLOOR = 30
# A lexicon form of two or more characters is given at least this frequency so jieba keeps it
# whole; single characters keep jieba's own figure so "酒店" is not split to make room for "酒".
LEXICON_FREQUENCY = 3000

_tokenizers: dict[str, Any] = {}


def import_jieba() -> Any:
    """Import jieba without pkg_resources.

    jieba's _compat imports pkg_resources (~0.1 s, a tenth of the command's budget) only to open
    its own data files, and falls back to plain ``open`` when that import fails. pkg_resources is
    hidden for the duration of the import only when nothing has loaded it yet.
    """
    import sys

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    return jieba


def segmenter(words: Iterable[str]) -> Any:
    """A jieba Tokenizer that knows ``words`` (the lexicon's Chinese forms), built or loaded once."""
    vocabulary = sorted({w for w in words if w})
    key = _key(vocabulary)
    if key not in _tokenizers:
        _tokenizers[key] = _build(vocabulary, key)
    return _tokenizers[key]


def _key(vocabulary: list[str]) -> str:
    jieba = import_jieba()

    return cache.key_of(f"{jieba.__version__}|{FREQUENCY_FLOOR}|{LEXICON_FREQUENCY}|", "\n".join(vocabulary),
                        length=16)


def _build(vocabulary: list[str], key: str) -> Any:
    jieba = import_jieba()

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    loaded = _load(key)
    if loaded is None:
        loaded = _prefix_dict(vocabulary)
        cache.store(_cache_name(key), loaded)
    tokenizer.FREQ, tokenizer.total = loaded
    tokenizer.initialized = True
    return tokenizer


def _prefix_dict(vocabulary: list[str]) -> tuple[dict[str, int], int]:
    jieba = import_jieba()

    freq: dict[str, int] = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ")
            if len(parts) >= 2 and int(parts[1]) >= FREQUENCY_FLOOR:
                freq[parts[0]] = int(parts[1])
    for word in vocabulary:
        floor = LEXICON_FREQUENCY if len(word) > 1 else 1
        freq[word] = max(freq.get(word, 0), floor)
    total = sum(freq.values())
    prefixes: dict[str, int] = dict(freq)
    for word in freq:
        for end in range(1, len(word)):
            prefixes.setdefault(word[:end], 0)
    return prefixes, total


def _cache_name(key: str) -> str:
    return f"jieba-{key}.marshal"


def _load(key: str) -> tuple[dict[str, int], int] | None:
    loaded = cache.load(_cache_name(key))
    if not isinstance(loaded, tuple) or len(loaded) != 2:
        return None
    freq, total = loaded
    return freq, total
