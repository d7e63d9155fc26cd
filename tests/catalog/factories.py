"""Typed helpers that build catalog items and files for tests."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from giftwise.catalog.schemas import CatalogItemCreate
from giftwise.catalog.service import create_item
from giftwise.core.actor import Actor
from giftwise.models.catalog import CatalogItem


def add_item(session: Session, actor: Actor, sku: str = "tea-leaves", **fields: Any) -> CatalogItem:
    """An item added through the catalog service (checked, audited), with sensible defaults per field."""
    values: dict[str, Any] = {
        "sku": sku, "name_en": "Longjing green tea", "name_zh": "明前龙井", "price": Decimal("480"),
        "category": "food", "tags": ["tea", "茶叶"],
    }  # fmt: skip
    values.update(fields)
    return create_item(session, actor, data=CatalogItemCreate.model_validate(values))


def portable(sku: str = "tea-leaves", **fields: Any) -> dict[str, Any]:
    """One item in the shared catalog JSON shape."""
    item: dict[str, Any] = {
        "id": sku, "name": {"en": "Longjing green tea", "zh": "明前龙井"},
        "description": {"en": "Tea in a tin.", "zh": "礼罐装。"}, "price": 480, "currency": "CNY",
        "category": "food", "tags": ["tea", "茶叶"],
    }  # fmt: skip
    item.update(fields)
    return item


def json_file(*items: dict[str, Any]) -> bytes:
    """A catalog JSON file holding ``items``."""
    return json.dumps({"catalog": list(items)}, ensure_ascii=False, indent=1).encode("utf-8")


def csv_text(header: list[str], *rows: list[Any], delimiter: str = ",") -> str:
    """A CSV document with ``header`` and ``rows``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


BASIC_HEADER = ["id", "name_en", "name_zh", "price", "currency", "category", "tags"]
