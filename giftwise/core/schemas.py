"""Shared Pydantic building blocks: the strict base model, common annotated types, pages."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from giftwise.core.amounts import currency_code
from giftwise.core.errors import Invalid
from giftwise.core.i18n import LANGUAGES, Label, Message, msg, normalize_language
from giftwise.core.validation import InvalidInput

T = TypeVar("T")
S = TypeVar("S", bound=BaseModel)

# The widest integer both databases store (PostgreSQL INTEGER; SQLite stops at 2^63-1). A larger
# id or count is refused as input instead of failing inside the database.
MAX_INT = 2**31 - 1
# Dates giftwise accepts: wide enough for any birthday or plan, narrow enough that adding a
# campaign window or a snooze to them can never run past year 9999.
FIRST_DAY = date(1800, 1, 1)
LAST_DAY = date(2999, 12, 31)


def _calendar_day(value: Any) -> Any:
    # Pydantic reads a bare number as a Unix timestamp, so "as_of=0" became 1970-01-01.
    if isinstance(value, bool | int | float | Decimal) or (isinstance(value, str) and value.strip().isdigit()):
        raise ValueError(msg("input.date_not_a_day", value=value))
    return value


def _day_in_range(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(msg("input.date_out_of_range", value=value, first=FIRST_DAY, last=LAST_DAY))
    return value


def _currency(value: Any) -> Any:
    return currency_code(value) if isinstance(value, str) else value


PrimaryKey = Annotated[int, Field(gt=0, le=MAX_INT)]
# A calendar day given as YYYY-MM-DD, between FIRST_DAY and LAST_DAY (query parameters use it).
Day = Annotated[date, BeforeValidator(_calendar_day), AfterValidator(_day_in_range)]
NameStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^(zh|en)$")]
# A currency as people type it ("usd", "RMB", "¥") stored as its ISO code ("USD", "CNY").
CurrencyCode = Annotated[str, BeforeValidator(_currency), StringConstraints(pattern=r"^[A-Z]{3}$")]


class Schema(BaseModel):
    """Base of every schema crossing the boundary: strips whitespace, reads ORM objects."""

    model_config = ConfigDict(str_strip_whitespace=True, from_attributes=True)

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        """Refuse input no database can store: NUL in text, integers past MAX_INT, dates out of range."""
        if isinstance(data, dict):
            days = _date_fields(cls)
            for name, value in data.items():
                if name in days and value is not None:
                    _check_day(name, value)
                _check_storable(name, value)
        return data


def _check_day(name: str, value: Any) -> None:
    day = value
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip()[:10])
        except ValueError:
            day = None  # not a date at all: pydantic says so in its own words
    try:
        _calendar_day(value)
        if isinstance(day, date):
            _day_in_range(day.date() if isinstance(day, datetime) else day)
    except ValueError as error:
        said = error.args[0]  # a Worded sentence of _calendar_day or _day_in_range
        problem = Message(said.key, said.values)
        raise ValueError(msg("input.field_problem", field=Label("field", name), problem=problem)) from None


def _check_storable(name: str, value: Any) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(msg("input.nul_character", field=Label("field", name)))
    elif isinstance(value, int) and not isinstance(value, bool):
        if not -MAX_INT - 1 <= value <= MAX_INT:
            raise ValueError(msg("input.number_too_large", field=Label("field", name), limit=MAX_INT))
    elif isinstance(value, list | tuple | set):
        for item in value:
            _check_storable(name, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_storable(name, key)
            _check_storable(name, item)


@cache
def _date_fields(model: type[BaseModel]) -> frozenset[str]:
    names = set()
    for name, info in model.model_fields.items():
        if _mentions_date(info.annotation):
            names.update({name, info.alias or name})
    return frozenset(names)


def _mentions_date(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, date)
    if get_origin(annotation) in (Union, types.UnionType, Annotated):
        return any(_mentions_date(arg) for arg in get_args(annotation))
    return False


class Page(Schema, Generic[T]):
    """One page of a list: the items, the total that matched, and where the page starts."""

    items: list[T]
    total: int
    limit: int
    offset: int


def page_of(
    schema: type[S], rows: Iterable[Any], *, total: int, limit: int, offset: int,
    read: Callable[[Any], S] | None = None,
) -> Page[S]:
    """The page of ``rows`` (``total`` matched, ``limit`` from ``offset``), each row shown as ``schema``:
    read from the row's attributes, or made by ``read`` where the shape needs more than the row."""
    make = read or schema.model_validate
    shape: type[Page[S]] = Page[schema]  # type: ignore[valid-type]  # a page of whichever schema is given
    return shape(items=[make(row) for row in rows], total=total, limit=limit, offset=offset)


def spoken_language(language: str | None) -> str | None:
    """``language`` as "zh" or "en" (tags such as zh-CN allowed); None stays None; Invalid for any other.

    For languages a person asks for (``--language fr``), which must not quietly become English.
    """
    if language is None:
        return None
    if language.strip().lower().split("-")[0].split("_")[0] not in LANGUAGES:
        raise Invalid("core.language_zh_or_en", language=language, field="language")
    return normalize_language(language)


def parse_input(model: type[S], values: dict[str, Any]) -> S:
    """``values`` validated as ``model``; Invalid with one clear sentence otherwise (CLI input)."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise InvalidInput(error) from None
