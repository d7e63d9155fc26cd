"""Rules told in more wordings and currencies (issue 11): an employer's cap in yen or NT$, asthma, a Korean or
Japanese 'no alcohol', 'she's expecting', a couple who stopped trying, a Vietnamese client and knives, a sea
goddess for a Christian. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from giftwise.compliance.stated import stated_limits
from giftwise.recommend.taboos import cultures_of, moments_of
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item, ranked_for_notes

AS_OF = date(2026, 11, 20)

CATALOG = [
    catalog_item("incense", "Sandalwood incense coils with a holder", "檀香盘香 配香座", 160, "home"),
    catalog_item("sake", "Junmai sake, 720 ml", "纯米清酒 720毫升", 260, "drinks"),
    catalog_item("bib-set", "Newborn bib and bodysuit set", "新生儿口水巾连体衣套装", 220, "baby"),
    catalog_item("chef-knife", "Damascus chef's knife", "大马士革主厨刀", 480, "kitchen"),
    catalog_item("goddess", "Porcelain Mazu figure for a home altar", "妈祖白瓷坐像 可供奉", 680, "figure"),
    catalog_item("tea-tin", "Oolong tea tin", "乌龙茶罐装", 260, "tea"),
    catalog_item("scarf", "Silk scarf", "真丝围巾", 380, "apparel"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _ranked(items: list[ItemProfile], notes: list[str], occasion: str = "thank-you", **profile: object) -> list[str]:
    return ranked_for_notes(items, notes, occasion, as_of=AS_OF, noted_on="2026-11-01", **profile)  # type: ignore[arg-type]


@pytest.mark.parametrize(("note", "cap"), [
    ("Sato-san: 取引先からのお歳暮は1件3,000円まで", (Decimal("3000"), "JPY")),
    ("their code of conduct caps vendor gifts at NT$800", (Decimal("800"), "TWD")),
    ("公司规定：供应商礼品上限 S$80", (Decimal("80"), "SGD")),
    ("policy: gifts max RM150 per head", (Decimal("150"), "MYR")),
])
def test_a_cap_in_any_currency_is_read(note: str, cap: tuple[Decimal, str]) -> None:
    assert stated_limits([note]).cap == cap


def test_a_bare_budget_is_no_cap_and_the_lowest_cap_wins_by_value() -> None:
    assert stated_limits(["budget 600 for his birthday, he likes tea"]).cap is None
    # 3,000 yen (about 141 CNY) is lower than 200 yuan, though 3,000 > 200.
    assert stated_limits(["公司规定礼品不超过200元", "取引先からの贈答は3,000円まで"]).cap == (Decimal("3000"), "JPY")


@pytest.mark.parametrize("note", ["Mr Lee has asthma, keeps an inhaler on his desk", "李总有哮喘，闻不得烟"])
def test_asthma_keeps_incense_out(items: list[ItemProfile], note: str) -> None:
    assert "incense" not in _ranked(items, [note])


@pytest.mark.parametrize("note", ["Mr Park 술 안 마심, 운전함", "佐藤さんはお酒を飲まない"])
def test_no_alcohol_told_in_korean_or_japanese(items: list[ItemProfile], note: str) -> None:
    assert "sake" not in _ranked(items, [note])


def test_shes_expecting_is_a_pregnancy(items: list[ItemProfile]) -> None:
    assert "sake" not in _ranked(items, ["Loves sake.", "Told us at the fair she's expecting, due date in May"])


@pytest.mark.parametrize("note", [
    "They stopped trying for a baby after years of treatment", "他们试管失败了，别再提孩子",
])
def test_a_couple_who_stopped_trying_gets_no_baby_things(items: list[ItemProfile], note: str) -> None:
    assert "bib-set" not in _ranked(items, [note], "care")


def test_a_vietnamese_client_is_told_by_place_and_name() -> None:
    assert "southeast_asian" in cultures_of("Pham Thi Lan", "en", ["buyer at the Hai Phong plant"])
    assert "southeast_asian" in cultures_of("Nguyen Duc", "en", [])


def test_a_client_who_told_us_knives_cut_ties_never_gets_one(items: list[ItemProfile]) -> None:
    assert "minds_omens" in moments_of(["he laughed that knives cut a friendship where he grew up"])
    ranked = _ranked(items, ["Buyer from Hanoi; he laughed that knives cut a friendship there"], "festival")
    assert "chef-knife" not in ranked and ranked


@pytest.mark.parametrize("note", ["Mr Kim 교회 장로, 주일마다 예배", "She is a devout Christian, church every Sunday"])
def test_a_sea_goddess_is_no_gift_for_a_christian(items: list[ItemProfile], note: str) -> None:
    assert "goddess" not in _ranked(items, [note])


def test_a_niacinamide_serum_is_skincare_not_tobacco() -> None:
    """烟酰胺 holds the character of 烟 (smoke) but is a vitamin: no one's no-smoking rule keeps it out."""
    serum = analyze_catalog([catalog_item("serum", "Niacinamide serum 30 ml", "烟酰胺精华 30毫升", 199, "skincare")])
    ranked = ranked_for_notes(serum, ["林小姐不抽烟，喜欢护肤"], "thank-you", as_of=AS_OF, noted_on="2026-11-01",
                              language="zh")
    assert ranked == ["serum"]
