"""An item's words read in context (issue 11): a nut named as a wood or a colour is a material, not food;
eggs hidden in custard or yolk are eggs even when only the description says so."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import analyze_catalog, analyze_item


def _item(en: str = "", zh: str = "", description_en: str = "", description_zh: str = "",
          category: str = "") -> dict[str, Any]:
    return {"id": "x", "name": {"en": en, "zh": zh}, "description": {"en": description_en, "zh": description_zh},
            "price": 100, "currency": "CNY", "category": category, "tags": []}


@pytest.mark.parametrize("item", [
    _item("Walnut-wood photo frame", "胡桃木相框", category="home"),
    _item("Serving board", description_en="Solid walnut with a brass inlay", category="kitchen"),
    _item("Desk tidy", "核桃木桌面收纳盒", category="office"),
    _item("Card holder", description_en="Chestnut brown calf leather", category="accessories"),
])
def test_a_nut_named_as_material_is_no_nut(item: dict[str, Any]) -> None:
    profile = analyze_item(item)
    assert "nuts" not in profile.contains
    assert profile.attributes.content("nuts").answer == "no"


def test_a_snack_with_walnuts_still_holds_nuts() -> None:
    profile = analyze_item(_item("Candied walnuts and almonds", "琥珀核桃仁", category="snacks"))
    assert "nuts" in profile.contains


@pytest.mark.parametrize("item", [
    _item("Mid-Autumn pastry box", description_en="Molten filling of salted yolk and cream", category="festival"),
    _item(zh="节日点心礼盒", description_zh="港式奶黄馅，六枚装", category="点心"),
    _item("Patisserie selection", description_en="Choux buns and lemon curd tarts", category="bakery"),
])
def test_egg_hidden_in_custard_or_yolk_is_egg(item: dict[str, Any]) -> None:
    profile = analyze_item(item)
    assert profile.attributes.content("egg").answer == "yes"


def test_no_eggs_in_a_diet_rules_out_egg_hidden_in_a_description() -> None:
    catalog = analyze_catalog([
        {**_item("Festival pastry box", description_en="Salted yolk cream inside", category="festival"), "id": "p"},
        {**_item("Jasmine tea", "茉莉花茶", category="tea"), "id": "t"},
    ])
    for note in ("Strict vegetarian, and no eggs either", "他吃素，也不吃鸡蛋"):
        person = person_from_profile({"id": "c", "language": "en", "notes": [{"date": "2026-08-01", "text": note}]},
                                     date(2026, 9, 1))
        result = recommend(person, catalog, Request("festival", Decimal(500), "CNY", date(2026, 9, 1), top=10))
        assert [r.item.id for r in result.recommendations] == ["t"]
