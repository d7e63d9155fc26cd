"""Health restrictions told in other words (issue 11): someone with a gambling problem, or recovering from one,
gets no gambling goods; someone allergic or sensitive to fragrance gets nothing scented. Our own words and items,
in both languages, through the single ranking, the batch and the fail-safe guard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.items import ItemProfile, analyze_catalog

AS_OF = date(2026, 11, 10)


def _item(item_id: str, en: str, zh: str, price: int, description: str = "") -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": {"en": description, "zh": ""},
            "price": price, "currency": "CNY", "category": "gifts", "tags": []}


GAMBLING = {"tiles", "cards", "lotto", "chips"}
SCENTED = {"candle", "sticks", "diffuser", "eau"}
CATALOG = [
    _item("tiles", "Bamboo-backed tile set in a leather case", "竹背麻将牌礼盒", 680, "144 tiles with dice."),
    _item("cards", "Two decks of linen-finish playing cards", "亚麻纹扑克牌两副", 120),
    _item("lotto", "Festive scratch-card bundle", "新春刮刮乐礼包", 200, "Thirty instant lottery tickets."),
    _item("chips", "Clay poker chips, 300 pieces", "陶土筹码三百枚", 420),
    _item("candle", "Fig and cedar soy candle, scented", "无花果雪松香薰蜡烛", 260),
    _item("sticks", "Kyoto sandalwood incense", "京都檀香线香", 180, "Hand-rolled incense sticks."),
    _item("diffuser", "Ultrasonic aroma diffuser", "超声波香薰机", 390, "Diffuses essential oils."),
    _item("eau", "Eau de parfum, 50 ml", "淡香精香水 50毫升", 880),
    _item("notebook", "Leather-bound notebook", "真皮笔记本", 240),
    _item("mug", "Double-walled glass mug", "双层玻璃杯", 150),
    _item("unscented", "Unscented beeswax pillar candle", "无香型蜂蜡蜡烛", 160),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _person(note: str, language: str) -> Any:
    profile = {"id": "p", "name": "Sam Ho" if language == "en" else "何总", "language": language,
               "relationship": "client", "notes": [{"date": "2026-10-02", "text": note}]}
    return person_from_profile(profile, AS_OF)


REQUEST = Request("thank-you", Decimal(1000), "CNY", AS_OF, top=100)

GAMBLING_NOTES = [
    ("何总这两年在戒赌，他太太特别交代过。", "zh"),
    ("听说他以前赌博成瘾，欠过不少钱，现在好了。", "zh"),
    ("Sam goes to Gamblers Anonymous every Thursday.", "en"),
    ("He used to have a serious gambling problem.", "en"),
    ("He quit gambling after his divorce.", "en"),
]
FRAGRANCE_NOTES = [
    ("何总对香味过敏，会议室都不能喷香水。", "zh"),
    ("她受不了香水味，一闻就头疼。", "zh"),
    ("Sam is scent-sensitive; his office is fragrance-free.", "en"),
    ("Allergic to perfume, so keep anything scented away.", "en"),
]


@pytest.mark.parametrize("note, language", GAMBLING_NOTES)
def test_a_gambling_problem_rules_out_gambling_goods(items: list[ItemProfile], note: str, language: str) -> None:
    person = _person(note, language)
    ranked = {r.item.id for r in recommend(person, items, REQUEST).recommendations}
    batch = {p.item_id for p in rank_batch([person], items, REQUEST)[0].picks}
    assert not (ranked | batch) & GAMBLING
    assert {"notebook", "mug"} <= ranked


@pytest.mark.parametrize("note, language", FRAGRANCE_NOTES)
def test_a_fragrance_allergy_rules_out_scented_things(items: list[ItemProfile], note: str, language: str) -> None:
    person = _person(note, language)
    ranked = {r.item.id for r in recommend(person, items, REQUEST).recommendations}
    batch = {p.item_id for p in rank_batch([person], items, REQUEST)[0].picks}
    assert not (ranked | batch) & SCENTED
    assert {"notebook", "unscented"} <= ranked


def test_liking_mahjong_or_perfume_rules_nothing_out(items: list[ItemProfile]) -> None:
    person = _person("何总周末喜欢和朋友打麻将，太太喜欢香水。", "zh")
    ranked = {r.item.id for r in recommend(person, items, REQUEST).recommendations}
    assert {"tiles", "eau"} <= ranked


@pytest.mark.parametrize("item_id", sorted(GAMBLING | SCENTED))
def test_the_guard_reads_gambling_and_scented_goods_on_its_own(item_id: str) -> None:
    spec = next(i for i in CATALOG if i["id"] == item_id)
    content = "gambling" if item_id in GAMBLING else "fragrance"
    assert read_attributes(spec).contents[content].answer == "yes"
