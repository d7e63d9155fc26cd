"""Anti-graft rules reach an official's family: a relative's day asks for a modest personal gift inside the cap,
not our logo; a stated exception ("only a small keepsake") makes a no-gift rule token-only, never empty."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.items import analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 11, 20)
CATALOG = [
    {"id": "logo-pad", "name": {"en": "2027 desk calendar", "zh": "2027年台历"},
     "description": {"en": "Printed with our logo.", "zh": "印我司logo。"},
     "price": 60, "currency": "CNY", "category": "stationery"},
    {"id": "lip-balm", "name": {"en": "Rose lip balm and hand cream duo", "zh": "玫瑰润唇膏护手霜组合"},
     "description": {"en": "Shea butter base, rose scent.", "zh": "乳木果基底，玫瑰香味。"},
     "price": 150, "currency": "CNY", "category": "beauty"},
    {"id": "silk-scarf", "name": {"en": "Silk scarf", "zh": "真丝丝巾"}, "price": 1200, "currency": "CNY",
     "category": "fashion"},
    {"id": "mall-card", "name": {"en": "Mall gift card", "zh": "商场购物卡"}, "price": 100, "currency": "CNY",
     "category": "card"},
]


def _ranked_for_an_official(notes: list[str], language: str, name: str) -> list[str]:
    """The ids an official whose notes say ``notes`` gets for a congratulation, best first."""
    return ranked_for_notes(analyze_catalog(CATALOG), notes, "congratulations", as_of=AS_OF, noted_on="2026-11-15",
                            language=language, name=name, budget=2000, public_official=True)


@pytest.mark.parametrize(("notes", "language"), [
    (["Director Wang at the tax bureau, gift limit 200 yuan.", "His wife turns 50 on Saturday, he mentioned."],
     "en"),
    (["王处长 税务局，单位规定礼品不超200元", "王处长爱人下周六过五十岁生日"], "zh"),
])
def test_an_officials_wifes_birthday_gets_a_modest_personal_gift(notes: list[str], language: str) -> None:
    ids = _ranked_for_an_official(notes, language, "Wang")
    assert ids[0] == "lip-balm" and "silk-scarf" not in ids and "mall-card" not in ids


@pytest.mark.parametrize(("notes", "language"), [
    (["Dean Zhou runs the city hospital; his daughter starts at medical school.",
      "He says the family can't accept gifts, at most a small company keepsake."], "en"),
    (["周院长 市医院，女儿考上医学院了", "周院长说家里也不能收礼，最多公司文创小东西"], "zh"),
])
def test_a_no_gift_rule_with_a_keepsake_exception_still_finds_the_token(notes: list[str], language: str) -> None:
    ids = _ranked_for_an_official(notes, language, "Zhou")
    assert "logo-pad" in ids[:2] and "silk-scarf" not in ids and "mall-card" not in ids


@pytest.mark.parametrize(("notes", "language"), [
    (["Deputy Mayor Sun's husband has a birthday next week.",
      "Our compliance: no gifts of value to officials or their relatives."], "en"),
    (["孙副市长的先生下周生日", "我司合规要求：对公职人员及家属不送有价值的礼品"], "zh"),
])
def test_a_rule_against_gifts_of_value_leaves_the_logo_token(notes: list[str], language: str) -> None:
    ids = _ranked_for_an_official(notes, language, "Sun")
    assert ids[0] == "logo-pad" and "silk-scarf" not in ids
