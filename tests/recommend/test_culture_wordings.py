"""Culture read from more wordings (issue 11): an office move or opening however it is said, double happiness at a
wedding, a bedding set's piece count is no unlucky four, cheerful flowers stay out of mourning, and a filling
does not make a pastry a mooncake. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.extractor import extract
from giftwise.understanding.items import analyze_catalog, analyze_item

TODAY = date(2026, 11, 20)


def _item(item_id: str, name: dict[str, str], description: dict[str, str], price: int = 300,
          category: str = "") -> dict[str, Any]:
    return {"id": item_id, "name": name, "description": description, "price": price, "currency": "CNY",
            "category": category, "tags": []}


@pytest.mark.parametrize("note", [
    "贵司迁址到滨江新大楼，下周一正式办公",
    "他们事务所搬进了新写字楼",
    "The agency moved into new premises on the waterfront.",
    "Their studio relocated to a bigger loft last month.",
    "下周六新门店剪彩",
])
def test_an_office_move_or_opening_is_read_however_it_is_worded(note: str) -> None:
    events = {f.concept for f in extract(note, TODAY) if f.kind == "event"}
    assert events == {"new_office"}


def test_a_home_move_is_still_a_new_home() -> None:
    assert {f.concept for f in extract("王姐一家下月乔迁新居", TODAY) if f.kind == "event"} == {"new_home"}


@pytest.mark.parametrize(("name", "description"), [
    ({"zh": "婚庆提花床品四件套"}, {"zh": "被套、床单、枕套两只。"}),
    ({"en": "Jacquard bedding, four-piece set"}, {"en": "Duvet cover, fitted sheet, two pillowcases."}),
])
def test_a_bedding_set_named_by_its_pieces_is_no_unlucky_four(
        name: dict[str, str], description: dict[str, str]) -> None:
    assert "four" not in read_attributes(_item("b", name, description)).meanings


def test_four_cups_are_still_a_set_of_four() -> None:
    assert "four" in read_attributes(_item("c", {"zh": "白瓷茶杯四只装"}, {})).meanings


def _rank(notes: list[str], occasion: str, catalog: list[dict[str, Any]], language: str = "zh") -> list[str]:
    profile = {"id": "p", "name": "林总" if language == "zh" else "Mr Lim", "language": language,
               "notes": [{"date": "2026-11-10", "text": text} for text in notes]}
    request = Request(occasion, Decimal(2000), "CNY", TODAY, top=100)
    result = recommend(person_from_profile(profile, TODAY), analyze_catalog(catalog), request)
    return [s.item.id for s in result.recommendations]


WEDDING = [
    _item("xi-quilt", {"zh": "红色喜被"}, {"zh": "大红织锦，绣双喜字。"}, 900, "家纺"),
    _item("wool-throw", {"zh": "羊毛盖毯"}, {"zh": "柔软保暖。"}, 900, "家纺"),
    _item("bedding", {"zh": "真丝床品四件套"}, {"zh": "大红提花，婚房用。"}, 1200, "家纺"),
]


def test_double_happiness_is_the_wedding_gift_and_the_bedding_set_is_not_excluded() -> None:
    ranked = _rank(["林总下个月办婚礼。"], "congratulations", WEDDING)
    assert ranked.index("xi-quilt") < ranked.index("wool-throw")
    assert "bedding" in ranked


MOURNING = [
    _item("sun", {"en": "Sunflower posy", "zh": "向日葵小花束"}, {"en": "Sunny yellow blooms."}, 200, "flowers"),
    _item("white", {"en": "Sympathy basket", "zh": "慰问花篮"}, {"en": "White roses and lilies, plain card."},
          300, "flowers"),
]


def test_cheerful_flowers_stay_out_of_mourning_and_white_roses_are_no_romance() -> None:
    ranked = _rank(["His mother passed away on Tuesday."], "empathy", MOURNING, "en")
    assert "sun" not in ranked
    assert "white" in ranked


def test_a_filling_does_not_make_a_pastry_a_mooncake() -> None:
    bun = analyze_item(_item("bun", {"zh": "贺寿寿桃包"}, {"zh": "十只装，莲蓉馅。"}, 160, "点心"))
    assert "mooncake" not in bun.serves and bun.festival is None
    cake = analyze_item(_item("mc", {"zh": "莲蓉蛋黄月饼"}, {}, 160, "点心"))
    assert "mooncake" in cake.serves
