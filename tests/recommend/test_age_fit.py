"""Life stage and age (issue 11): a gift for a client's child fits the child's age as the notes tell it, a
maternity gift stops once the baby is born, and a child starting school needs school things. Our own words
and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, recommend, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog

AS_OF = date(2026, 9, 1)


def _item(item_id: str, en: str, zh: str, price: int, description: str, category: str = "kids") -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": {"en": description, "zh": ""},
            "price": price, "currency": "CNY", "category": category, "tags": []}


CATALOG = [
    _item("stacking-cups", "Stacking cups for toddlers", "幼儿叠叠杯", 120, "Bright cups for little hands, 1-3 years."),
    _item("chemistry-set", "Junior chemistry set", "少儿化学实验箱", 320, "Thirty safe experiments, ages 9-14."),
    _item("sleep-sack", "Newborn sleep sack", "新生儿睡袋", 260, "Breathable cotton, 0-6 months."),
    _item("maternity-belt", "Maternity support belt", "孕妇托腹带", 240, "Eases the back in late pregnancy."),
    _item("pencil-case", "Primary school pencil case", "小学生文具盒", 90, "For grades 1-3, with a name tag."),
    _item("kids-kite", "Kite for children", "儿童风筝", 150, "Easy to fly, for kids."),
    _item("silk-tie", "Silk tie", "真丝领带", 400, "Hand-rolled edges.", "apparel"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _profile(notes: list[tuple[str, str]]) -> dict[str, Any]:
    return {"id": "p", "name": "周总", "language": "zh", "relationship": "client",
            "notes": [{"date": on, "text": text} for on, text in notes]}


def _ranked(items: list[ItemProfile], notes: list[tuple[str, str]], occasion: str = "congratulations") -> list[str]:
    person = person_from_profile(_profile(notes), AS_OF)
    request = Request(occasion, Decimal(1000), "CNY", AS_OF, top=100)
    return [r.item.id for r in recommend(person, items, request).recommendations]


def test_a_ten_year_old_gets_the_experiment_kit_not_the_toddler_toy(items: list[ItemProfile]) -> None:
    ranked = _ranked(items, [("2026-05-01", "周总的儿子十岁，最近迷上做实验。")])
    assert ranked.index("chemistry-set") < ranked.index("stacking-cups")
    assert "stacking-cups" not in ranked[:3]


def test_a_baby_gets_baby_things_and_the_maternity_belt_stops_after_the_birth(items: list[ItemProfile]) -> None:
    expecting = _ranked(items, [("2026-08-20", "周总太太怀孕四个月了，预产期明年一月。")])
    assert {"maternity-belt", "sleep-sack"} == set(expecting[:2])
    born = _ranked(items, [("2026-02-01", "周总太太怀孕了。"), ("2026-08-25", "周总的女儿出生了，母女平安。")])
    assert born[0] == "sleep-sack"
    assert "maternity-belt" not in born[:3]
    assert born.index("chemistry-set") > born.index("sleep-sack")


def test_a_child_starting_school_gets_school_things(items: list[ItemProfile]) -> None:
    ranked = _ranked(items, [("2026-08-15", "周总说儿子九月上一年级了。")])
    assert ranked[0] == "pencil-case"
    assert ranked.index("stacking-cups") > ranked.index("pencil-case")


def test_a_grown_child_gets_no_childrens_things(items: list[ItemProfile]) -> None:
    ranked = _ranked(items, [("2026-06-20", "周总的女儿今年大学毕业，找到了工作。")])
    for childish in ("stacking-cups", "sleep-sack", "pencil-case"):
        assert ranked.index(childish) > ranked.index("silk-tie")


def test_nothing_changes_when_no_age_is_known(items: list[ItemProfile]) -> None:
    person = person_from_profile(_profile([("2026-05-01", "周总有两个孩子。")]), AS_OF)
    scored = score_pairs(person, items, Request("congratulations", Decimal(1000), "CNY", AS_OF, top=100))
    assert all(s.factors.get("age_fit", 0.0) == 0.0 for s in scored.recommendations)


@pytest.mark.parametrize("notes", [
    [("2026-05-01", "周总的儿子十岁。")],
    [("2026-02-01", "周总太太怀孕了。"), ("2026-08-25", "周总的女儿出生了。")],
    [("2026-06-20", "周总的女儿今年大学毕业。")],
    [("2026-08-20", "周总太太怀孕四个月了。")],
])
def test_the_batch_agrees_with_the_one_at_a_time_path(items: list[ItemProfile], notes: list[tuple[str, str]]) -> None:
    request = Request("congratulations", Decimal(1000), "CNY", AS_OF, top=5)
    one = score_pairs(person_from_profile(_profile(notes), AS_OF), items, request)
    batch = rank_batch([person_from_profile(_profile(notes), AS_OF)], items, request)[0]
    expected = {s.item.id: s.score for s in one.recommendations[:5]}
    assert {p.item_id: p.score for p in batch.picks} == pytest.approx(expected)


FAMILY_CATALOG = [
    _item("swaddle-set", "Muslin wrap set", "纱布包巾套装", 300, "Soft muslin wraps for the first months."),
    _item("toffee-tin", "Chewy toffee tin", "太妃软糖礼罐", 160, "Chewy caramel toffees, a treat for kids.", "sweets"),
    _item("mixed-nuts", "Roasted mixed nuts", "每日坚果礼盒", 180, "Whole almonds, cashews and walnuts.", "food"),
    _item("chili-crisp", "Chili crisp gift jar", "麻辣小吃礼盒", 150, "Fiery Sichuan snacks.", "food"),
    _item("silk-tie", "Silk tie", "真丝领带", 400, "Hand-rolled edges.", "apparel"),
]


@pytest.fixture(scope="module")
def family_items() -> list[ItemProfile]:
    return analyze_catalog(FAMILY_CATALOG)


@pytest.mark.parametrize("notes", [
    [("2026-08-12", "周总家的千金八月初降生，下周办满月酒。")],
    [("2026-08-10", "Mr Chow's wife gave birth to a boy last week; the full-month party is coming up.")],
])
def test_food_a_baby_cannot_eat_is_no_gift_when_the_baby_is_the_occasion(
        family_items: list[ItemProfile], notes: list[tuple[str, str]]) -> None:
    ranked = _ranked(family_items, notes)
    assert ranked[0] == "swaddle-set"
    person = person_from_profile(_profile(notes), AS_OF)
    scored = score_pairs(person, family_items, Request("congratulations", Decimal(1000), "CNY", AS_OF, top=100))
    fits = {s.item.id: s.factors.get("age_fit", 0.0) for s in scored.recommendations}
    # Sweets and whole nuts may be ruled out outright (a choking hazard for a baby); what remains scores down.
    assert all(fits.get(food, -1.0) < 0 for food in ("toffee-tin", "mixed-nuts", "chili-crisp"))


def test_food_stays_a_family_gift_for_the_parent_on_another_occasion(family_items: list[ItemProfile]) -> None:
    notes = [("2026-08-12", "周总家的千金八月初降生。")]
    person = person_from_profile(_profile(notes), AS_OF)
    scored = score_pairs(person, family_items, Request("festival", Decimal(1000), "CNY", AS_OF, top=100))
    fits = {s.item.id: s.factors.get("age_fit", 0.0) for s in scored.recommendations}
    assert fits["mixed-nuts"] == 0 and fits["chili-crisp"] == 0


def test_the_batch_agrees_on_food_for_a_babys_occasion(family_items: list[ItemProfile]) -> None:
    notes = [("2026-08-12", "周总家的千金八月初降生，下周办满月酒。")]
    request = Request("congratulations", Decimal(1000), "CNY", AS_OF, top=5)
    one = score_pairs(person_from_profile(_profile(notes), AS_OF), family_items, request)
    batch = rank_batch([person_from_profile(_profile(notes), AS_OF)], family_items, request)[0]
    assert {p.item_id: p.score for p in batch.picks} == pytest.approx({s.item.id: s.score for s in one.recommendations})


def test_before_the_birth_food_is_a_gift_for_the_parents_to_be(family_items: list[ItemProfile]) -> None:
    notes = [("2026-08-20", "Mrs Chow is pregnant, due in January; the family is delighted.")]
    person = person_from_profile(_profile(notes), AS_OF)
    scored = score_pairs(person, family_items, Request("congratulations", Decimal(1000), "CNY", AS_OF, top=100))
    assert all(s.factors.get("age_fit", 0.0) == 0 for s in scored.recommendations if s.item.id != "swaddle-set")
