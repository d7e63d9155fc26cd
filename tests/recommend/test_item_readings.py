"""An item is understood from however its catalog words it: alcohol told only by its strength, grape, style or a
liqueur filling; pork told by a dish or a form; a store voucher or credit stated in money; what a hamper holds.
Each reading keeps the item from whoever must not get it on every ranking path, and the readings do not spill
over onto a heat pad's degrees, a spa session voucher or a cartoon mug."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Person, Request, recommend, score_pairs
from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 11, 2)


def item(name_en: str = "", name_zh: str = "", desc_en: str = "", desc_zh: str = "",
         category: str = "") -> dict[str, Any]:
    return {"id": "x", "name": {"en": name_en, "zh": name_zh}, "description": {"en": desc_en, "zh": desc_zh},
            "price": 150, "currency": "CNY", "category": category, "tags": []}


@pytest.mark.parametrize("spec", [
    item("Orchard plum cordial", desc_en="Green plums macerated for a season; 14.5% vol."),
    item(name_zh="桂花米露", desc_zh="桂花与糯米同酿，38度，500毫升。"),
    item("Hickory sipping drink", desc_en="Small batch, 90 proof."),
    item(name_zh="杨梅原浆", desc_zh="酒精度：15%vol，冰镇更佳。"),
    item("Mendoza Malbec 2020, pair"), item(name_zh="宁夏蛇龙珠 两支装"), item("Ten-year tawny port"),
    item("Filled bonbons", desc_en="Centres of kirsch, Irish cream liqueur and salted caramel."),
    item(name_zh="松露夹心巧克力", desc_zh="内含百利甜与君度夹心。"),
    item("Winter basket", desc_en="Oat crackers, a wedge of cheddar and a half-bottle of ruby port."),
])
def test_alcohol_is_read_from_strength_grape_style_and_fillings(spec: dict[str, Any]) -> None:
    assert read_attributes(spec).content("alcohol").sure_yes


@pytest.mark.parametrize("spec", [
    item(name_zh="石墨烯暖腰带", desc_zh="三档恒温，最高55度热敷。"),
    item(name_zh="明前绿茶", desc_zh="建议80度水冲泡。"),
    item(name_zh="折叠台灯", desc_zh="灯臂可倾斜30度。"),
    item("Sparkling grape drink", desc_en="Alcohol-free, 0.0% vol."),
    item("Bourbon vanilla pods, Madagascar"),
    item("70% dark chocolate bars"),
])
def test_degrees_and_percentages_that_are_no_strength_are_no_alcohol(spec: dict[str, Any]) -> None:
    assert not read_attributes(spec).content("alcohol").sure_yes


@pytest.mark.parametrize("spec", [
    item("Hokkien bak kwa, honey glazed"), item("Lap cheong gift pack"), item(name_zh="梅菜扣肉礼盒"),
    item(name_zh="苏式月饼", desc_zh="酥皮用荤油起酥。"), item(name_zh="卤猪脚 真空装"),
    item("Kuching home-cooking workshop", desc_en="We cook babi kecap and kueh lapis together."),
    item("Card wallet", desc_en="Vegetable-tanned pigskin lining."),
])
def test_pork_is_read_from_a_dish_or_a_form(spec: dict[str, Any]) -> None:
    assert read_attributes(spec).content("pork").sure_yes


@pytest.mark.parametrize("spec", [
    item(name_zh="重庆火锅底料", desc_zh="老牛油锅底，麻辣鲜香。"),
    item("Christmas pudding", desc_en="Made with beef suet."), item("Hand-rendered tallow candles"),
])
def test_beef_is_read_from_its_fat(spec: dict[str, Any]) -> None:
    assert read_attributes(spec).content("beef").sure_yes


@pytest.mark.parametrize("spec", [
    item(name_zh="港式牛油曲奇"), item("Porcelain cups", desc_en="Glazed in a suet-jade white."),
    item("Mince pies", desc_en="Made with vegetable suet."),
])
def test_butter_called_niuyou_and_suet_jade_porcelain_are_no_beef(spec: dict[str, Any]) -> None:
    assert read_attributes(spec).content("beef").answer != "yes"


@pytest.mark.parametrize("spec", [item(name_zh="油鸡枞 两瓶", desc_zh="野生菌油炸封存。"), item(name_zh="鸡油菌干货"),
                                  item(name_zh="金鸡湖畔茶点礼盒", desc_zh="绿豆糕与桂花糕。")])
def test_a_mushroom_or_a_place_named_after_a_chicken_is_no_meat(spec: dict[str, Any]) -> None:
    assert read_attributes(spec).content("meat").answer != "yes"


@pytest.mark.parametrize("spec", [
    item("Flagship-store e-voucher €50"), item(name_zh="官方旗舰店电子券 200元"),
    item("Shop credit code, $40"), item(name_zh="门店礼卡", desc_zh="面值300元，全场通用。"),
    item("Ride and meal credit S$25", category="voucher"), item(name_zh="会员储值卡"),
])
def test_a_voucher_or_credit_stated_in_money_is_a_cash_equivalent(spec: dict[str, Any]) -> None:
    assert read_attributes(spec).cash_equivalent.sure_yes


@pytest.mark.parametrize("spec", [
    item("Spa session voucher ¥600"), item(name_zh="双人温泉住宿券 1200元"), item(name_zh="卡通保温杯 99元"),
    item("Thank-you card, ¥15"), item(name_zh="伦敦双人下午茶券"),
    item("Instant camera", desc_en="Prints credit-card sized photos, $5 a pack."),
])
def test_a_named_service_or_a_plain_thing_with_a_price_is_no_cash_equivalent(spec: dict[str, Any]) -> None:
    assert not read_attributes(spec).cash_equivalent.sure_yes


CATALOG = [
    {"id": "cordial", "name": {"en": "Orchard plum cordial"}, "description": {"en": "Macerated plums, 13% vol."},
     "price": 160, "currency": "CNY", "category": "drinks"},
    {"id": "basket", "name": {"en": "Winter basket"},
     "description": {"en": "Oat crackers, cheddar and a half-bottle of tawny port."}, "price": 300, "currency": "CNY",
     "category": "hamper"},
    {"id": "jerky", "name": {"en": "Bak kwa, 300 g"}, "price": 120, "currency": "CNY", "category": "food"},
    {"id": "credit", "name": {"en": "Online shop e-credit ¥100"}, "price": 100, "currency": "CNY",
     "category": "voucher"},
    {"id": "tea", "name": {"en": "Jasmine tea tin"}, "price": 90, "currency": "CNY", "category": "tea"},
]


def _request() -> Request:
    return Request(occasion="thank-you", budget_max=Decimal("400"), currency="CNY", as_of=TODAY, top=100)


def _chosen(person: Person) -> set[str]:
    items = analyze_catalog(CATALOG)
    ranked = [s.item.id for s in recommend(person, items, _request()).recommendations]
    scored = [s.item.id for s in score_pairs(person, items, _request()).recommendations]
    batch = [p.item_id for p in rank_batch([person], items, _request())[0].picks]
    return set(ranked + scored + batch)


@pytest.mark.parametrize("restriction, never", [
    ("no_alcohol", {"cordial", "basket"}), ("halal", {"cordial", "basket", "jerky"}), ("no_pork", {"jerky"}),
])
def test_each_reading_holds_on_every_ranking_path(restriction: str, never: set[str]) -> None:
    person = Person(id="p", language="en",
                    facts=[FactRecord("restriction", restriction, TODAY, source_text=restriction, origin="confirmed")])
    chosen = _chosen(person)
    assert not chosen & never
    assert "tea" in chosen


def test_a_public_official_gets_no_store_credit_on_any_path() -> None:
    chosen = _chosen(Person(id="p", language="zh", public_official=True))
    assert "credit" not in chosen and "tea" in chosen


@pytest.mark.parametrize("spec", [
    item("Chrysanthemum and goji infusion", desc_en="Caffeine-free, for the evening."),
    item(name_zh="菊花枸杞茶", desc_zh="下午泡水喝。"),
])
def test_a_chrysanthemum_infusion_is_a_tea_not_the_funeral_flower(spec: dict[str, Any]) -> None:
    assert "funeral_flower" not in read_attributes(spec).meanings


@pytest.mark.parametrize("spec", [
    item("White chrysanthemum spray", desc_en="For a memorial service."), item(name_zh="黄菊花篮"),
    item(name_zh="花圈", desc_zh="菊花与茶花扎成。"),
])
def test_chrysanthemum_flowers_and_wreaths_stay_funeral_flowers(spec: dict[str, Any]) -> None:
    assert "funeral_flower" in read_attributes(spec).meanings


def test_no_lard_takes_back_the_meat_a_pastry_was_only_thought_to_hold() -> None:
    raw = [{"id": "veg", "name": {"en": "Lotus paste mooncakes"}, "price": 160, "currency": "CNY",
            "description": {"en": "Shortened with vegetable oil, no lard."}},
           {"id": "both", "name": {"en": "Ham and lotus mooncakes"}, "price": 160, "currency": "CNY",
            "description": {"en": "Cured ham pieces in the filling; no lard in the crust."}},
           {"id": "zh", "name": {"zh": "素月饼"}, "description": {"zh": "植物油起酥，不含猪油。"}, "price": 160,
            "currency": "CNY"}]
    veg, both, zh = analyze_catalog(raw)
    assert "meat" not in veg.contains and "meat" not in zh.contains
    assert "meat" in both.contains
    told = FactRecord("restriction", "vegetarian", TODAY, source_text="vegetarian", origin="confirmed")
    ranked = [s.item.id for s in recommend(Person(id="p", language="en", facts=[told]), [veg, both, zh],
                                           _request()).recommendations]
    assert "both" not in ranked and {"veg", "zh"} <= set(ranked)
