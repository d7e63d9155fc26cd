"""Needs told by how someone lives with devices: who cannot use a smartphone gets no use from gadgets (they go
down, in either language); long hours on the road find car things; batteries that run flat find a power bank."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.items import analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 12, 1)
CATALOG = [
    {"id": "smart-speaker", "name": {"en": "Smart speaker with voice assistant", "zh": "智能音箱"},
     "description": {"en": "Bluetooth and Wi-Fi, app setup.", "zh": "蓝牙、Wi-Fi，手机App配置。"}, "price": 400,
     "currency": "CNY", "category": "electronics"},
    {"id": "wool-throw", "name": {"en": "Wool throw", "zh": "羊毛毯"}, "description": {"en": "Warm and light."},
     "price": 400, "currency": "CNY", "category": "home"},
]


@pytest.mark.parametrize(("note", "language"), [
    ("Grandpa Li loves listening to music on the radio, but he is a technophobe and still uses a flip phone.", "en"),
    ("李伯爱听音乐，只会用老人机，智能的东西都不会用", "zh"),
])
def test_gadgets_go_down_for_someone_who_cannot_use_them(note: str, language: str) -> None:
    ids = ranked_for_notes(analyze_catalog(CATALOG), [note], "festival", as_of=AS_OF, noted_on="2026-11-20",
                           language=language, name="Li", budget=800)
    assert ids[0] == "wool-throw"


ROAD = [
    {"id": "vent-mount", "name": {"en": "Air-vent phone mount", "zh": "出风口手机支架"},
     "description": {"en": "Holds the phone for navigation in the car.", "zh": "车载导航用。"}, "price": 90,
     "currency": "CNY", "category": "accessories"},
    {"id": "battery-pack", "name": {"en": "20000 mAh power bank", "zh": "20000毫安充电宝"}, "price": 150,
     "currency": "CNY", "category": "electronics"},
    {"id": "desk-tidy", "name": {"en": "Walnut desk tidy", "zh": "胡桃木桌面收纳"}, "price": 150, "currency": "CNY",
     "category": "office"},
]


@pytest.mark.parametrize(("note", "language", "answer"), [
    ("Every holiday the family does long drives to the coast in their minivan.", "en", "vent-mount"),
    ("他们一家每个假期都自驾去海边，一开就是一整天", "zh", "vent-mount"),
    ("On the school run the kids' phones always run out of battery.", "en", "battery-pack"),
    ("孩子们的平板出门没多久就老是没电", "zh", "battery-pack"),
])
def test_long_hours_on_the_road_and_flat_batteries_find_what_answers_them(note: str, language: str,
                                                                          answer: str) -> None:
    ranked = ranked_for_notes(analyze_catalog(ROAD), [note], "thank-you", as_of=AS_OF, noted_on="2026-11-20",
                              language=language, name="Ray", budget=500)
    assert ranked[0] == answer
