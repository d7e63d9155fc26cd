"""Animal products that are no slaughtered meat: someone who keeps halal may be given bird's nest, eggs, honey,
milk powder or fish maw, while a vegetarian is still kept from bird's nest and chicken essence stays meat."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from giftwise.recommend.engine import Person, Request, recommend
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 9, 14)


def _item(item_id: str, zh: str, en: str | None = None, description: str | None = None) -> dict[str, Any]:
    name = {"zh": zh} if en is None else {"zh": zh, "en": en}
    item: dict[str, Any] = {"id": item_id, "name": name, "price": 300, "currency": "CNY", "category": "food"}
    if description is not None:
        item["description"] = {"en": description}
    return item


CATALOG = [
    _item("nest-zh", "冰糖炖燕窝礼盒"),
    _item("nest-en", "燕窝饮品", "Swiftlet nest drink set", "Bird's nest simmered with rock sugar, eight bottles."),
    _item("duck-eggs", "高邮咸鸭蛋 20枚"),
    _item("eggs-en", "农家蛋", "Farm eggs", "Free-range duck eggs and chicken eggs in a straw basket."),
    _item("honey", "长白山椴树蜜", "Linden honey"),
    _item("milk", "全脂奶粉礼罐", "Whole milk powder tin"),
    _item("maw", "花胶筒 250g", "Dried fish maw"),
    _item("essence", "鸡精礼盒", "Chicken essence, 12 bottles"),
]


def _ranked(restriction: str) -> set[str]:
    person = Person(id="p", language="en",
                    facts=[FactRecord("restriction", restriction, TODAY, source_text=restriction, origin="confirmed")])
    request = Request(occasion="care", budget_max=Decimal("800"), currency="CNY", as_of=TODAY, top=100)
    return {s.item.id for s in recommend(person, analyze_catalog(CATALOG), request).recommendations}


def test_halal_gives_animal_products_that_are_no_meat() -> None:
    """Bird's nest (zh or en), eggs of ducks or hens, honey, milk powder and fish maw may go to a halal keeper;
    chicken essence, uncertified meat, may not."""
    ranked = _ranked("halal")
    assert {"nest-zh", "nest-en", "duck-eggs", "eggs-en", "honey", "milk", "maw"} <= ranked, ranked
    assert "essence" not in ranked


def test_vegetarian_and_vegan_are_still_kept_from_bird_nest() -> None:
    """Only halal is told bird's nest is no meat: a vegetarian and a vegan are still not given it."""
    for restriction in ("vegetarian", "vegan"):
        ranked = _ranked(restriction)
        assert "nest-zh" not in ranked and "essence" not in ranked, (restriction, ranked)
