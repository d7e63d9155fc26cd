"""Messages in the user's language (zh, en): one lookup, ``t()``, over gettext catalogs.

The catalogs are the ``.po`` files in ``giftwise/locale/<lang>/LC_MESSAGES/``, one file per area
(``contacts.po``, ``web.po`` ...). Message ids are stable dotted keys (``contacts.added``); the
translation is a ``str.format`` template (``"Added contact #{id} {name}."``). The ``.po`` files
are read at runtime through Babel, so an install needs no compile step.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from giftwise.core.settings import get_settings

LANGUAGES = ("zh", "en")
PO_SUFFIX = ".po"
# The language of the person a long task reports to (a web import's rejected rows): msg() words in it
# while set, so a parser's sentences reach that page in its language rather than the installation's.
_reader_language: ContextVar[str | None] = ContextVar("giftwise_reader_language", default=None)


def locale_folder(language: str) -> Traversable:
    """Where the catalogs of ``language`` live inside the installed package."""
    return resources.files("giftwise") / "locale" / language / "LC_MESSAGES"


@cache
def catalog(language: str) -> dict[str, str]:
    """Every translated message of ``language``: msgid -> template (empty and fuzzy entries left out)."""
    messages: dict[str, str] = {}
    for entry in sorted(locale_folder(language).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(PO_SUFFIX):
            messages.update(area_catalog(language, entry.name.removesuffix(PO_SUFFIX)))
    return messages


@cache
def area_catalog(language: str, area: str) -> dict[str, str]:
    """The translated messages of one area's file (``clihelp.po``), for a caller that needs no other area
    (the CLI's help words itself without reading every catalog)."""
    from babel.messages.pofile import read_po

    entry = locale_folder(language) / f"{area}{PO_SUFFIX}"
    if not entry.is_file():
        return {}
    with entry.open("rb") as handle:
        return {
            message.id: str(message.string)
            for message in read_po(handle, locale=language)
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
        }


def normalize_language(language: str | None) -> str:
    """Map any language tag ("zh-CN", "EN", None) to one giftwise speaks: "zh" or "en"."""
    if language and language.lower().startswith("en"):
        return "en"
    return "zh" if language is None or language.lower().startswith("zh") else "en"


@dataclass(frozen=True, slots=True)
class Message:
    """A message not yet worded: a value of another message, worded in that message's language."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, /, **values: Any) -> Message:
        """The message ``key`` with ``values``, to be worded later."""
        return cls(key, values)


def t(key: str, language: str | None = None, /, **values: Any) -> str:
    """The message ``key`` in ``language`` with ``values`` filled in; falls back to English, then the key.

    A value that is itself a ``Message`` or a ``Label`` is worded in the same language first.
    """
    lang = normalize_language(language)
    template = catalog(lang).get(key) or catalog("en").get(key) or key
    if not values:
        return template
    return template.format(**{k: _worded(v, lang) for k, v in values.items()})


def _worded(value: Any, language: str) -> Any:
    if isinstance(value, Message):
        return t(value.key, language, **value.values)
    if isinstance(value, Label):
        return label(value.kind, value.value, language)
    if isinstance(value, Choices):
        return value.worded(language)
    return value


class Worded(str):
    """A message worded in one language that remembers its key, so an edge can word it again in another."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, language: str | None, values: dict[str, Any]) -> Worded:
        """The message ``key`` worded in ``language``."""
        worded = super().__new__(cls, t(key, language, **values))
        worded.key, worded.values = key, values
        return worded

    def in_language(self, language: str | None) -> str:
        """The same message in ``language``."""
        return t(self.key, language, **self.values)


def msg(key: str, /, **values: Any) -> Worded:
    """The message ``key`` in the installation's language (GIFTWISE_LANGUAGE), or the reader's inside ``reading_in``.

    For code with no reader's language at hand: validators, file parsers, CLI lines. Services
    raise errors with a key instead (``NotFound("contacts.not_found", id=7)``), worded when shown.
    A ``ValueError(msg(...))`` from a validator is worded again in the request's or page's language.
    """
    return Worded(key, current_language(), values)


def current_language() -> str:
    """The language ``msg()`` words in: the reader's inside ``reading_in``, else the installation's."""
    return _reader_language.get() or get_settings().language


@contextmanager
def reading_in(language: str) -> Iterator[None]:
    """Inside the block (this thread or task only), ``msg()`` words in ``language``: the reader is known."""
    token = _reader_language.set(normalize_language(language))
    try:
        yield
    finally:
        _reader_language.reset(token)


def reworded(error: object, language: str | None) -> str | None:
    """The sentence of an exception raised with ``msg()`` (a validator's ValueError) in ``language``, else None."""
    args = getattr(error, "args", ())
    return args[0].in_language(language) if args and isinstance(args[0], Worded) else None


def in_both(key: str, /, **values: Any) -> tuple[str, str]:
    """The message in Chinese and in English, for rows that store both; a (zh, en) tuple value gives each its own."""
    zh_values = {k: v[0] if isinstance(v, tuple) else v for k, v in values.items()}
    en_values = {k: v[1] if isinstance(v, tuple) else v for k, v in values.items()}
    return t(key, "zh", **zh_values), t(key, "en", **en_values)


def bilingual(language: str | None, zh: str | None, en: str | None) -> str:
    """The one of a stored zh/en pair (a name, a reason) that fits ``language``, else the other one, else ""."""
    first, second = (en, zh) if normalize_language(language) == "en" else (zh, en)
    return first or second or ""


def N_(key: str) -> str:  # noqa: N802 - the gettext convention for "a msgid, looked up later"
    """Mark ``key`` as a message id that is looked up later with ``t()``; returns it unchanged."""
    return key


# The kinds of stored values that have words: each value's msgid is its kind's prefix plus the value
# (spaces as underscores), so ``label.category.cash_equivalent`` words the category "cash equivalent".
LABEL_PREFIXES = {
    "relationship": "label.relationship.",
    "channel": "label.channel.",
    "purpose": "label.purpose.",
    "occasion": "label.occasion.",
    "category": "label.category.",
    "status": "label.status.",
    "gift_kind": "label.gift_kind.",
    "item_kind": "label.item_kind.",
    "entity": "label.entity.",
    "column": "label.column.",
    "flag": "label.flag.",
    "fact_kind": "label.fact_kind.",
    "fact_origin": "label.fact_origin.",
    "field": "input.field.",  # an input field by the name a form gives it
    "attribute": "label.attribute.",
    "answer": "label.answer.",
    "meaning": "label.meaning.",
    "template": "label.template.",
    "template_area": "label.template_area.",
}


@dataclass(frozen=True, slots=True)
class Label:
    """A stored value in a message (``current=Label("status", "shipped")``), worded by ``label()`` in that
    message's language."""

    kind: str
    value: object


@dataclass(frozen=True, slots=True)
class Choices:
    """The values a person may type (``Choices("item_kind", ("goods", "food"))``) in a message, each
    worded in that message's language beside what to type: "goods (物品)、food (食品)" or "goods, food"."""

    kind: str
    values: tuple[str, ...]

    def worded(self, language: str | None) -> str:
        """Each value as typed, with its words in ``language`` when they say something else."""
        shown = []
        for value in self.values:
            words = label(self.kind, value, language)
            shown.append(value if words.lower() == value.lower() else f"{value} ({words})")
        return ("、" if normalize_language(language) == "zh" else ", ").join(shown)


def label(kind: str, value: object, language: str | None = None) -> str:
    """A stored value of ``kind`` (a relationship, a gift status, a catalog category ...) in ``language``.

    A value with no words in the catalogs (a category a user typed) is shown as it is; None is "".
    """
    if value is None:
        return ""
    raw = str(getattr(value, "value", value))
    key = LABEL_PREFIXES[kind] + raw.strip().lower().replace(" ", "_")
    lang = normalize_language(language)
    return catalog(lang).get(key) or catalog("en").get(key) or raw
