"""Needs found by meaning (issue 11): a situation in a note finds the item whose use answers it, though the
two share no word. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 10, 1)


def _item(item_id: str, en: str, zh: str, price: int, description: str, category: str) -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": {"en": description, "zh": ""},
            "price": price, "currency": "CNY", "category": category, "tags": []}


CATALOG = [
    _item("purifier", "Bedroom air cleaner", "卧室空气净化器", 1200, "HEPA filter, quiet at night.", "appliance"),
    _item("scented-candle", "Scented candle trio", "香薰蜡烛三件套", 300, "Fig, cedar and amber.", "home"),
    _item("photo-frame", "Walnut photo frame", "胡桃木相框", 260, "Holds a 7-inch print.", "home"),
    _item("tea-tin", "Oolong tea tin", "乌龙茶罐装", 380, "Roasted Tieguanyin.", "tea"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


@pytest.mark.parametrize("note", [
    "Mr Lin just finished renovating and his wife worries about the smell of fresh paint.",
    "林总女儿有哮喘，一到冬天就犯。",
    "林总说最近雾霾严重，家里老人咳嗽。",
])
def test_bad_indoor_air_finds_an_air_purifier(items: list[ItemProfile], note: str) -> None:
    ranked = ranked_for_notes(items, [note], "care", as_of=AS_OF, noted_on="2026-09-20", name="Lin", budget=2000)
    assert ranked[0] == "purifier"


HOUSEHOLD = [
    _item("home-help", "Cleaning visits", "保洁上门服务", 450, "Two visits of four hours: floors, kitchen, laundry.",
          "service"),
    _item("stew", "Ceramic slow cooker", "陶瓷隔水炖盅", 320, "Gentle all-day broths.", "kitchen"),
    _item("solo-cooker", "Compact rice cooker", "迷你电饭煲", 260, "Single-serve, fits a studio kitchen.", "kitchen"),
    _item("drier", "Compact dehumidifier", "小型除湿机", 520, "Pulls 12 litres of moisture a day.", "appliance"),
    _item("low-gi", "Low-starch rice cooker", "低淀粉电饭煲", 680, "Drains the starchy water: a low-GI bowl.",
          "kitchen"),
    _item("candle", "Scented candle trio", "香薰蜡烛三件套", 300, "Fig, cedar and amber.", "home"),
    _item("frame", "Walnut photo frame", "胡桃木相框", 260, "Holds a 7-inch print.", "home"),
]


@pytest.mark.parametrize(("note", "wanted"), [
    ("Her husband is on crutches for six weeks and she does all the chores alone.", {"home-help"}),
    ("王姐刚生完二胎，在家坐月子，家里忙不过来。", {"home-help", "stew"}),
    ("Just graduated, moved into his first flat on his own.", {"solo-cooker"}),
    ("小李刚参加工作，自己一个人租房。", {"solo-cooker"}),
    ("The typhoon flooded their shop's storeroom; everything smells of mildew.", {"drier"}),
    ("回南天墙面渗水，衣服晾不干。", {"drier"}),
    ("His mother's blood sugar is high and the doctor wants fewer carbs.", {"low-gi"}),
    ("老爷子糖尿病十年了，每天打胰岛素。", {"low-gi"}),
])
def test_a_household_situation_finds_what_meets_it(note: str, wanted: set[str]) -> None:
    """Help at home, nourishing food, living alone, damp and blood sugar: each situation, told in words the
    item never uses, finds the item that meets it."""
    ranked = ranked_for_notes(analyze_catalog(HOUSEHOLD), [note], "care", as_of=AS_OF, noted_on="2026-09-20",
                              name="Lin", relationship="customer")
    assert ranked[0] in wanted, ranked


ELDER_CARE = [
    _item("alarm", "Emergency call pendant", "一键呼救挂坠", 399, "Press once to ring family; detects a fall.",
          "health"),
    _item("bp", "Upper-arm monitor", "上臂式电子血压计", 299, "Memory for 60 readings.", "health"),
    _item("kid-plate", "Kids' divided plate", "儿童分格餐盘", 129, "Unbreakable, with spoon and fork.", "kitchen"),
    _item("frame", "Walnut photo frame", "胡桃木相框", 260, "Holds a 7-inch print.", "home"),
]


def _elder_ranked(notes: list[str], occasion: str = "care") -> list[str]:
    return ranked_for_notes(analyze_catalog(ELDER_CARE), notes, occasion, as_of=AS_OF, noted_on="2026-09-20",
                            language="zh", name="王阿姨", relationship="customer")


@pytest.mark.parametrize(("notes", "wanted"), [
    (["王阿姨七十八了，上周在卫生间滑倒，手上都是淤青"], "alarm"),
    (["Mrs Wang, 79, took a tumble in the kitchen last week"], "alarm"),
    (["王阿姨出院了，医生让她每天量血压"], "bp"),
    (["Her doctor wants her BP checked daily since the hypertension diagnosis"], "bp"),
])
def test_an_elders_fall_or_blood_pressure_finds_its_remedy(notes: list[str], wanted: str) -> None:
    assert _elder_ranked(notes)[0] == wanted


def test_an_elders_grown_children_are_no_reason_for_childrens_things() -> None:
    """'Her daughter rang for her' tells nothing a kids' plate answers; grandchildren would."""
    def kid_plate_interest(note: str) -> float:
        person = person_from_profile({"id": "p", "name": "王阿姨", "language": "zh", "relationship": "customer",
                                      "notes": [{"date": "2026-09-20", "text": note}]}, AS_OF)
        scored = score_pairs(person, analyze_catalog(ELDER_CARE), Request("care", Decimal(1000), "CNY", AS_OF))
        return next(s.factors["interest"] for s in scored.recommendations if s.item.id == "kid-plate")

    assert kid_plate_interest("王阿姨八十二了，女儿替她打电话来报修") == 0.0
    assert kid_plate_interest("王阿姨八十二了，孙子三岁，天天在她家吃饭") > 0.0
    assert kid_plate_interest("王姐的女儿三岁，天天在家吃饭") > 0.0
