"""A retirement is the retiree's own next stage: tea, a garden, a frame for the family's photos come before toys,
even when the retiree looks forward to the grandchildren, in either language."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.items import analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 12, 1)
CATALOG = [
    {"id": "toy-train", "name": {"en": "Wooden toy train", "zh": "木质小火车玩具"},
     "description": {"en": "For kids aged 3-7.", "zh": "适合3-7岁儿童。"}, "price": 300, "currency": "CNY",
     "category": "toys"},
    {"id": "clay-teapot", "name": {"en": "Yixing clay teapot and cups", "zh": "宜兴紫砂茶具"},
     "description": {"en": "Hand-thrown teapot with two cups.", "zh": "手工紫砂壶配两只杯。"}, "price": 800,
     "currency": "CNY", "category": "home"},
    {"id": "usb-hub", "name": {"en": "USB-C hub", "zh": "扩展坞"}, "price": 300, "currency": "CNY",
     "category": "electronics"},
]


@pytest.mark.parametrize(("note", "language"), [
    ("Mr Okada retires in March after 40 years; plans to spend time with his grandchildren", "en"),
    ("老周下个月光荣退休，说以后就带孙子了", "zh"),
])
def test_a_retiree_gets_a_gift_for_the_next_stage_not_toys(note: str, language: str) -> None:
    ids = ranked_for_notes(analyze_catalog(CATALOG), [note], "congratulations", as_of=AS_OF, noted_on="2026-11-20",
                           language=language, name="Okada", budget=1000)
    assert ids[0] == "clay-teapot"
    assert ids.index("toy-train") > ids.index("clay-teapot")
