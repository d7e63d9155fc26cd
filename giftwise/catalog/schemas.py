"""Shapes that cross the catalog boundary: items in and out, queries, import reports."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from giftwise.catalog import fields
from giftwise.core.i18n import msg
from giftwise.core.schemas import Schema
from giftwise.core.settings import get_settings


def _clean_sku(value: Any) -> str:
    sku = fields.plain_text(value)
    if not sku:
        raise ValueError(msg("catalog.id_empty_every_item"))
    if len(sku) > 120:
        raise ValueError(msg("catalog.id_longer_than_characters", sku=sku[:30]))
    return sku


def _short(limit: int, field: str) -> Any:
    def check(value: str | None) -> str | None:
        if value is not None and len(value) > limit:
            raise ValueError(msg("catalog.longer_than_characters_shorten", field_name=field, limit=limit))
        return value

    return AfterValidator(check)


Sku = Annotated[str, BeforeValidator(_clean_sku)]
Price = Annotated[Decimal, BeforeValidator(fields.parse_price)]
Currency = Annotated[str, BeforeValidator(fields.parse_currency)]
Tags = Annotated[list[str], BeforeValidator(fields.parse_tags)]
Flag = Annotated[bool, BeforeValidator(fields.parse_flag)]
Name = Annotated[str, BeforeValidator(fields.plain_text), _short(300, "name")]
Text = Annotated[str, BeforeValidator(fields.plain_text)]
Category = Annotated[str, BeforeValidator(fields.plain_text), _short(120, "category")]
OptionalText = Annotated[str | None, BeforeValidator(fields.blank_to_none)]
Supplier = Annotated[str | None, BeforeValidator(fields.blank_to_none), _short(200, "supplier")]
LeadTime = Annotated[int | None, BeforeValidator(lambda v: fields.parse_count(v, "lead_time_days"))]
Stock = Annotated[int | None, BeforeValidator(lambda v: fields.parse_count(v, "stock"))]

# Field order of exports (CSV/XLSX columns); ``id`` is the customer's sku.
FLAT_FIELDS = (
    "id", "name_en", "name_zh", "description_en", "description_zh", "price", "currency", "category", "tags",
    "supplier", "lead_time_days", "usage_tip_en", "usage_tip_zh", "story_prompt", "stock", "active",
)


class CatalogItemCreate(Schema):
    """A new catalog item; at least one of the two names is required."""

    sku: Sku = Field(description="The customer's own id for the item, e.g. tea-leaves")
    name_en: Name = ""
    name_zh: Name = ""
    description_en: Text = ""
    description_zh: Text = ""
    price: Price
    currency: Currency = Field(default_factory=lambda: _default_currency())
    category: Category = ""
    tags: Tags = Field(default_factory=list)
    supplier: Supplier = None
    lead_time_days: LeadTime = None
    usage_tip_en: OptionalText = None
    usage_tip_zh: OptionalText = None
    story_prompt: OptionalText = None
    stock: Stock = None
    active: Flag = True

    @model_validator(mode="after")
    def _has_a_name(self) -> CatalogItemCreate:
        if not self.name_en and not self.name_zh:
            raise ValueError(msg("catalog.item_name_fill_name"))
        return self


class CatalogItemUpdate(Schema):
    """Changes to an item; only the fields given are changed."""

    name_en: Name | None = None
    name_zh: Name | None = None
    description_en: Text | None = None
    description_zh: Text | None = None
    price: Price | None = None
    currency: Currency | None = None
    category: Category | None = None
    tags: Tags | None = None
    supplier: Supplier = None
    lead_time_days: LeadTime = None
    usage_tip_en: OptionalText = None
    usage_tip_zh: OptionalText = None
    story_prompt: OptionalText = None
    stock: Stock = None
    active: Flag | None = None


class CatalogItemRead(Schema):
    """A stored catalog item."""

    sku: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    price: Decimal
    currency: str
    category: str
    tags: list[str]
    supplier: str | None
    lead_time_days: int | None
    usage_tip_en: str | None
    usage_tip_zh: str | None
    story_prompt: str | None
    stock: int | None
    active: bool
    created_at: datetime
    updated_at: datetime


class ItemStatus(StrEnum):
    """Which items a list shows."""

    active = "active"
    inactive = "inactive"
    all = "all"


class CatalogQuery(Schema):
    """Filters for listing the catalog; every filter is optional."""

    search: str | None = Field(None, description="Words in the name (zh or en), id or tags")
    category: str | None = None
    tag: str | None = None
    min_price: Decimal | None = Field(None, ge=0)
    max_price: Decimal | None = Field(None, ge=0)
    currency: str | None = None
    status: ItemStatus = ItemStatus.active


class ImportReport(Schema):
    """What an import did: items created, updated, and left as they were."""

    created: list[str]
    updated: list[str]
    unchanged: int
    total: int


class ExportFormat(StrEnum):
    """File formats a catalog is exported to and imported from."""

    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def _default_currency() -> str:
    return get_settings().default_currency
