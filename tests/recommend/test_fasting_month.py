"""The fasting month and its feasts carry their customs: dates to break the fast and oud (agarwood, bakhoor) to
welcome guests fit a Muslim at Ramadan or Eid; oud is the same thing under its Chinese name 沉香; a pile of
either (every supplier sends it, the client gave us a box of it) fades it again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.recommend.taboos import moments_of
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 3, 5)
SHELF = [
    {"id": "khalas", "name": {"en": "Khalas dates in a gift tin"}, "price": 300, "currency": "CNY"},
    {"id": "agarwood", "name": {"zh": "越南芽庄沉香片礼盒"}, "description": {"zh": "附铜制香炉。"}, "price": 400,
     "currency": "CNY"},
    {"id": "espresso", "name": {"en": "Espresso beans, single origin"}, "price": 200, "currency": "CNY"},
    {"id": "pen", "name": {"en": "Fountain pen, steel nib"}, "price": 300, "currency": "CNY"},
    {"id": "scarf-wool", "name": {"en": "Merino wool scarf"}, "price": 300, "currency": "CNY"},
    {"id": "umbrella", "name": {"en": "Compact travel umbrella"}, "price": 150, "currency": "CNY"},
]


def _rank(notes: list[str], *, name: str, occasion: str = "festival") -> list[str]:
    profile = {"id": "p", "name": name, "language": "en",
               "notes": [{"date": "2026-02-25", "text": text} for text in notes]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion=occasion, budget_max=Decimal("800"), currency="CNY", as_of=TODAY, top=100)
    return [s.item.id for s in recommend(person, analyze_catalog(SHELF), request).recommendations]


def test_the_fasting_month_and_its_feasts_are_told_in_many_wordings() -> None:
    for text in ("fasting month started, no lunches", "open house for Hari Raya", "back after Eid al-Adha",
                 "斋月期间白天不吃饭", "古尔邦节回老家"):
        assert "ramadan_eid" in moments_of([text]), text
    assert "ramadan_eid" not in moments_of(["fasting before his blood test on Monday"])
    assert "ramadan_eid" not in moments_of(["Bu Sari keeps puasa senin kamis, the voluntary Monday-Thursday fast"])
    assert "ramadan_eid" in moments_of(["bulan puasa, kantor pulang lebih awal"])


def test_dates_and_oud_come_first_for_a_muslim_in_the_fasting_month() -> None:
    ranked = _rank(["Omar (Doha) only eats halal; Ramadan began, he breaks the fast with family."], name="Omar")
    assert {"khalas", "agarwood"} & set(ranked[:2])


def test_without_the_fasting_month_they_win_nothing_extra() -> None:
    ranked = _rank(["Omar (Doha) only eats halal and drinks espresso all day."], name="Omar")
    assert ranked[0] == "espresso"


def test_a_pile_of_oud_fades_it_even_in_the_fasting_month() -> None:
    ranked = _rank(["Omar only eats halal; Ramadan began.", "he jokes he gets oud from every supplier"],
                   name="Omar")
    assert "agarwood" not in ranked[:2]
