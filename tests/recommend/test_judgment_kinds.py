"""Kinds of judgment failure seen on held-out sets (issue 11), each in our own words on our own small catalog:
needs found by meaning, filler that must not win, symbolism and hidden contents that must never slip through,
and the token a gift-bound recipient may take."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item, ranked_for_notes

AS_OF = date(2026, 11, 20)


CATALOG = [
    catalog_item("cabin-case", "Cabin trolley case, 20 inch", "20寸登机拉杆箱", 600, "luggage",
          "Light shell for overhead bins"),
    catalog_item("humidifier", "Quiet desk humidifier", "静音桌面加湿器", 260, "home"),
    catalog_item("robot-kit", "Robot building toy, ages 8+", "机器人拼装玩具 8岁以上", 300, "toys"),
    catalog_item("student-pen", "Fountain pen gift set for students", "学生钢笔礼盒", 280, "stationery"),
    catalog_item("ginseng", "Changbai ginseng gift box", "长白山人参礼盒", 900, "tonic"),
    catalog_item("sunflowers", "Sunflower bouquet", "向日葵花束", 200, "flowers"),
    catalog_item("red-roses", "Red roses, nineteen stems", "红玫瑰十九枝", 260, "flowers"),
    catalog_item("couplets", "Hand-brushed Spring Festival couplets", "手写春联福字", 120, "festive"),
    catalog_item("gelatin-tonic", "Donkey-hide gelatin blocks", "阿胶块", 600, "tonic"),
    catalog_item("cigarettes", "Cigarettes, two cartons", "香烟两条", 800, "tobacco"),
    catalog_item("white-chrys", "White chrysanthemum bouquet", "白菊花束", 150, "flowers"),
    catalog_item("logo-notebook", "Notebook with our company logo", "印有我们公司logo的笔记本", 60, "stationery"),
    catalog_item("green-tea", "Longjing green tea tin", "龙井茶罐装", 380, "tea"),
    catalog_item("vacuum-flask", "Vacuum flask, keeps warm for 12 hours", "保温杯", 180, "drinkware"),
    catalog_item("card-wallet", "Card wallet", "卡包", 400, "leather", "Full-grain cowhide"),
    catalog_item("apple-box", "Apple gift box", "苹果礼盒", 150, "fruit"),
    catalog_item("library-gift", "Donation to a school library in their name", "以对方名义捐赠图书角", 300, "charity"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _ranked(items: list[ItemProfile], notes: list[str], occasion: str, **profile: Any) -> list[str]:
    return ranked_for_notes(items, notes, occasion, as_of=AS_OF, noted_on="2026-11-01", **{"language": "zh", **profile})


class TestNeedsByMeaning:
    def test_a_frequent_flyer_finds_travel_gear(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Ms. Park is a frequent flyer, three trips a month for the plant audits."],
                         "thank-you", language="en")
        assert "cabin-case" in ranked[:3]

    def test_dry_heating_and_a_cough_find_a_humidifier(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["老周说办公室暖气太干，这几天一直干咳。"], "care")
        assert "humidifier" in ranked[:3]

    def test_a_child_going_to_university_gets_student_things_not_toys(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["张总女儿录取了复旦，九月住校。"], "congratulations")
        assert {"student-pen", "cabin-case"} & set(ranked[:3])
        assert "robot-kit" not in ranked[:3]

    def test_an_elders_longevity_birthday_finds_a_tonic_before_filler(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["王总父亲下个月九十大寿，王总很孝顺。"], "congratulations")
        assert "ginseng" in ranked[:3]
        assert ranked.index("ginseng") < min(ranked.index("library-gift"), ranked.index("sunflowers"))

    def test_feeling_the_cold_finds_something_warm(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["赵工每天在工地，冬天总是手脚冰凉。"], "care")
        assert "vacuum-flask" in ranked[:3]


class TestNeverEvenWhenUnsaid:
    def test_a_house_in_mourning_gets_no_red_or_festive_things(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["李姐父亲上个月走了，今年过年不走亲戚。"], "festival")
        assert not {"red-roses", "couplets", "white-chrys"} & set(ranked)

    def test_a_bereaved_man_who_remarried_gets_no_funeral_flowers(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Mr. Chen lost his wife two years ago.", "Chen got married again this month!"],
                         "congratulations", language="en")
        assert "white-chrys" not in ranked

    def test_halal_rules_out_donkey_hide_gelatin(self, items: list[ItemProfile]) -> None:
        assert "gelatin-tonic" not in _ranked(items, ["马经理是回族，吃清真。"], "festival")

    def test_tobacco_only_for_someone_known_to_smoke(self, items: list[ItemProfile]) -> None:
        assert "cigarettes" not in _ranked(items, ["刘总喜欢喝茶。"], "festival")
        assert "cigarettes" in _ranked(items, ["刘总烟瘾很大，一天一包中华。"], "festival")

    def test_cowhide_is_out_for_a_strict_vegetarian(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Anil is a strict vegetarian and a devout Hindu."], "festival", language="en")
        assert "card-wallet" not in ranked

    def test_a_hospital_visit_gets_no_red_roses(self, items: list[ItemProfile]) -> None:
        assert "red-roses" not in _ranked(items, ["客户吴总心脏搭桥，住院两周。"], "care")


class TestTokenOnly:
    def test_an_official_gets_the_logo_token_first(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["刘局长在税务局，帮我们讲解了新政策。"], "thank-you", public_official=True)
        assert ranked[0] == "logo-notebook"

    def test_the_batch_agrees_with_the_one_at_a_time_path_for_a_token_recipient(
            self, items: list[ItemProfile]) -> None:
        data = {"id": "o", "name": "刘局长", "language": "zh", "public_official": True,
                "notes": [{"date": "2026-11-01", "text": "刘局长喜欢喝茶。"}]}
        request = Request("thank-you", Decimal(1000), "CNY", AS_OF, top=5)
        one = score_pairs(person_from_profile(data, AS_OF), items, request)
        batch = rank_batch([person_from_profile(data, AS_OF)], items, request)[0]
        expected = {s.item.id: s.score for s in one.recommendations[:5]}
        assert {p.item_id: p.score for p in batch.picks} == pytest.approx(expected)

    def test_a_private_firms_low_cap_asks_for_a_modest_gift_not_our_logo(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Their group policy caps supplier gifts at ¥400; she drinks green tea all day."],
                         "thank-you", language="en")
        assert ranked[0] != "logo-notebook"
        assert "green-tea" in ranked[:3]
