"""Find lexicon forms and cue words in a token list, longest match first.

Matching runs on jieba/Latin tokens, so a form only matches on word boundaries: "酒店" (hotel)
is one token and never reads as "酒" (alcohol), "wine glasses" is found before "wine". A
Chinese word that only contains a form as its head or tail ("钓鱼竿") still counts, a little
less. Regular-expression patterns in the lexicon catch looser phrasings ("生了一个女儿").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from giftwise.understanding.lexicon import PARTIAL_WORD, Index, Lexicon, load_lexicon
from giftwise.understanding.segmenter import segmenter
from giftwise.understanding.text import Token, normalize_text, tokenize


@dataclass(frozen=True, slots=True)
class Match:
    """A run of tokens ``[first, last]`` that is a form of ``ids`` (concepts or cue types)."""

    first: int
    last: int
    ids: tuple[str, ...]
    weight: float = 1.0


def segment_function(lexicon: Lexicon | None = None) -> Callable[[str], list[str]]:
    """jieba's cut for Chinese runs, with the lexicon's words in its dictionary (loaded lazily)."""
    return _segment_for(lexicon or load_lexicon())


@cache
def _segment_for(lexicon: Lexicon) -> Callable[[str], list[str]]:
    tokenizer = segmenter(lexicon.han_vocabulary())

    def cut(text: str) -> list[str]:
        return [w for w in tokenizer.lcut(text) if w.strip()]

    return cut


def tokens_of(text: str, lexicon: Lexicon | None = None) -> list[Token]:
    """Tokens of ``text`` (Chinese segmented with the lexicon-aware jieba)."""
    lexicon = lexicon or load_lexicon()
    known = lexicon

    def lazily(run: str) -> list[str]:
        return segment_function(known)(run)  # jieba is only loaded when there is Chinese to cut

    return tokenize(text, lazily)


def find(
    tokens: list[Token], index: Index, *, partial: bool = False, skip: frozenset[int] = frozenset()
) -> list[Match]:
    """Longest non-overlapping matches of ``index`` forms in ``tokens``.

    With ``partial``, a Chinese word that only contains a form counts too, unless its position
    is in ``skip`` (tokens that are cue words, such as "发烧友", which is not "发烧").
    """
    out: list[Match] = []
    i = 0
    while i < len(tokens):
        match = _longest_at(tokens, i, index)
        if match is None and partial and i not in skip:
            match = _partial_at(tokens, i, index)
        if match is None:
            i += 1
            continue
        out.append(match)
        i = match.last + 1
    return out


def _longest_at(tokens: list[Token], i: int, index: Index) -> Match | None:
    if tokens[i].han:
        text = ""
        best: Match | None = None
        for j in range(i, min(len(tokens), i + 6)):
            if not tokens[j].han:
                break
            text += tokens[j].norm
            if len(text) > index.max_han:
                break
            ids = index.han.get(text)
            if ids:
                best = Match(i, j, tuple(ids))
        return best
    best = None
    for n in range(min(index.max_latin, len(tokens) - i), 0, -1):
        window = tokens[i:i + n]
        if any(t.han for t in window):
            continue
        ids = index.latin.get(tuple(t.norm for t in window))
        if ids:
            return Match(i, i + n - 1, tuple(ids))
    return best


def _partial_at(tokens: list[Token], i: int, index: Index) -> Match | None:
    word = tokens[i].norm
    if not tokens[i].han or len(word) < 3:
        return None
    for size in range(len(word) - 1, 1, -1):
        for piece in (word[:size], word[-size:]):
            ids = index.han.get(piece)
            if ids:
                return Match(i, i, tuple(ids), PARTIAL_WORD)
    return None


def find_patterns(text: str, tokens: list[Token], index: Index) -> list[Match]:
    """Matches of the index's regular-expression patterns, placed on the tokens they cover."""
    if not index.patterns:
        return []
    folded = normalize_text(text)
    out: list[Match] = []
    for pattern, concept in index.patterns:
        for hit in pattern.finditer(folded):
            covered = [k for k, t in enumerate(tokens) if t.start < hit.end() and t.end > hit.start()]
            if covered:
                out.append(Match(covered[0], covered[-1], (concept,)))
    return out


def merge(primary: list[Match], extra: list[Match]) -> list[Match]:
    """``primary`` plus those ``extra`` matches that add a concept not already found where they sit."""
    out = list(primary)
    for match in extra:
        overlapping = [m for m in primary if m.first <= match.last and match.first <= m.last]
        if not any(set(match.ids) <= set(m.ids) for m in overlapping):
            out.append(match)
    return sorted(out, key=lambda m: (m.first, m.last))
