"""Form input problems as sentences a person reads next to the field, in the page's language.

pydantic and FastAPI report problems as English codes ("string_too_short" at ("body", "text")); a page
shows each as a translated sentence naming the field the way the form labels it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import reworded, t

# pydantic error types worded by one message each; any other type reads as "web.invalid.other".
WORDED = frozenset({
    "missing", "string_too_short", "string_too_long", "greater_than_equal", "less_than_equal", "greater_than",
    "less_than", "int_parsing", "float_parsing", "decimal_parsing", "date_parsing", "date_from_datetime_parsing",
    "literal_error", "enum", "bool_parsing", "too_short", "too_long",
})


def field_name(location: Iterable[Any]) -> str:
    """The form field a pydantic/FastAPI error location points at (``("body", "text")`` -> ``"text"``)."""
    parts = [str(p) for p in location if p not in ("body", "query", "path", "form")]
    return parts[0] if parts else ""


def field_label(field: str, language: str) -> str:
    """What the page calls ``field`` (its label), falling back to the field's own name."""
    key = f"web.field.{field}"
    label = t(key, language)
    return field if label == key else label


def sentence(problem: Mapping[str, Any], language: str) -> str:
    """One pydantic error (a dict from ``errors()``) as a sentence in ``language``."""
    kind = str(problem.get("type", ""))
    context = dict(problem.get("ctx") or {})
    field = field_label(field_name(problem.get("loc", ())), language)
    if kind == "value_error" and isinstance(context.get("error"), GiftwiseError):
        return context["error"].sentence(language)  # our own validator's sentence
    if kind == "value_error" and (again := reworded(context.get("error"), language)) is not None:
        return again
    if not field:  # a rule across fields (a cap above its budget): the form as a whole
        return t("web.invalid.form", language)
    values = {k: _plain(v) for k, v in context.items() if isinstance(v, (int, float, str))}
    return t(f"web.invalid.{kind if kind in WORDED else 'other'}", language, field=field, **values)


def _plain(value: int | float | str) -> int | float | str:
    """A bound as a person writes it: 0, not 0.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def field_errors(error: Exception, language: str) -> dict[str, str]:
    """Each field's first problem as a sentence; a domain error goes under its ``field`` (or ``""``)."""
    if isinstance(error, GiftwiseError):
        return {error.field or "": error.sentence(language)}
    found: dict[str, str] = {}
    problems = getattr(error, "errors", None)
    for problem in problems() if callable(problems) else ():
        found.setdefault(field_name(problem.get("loc", ())), sentence(problem, language))
    return found or {"": t("web.invalid.other", language, field="")}
