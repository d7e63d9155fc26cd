"""Needs found by meaning (issue 11): a situation in a note finds the item whose use answers it, though the
two share no word. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog

AS_OF = date(2026, 10, 1)


def _item(item_id: str, en: str, zh: str, price: int, description: str, category: str) -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": {"en": description, "zh": ""},
            "price": price, "currency": "CNY", "category": category, "tags": []}


CATALOG = [
    _item("purifier", "Bedroom air cleaner", "卧室空气净化器", 1200, "HEPA filter, quiet at night.", "appliance"),
    _item("scented-candle", "Scented candle trio", "香薰蜡烛三件套", 300, "Fig, cedar and amber.", "home"),
    _item("photo-frame", "Walnut photo frame", "胡桃木相框", 260, "Holds a 7-inch print.", "home"),
    _item("tea-tin", "Oolong tea tin", "乌龙茶罐装", 380, "Roasted Tieguanyin.", "tea"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


@pytest.mark.parametrize("note", [
    "Mr Lin just finished renovating and his wife worries about the smell of fresh paint.",
    "林总女儿有哮喘，一到冬天就犯。",
    "林总说最近雾霾严重，家里老人咳嗽。",
])
def test_bad_indoor_air_finds_an_air_purifier(items: list[ItemProfile], note: str) -> None:
    person = person_from_profile({"id": "p", "name": "Lin", "language": "en", "relationship": "client",
                                  "notes": [{"date": "2026-09-20", "text": note}]}, AS_OF)
    ranked = [r.item.id for r in recommend(person, items, Request("care", Decimal(2000), "CNY", AS_OF, top=10))
              .recommendations]
    assert ranked[0] == "purifier"
