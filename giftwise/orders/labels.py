"""What a line holds, in words: the catalog item's name in the reader's language, else the free description."""

from __future__ import annotations

from giftwise.models.catalog import CatalogItem


def item_label(item: CatalogItem | None, description: str, language: str) -> str:
    """What a line holds, in ``language``: the catalog name, else the free description."""
    if item is None:
        return description
    name = item.name_en if language == "en" else item.name_zh
    return name or item.name_zh or item.name_en or item.sku
