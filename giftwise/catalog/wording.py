"""What to call a catalog item, and its usage tip, in the reader's language (pure: no session)."""

from __future__ import annotations

from giftwise.models.catalog import CatalogItem


def item_name(item: CatalogItem | None, description: str, language: str) -> str:
    """What to call the gift in ``language``: the item's name, else the free description."""
    if item is None:
        return description
    if language == "en":
        return item.name_en or item.name_zh or item.sku
    return item.name_zh or item.name_en or item.sku


def usage_tip(item: CatalogItem | None, language: str) -> str | None:
    """The item's usage tip in ``language`` (falling back to the other language)."""
    if item is None:
        return None
    return (item.usage_tip_en or item.usage_tip_zh) if language == "en" else (item.usage_tip_zh or item.usage_tip_en)
