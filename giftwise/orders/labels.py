"""What a line holds, in words: the catalog item's name in the reader's language, else the free description."""

from __future__ import annotations

from giftwise.core.i18n import bilingual
from giftwise.models.catalog import CatalogItem


def item_label(item: CatalogItem | None, description: str, language: str) -> str:
    """What a line holds, in ``language``: the catalog name, else the free description."""
    if item is None:
        return description
    return bilingual(language, item.name_zh, item.name_en) or item.sku
