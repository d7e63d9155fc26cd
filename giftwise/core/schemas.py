"""Shared Pydantic building blocks: the strict base model, common annotated types, pages."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from giftwise.core.errors import Invalid

T = TypeVar("T")
S = TypeVar("S", bound=BaseModel)

PrimaryKey = Annotated[int, Field(gt=0)]
NameStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^(zh|en)$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Schema(BaseModel):
    """Base of every schema crossing the boundary: strips whitespace, reads ORM objects."""

    model_config = ConfigDict(str_strip_whitespace=True, from_attributes=True)


class Page(Schema, Generic[T]):
    """One page of a list: the items, the total that matched, and where the page starts."""

    items: list[T]
    total: int
    limit: int
    offset: int


def validation_sentence(error: ValidationError) -> str:
    """The first problem of a validation error as a sentence a user can act on."""
    first = error.errors()[0]
    message = str(first.get("msg", "is invalid")).removeprefix("Value error, ")
    field = ".".join(str(p) for p in first.get("loc", ()))
    if not field or message.startswith(("The ", "'")) or field in message:
        return message.rstrip(".") + "."
    return f"{field}: {message.rstrip('.')}."


def parse_input(model: type[S], values: dict[str, Any]) -> S:
    """``values`` validated as ``model``; Invalid with one clear sentence otherwise (CLI input)."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise Invalid(validation_sentence(error)) from None
