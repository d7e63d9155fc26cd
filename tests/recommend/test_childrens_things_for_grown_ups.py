"""Things made for children (issue 11): a kids' duvet cover or a children's study lamp answers a child's need, not a
grown-up client's own poor sleep or tired eyes; when the notes name a child of a fitting age, it still suits the
child. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, recommend, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog

AS_OF = date(2026, 11, 2)


def _item(item_id: str, en: str, zh: str, price: int, description: str, category: str) -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": {"en": description, "zh": ""},
            "price": price, "currency": "CNY", "category": category, "tags": []}


CATALOG = [
    _item("rocket-duvet", "Kids' rocket duvet cover", "儿童火箭图案被套", 380, "Cotton, single bed, rockets and moons.",
          "bedding"),
    _item("sleep-mask", "Silk sleep mask", "真丝睡眠眼罩", 260, "Blocks the light for deep sleep.", "sleep"),
    _item("homework-lamp", "Children's homework lamp", "少儿写字护眼灯", 420, "No flicker, soft light for reading.",
          "lighting"),
    _item("reading-lamp", "Dimmable reading lamp", "可调光阅读灯", 450, "Warm, even light that spares the eyes.",
          "lighting"),
    _item("gift-in-their-name", "A gift in their name", "以对方名义的善款", 300,
          "Goes to a children's charity; 款项捐给儿童基金会。", "charity"),
    _item("tea-gift", "Oolong tea gift box", "乌龙茶礼盒", 300, "Two tins of high-mountain oolong.", "tea"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _person(language: str, notes: list[str]) -> Any:
    profile = {"id": "p", "name": "Ms Lee" if language == "en" else "张总", "language": language,
               "relationship": "client", "notes": [{"date": "2026-10-20", "text": text} for text in notes]}
    return person_from_profile(profile, AS_OF)


def _ranked(items: list[ItemProfile], language: str, notes: list[str]) -> list[str]:
    request = Request("care", Decimal(1000), "CNY", AS_OF, top=100)
    return [r.item.id for r in recommend(_person(language, notes), items, request).recommendations]


GROWN_UP_NOTES = [
    ("zh", ["张总最近老是睡不好，半夜总醒，白天看屏幕眼睛也酸。"]),
    ("en", ["Ms Lee has slept badly for weeks and wakes at four; her eyes ache after long days on screens."]),
]


@pytest.mark.parametrize(("language", "notes"), GROWN_UP_NOTES)
def test_a_grown_up_own_need_is_met_by_grown_up_things(
        items: list[ItemProfile], language: str, notes: list[str]) -> None:
    ranked = _ranked(items, language, notes)
    assert ranked[0] == "sleep-mask"
    scored = score_pairs(_person(language, notes), items, Request("care", Decimal(1000), "CNY", AS_OF, top=100))
    fits = {s.item.id: s.factors.get("age_fit", 0.0) for s in scored.recommendations}
    assert fits["rocket-duvet"] < 0 and fits["homework-lamp"] < 0
    # A donation to children's causes is the grown-up's own gesture, not a thing made for children.
    assert fits["sleep-mask"] == 0 and fits["reading-lamp"] == 0 and fits["gift-in-their-name"] == 0


def test_a_child_of_a_fitting_age_still_gets_childrens_things(items: list[ItemProfile]) -> None:
    person = _person("zh", ["张总的女儿八岁，晚上怕黑睡不好。"])
    scored = score_pairs(person, items, Request("care", Decimal(1000), "CNY", AS_OF, top=100))
    fits = {s.item.id: s.factors.get("age_fit", 0.0) for s in scored.recommendations}
    assert fits["rocket-duvet"] > 0


@pytest.mark.parametrize(("language", "notes"), GROWN_UP_NOTES)
def test_the_batch_agrees_for_a_grown_up(items: list[ItemProfile], language: str, notes: list[str]) -> None:
    request = Request("care", Decimal(1000), "CNY", AS_OF, top=5)
    one = score_pairs(_person(language, notes), items, request)
    batch = rank_batch([_person(language, notes)], items, request)[0]
    assert {p.item_id: p.score for p in batch.picks} == pytest.approx(
        {s.item.id: s.score for s in one.recommendations[:5]})
