"""Needs told by how someone lives with devices: who cannot use a smartphone gets no use from gadgets (they go
down, in either language); long hours on the road find car things; batteries that run flat find a power bank."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import analyze_catalog

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
    person = person_from_profile({"id": "p", "name": "Li", "language": language, "relationship": "client",
                                  "notes": [{"date": "2026-11-20", "text": note}]}, AS_OF)
    ranked = recommend(person, analyze_catalog(CATALOG), Request("festival", Decimal(800), "CNY", AS_OF, top=5))
    ids = [r.item.id for r in ranked.recommendations]
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


@pytest.mark.parametrize(("note", "language"), [
    ("Every holiday the family does long drives to the coast in their minivan.", "en"),
    ("他们一家每个假期都自驾去海边，一开就是一整天", "zh"),
])
def test_long_hours_on_the_road_find_car_things(note: str, language: str) -> None:
    person = person_from_profile({"id": "p", "name": "Ray", "language": language, "relationship": "client",
                                  "notes": [{"date": "2026-11-20", "text": note}]}, AS_OF)
    ranked = recommend(person, analyze_catalog(ROAD), Request("thank-you", Decimal(500), "CNY", AS_OF, top=3))
    assert ranked.recommendations[0].item.id == "vent-mount"


@pytest.mark.parametrize(("note", "language"), [
    ("On the school run the kids' phones always run out of battery.", "en"),
    ("孩子们的平板出门没多久就老是没电", "zh"),
])
def test_batteries_that_run_flat_find_a_power_bank(note: str, language: str) -> None:
    person = person_from_profile({"id": "p", "name": "Ray", "language": language, "relationship": "client",
                                  "notes": [{"date": "2026-11-20", "text": note}]}, AS_OF)
    ranked = recommend(person, analyze_catalog(ROAD), Request("thank-you", Decimal(500), "CNY", AS_OF, top=3))
    assert ranked.recommendations[0].item.id == "battery-pack"
