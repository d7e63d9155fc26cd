"""Catalog items are understood from their words in either language, however a customer words them."""

from __future__ import annotations

from typing import Any

import pytest

from giftwise.understanding.items import analyze_item


def item(name_en: str = "", name_zh: str = "", desc_en: str = "", desc_zh: str = "", category: str = "",
         tags: list[str] | None = None, price: Any = 100, currency: str = "CNY") -> dict[str, Any]:
    return {"id": "x", "name": {"en": name_en, "zh": name_zh}, "description": {"en": desc_en, "zh": desc_zh},
            "price": price, "currency": currency, "category": category, "tags": tags or []}


class TestContents:
    @pytest.mark.parametrize("spec", [
        item("Baijiu, 53% vol"), item("Cabernet Sauvignon 2018"), item(name_zh="法国葡萄酒"), item("Premium liquor"),
        item("Single malt Scotch"), item(name_zh="精酿啤酒"), item("Champagne brut"), item(name_zh="酒心巧克力"),
        item("Gift box", category="Wine & Spirits"),
    ])
    def test_alcohol_in_any_wording(self, spec: dict[str, Any]) -> None:
        assert "alcohol" in analyze_item(spec).contains

    @pytest.mark.parametrize("spec, content", [
        (item("Peanut brittle"), "peanuts"), (item(name_zh="金华火腿"), "pork"), (item("Iberico ham"), "pork"),
        (item("Hazelnut pralines"), "nuts"), (item(name_zh="每日坚果"), "nuts"), (item("Dried scallops"), "seafood"),
        (item(name_zh="海参礼盒"), "seafood"), (item("Milk chocolate"), "dairy"), (item("Beef jerky"), "beef"),
        (item("Cuban cigars"), "tobacco"), (item(name_zh="中华烟一条"), "tobacco"), (item("Honey jar"), "sugar"),
        (item(name_zh="鲜肉粽子"), "pork"),
    ])
    def test_contents(self, spec: dict[str, Any], content: str) -> None:
        assert content in analyze_item(spec).contains

    def test_pork_is_meat(self) -> None:
        assert "meat" in analyze_item(item("Smoked ham")).contains

    def test_sugar_free_says_it_does_not_contain_sugar(self) -> None:
        profile = analyze_item(item("Sugar-free mint lozenges"))
        assert "sugar" not in profile.contains
        assert "sugar_free" in profile.suits

    def test_chinese_negation_covers_a_list(self) -> None:
        profile = analyze_item(item(name_zh="黑巧克力", desc_zh="不含乳制品和坚果的70%黑巧克力。"))
        assert not {"dairy", "nuts"} & set(profile.contains)
        assert {"dairy", "nuts"} <= profile.free_of

    def test_hotel_style_is_not_alcohol(self) -> None:
        assert "alcohol" not in analyze_item(item(name_zh="酒店同款白噪音唤醒闹钟")).contains


class TestAccessories:
    def test_wine_glasses_serve_wine_without_containing_it(self) -> None:
        profile = analyze_item(item("Crystal wine glasses, set of two", tags=["wine"]))
        assert "alcohol" not in profile.contains
        assert "alcohol" in profile.accessory_of
        assert profile.commonplace == 0

    def test_a_lighter_is_a_smoking_accessory(self) -> None:
        assert "tobacco" in analyze_item(item(name_zh="防风打火机", category="smoking accessory")).accessory_of

    def test_a_teapot_is_not_commonplace_tea(self) -> None:
        profile = analyze_item(item("Yixing teapot for your pu'er"))
        assert profile.commonplace == 0
        assert "tea_ware" in profile.serves


