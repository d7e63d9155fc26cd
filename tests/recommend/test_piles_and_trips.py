"""What a person already gets from everyone fades their interest in it, so the rest of their life decides; and a
working life on planes and trains is a lasting need that travel gear answers, in either language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog

AS_OF = date(2026, 11, 1)
CATALOG = [
    {"id": "charger", "name": {"en": "100W GaN charger", "zh": "100W氮化镓充电器"}, "price": 260, "currency": "CNY",
     "category": "electronics"},
    {"id": "earbuds", "name": {"en": "Wireless earbuds", "zh": "无线耳机"}, "price": 300, "currency": "CNY",
     "category": "electronics"},
    {"id": "kettle", "name": {"en": "Gooseneck pour-over kettle", "zh": "手冲细口壶"}, "price": 280,
     "currency": "CNY", "category": "coffee"},
    {"id": "quiet-headset", "name": {"en": "Noise-cancelling headset", "zh": "降噪头戴耳机"},
     "description": {"en": "Blocks cabin noise on long flights.", "zh": "长途飞行时隔绝机舱噪音。"}, "price": 900,
     "currency": "CNY", "category": "audio"},
    {"id": "desk-plant", "name": {"en": "Desk succulent", "zh": "桌面多肉"}, "price": 90, "currency": "CNY",
     "category": "plants"},
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _ranked(items: list[ItemProfile], notes: list[tuple[str, str]], gifts: list[dict[str, str]] | None = None,
            language: str = "en") -> list[str]:
    person = person_from_profile({"id": "p", "name": "Sam", "language": language, "relationship": "client",
                                  "notes": [{"date": d, "text": t} for d, t in notes],
                                  "gifts_received": gifts or []}, AS_OF)
    request = Request("thank-you", Decimal(1000), "CNY", AS_OF, top=10)
    return [r.item.id for r in recommend(person, items, request).recommendations]


@pytest.mark.parametrize(("notes", "language"), [
    ([("2026-06-01", "Sam reviews phones and chargers on his channel; every brand mails him gadgets."),
      ("2026-10-01", "Lately he is into brewing pour-over coffee at home.")], "en"),
    ([("2026-06-01", "小山做数码测评，各家寄来的充电器耳机堆满了抽屉"),
      ("2026-10-01", "最近在家迷上了手冲咖啡")], "zh"),
])
def test_the_pile_of_gadgets_gives_way_to_his_other_life(items: list[ItemProfile], notes: list[tuple[str, str]],
                                                         language: str) -> None:
    gifts = [{"date": "2026-08-01", "item": "fast charger", "from": "others"},
             {"date": "2026-09-01", "item": "bluetooth earbuds", "from": "others"}]
    ranked = _ranked(items, notes, gifts, language)
    assert ranked[0] == "kettle"
    assert ranked.index("kettle") < ranked.index("charger")


@pytest.mark.parametrize(("note", "language"), [
    ("Sam flies to Europe every other month; long flights wear him out.", "en"),
    ("小山每个月都要坐飞机去欧洲，说长途飞行根本休息不好", "zh"),
])
def test_a_life_on_planes_finds_travel_gear_months_later(items: list[ItemProfile], note: str, language: str) -> None:
    ranked = _ranked(items, [("2026-03-01", note)], language=language)
    assert ranked[0] == "quiet-headset"
