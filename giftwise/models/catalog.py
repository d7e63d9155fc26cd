"""The customer's own gift catalog."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class CatalogItem(IdMixin, TimestampMixin, Base):
    """A giftable item, bilingual; ``sku`` is the customer's own id (e.g. "tea-leaves")."""

    __tablename__ = "catalog_items"

    sku: Mapped[str] = mapped_column(String(120), unique=True)
    name_zh: Mapped[str] = mapped_column(String(300), default="")
    name_en: Mapped[str] = mapped_column(String(300), default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    category: Mapped[str] = mapped_column(String(120), default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    supplier: Mapped[str | None] = mapped_column(String(200))
    lead_time_days: Mapped[int | None]
    usage_tip_zh: Mapped[str | None] = mapped_column(Text)
    usage_tip_en: Mapped[str | None] = mapped_column(Text)
    story_prompt: Mapped[str | None] = mapped_column(Text)
    stock: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)
    # A user's corrections of the understood attributes ({"nuts": "no", "meaning:clock": "no"}); they always win.
    attribute_corrections: Mapped[dict[str, Any]] = mapped_column(default=dict)
