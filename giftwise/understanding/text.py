"""Words out of text, in both languages: sentences, clauses and normalised tokens.

Traditional Chinese (Taiwan, Hong Kong) is folded to Simplified character by character before
anything is matched, so "過敏" reads as "过敏" while quotes, cut from the original text by offset,
stay in the writer's own script. Chinese runs are segmented with jieba (loaded lazily, with the
lexicon's surface forms in its dictionary, see :mod:`giftwise.understanding.segmenter`); Latin runs
are split into words, lower-cased, with contractions opened ("doesn't" -> "does not") and a light
plural stemmer, so "Wine glasses" and "wine glass" meet. Tokens keep their character offsets into the text, so
every fact can quote the words it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import opencc

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?|\n|[^\sa-z\d\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CONTRACTIONS = {
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    # Busy reps drop the apostrophe ("doesnt eat pork", "cant stand coffee"): the same negation.
    **{verb + "nt": (verb, "not") for verb in ("do", "does", "did", "is", "are", "was", "were", "has", "have", "had",
                                                 "would", "should", "could")},
    "cant": ("can", "not"), "wont": ("will", "not"),
}
# Marks that end a sentence, and those that only end a clause (Chinese and Latin forms).
SENTENCE_END = frozenset("。！？!?.；;\n")
CLAUSE_END = frozenset("，,：:（）()[]【】「」『』“”\"—–…")
# Characters normalised before tokenising: curly quotes, full-width forms.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "＇": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word: ``norm`` is what matching compares; ``start``/``end`` index the original text."""

    norm: str
    start: int
    end: int
    han: bool

    @property
    def is_punct(self) -> bool:
        """True for a punctuation mark."""
        return len(self.norm) == 1 and not self.norm.isalnum()


def normalize_text(text: str) -> str:
    """NFKC-fold full-width characters, straighten quotes and fold Traditional Chinese to Simplified, keeping
    the length stable enough to quote."""
    return to_simplified(unicodedata.normalize("NFKC", text).translate(_QUOTES))


@cache
def _traditional_to_simplified() -> opencc.OpenCC:
    # Taiwan's variants ("睡不著") fold too; plain "t2s" keeps 著 wherever it is also a Simplified character.
    return opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    """``text`` with every Traditional Chinese character replaced by its Simplified form, one character for one,
    so offsets into the result are offsets into ``text``; other characters are left as they are."""
    if not HAN.search(text):
        return text
    convert = _traditional_to_simplified().convert
    folded = convert(text)
    if len(folded) != len(text):  # a phrase changed length: fold each character on its own
        folded = "".join(_one_for_one(convert(char), char) if HAN.fullmatch(char) else char for char in text)
    return "".join(new if new != old and HAN.fullmatch(old) and HAN.fullmatch(new) else old
                   for old, new in zip(text, folded, strict=True))


def stem(word: str) -> str:
    """A light English stemmer: plurals and possessives only, so "glasses"->"glass", "cookies"->"cooky"."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ie"):
        return word[:-2] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
        return word[:-1]
    return word


def _one_for_one(folded: str, char: str) -> str:
    return folded if len(folded) == 1 else char


def latin_tokens(text: str, offset: int = 0) -> Iterator[Token]:
    """English (or any Latin-script) tokens of ``text``: lower-cased, stemmed, contractions opened."""
    lowered = text.lower()
    # Words with apostrophes are handled first so "doesn't" and "sender's" keep their meaning.
    pos = 0
    for match in re.finditer(r"[a-z]+'[a-z]+", lowered):
        yield from _plain_latin(lowered[pos:match.start()], offset + pos)
        yield from _apostrophe_word(match.group(), offset + match.start())
        pos = match.end()
    yield from _plain_latin(lowered[pos:], offset + pos)


def _plain_latin(chunk: str, offset: int) -> Iterator[Token]:
    for match in _LATIN_TOKEN.finditer(chunk):
        word = match.group()
        if word == "-" or word == "'":
            continue  # "sugar-free" and "sugar free" read the same
        parts = _CONTRACTIONS.get(word)
        if parts:
            for part in parts:
                yield Token(part, offset + match.start(), offset + match.end(), han=False)
            continue
        yield Token(stem(word), offset + match.start(), offset + match.end(), han=False)


def _apostrophe_word(word: str, start: int) -> Iterator[Token]:
    end = start + len(word)
    if word in _CONTRACTIONS:
        for part in _CONTRACTIONS[word]:
            yield Token(part, start, end, han=False)
    elif word.endswith("n't"):
        yield Token(word[:-3], start, end, han=False)
        yield Token("not", start, end, han=False)
    elif word.endswith("'s"):
        yield Token(stem(word[:-2]), start, end, han=False)
    elif word.endswith(("'re", "'ve", "'ll", "'d", "'m")):
        yield Token(word.split("'")[0], start, end, han=False)
    else:
        yield Token(stem(word.replace("'", "")), start, end, han=False)


def tokenize(text: str, segment: Callable[[str], list[str]]) -> list[Token]:
    """All tokens of ``text`` in order: Han runs through ``segment`` (jieba), the rest as Latin words."""
    text = normalize_text(text)
    tokens: list[Token] = []
    pos = 0
    for run in HAN.finditer(text):
        tokens.extend(latin_tokens(text[pos:run.start()], pos))
        cursor = run.start()
        for word in segment(run.group()):
            tokens.append(Token(word, cursor, cursor + len(word), han=True))
            cursor += len(word)
        pos = run.end()
    tokens.extend(latin_tokens(text[pos:], pos))
    return tokens


def has_han(text: str) -> bool:
    """True when ``text`` contains Chinese characters."""
    return HAN.search(text) is not None


def language_of(text: str) -> str:
    """"zh" when Chinese characters make up a fair share of the letters, else "en"."""
    han = sum(len(m.group()) for m in HAN.finditer(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if han and han * 3 >= latin else "en"


def sentences(tokens: list[Token]) -> list[list[Token]]:
    """Split a token list at sentence ends (。.!?; and line breaks), dropping the marks."""
    out: list[list[Token]] = [[]]
    for token in tokens:
        if token.norm in SENTENCE_END:
            if out[-1]:
                out.append([])
            continue
        out[-1].append(token)
    return [s for s in out if s]
