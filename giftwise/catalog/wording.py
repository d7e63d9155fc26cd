"""What to call a catalog item, and its usage tip, in the reader's language (pure: no session)."""

from __future__ import annotations

from giftwise.core.i18n import bilingual
from giftwise.models.catalog import CatalogItem


def item_name(item: CatalogItem | None, description: str, language: str) -> str:
    """What to call the gift in ``language``: the item's name, else the free description."""
    if item is None:
        return description
    return bilingual(language, item.name_zh, item.name_en) or item.sku


def usage_tip(item: CatalogItem | None, language: str) -> str | None:
    """The item's usage tip in ``language`` (falling back to the other language)."""
    if item is None:
        return None
    return bilingual(language, item.usage_tip_zh, item.usage_tip_en) or None
