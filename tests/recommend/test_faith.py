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



class TestAPilgrimageOrAnIslamicRiteTellsAMuslim:
    @pytest.mark.parametrize("text", [
        "Hajjah Noraini sends her regards to the whole team",
        "He flew to Makkah with his brothers this spring",
        "Returned from umroh with his wife in February",
        "Her daughter's nikah is set for the first week of December",
        "他今年春天去了麦加",
    ])
    def test_a_pilgrimage_a_pilgrims_title_or_an_islamic_wedding_implies_a_halal_diet(self, text: str) -> None:
        assert "halal" in _restrictions(text)

    def test_a_mecca_of_something_is_no_pilgrimage(self) -> None:
        assert "halal" not in _restrictions("Yiwu is a mecca for anyone sourcing small goods")


PIG_SHELF = [
    catalog_item("piggy-bank", "Ceramic piggy bank", "陶瓷小猪存钱罐", 150, "decor"),
    catalog_item("zodiac-pig", "Lucky pig paperweight in brass", "黄铜生肖猪镇纸", 220, "decor"),
    catalog_item("prayer-mat", "Pure silk prayer mat", "真丝礼拜毯", 900, "textile"),
    catalog_item("silk-necktie", "Pure silk necktie", "真丝领带", 380, "apparel"),
    catalog_item("fountain-pen", "Fountain pen", "钢笔", 420, "stationery"),
]


class TestAPigFigureAndAPrayerMat:
    @pytest.mark.parametrize(("text", "language"), [
        ("He keeps the five daily prayers and fasts in Ramadan", "en"),
        ("马经理是回族，不吃猪肉", "zh"),
    ])
    def test_no_pig_figure_for_a_muslim(self, text: str, language: str) -> None:
        ranked = _ranked(analyze_catalog(PIG_SHELF), [text], language=language)
        assert "piggy-bank" not in ranked and "zodiac-pig" not in ranked
        assert "fountain-pen" in ranked

    def test_without_a_faith_the_pig_figures_stay(self) -> None:
        ranked = _ranked(analyze_catalog(PIG_SHELF), ["He collects desk ornaments and likes brass"])
        assert "piggy-bank" in ranked and "zodiac-pig" in ranked

    def test_a_silk_prayer_mat_is_not_silk_worn_by_a_muslim_man(self) -> None:
        ranked = _ranked(analyze_catalog(PIG_SHELF), ["He is just back from the Hajj, his first"])
        assert "prayer-mat" in ranked and "silk-necktie" not in ranked


class TestAJewishRiteOrSabbathTellsItsDiet:
    @pytest.mark.parametrize("text", [
        "Their twins have a bat mitzvah in the spring",
        "Office shut for Yom Kippur, call him the day after",
        "他们全家每年都过光明节",
    ])
    def test_a_jewish_rite_or_festival_implies_no_pork(self, text: str) -> None:
        assert "no_pork" in _restrictions(text)

    @pytest.mark.parametrize("text", [
        "Keeps Shabbos, so nothing gets scheduled for Friday evenings",
        "Only eats what carries a hechsher",
        "他们家是正统派犹太人",
    ])
    def test_keeping_the_sabbath_or_a_hechsher_implies_a_kosher_diet(self, text: str) -> None:
        assert "kosher" in _restrictions(text)

    def test_a_colleagues_seder_binds_nothing(self) -> None:
        assert _restrictions("Her colleague Miriam is hosting a Passover seder") == {}

    def test_a_sabbath_keeper_gets_no_pork_and_no_uncertified_wine(self) -> None:
        shelf = analyze_catalog([
            catalog_item("pork-buns", "Char siu pork bun box", "叉烧包礼盒", 160, "food"),
            catalog_item("red-wine", "Bordeaux red, two bottles", "波尔多红酒两支", 600, "wine"),
            catalog_item("kosher-wine", "Galilee Cabernet, certified kosher", "加利利赤霞珠 犹太洁食认证", 500, "wine"),
            catalog_item("fountain-pen", "Fountain pen", "钢笔", 420, "stationery"),
        ])
        ranked = _ranked(shelf, ["He asked if the smart lock can stay unlocked over Shabbat"])
        assert "pork-buns" not in ranked and "red-wine" not in ranked
        assert "kosher-wine" in ranked and "fountain-pen" in ranked


class TestAPilgrimsGift:
    @pytest.mark.parametrize(("text", "language"), [
        ("Just back from umrah with his mother, full of stories", "en"),
        ("黄经理上个月去麦加朝觐，刚回来", "zh"),
    ])
    def test_a_prayer_mat_leads_for_a_muslim_back_from_the_pilgrimage(self, text: str, language: str) -> None:
        ranked = _ranked(analyze_catalog(PIG_SHELF), [text], language=language)
        assert ranked.index("prayer-mat") < ranked.index("fountain-pen")

    def test_a_mecca_for_buyers_favours_no_prayer_mat(self) -> None:
        note = "He loves Yiwu, a mecca for buyers, and writes with a fountain pen"
        ranked = _ranked(analyze_catalog(PIG_SHELF), [note])
        assert ranked.index("fountain-pen") < ranked.index("prayer-mat")


def test_a_mark_of_a_halal_authority_makes_sweets_fit_for_a_muslim() -> None:
    shelf = analyze_catalog([
        catalog_item("certified-cookies", "Butter cookie tin", "黄油曲奇罐", 180, "food",
                     "Baked in a JAKIM-certified kitchen in Johor"),
        catalog_item("plain-cookies", "Almond cookie tin", "杏仁曲奇罐", 180, "food", "Baked in Macau"),
    ])
    items = {i.id: i for i in shelf}
    assert "halal_certified" in items["certified-cookies"].suits
    ranked = _ranked(shelf, ["Raya next week, he invited us to his open house"])
    assert ranked.index("certified-cookies") < ranked.index("plain-cookies")
