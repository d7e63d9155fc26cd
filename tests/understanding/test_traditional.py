"""Notes and catalogs written in Traditional Chinese (Taiwan, Hong Kong) are understood like their Simplified
twins, and what is quoted back to the rep stays in the script they wrote."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from giftwise.understanding.ages import item_age_range
from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.extractor import extract
from giftwise.understanding.items import analyze_item
from giftwise.understanding.text import to_simplified

ON = date(2026, 9, 14)

# (Traditional, Simplified): the same note, as a Taipei or Hong Kong rep and as a Shanghai rep would write it.
NOTES = [
    ("採購部的協理對蝦子過敏，這半年常搭飛機跑東京。", "采购部的协理对虾子过敏，这半年常搭飞机跑东京。"),
    ("她說最近腰椎和頸椎都不舒服，晚上總是睡不著。", "她说最近腰椎和颈椎都不舒服，晚上总是睡不着。"),
    ("老闆去年戒酒了，現在只喝烏龍茶。", "老板去年戒酒了，现在只喝乌龙茶。"),
    ("他太太懷孕了，預產期在明年三月。", "他太太怀孕了，预产期在明年三月。"),
]


def facts_of(text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.concept) for f in extract(text, ON)}


@pytest.mark.parametrize("traditional, simplified", NOTES)
def test_a_traditional_note_states_what_its_simplified_twin_states(traditional: str, simplified: str) -> None:
    found = facts_of(traditional)
    assert found, "the Simplified twin states facts, so the Traditional note must too"
    assert found == facts_of(simplified)


@pytest.mark.parametrize("traditional", [t for t, _ in NOTES])
def test_quotes_of_a_traditional_note_stay_traditional(traditional: str) -> None:
    for fact in extract(traditional, ON):
        assert fact.source_text and fact.source_text in traditional


def test_an_allergy_is_quoted_in_the_writers_own_characters() -> None:
    allergy = [f for f in extract("客戶的經理對堅果過敏。", ON) if f.kind == "restriction"]
    assert allergy and allergy[0].source_text == "客戶的經理對堅果過敏"


def item(name_zh: str, desc_zh: str = "", tags: list[str] | None = None) -> dict[str, Any]:
    return {"id": "t", "name": {"zh": name_zh}, "description": {"zh": desc_zh}, "price": 300, "currency": "TWD",
            "category": "", "tags": tags or []}


# (Traditional, Simplified) catalog lines, as a Taiwanese and a mainland supplier would list the same thing.
ITEMS = [
    (item("金門高粱酒禮盒", "經典58度，附兩只酒杯"), item("金门高粱酒礼盒", "经典58度，附两只酒杯")),
    (item("綜合堅果禮罐", "每日一包，養生零嘴", ["點心"]), item("综合坚果礼罐", "每日一包，养生零嘴", ["点心"])),
    (item("記憶棉頸枕", "長途飛行、午睡都合適"), item("记忆棉颈枕", "长途飞行、午睡都合适")),
    (item("凍頂烏龍茶葉", "台灣高山茶，附茶具組"), item("冻顶乌龙茶叶", "台湾高山茶，附茶具组")),
]


@pytest.mark.parametrize("traditional, simplified", ITEMS)
def test_a_traditional_item_is_understood_like_its_simplified_twin(
    traditional: dict[str, Any], simplified: dict[str, Any]
) -> None:
    read, twin = analyze_item(traditional), analyze_item(simplified)
    assert twin.serves or twin.contains
    assert read.serves == twin.serves
    assert set(read.contains) == set(twin.contains)
    assert read.suits == twin.suits


@pytest.mark.parametrize("traditional, simplified", ITEMS)
def test_the_guard_reads_a_traditional_item_like_its_simplified_twin(
    traditional: dict[str, Any], simplified: dict[str, Any]
) -> None:
    def answers(spec: dict[str, Any]) -> dict[str, str]:
        return {name: a.answer for name, a in read_attributes(spec).contents.items()}

    assert answers(traditional) == answers(simplified)


@pytest.mark.parametrize("traditional, simplified", [("益智拼圖，建議4-8歲兒童", "益智拼图，建议4-8岁儿童"),
                                                      ("嬰兒安撫巾", "婴儿安抚巾")])
def test_a_traditional_age_label_is_read_and_shown_as_written(traditional: str, simplified: str) -> None:
    read, twin = item_age_range([traditional]), item_age_range([simplified])
    assert twin is not None and read is not None and (read.low, read.high) == (twin.low, twin.high)
    assert all(word in traditional for word in read.words)


@pytest.mark.parametrize("text", ["飛機上睡不著", "Hong Kong 嗰間茶餐廳 (MTR)", "簡單 simple 𠮶", "沒有繁體 no Han"])
def test_folding_keeps_every_offset(text: str) -> None:
    folded = to_simplified(text)
    assert len(folded) == len(text)
    assert [c for c in folded if c.isascii()] == [c for c in text if c.isascii()]


def test_simplified_text_is_left_alone() -> None:
    text = "著名的乾隆年间瓷器，他只喝干红。"
    assert to_simplified(text) == text
