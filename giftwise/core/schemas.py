"""Shared Pydantic building blocks: the strict base model, common annotated types, pages."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

T = TypeVar("T")

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
