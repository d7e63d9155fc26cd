"""Flowers for a Russian-speaking recipient: an odd number of stems, never an even one (that is for a funeral) and
never yellow (parting); a length or another culture does not trip the rule. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.items import analyze_catalog

TODAY = date(2027, 3, 1)


def _item(item_id: str, name: dict[str, str], description: dict[str, str] | None = None,
          price: int = 300) -> dict[str, Any]:
    return {"id": item_id, "name": name, "description": description or {}, "price": price, "currency": "CNY",
            "category": "鲜花", "tags": []}


@pytest.mark.parametrize(("name", "description"), [
    ({"en": "Pink peonies"}, {"en": "Ten stems, hand-tied."}),
    ({"en": "Twenty-four red tulips"}, {}),
    ({"en": "Cream roses"}, {"en": "Two dozen garden roses in a hatbox."}),
    ({"zh": "粉色康乃馨花束"}, {"zh": "精选康乃馨十六枝，手工包扎。"}),
    ({"zh": "香槟玫瑰 两打"}, {}),
])
def test_an_even_count_of_stems_is_read_however_it_is_written(
        name: dict[str, str], description: dict[str, str]) -> None:
    assert "even_flower_count" in read_attributes(_item("f", name, description)).meanings


@pytest.mark.parametrize(("name", "description"), [
    ({"en": "Garden roses"}, {"en": "Nine stems, 60 cm long."}),
    ({"en": "Tulip bunch"}, {"en": "Thirteen stems in a 40 cm kraft wrap."}),
    ({"zh": "红玫瑰二十一枝"}, {}),
    ({"en": "Ceramic vase"}, {"en": "Holds 6 to 8 stems; 24 cm tall."}),
])
def test_an_odd_count_or_a_length_is_no_even_bouquet(name: dict[str, str], description: dict[str, str]) -> None:
    assert "even_flower_count" not in read_attributes(_item("f", name, description)).meanings


CATALOG = [
    _item("even", {"en": "Coral roses, 10 stems"}),
    _item("yellow", {"zh": "黄色郁金香花束"}, {"zh": "十一枝，荷兰进口。"}),
    _item("odd", {"en": "Spring bouquet"}, {"en": "Seven pink ranunculus and white freesia."}),
    _item("scarf", {"en": "Silk scarf"}, {"en": "Printed twill."}, price=500),
]


def _rank(notes: list[str], language: str) -> list[str]:
    profile = {"id": "p", "name": "Irina" if language == "en" else "伊琳娜", "language": language,
               "notes": [{"date": "2027-02-10", "text": text} for text in notes]}
    request = Request("festival", Decimal(1000), "CNY", TODAY, top=100)
    result = recommend(person_from_profile(profile, TODAY), analyze_catalog(CATALOG), request)
    return [s.item.id for s in result.recommendations]


@pytest.mark.parametrize(("notes", "language"), [
    (["Irina runs purchasing at our Yekaterinburg importer, adores flowers"], "en"),
    (["伊琳娜是俄罗斯客户，喜欢花"], "zh"),
    (["Ирина, закупки. Loves flowers."], "en"),
])
def test_a_russian_speaker_gets_no_even_or_yellow_bouquet(notes: list[str], language: str) -> None:
    ranked = _rank(notes, language)
    assert "even" not in ranked and "yellow" not in ranked and "odd" in ranked


def test_elsewhere_an_even_bouquet_is_still_fine() -> None:
    assert "even" in _rank(["Claire in Lyon, adores flowers"], "en")


def test_the_second_flower_of_a_mixed_bouquet_is_no_even_count() -> None:
    for name in ({"zh": "九枝白玫瑰配两枝尤加利"}, {"en": "Seven tulips with two eucalyptus stems"}):
        assert "even_flower_count" not in read_attributes(_item("m", name)).meanings
