"""A faith told by practice, not by name (issue 11): its festivals, fasts and prayers imply its diet, shown as
implied; a colleague's faith binds nothing; and what a faith forbids to wear or keep (gold and silk on a Muslim
man, idols in a Muslim home) never reaches the ranking. Our own words and our own small catalog."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.extractor import extract
from giftwise.understanding.items import ItemProfile, analyze_catalog
from giftwise.understanding.profile import understand
from tests.recommend.scenarios import catalog_item

AS_OF = date(2026, 6, 1)


CATALOG = [
    catalog_item("pork-buns", "Char siu pork bun box", "叉烧包礼盒", 160, "food"),
    catalog_item("rice-wine", "Shaoxing rice wine, 10 years", "十年陈绍兴黄酒", 300, "drinks"),
    catalog_item("beef-strips", "Spiced beef strips", "五香牛肉干", 180, "food"),
    catalog_item("date-box", "Medjool date box", "椰枣礼盒", 260, "food"),
    catalog_item("tea-tin", "Tieguanyin oolong tin", "铁观音乌龙茶罐", 240, "tea"),
    catalog_item("gold-chain", "18k gold chain necklace", "18K金项链", 900, "jewellery"),
    catalog_item("silk-necktie", "Pure silk necktie", "真丝领带", 380, "apparel"),
    catalog_item("buddha-statue", "Gilt laughing Buddha statue", "鎏金弥勒佛摆件", 700, "decor",
                 "Consecrated at a temple"),
    catalog_item("fountain-pen", "Fountain pen", "钢笔", 420, "stationery"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _result(items: list[ItemProfile], notes: list[str], *, language: str = "en", occasion: str = "festival") -> Any:
    data = {"id": "p", "name": "", "language": language, "relationship": "client",
            "notes": [{"date": "2026-05-20", "text": text} for text in notes]}
    person = person_from_profile(data, AS_OF)
    return recommend(person, items, Request(occasion, Decimal(2000), "CNY", AS_OF, top=100))


def _ranked(items: list[ItemProfile], notes: list[str], **kw: Any) -> list[str]:
    return [r.item.id for r in _result(items, notes, **kw).recommendations]


def _restrictions(text: str) -> dict[str, float]:
    facts = extract(text, AS_OF)
    u = understand(facts, AS_OF)
    return {r: min(f.confidence for f in group) for r, group in u.restrictions.items()}


class TestFaithImpliedByPractice:
    @pytest.mark.parametrize("text", [
        "Selamat Hari Raya to him, he's back in Kuantan with the whole family",
        "He keeps the five daily prayers, asked for somewhere quiet at the expo",
        "马总这周过开斋节，回老家了",
        "during the fasting month he only meets after iftar",
    ])
    def test_muslim_practice_implies_a_halal_diet_with_lower_confidence(self, text: str) -> None:
        found = _restrictions(text)
        assert "halal" in found
        assert found["halal"] < 1.0

    @pytest.mark.parametrize("text", [
        "Lighting oil lamps for Diwali at home with her parents",
        "A Tamil household, they go to the temple on Fridays",
        "她家过排灯节",
    ])
    def test_hindu_practice_implies_no_beef(self, text: str) -> None:
        assert "no_beef" in _restrictions(text)

    @pytest.mark.parametrize("text", [
        "His secretary Farah is fasting for Ramadan, so lunches are off for her",
        "李总的同事是回族",
        "Her colleague Devi invited the team to a Deepavali open house",
    ])
    def test_a_colleagues_faith_binds_nothing(self, text: str) -> None:
        assert _restrictions(text) == {}

    def test_a_bare_week_is_no_prayer(self) -> None:
        assert _restrictions("下个礼拜他来工厂看样品") == {}

    def test_an_implied_diet_rules_out_pork_and_wine_and_says_it_was_implied(self, items: list[ItemProfile]) -> None:
        result = _result(items, ["Raya open house at his place next week, he invited our whole team"])
        ranked = [r.item.id for r in result.recommendations]
        assert "pork-buns" not in ranked and "rice-wine" not in ranked
        reasons = {e.item.id: e.reason for e in result.excluded}
        assert "implied" in reasons["pork-buns"]

    def test_implied_hindu_household_gets_no_beef(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["他们家是印度教徒，年底请我们去家里过排灯节"], language="zh")
        assert "beef-strips" not in ranked
        assert "date-box" in ranked


class TestWhatAFaithForbidsToWearOrKeep:
    def test_a_muslim_man_gets_no_gold_or_silk_to_wear(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["He prays five times a day, his driver takes him to the mosque on Fridays"])
        assert "gold-chain" not in ranked and "silk-necktie" not in ranked
        assert "fountain-pen" in ranked

    def test_a_muslim_woman_may_get_silk(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["She wears a hijab and keeps halal; her office is closed for Eid"])
        assert "silk-necktie" in ranked

    def test_no_idol_for_a_muslim_in_either_language(self, items: list[ItemProfile]) -> None:
        assert "buddha-statue" not in _ranked(items, ["She is fasting through Ramadan this year"])
        assert "buddha-statue" not in _ranked(items, ["王经理是穆斯林，每天做五次礼拜"], language="zh")

    def test_a_tea_named_after_guanyin_is_no_idol(self, items: list[ItemProfile]) -> None:
        assert "tea-tin" in _ranked(items, ["He keeps halal and loves oolong"])

    def test_without_a_faith_the_gold_and_the_statue_stay(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["He collects antiques and likes nice things"])
        assert "gold-chain" in ranked and "buddha-statue" in ranked


class TestMoreFaithsTellTheirDiet:
    def test_a_jain_client_eats_no_meat_no_egg_and_drinks_no_alcohol(self) -> None:
        for text in ("Mr Mehta's family is Jain, careful at dinners", "客户一家信耆那教"):
            assert {"vegetarian", "no_egg", "no_alcohol"} <= set(_restrictions(text)), text

    def test_a_jain_client_is_offered_no_honey_and_nothing_grown_underground(self) -> None:
        shelf = analyze_catalog([
            catalog_item("acacia-honey", "Acacia honey jar", "槐花蜂蜜", 200, "pantry"),
            catalog_item("root-chips", "Sweet potato and cassava chips", "红薯木薯脆片", 90, "snacks"),
            catalog_item("plain-snacks", "Roasted lotus seeds", "烤莲子", 120, "snacks",
                         "Made without onion, garlic or other root vegetables"),
            catalog_item("fountain-pen", "Fountain pen", "钢笔", 420, "stationery"),
        ])
        for text in ("Mrs Doshi is Jain and very observant at meals", "她们家信耆那教，吃得很讲究"):
            ranked = _ranked(shelf, [text], language="en" if text.isascii() else "zh")
            assert "acacia-honey" not in ranked and "root-chips" not in ranked, text
            assert "plain-snacks" in ranked, text

    def test_every_sikh_is_offered_no_tobacco_and_an_initiated_one_no_alcohol(self) -> None:
        assert "no_tobacco" in _restrictions("Harjit goes to the gurdwara every Sunday")
        assert {"no_tobacco", "no_alcohol"} <= set(_restrictions("He is an Amritdhari Sikh, wears the five Ks"))

