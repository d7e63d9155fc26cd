"""Meat told only by a dish or product name (rabbit heads, chicken feet, beef tripe, squab, 兔头, 凤爪, 毛肚) is
meat: a vegetarian is never given it, while a rabbit plush, quail eggs or a dish free of animal fat stay open."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 10, 2)


def _food(item_id: str, zh: str, en: str, description: str = "") -> dict[str, Any]:
    return {"id": item_id, "name": {"zh": zh, "en": en}, "description": {"en": description},
            "price": 120, "currency": "CNY", "category": "snacks"}


PANTRY = [
    _food("lengchi", "自贡冷吃兔 礼罐", "Zigong cold-eaten rabbit, gift tin", "Diced and fried in chilli oil."),
    _food("heads-en", "Hunan braised heads", "Braised rabbit heads, 4 pcs", "A Changsha night-market favourite."),
    _food("fengzhao", "泡椒凤爪 10袋", "Pickled-pepper snack packs", "Ready to eat, sour and hot."),
    _food("maodu", "火锅毛肚 500g", "Hotpot tripe pack", "Pre-washed, for the hotpot."),
    _food("squab", "深井烧乳鸽", "Roast squab, vacuum packed"),
    _food("crackers", "葱油苏打饼干", "Scallion soda crackers", "Baked with vegetable oil."),
    {"id": "bunny", "name": {"zh": "兔子毛绒公仔", "en": "Rabbit plush toy"}, "price": 99, "currency": "CNY",
     "category": "toys"},
]


def _kept(note: str) -> set[str]:
    profile = {"id": "p", "name": "Ms Lim", "language": "en", "notes": [{"date": "2026-09-01", "text": note}]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion="thank-you", budget_max=Decimal("500"), currency="CNY", as_of=TODAY, top=100)
    return {s.item.id for s in recommend(person, analyze_catalog(PANTRY), request).recommendations}


def test_a_vegetarian_gets_no_meat_named_by_the_dish() -> None:
    kept = _kept("Ms Lim has been vegetarian all her life.")
    assert not kept & {"lengchi", "heads-en", "fengzhao", "maodu", "squab"}, kept
    assert {"crackers", "bunny"} <= kept, kept


def test_the_same_snacks_go_to_someone_who_eats_meat() -> None:
    kept = _kept("Ms Lim loves spicy Sichuan snacks.")
    assert {"lengchi", "heads-en", "fengzhao", "maodu", "squab"} <= kept, kept


def test_a_stated_absence_of_animal_fat_is_read_as_no_meat() -> None:
    said = read_attributes(_food("pastry", "素酥饼", "Flaky pastry", "Made without animal fat."))
    told = read_attributes(_food("shortening", "老式酥饼", "Old-style pastry", "Shortened with animal fat."))
    assert said.content("meat").answer == "no"
    assert told.content("meat").answer == "yes"
