"""Needs told by a situation, not by a product word: family far away finds a frame filled from the phone, nights
without sleep find sleep things, a back that must not sit long finds lumbar support, a birth last week finds baby
things; and someone retiring is no longer a buyer whose influence a gift could buy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from giftwise.recommend.engine import Request, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 10, 20)
CATALOG = [
    {"id": "cloud-frame", "name": {"en": "Cloud photo frame", "zh": "云相框"},
     "description": {"en": "Family far away send photos from their phones to it.",
                     "zh": "在外地的子女用手机传照片到相框。"},
     "price": 500, "currency": "CNY", "category": "gadget"},
    {"id": "sleep-kit", "name": {"en": "Silk eye mask and earplugs", "zh": "真丝眼罩耳塞助眠套装"}, "price": 260,
     "currency": "CNY", "category": "home"},
    {"id": "lumbar", "name": {"en": "Memory-foam lumbar cushion", "zh": "记忆棉腰靠"}, "price": 300, "currency": "CNY",
     "category": "home"},
    {"id": "onesies", "name": {"en": "Newborn cotton onesies", "zh": "新生儿纯棉连体衣"}, "price": 280,
     "currency": "CNY", "category": "baby"},
    {"id": "chocolates", "name": {"en": "Praline assortment", "zh": "夹心巧克力礼盒"}, "price": 260, "currency": "CNY",
     "category": "food"},
    {"id": "balloon-ride", "name": {"en": "Hot-air balloon flight for two", "zh": "双人热气球体验"}, "price": 2600,
     "currency": "CNY", "category": "experience"},
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _top(items: list[ItemProfile], note: str, *, language: str, occasion: str = "care") -> str:
    return ranked_for_notes(items, [note], occasion, as_of=AS_OF, noted_on="2026-10-10", language=language,
                            name="Ann", budget=3000)[0]


@pytest.mark.parametrize(("note", "language"), [
    ("Ann's parents live far away in the north and she rarely sees her parents; she misses them.", "en"),
    ("她爸妈在老家，一年只回去一次，很想爸妈", "zh"),
])
def test_family_far_away_finds_a_frame_filled_from_the_phone(items: list[ItemProfile], note: str,
                                                             language: str) -> None:
    assert _top(items, note, language=language, occasion="festival") == "cloud-frame"


@pytest.mark.parametrize(("note", "language"), [
    ("Her father died on Sunday; she has barely slept since, sitting with the family.", "en"),
    ("她父亲周日走了，这几天在灵堂守着，几天没合眼", "zh"),
])
def test_nights_without_sleep_find_sleep_things(items: list[ItemProfile], note: str, language: str) -> None:
    assert _top(items, note, language=language, occasion="empathy") == "sleep-kit"


@pytest.mark.parametrize(("note", "language"), [
    ("After the disc operation the doctor says she can't sit for long.", "en"),
    ("做完手术，医生交代她不能坐太久", "zh"),
])
def test_a_back_that_must_not_sit_long_finds_lumbar_support(items: list[ItemProfile], note: str,
                                                           language: str) -> None:
    assert _top(items, note, language=language) == "lumbar"


def test_a_son_born_last_week_finds_baby_things(items: list[ItemProfile]) -> None:
    assert _top(items, "Great news: Ann's son Leo born last week, all healthy.", language="en",
                occasion="congratulations") == "onesies"


@pytest.mark.parametrize("note", ["Ann is retiring in December after 30 years.", "Ann 年底退休，干了三十年"])
def test_retiring_lifts_the_buyers_price_band(items: list[ItemProfile], note: str) -> None:
    def stage(text: str) -> float:
        person = person_from_profile({"id": "p", "name": "Ann", "language": "en", "relationship": "client",
                                      "role": "Head of Procurement",
                                      "notes": [{"date": "2026-10-10", "text": text}]}, AS_OF)
        result = score_pairs(person, items, Request("congratulations", Decimal(3000), "CNY", AS_OF, top=10))
        return next(s.factors["stage"] for s in result.recommendations if s.item.id == "balloon-ride")

    assert stage(note) > stage("Ann got a new car.")


TRAVEL = [
    {"id": "voice-translator", "name": {"en": "Pocket voice translator", "zh": "口袋翻译机"}, "price": 700,
     "currency": "CNY", "category": "gadget"},
    {"id": "leather-wallet", "name": {"en": "Leather wallet", "zh": "真皮钱包"}, "price": 500, "currency": "CNY",
     "category": "accessories"},
    {"id": "silk-tie", "name": {"en": "Silk tie", "zh": "真丝领带"}, "price": 400, "currency": "CNY",
     "category": "accessories"},
]


@pytest.mark.parametrize(("note", "language"), [
    ("Karim visits our plant twice a year; taxi drivers never understand him and he needs someone to translate.", "en"),
    ("卡里姆每年来两趟工厂，语言不通，打车吃饭都要我们的人帮忙翻译", "zh"),
])
def test_a_language_barrier_finds_a_translator(note: str, language: str) -> None:
    ranked = ranked_for_notes(analyze_catalog(TRAVEL), [note], "thank-you", as_of=AS_OF, noted_on="2026-08-01",
                              language=language, name="Karim")
    assert ranked[0] == "voice-translator"
