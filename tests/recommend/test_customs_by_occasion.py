"""Occasions carry their customs as data: offerings for a practising Buddhist (at the New Year or in the rites
after a death), dates rather than flowers when a Muslim family mourns, lights and dry fruits at Deepavali,
couplets at the Lunar New Year, red to wear in one's zodiac year. Without the moment, the same items win
nothing extra."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.recommend.taboos import moments_of
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 11, 20)
SHELF = [
    {"id": "beads", "name": {"en": "Sandalwood prayer beads (108)", "zh": "檀香木佛珠108颗"}, "price": 220,
     "currency": "CNY"},
    {"id": "lamp-pair", "name": {"en": "Pair of brass butter lamps", "zh": "铜酥油灯一对"}, "price": 300,
     "currency": "CNY"},
    {"id": "truffles", "name": {"en": "Dark chocolate truffles", "zh": "黑巧克力松露"}, "price": 200,
     "currency": "CNY"},
    {"id": "usb-hub", "name": {"en": "7-port USB hub", "zh": "七口USB集线器"}, "price": 200, "currency": "CNY"},
    {"id": "lilies", "name": {"en": "Lily and rose bouquet", "zh": "百合玫瑰花束"}, "price": 260, "currency": "CNY"},
    {"id": "medjool", "name": {"en": "Medjool dates, gift box", "zh": "椰枣礼盒"}, "price": 260, "currency": "CNY"},
    {"id": "tealights", "name": {"en": "Tealight candles, 24"}, "price": 90, "currency": "CNY"},
    {"id": "dry-fruit", "name": {"en": "Cashews, almonds and pistachios tin"}, "price": 180, "currency": "CNY"},
    {"id": "couplets", "name": {"zh": "手写春联福字"}, "price": 80, "currency": "CNY"},
    {"id": "red-cord", "name": {"zh": "手编红绳手链"}, "description": {"zh": "本命年佩戴。"}, "price": 120,
     "currency": "CNY"},
    {"id": "notebook", "name": {"en": "Linen notebook", "zh": "亚麻笔记本"}, "price": 90, "currency": "CNY"},
]


def _rank(notes: list[str], *, language: str = "en", name: str = "", occasion: str = "festival") -> list[str]:
    profile = {"id": "p", "name": name, "language": language,
               "notes": [{"date": "2026-11-10", "text": text} for text in notes]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion=occasion, budget_max=Decimal("800"), currency="CNY", as_of=TODAY, top=100)
    return [s.item.id for s in recommend(person, analyze_catalog(SHELF), request).recommendations]


def test_a_practising_buddhist_is_told_by_practice_not_by_a_visit() -> None:
    assert "buddhist_devotion" in moments_of(["She keeps a home shrine and is a devout Buddhist."])
    assert "buddhist_devotion" in moments_of(["他家每年请喇嘛来家里做法事"])
    assert "buddhist_devotion" not in moments_of(["We visited a Buddhist temple on the trip to Kyoto."])


def test_offerings_come_first_for_a_practising_buddhist_at_the_new_year() -> None:
    ranked = _rank(["Pema lights a lamp at her family altar every morning; we will visit for Losar."], name="Pema")
    assert {"beads", "lamp-pair"} & set(ranked[:2])


def test_offerings_come_first_when_a_buddhist_family_mourns() -> None:
    ranked = _rank(["次仁的父亲上周往生了，家里请喇嘛念经四十九天。"], language="zh", name="次仁", occasion="empathy")
    assert {"beads", "lamp-pair"} & set(ranked[:2])


def test_without_practice_offerings_win_nothing() -> None:
    ranked = _rank(["Mark likes dark chocolate."], name="Mark")
    assert ranked.index("truffles") < ranked.index("beads")


def test_a_muslim_family_in_mourning_gets_dates_before_flowers() -> None:
    ranked = _rank(["Omar is Emirati; his mother passed away and the family receives visitors for three days."],
                   name="Omar", occasion="empathy")
    assert "medjool" in ranked
    assert "lilies" not in ranked or ranked.index("medjool") < ranked.index("lilies")


def test_lights_and_dry_fruits_fit_deepavali() -> None:
    ranked = _rank(["Priya is getting the house ready for Diwali."], name="Priya")
    assert {"tealights", "dry-fruit"} & set(ranked[:2])
    plain = _rank(["Priya asked about our new USB hubs."], name="Priya")
    assert plain.index("usb-hub") < plain.index("tealights")


def test_couplets_fit_a_chinese_new_year_visit() -> None:
    ranked = _rank(["王总那边春节前要去拜年"], language="zh", name="王总")
    assert ranked.index("couplets") < ranked.index("notebook")


def test_red_to_wear_fits_a_zodiac_year() -> None:
    ranked = _rank(["李总属马，明年是他的本命年"], language="zh", name="李总")
    assert ranked[0] == "red-cord"
