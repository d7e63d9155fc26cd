"""Input problems as sentences in the reader's language: one wording for the CLI, the REST API and the pages.

pydantic reports problems as English codes ("string_too_short" at ("body", "text")); each is worded here
as a catalog sentence naming the field by its label (``input.field.<name>``), so pydantic's own English
never reaches a reader. A validator's own sentence (raised with ``msg()`` or as a GiftwiseError) is
worded again in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from giftwise.core.errors import GiftwiseError, Invalid
from giftwise.core.i18n import LABEL_PREFIXES, catalog, current_language, label, normalize_language, reworded, t

# pydantic error types worded by one message each; any other type reads as "input.invalid.other".
WORDED = frozenset({
    "missing", "string_too_short", "string_too_long", "greater_than_equal", "less_than_equal", "greater_than",
    "less_than", "int_parsing", "float_parsing", "decimal_parsing", "date_parsing", "date_from_datetime_parsing",
    "literal_error", "enum", "bool_parsing", "too_short", "too_long", "string_pattern_mismatch", "int_from_float",
    "date_from_datetime_inexact", "datetime_parsing",
})
# Where a problem sits that is not a field: the request part FastAPI names first.
_REQUEST_PARTS = frozenset({"body", "query", "path", "form", "header", "cookie"})
# Fields whose options are stored values with words of their own (see i18n.LABEL_PREFIXES).
_WORDED_VALUES = frozenset({"relationship", "channel", "purpose", "occasion", "category", "gift_kind"})
_OPTION = re.compile(r"'([^']*)'|([^\s',]+)")


def field_name(location: Iterable[Any]) -> str:
    """The field a pydantic/FastAPI error location points at (``("body", "text")`` -> ``"text"``)."""
    parts = [str(p) for p in location if p not in _REQUEST_PARTS]
    return parts[0] if parts else ""


def field_label(field: str, language: str | None) -> str:
    """What a person calls ``field`` (the form's label), falling back to the field's own name."""
    return label("field", field, language)


def _named_part(location: Iterable[Any]) -> str:
    """The most precise part of a location that has a label (``("lines", 0, "quantity")`` -> "quantity"),
    else the field it starts at."""
    parts = [str(p) for p in location if isinstance(p, str) and p not in _REQUEST_PARTS]
    labelled = [p for p in parts if f"{LABEL_PREFIXES['field']}{p}" in catalog("en")]
    return labelled[-1] if labelled else field_name(location)


def problem_sentence(problem: Mapping[str, Any], language: str | None) -> str:
    """One pydantic error (a dict from ``errors()``) as a sentence in ``language``."""
    kind = str(problem.get("type", ""))
    context = dict(problem.get("ctx") or {})
    cause = context.get("error")
    if kind == "value_error" and isinstance(cause, GiftwiseError):
        return cause.sentence(language)  # our own validator's sentence
    if kind == "value_error" and (again := reworded(cause, language)) is not None:
        return again
    location = problem.get("loc", ())
    name = field_name(location)
    if not name:  # a rule across fields (a cap above its budget): the input as a whole
        return t("input.invalid.form", language)
    values = {k: _plain(v) for k, v in context.items() if isinstance(v, (int, float, Decimal, str))}
    if kind in ("literal_error", "enum"):
        values["expected"] = _options(name, str(context.get("expected", "")), language)
    key = f"input.invalid.{kind if kind in WORDED else 'other'}"
    return t(key, language, field=field_label(_named_part(location), language), **values)


def _plain(value: int | float | Decimal | str) -> int | float | Decimal | str:
    """A bound as a person writes it: 0, not 0.0 or 0.00."""
    if isinstance(value, float | Decimal) and value == int(value):
        return int(value)
    return value


def _options(field: str, expected: str, language: str | None) -> str:
    """pydantic's "'a', 'b' or 'c'" as a list in ``language`` ("a、b、c" or "a, b, c"), each option in words
    where the field holds a kind of value that has them (a status, a channel, a relationship ...)."""
    kind = "status" if field.endswith("status") else field if field in _WORDED_VALUES else None
    options = [quoted or bare for quoted, bare in _OPTION.findall(expected) if (quoted or bare) != "or"]
    shown = [label(kind, option, language) if kind else option for option in options]
    return ("、" if normalize_language(language) == "zh" else ", ").join(shown)


def sentences(problems: Sequence[Mapping[str, Any]], language: str | None) -> list[str]:
    """Each problem's sentence in ``language``, each said once, in the order pydantic found them."""
    said: list[str] = []
    for problem in problems:
        sentence = problem_sentence(problem, language)
        if sentence not in said:
            said.append(sentence)
    return said or [t("core.invalid_request", language)]


def joined(said: Sequence[str], language: str | None) -> str:
    """Sentences run together as a paragraph in ``language`` (no space between Chinese sentences)."""
    return ("" if normalize_language(language) == "zh" else " ").join(said)


def validation_sentence(error: ValidationError, language: str | None = None) -> str:
    """Every problem of ``error`` in ``language`` (default: ``msg()``'s, the reader's or the installation's) as
    sentences a user can act on."""
    language = language or current_language()
    return joined(sentences(error.errors(), language), language)


class InvalidInput(Invalid):
    """Input that failed its schema; worded problem by problem in whichever language it is shown."""

    def __init__(self, error: ValidationError) -> None:
        self.problems: list[Any] = list(error.errors())
        super().__init__("core.invalid_request", field=field_name(self.problems[0].get("loc", ())) or None)

    def sentence(self, language: str | None) -> str:
        """The problems in ``language``, each said once."""
        return joined(sentences(self.problems, language), language)


def field_errors(error: Exception, language: str) -> dict[str, str]:
    """Each field's first problem as a sentence; a domain error goes under its ``field`` (or ``""``)."""
    if isinstance(error, InvalidInput):
        problems: Sequence[Mapping[str, Any]] = error.problems
    elif isinstance(error, GiftwiseError):
        return {error.field or "": error.sentence(language)}
    else:
        listed = getattr(error, "errors", None)
        problems = listed() if callable(listed) else ()
    found: dict[str, str] = {}
    for problem in problems:
        found.setdefault(field_name(problem.get("loc", ())), problem_sentence(problem, language))
    return found or {"": t("input.invalid.other", language, field="")}
