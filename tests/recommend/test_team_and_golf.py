"""Needs found by meaning (issue 11): a gift that goes to a team or an office sharing food favours treats wrapped
for everyone, and golf found in a note or an item however it is named. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.extractor import extract
from giftwise.understanding.items import analyze_catalog, analyze_item

TODAY = date(2026, 6, 1)


def _item(item_id: str, en: str, zh: str, description: str, price: int, category: str) -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": {"en": description}, "price": price,
            "currency": "CNY", "category": category, "tags": []}


CATALOG = [
    _item("wafers", "Cream wafers, 30", "奶油威化30枚", "Each wafer individually wrapped.", 150, "snacks"),
    _item("tea-tin", "Oolong tea tin", "乌龙茶罐", "Loose leaf, 150 g.", 150, "tea"),
    _item("desk-lamp", "LED desk lamp", "LED台灯", "Dimmable, USB-C.", 150, "office"),
]


def _scores(notes: list[str], language: str) -> dict[str, float]:
    profile = {"id": "p", "name": "Ms Tan" if language == "en" else "陈经理", "language": language,
               "notes": [{"date": "2026-05-20", "text": text} for text in notes]}
    request = Request("thank-you", Decimal(300), "CNY", TODAY, top=100)
    result = recommend(person_from_profile(profile, TODAY), analyze_catalog(CATALOG), request)
    return {s.item.id: s.score for s in result.recommendations}


def _ranked(notes: list[str], language: str) -> list[str]:
    scores = _scores(notes, language)
    return sorted(scores, key=lambda i: -scores[i])


@pytest.mark.parametrize(("note", "language"), [
    ("Thanks for the rush job, her whole design team stayed late; anything edible gets shared round the office.",
     "en"),
    ("陈经理说东西都拿去分给部门同事，大家一起吃。", "zh"),
])
def test_a_team_that_shares_food_gets_treats_wrapped_for_everyone(note: str, language: str) -> None:
    assert _ranked([note], language)[0] == "wafers"


def test_without_a_team_nothing_favours_the_shared_box() -> None:
    scores = _scores(["She likes a quiet desk and good light in the evening."], "en")
    assert scores["wafers"] <= scores["desk-lamp"]


@pytest.mark.parametrize("note", ["Played eighteen holes with him at Mission Hills.", "他周末常约朋友下场打球。"])
def test_golf_is_read_from_a_round_however_it_is_told(note: str) -> None:
    assert "golf" in {f.concept for f in extract(note, TODAY) if f.kind == "interest"}


@pytest.mark.parametrize(("name", "description"), [
    ({"en": "Walnut tee and marker set"}, {"en": "Wooden tees, two ball markers, a divot tool."}),
    ({"zh": "球具清洁礼盒"}, {"zh": "含果岭叉和球座。"}),
])
def test_golf_items_are_known_by_their_gear(name: dict[str, str], description: dict[str, str]) -> None:
    item = analyze_item({"id": "g", "name": name, "description": description, "price": 200, "currency": "CNY",
                         "category": "", "tags": []})
    assert "golf" in item.serves


TEAM = [
    _item("wafers", "Cream wafers, 30", "奶油威化30枚", "Each wafer individually wrapped.", 150, "snacks"),
    _item("massager", "Neck massager", "颈部按摩仪", "Heat and kneading for tired shoulders.", 150, "health"),
]


@pytest.mark.parametrize(("note", "language"), [
    ("The whole support crew worked the weekend and they're exhausted.", "en"),
    ("客服部8个人连续加班，大家都很累。", "zh"),
])
def test_a_personal_item_does_not_win_a_gift_for_a_team(note: str, language: str) -> None:
    profile = {"id": "p", "name": "Ms Tan" if language == "en" else "陈经理", "language": language,
               "notes": [{"date": "2026-05-20", "text": note}]}
    request = Request("thank-you", Decimal(300), "CNY", TODAY, top=100)
    result = recommend(person_from_profile(profile, TODAY), analyze_catalog(TEAM), request)
    scores = {s.item.id: s.score for s in result.recommendations}
    assert scores["wafers"] > scores["massager"]