class TestKinds:
    @pytest.mark.parametrize("spec", [
        item("Gift voucher, 500 yuan"), item("Prepaid card"), item(name_zh="礼品卡"), item(name_zh="储值卡1000元"),
        item("Department store gift card"), item(name_zh="商场购物卡"), item("E-gift card, redeemable at any store"),
        item(name_zh="加油卡"),
    ])
    def test_cash_equivalents(self, spec: dict[str, Any]) -> None:
        assert analyze_item(spec).has("cash_equivalent")

    def test_a_service_voucher_is_not_a_cash_equivalent(self) -> None:
        profile = analyze_item(item("Phone screen replacement voucher", category="service"))
        assert not profile.has("cash_equivalent") and not profile.has("cash")
        assert "phone_repair" in profile.serves

    def test_cash(self) -> None:
        assert analyze_item(item(name_zh="现金红包")).has("cash")

    @pytest.mark.parametrize("spec, trait", [
        (item("Pears from our family orchard, with a story card"), "story"),
        (item(name_zh="送礼人家乡特产"), "story"), (item("Handmade ceramic bowl"), "story"),
        (item("Private tea ceremony", category="experience"), "experience"),
        (item("Umbrella with our logo"), "branded"), (item("Samples of our new product line"), "own_sample"),
        (item("Handwritten personal card"), "handwritten_card"), (item("Printed card sent to every customer"),
                                                                 "standard_issue"),
        (item("Colour-changing tea pet", tags=["novelty"]), "novelty"),
        (item("Halal-certified snack box"), "halal_certified"),
        (item("Exclusive one-to-one consulting"), "own_service"),
    ])
    def test_traits(self, spec: dict[str, Any], trait: str) -> None:
        assert analyze_item(spec).has(trait)

    def test_mooncakes_are_commonplace_festival_food(self) -> None:
        profile = analyze_item(item("Mid-Autumn mooncake box"))
        assert profile.commonplace == 1.0 and profile.festival == "mid_autumn"

    def test_what_an_item_serves_comes_from_every_field(self) -> None:
        profile = analyze_item(item("Cushion", desc_en="Memory-foam back support for long hours at the desk.",
                                    category="health", tags=["护腰"]))
        assert profile.serves["back_support"] >= 0.8

    def test_a_price_that_is_not_a_number_is_kept_as_nan(self) -> None:
        assert analyze_item(item("Thing", price="call us")).price.is_nan()


class TestBrands:
    @pytest.mark.parametrize("spec, content", [
        (item("Johnnie Walker Blue Label"), "alcohol"), (item("Bottle of Veuve Clicquot"), "alcohol"),
        (item(name_zh="洋河梦之蓝"), "alcohol"), (item(name_zh="劲酒"), "alcohol"),
        (item("Ferrero Rocher, 48"), "nuts"),
        (item(name_zh="士力架"), "peanuts"), (item(name_zh="黄鹤楼香烟"), "tobacco"),
    ])
    def test_brand_names(self, spec: dict[str, Any], content: str) -> None:
        assert content in analyze_item(spec).contains

    @pytest.mark.parametrize("spec", [item(name_zh="京东E卡500元"), item("Starbucks gift card"),
                                      item(name_zh="大闸蟹提货券")])
    def test_store_cards_and_pickup_coupons_are_cash_equivalents(self, spec: dict[str, Any]) -> None:
        assert analyze_item(spec).has("cash_equivalent")

    def test_tonics_are_commonplace(self) -> None:
        assert analyze_item(item(name_zh="燕窝礼盒")).commonplace >= 0.8


class TestLooseFields:
    def test_tags_written_as_one_string(self) -> None:
        profile = analyze_item({"id": "x", "name": {"en": "Gift"}, "price": 1, "tags": "茶叶, 礼盒"})
        assert "tea_leaves" in profile.serves and profile.has("gift_box")

    @pytest.mark.parametrize("price, value", [("¥1,200", "1200"), ("300元", "300"), (" 99.5 ", "99.5"), (80, "80")])
    def test_prices_as_people_write_them(self, price: Any, value: str) -> None:
        assert str(analyze_item(item("Thing", price=price)).price) == value


def test_an_item_that_warns_babies_off_is_not_a_baby_gift() -> None:
    warned = analyze_item({"id": "h", "name": {"en": "Acacia honey", "zh": "槐花蜂蜜"},
                           "description": {"en": "Never give to infants under 12 months.", "zh": "一岁以下婴儿禁食。"},
                           "price": 90, "currency": "CNY", "category": "food", "tags": []})
    made_for = analyze_item({"id": "r", "name": {"en": "Baby rattle", "zh": "婴儿摇铃"}, "description": {"en": "Soft."},
                             "price": 90, "currency": "CNY", "category": "toys", "tags": []})
    assert "baby" not in warned.serves and warned.age_range is None
    assert "baby" in made_for.serves


@pytest.mark.parametrize("spec", [
    item("Sofa cushion covers, pair", desc_en="Linen, embroidered with swallows in flight."),
    item(name_zh="刺绣抱枕套两只", desc_zh="亚麻面料，燕子图案。"),
])
def test_a_cushion_cover_is_home_decor_not_bedding_or_travel_gear(spec: dict[str, Any]) -> None:
    # A sofa cushion answers no one's insomnia, and birds "in flight" are no flight.
    profile = analyze_item(spec)
    assert "home" in profile.serves and not {"sleep", "travel_gear"} & set(profile.serves)


def test_a_pillowcase_is_still_a_sleep_item() -> None:
    assert "sleep" in analyze_item(item(name_zh="真丝枕套一对", desc_en="Mulberry silk pillowcase.")).serves
