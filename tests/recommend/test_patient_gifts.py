"""Someone ill, operated on or injured gets neither drink nor tobacco while it is news: a bottle told only by its
strength is a drink like any named wine, and cigarettes are kept out even for a smoker. Heat and cold told in
degrees, or a car's cigarette-lighter socket, are neither."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 6, 20)


def shelf_item(item_id: str, name: dict[str, str], description: dict[str, str], price: int,
               category: str) -> dict[str, Any]:
    return {"id": item_id, "name": name, "description": description, "price": price, "currency": "CNY",
            "category": category, "tags": []}


SHELF = [
    shelf_item("mulberry-brew", {"zh": "桑葚果酿"}, {"zh": "自家果园桑葚发酵，11度，750毫升玻璃瓶。"}, 158, "特产"),
    shelf_item("lychee-brew", {"en": "Lychee blossom brew"}, {"en": "Lightly sparkling, 9% vol, 330 ml x 6."}, 168,
               "gourmet"),
    shelf_item("smokes", {"zh": "黄鹤楼 一条"}, {"zh": "黄鹤楼香烟十包装。"}, 480, "烟酒"),
    shelf_item("cigar-box", {"en": "Dominican cigars, box of 8"}, {"en": "Hand-rolled, cedar box."}, 620, "gifts"),
    shelf_item("fruit", {"zh": "时令水果篮", "en": "Seasonal fruit basket"}, {"zh": "苹果、橙子、猕猴桃。"}, 260,
               "水果"),
    shelf_item("audiobooks", {"en": "Audiobook subscription, 12 months"}, {"en": "Thousands of titles."}, 300,
               "digital"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(SHELF)


@pytest.mark.parametrize(("language", "notes"), [
    ("zh", ["孙总烟不离手，酒量也好", "孙总胆囊切除手术，术后在家休养两周"]),
    ("en", ["Mr Tan is a chain smoker and likes a drink", "Mr Tan had a bypass op on Monday, home recovering now"]),
])
def test_no_drink_or_tobacco_for_someone_recovering_from_an_operation(
        items: list[ItemProfile], language: str, notes: list[str]) -> None:
    ranked = ranked_for_notes(items, notes, "care", as_of=AS_OF, noted_on="2026-06-15", language=language)
    assert not {"mulberry-brew", "lychee-brew", "smokes", "cigar-box"} & set(ranked)
    assert "fruit" in ranked


def test_a_smoker_in_good_health_may_still_be_given_cigars(items: list[ItemProfile]) -> None:
    ranked = ranked_for_notes(items, ["Mr Tan is a chain smoker, cigars after every deal"], "thank-you",
                              as_of=AS_OF, noted_on="2026-06-15")
    assert "cigar-box" in ranked


@pytest.mark.parametrize("spec", [
    shelf_item("hand-warmer", {"zh": "一次性暖宝宝 20片"}, {"zh": "撕开自发热，约50度，持续8小时。"}, 39, "日用"),
    shelf_item("tent", {"zh": "高山帐篷"}, {"zh": "双层防风，零下20度可用。"}, 899, "户外"),
])
def test_degrees_of_heat_or_cold_are_no_drink(spec: dict[str, Any]) -> None:
    reading = read_attributes(spec)
    assert not reading.content("alcohol").sure_yes
    assert "festive_drink" not in reading.meanings


def test_a_car_gadget_for_the_cigarette_lighter_socket_is_no_tobacco() -> None:
    spec = shelf_item("car-fridge", {"en": "12V mini car fridge"},
                      {"en": "Runs off the cigarette lighter socket, keeps drinks cold."}, 399, "car")
    reading = read_attributes(spec)
    assert not reading.content("tobacco").sure_yes
    assert "tobacco_goods" not in reading.meanings
