"""Cultural meaning as data: the custom that fits a moment wins (a gold ring at a Korean first birthday, red at a
Japanese 60th, a box of sweets for a Japanese apology, tonics at a Chinese sickbed, flower baskets at an opening,
lamps at Deepavali), taboos that hold only in a culture and a moment keep their items out (white flowers at an
opening, flowers or scents in chemotherapy, liquor in mourning), and items bound to another festival or to a
donation do not win unrelated situations. The same one at a time and in the batch."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, recommend, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.recommend.taboos import is_elder, moments_of
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 9, 10)
SHOP = [
    {"id": "ring", "name": {"en": "Child's gold ring, 3.75 g"}, "description": {"en": "A small 18K gold ring."},
     "price": 900, "currency": "CNY"},
    {"id": "plush", "name": {"en": "Plush elephant"}, "price": 120, "currency": "CNY"},
    {"id": "vest", "name": {"en": "Wool vest in crimson"}, "price": 500, "currency": "CNY"},
    {"id": "navy", "name": {"en": "Wool vest in navy"}, "price": 500, "currency": "CNY"},
    {"id": "yokan", "name": {"en": "Chestnut yokan, boxed"}, "price": 260, "currency": "CNY"},
    {"id": "mug", "name": {"en": "Logo travel mug"}, "price": 80, "currency": "CNY"},
    {"id": "nest", "name": {"zh": "即食燕窝礼盒"}, "price": 600, "currency": "CNY"},
    {"id": "orchid", "name": {"zh": "蝴蝶兰一盆"}, "description": {"zh": "盆栽，花期两个月。"},
     "price": 480, "currency": "CNY"},
    {"id": "lilies", "name": {"en": "White lily bouquet"}, "price": 300, "currency": "CNY"},
    {"id": "lamp", "name": {"en": "Pair of clay oil lamps"}, "price": 150, "currency": "CNY"},
    {"id": "couplets", "name": {"zh": "手写春联"}, "price": 90, "currency": "CNY"},
    {"id": "gift-aid", "name": {"en": "Donation to a literacy charity in their name"}, "price": 300,
     "currency": "CNY"},
    {"id": "candle", "name": {"en": "Scented soy candle"}, "price": 160, "currency": "CNY"},
    {"id": "wine", "name": {"en": "Rioja red wine"}, "price": 420, "currency": "CNY"},
    {"id": "blanket", "name": {"en": "Merino throw blanket"}, "price": 700, "currency": "CNY"},
    {"id": "ribbon-basket", "name": {"zh": "花篮一对"}, "description": {"zh": "红色缎带写“开张大吉”。"}, "price": 400,
     "currency": "CNY"},
    {"id": "tangerines", "name": {"en": "Box of mandarin oranges"}, "price": 120, "currency": "CNY"},
    {"id": "clock", "name": {"en": "Oak wall clock"}, "price": 350, "currency": "CNY"},
]


def _rank(notes: list[str], *, language: str = "en", name: str = "", occasion: str = "congratulations") -> list[str]:
    profile = {"id": "p", "name": name, "language": language,
               "notes": [{"date": "2026-09-01", "text": text} for text in notes]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion=occasion, budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)
    return [s.item.id for s in recommend(person, analyze_catalog(SHOP), request).recommendations]


def test_the_notes_name_cultural_moments_in_any_language() -> None:
    assert moments_of(["Their son's dol party is on Saturday."]) == {"dol", "first_birthday"}
    assert moments_of(["Their son's first birthday is on Saturday."]) == {"first_birthday"}
    assert moments_of(["父亲下月七十大寿"]) == {"milestone_birthday"}
    assert moments_of(["She started chemo last week."]) == {"low_immunity"}
    assert moments_of(["He loves dolphins and turns 45."]) == frozenset()


def test_a_korean_first_birthday_puts_the_gold_ring_first() -> None:
    ranked = _rank(["Kim's daughter has her dol next week, big party in Seoul."], name="Kim Min-jun")
    assert ranked[0] == "ring"


def test_red_is_the_custom_at_a_japanese_sixtieth() -> None:
    ranked = _rank(["Sato-san celebrates his kanreki this month."], name="Sato Hiroshi")
    assert ranked.index("vest") < ranked.index("navy")


def test_a_japanese_apology_brings_a_box_of_sweets_not_a_logo_gift() -> None:
    ranked = _rank(["Tanaka-san was upset that our delivery was a week late."], name="Tanaka Yuki",
                   occasion="apology")
    assert ranked.index("yokan") < ranked.index("mug")
    assert "yokan" in ranked[:3]


def test_a_chinese_sick_visit_brings_a_tonic_and_no_liquor() -> None:
    ranked = _rank(["王总住院了，下周手术。"], language="zh", name="王总", occasion="care")
    assert "nest" in ranked[:3]
    assert "wine" not in ranked and "lilies" not in ranked


def test_an_opening_gets_an_orchid_and_never_white_flowers() -> None:
    ranked = _rank(["陈总的新店下周开业。"], language="zh", name="陈总")
    assert "orchid" in ranked[:3]
    assert "lilies" not in ranked


def test_lamps_are_for_deepavali_and_not_a_default_elsewhere() -> None:
    assert "lamp" in _rank(["Priya hosts a Deepavali open house every year."], name="Priya", occasion="festival")[:3]
    assert "lamp" not in _rank(["Priya just got promoted to partner."], name="Priya")[:3]


def test_chemotherapy_keeps_flowers_plants_and_scents_away() -> None:
    ranked = _rank(["She is in chemotherapy, her immunity is low."], name="Anna", occasion="care")
    assert not {"orchid", "lilies", "candle"} & set(ranked)


def test_a_house_in_mourning_gets_no_wine() -> None:
    assert "wine" not in _rank(["His mother passed away on Monday."], name="Tom", occasion="empathy")


def test_couplets_and_donations_do_not_win_an_unrelated_thank_you() -> None:
    ranked = _rank(["He likes good wine and cosy evenings at home."], name="Tom", occasion="thank-you")
    assert not {"couplets", "gift-aid", "lamp"} & set(ranked[:3])


def test_a_titled_hokkien_or_cantonese_surname_keeps_chinese_etiquette() -> None:
    assert "clock" not in _rank(["Second clinic opens in Punggol next month."], name="Dr. Ong")
    assert "clock" in _rank(["Collects clocks; his new showroom opens next month."], name="Bob Miller")


def test_an_opening_basket_is_for_an_opening_only() -> None:
    assert "ribbon-basket" not in _rank(["李总住院了。"], language="zh", name="李总", occasion="care")
    assert "ribbon-basket" in _rank(["李总的新公司开张。"], language="zh", name="李总")[:3]


def test_lucky_new_year_food_for_a_chinese_new_year_visit() -> None:
    ranked = _rank(["Hokkien family, visiting his shop for CNY."], name="Ah Seng", occasion="festival")
    assert "tangerines" in ranked[:3]


def test_a_japanese_sick_visit_brings_sweets() -> None:
    ranked = _rank(["Suzuki-san had knee surgery and is in hospital."], name="Suzuki", occasion="care")
    assert "yokan" in ranked[:3] and "orchid" not in ranked


NOTES = ["Kim's son has his dol soon.", "Sato-san's kanreki is next month.", "她在化疗。", "他父亲去世了。",
         "新店开业。", "Deepavali open house.", "Merry Christmas to the whole family!", "过年好。", ""]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(NOTES), max_size=3), st.sampled_from(["zh", "en"]),
       st.sampled_from(["thank-you", "care", "festival", "congratulations", "empathy", "apology"]))
def test_the_batch_applies_the_same_customs(notes: list[str], language: str, occasion: str) -> None:
    profile: dict[str, Any] = {"id": "p", "language": language,
                               "notes": [{"date": "2026-09-01", "text": n} for n in notes if n]}
    person = person_from_profile(profile, TODAY)
    items = analyze_catalog(SHOP)
    request = Request(occasion=occasion, budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)
    one = [(s.item.id, s.raw) for s in score_pairs(person, items, request).recommendations]
    batch = [(p.item_id, p.raw) for p in rank_batch([person], items, request)[0].picks]
    assert [i for i, _ in batch] == [i for i, _ in one]
    assert [r for _, r in batch] == pytest.approx([r for _, r in one], abs=2e-3)


@pytest.mark.parametrize("traditional, simplified", [
    ("老爺子下個月過八十大壽。", "老爷子下个月过八十大寿。"),
    ("孫子滿週歲了，要辦抓週。", "孙子满周岁了，要办抓周。"),
])
def test_a_moment_told_in_traditional_chinese_is_the_same_moment(traditional: str, simplified: str) -> None:
    assert moments_of([simplified])
    assert moments_of([traditional]) == moments_of([simplified])
    assert is_elder([traditional]) == is_elder([simplified])
