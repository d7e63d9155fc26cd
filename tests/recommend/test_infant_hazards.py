"""Food a baby must not have (issue 11): honey before one year (botulism), and whole nuts, hard sweets and
gummies for small children (choking) are no gift for a baby's celebration, in either language; the same food
stays a fine gift for an adult on another occasion."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item, ranked_for_notes

AS_OF = date(2026, 9, 1)


CATALOG = [
    catalog_item("acacia-honey", "Acacia honey, two jars", "洋槐蜂蜜两瓶", 160, "food"),
    catalog_item("sour-gummies", "Sour fruit gummies tin", "水果软糖铁盒", 90, "snacks"),
    catalog_item("nut-tin", "Roasted mixed nuts tin", "烘焙混合坚果罐", 150, "snacks"),
    catalog_item("swaddle-set", "Muslin swaddle set for newborns", "新生儿纱布包巾套装", 260, "baby"),
    catalog_item("tea-gift", "Oolong tea gift tin", "乌龙茶礼盒", 300, "tea"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _ranked(items: list[ItemProfile], note: str, occasion: str, language: str = "en") -> list[str]:
    return ranked_for_notes(items, [note], occasion, as_of=AS_OF, noted_on="2026-08-20", language=language)


@pytest.mark.parametrize(("note", "language"), [
    ("Their daughter arrived last week, both doing well", "en"),
    ("刘总家添了个宝宝，下个月办满月酒", "zh"),
])
def test_a_babys_celebration_gets_no_honey_gummies_or_whole_nuts(
        items: list[ItemProfile], note: str, language: str) -> None:
    ranked = _ranked(items, note, "congratulations", language)
    assert not {"acacia-honey", "sour-gummies", "nut-tin"} & set(ranked)
    assert "swaddle-set" in ranked


def test_the_same_food_is_fine_for_an_adult_without_a_baby(items: list[ItemProfile]) -> None:
    ranked = _ranked(items, "He just got promoted to plant manager", "congratulations")
    assert {"acacia-honey", "nut-tin"} <= set(ranked)
