"""Misreadings found by reading a whole book of realistic notes, each pinned in other words than the book's:
business talk is not taste, what others give is saturation, incidental things are not interests, a pet's
illness is not the person's."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.extractor import extract

ON = date(2026, 10, 1)
TASTES = ("interest", "wish", "pet", "family", "need", "event", "lapsed", "dislike", "saturation")


def kinds(text: str) -> set[tuple[str, str]]:
    """(kind, concept) of the facts a note states."""
    return {(f.kind, f.concept) for f in extract(text, ON)}


def concepts_of(text: str, kind: str) -> set[str]:
    return {c for k, c in kinds(text) if k == kind}


class TestBusinessTalkIsNotTaste:
    @pytest.mark.parametrize("text", [
        "和李总谈下半年返点，他希望拿到西南区的独家代理。",
        "周总想要更长的账期，另外问能不能再降价5%。",
        "Lunch with Tom: he wants a bigger rebate and exclusivity for the northern region.",
        "Grace wants the price list updated and net 60 payment terms from January.",
    ])
    def test_a_commercial_demand_is_no_gift_wish(self, text: str) -> None:
        assert not {k for k, _ in kinds(text)} & {"wish", "interest"}

    @pytest.mark.parametrize("text", [
        "拜访客户，确认下月化妆品包材订单两万件。",
        "赵经理反馈上一批茶叶罐有毛刺，要求返工。",
        "Call with Ben: wine-bottle label samples approved, PO next week.",
        "Quarterly review with Ann: forecast down, wants new cosmetics packaging colours by March.",
    ])
    def test_the_products_we_sell_are_not_the_buyers_tastes(self, text: str) -> None:
        assert not {k for k, _ in kinds(text)} & set(TASTES)

    def test_pet_film_is_a_material_not_a_pet(self) -> None:
        assert not concepts_of("确认PET 膜订单五千件，价格再议。", "pet")

    def test_business_talk_keeps_a_position_it_states(self) -> None:
        assert ("status", "soe_staff") in kinds("刘处：国企采购流程严格，供应商的报价一律按流程走。")

    def test_personal_talk_in_the_next_sentence_still_counts(self) -> None:
        assert ("interest", "fishing") in kinds("谈完订单和交期。他说周末都去水库钓鱼。")


class TestWhatOthersGiveIsSaturation:
    @pytest.mark.parametrize(("text", "concept"), [
        ("春节别的供应商送了他好几瓶茅台。", "baijiu"),
        ("端午收了十几盒粽子和茶叶，全分给同事了。", "tea_leaves"),
        ("Another supplier sent her a case of whisky at New Year.", "spirits"),
        ("His desk is full of fruit baskets every spring festival.", "fruit_box"),
        ("她说家里印着公司logo的充电宝有一抽屉。", "gadgets"),
        ("再送茶叶只能转送了。", "tea_leaves"),
    ])
    def test_gifts_received_are_saturation_not_interest(self, text: str, concept: str) -> None:
        found = kinds(text)
        assert ("interest", concept) not in found
        assert ("saturation", concept) in found or ("dislike", concept) in found

    def test_a_festival_name_is_not_a_taste_for_its_food(self) -> None:
        assert not concepts_of("中秋前后他出差去了深圳。", "interest")


class TestIncidentalThingsAreNotInterests:
    @pytest.mark.parametrize("text", [
        "刘姐家的猫叫团团，手机壁纸都是它。",
        "他午饭时间都在手机上看球。",
        "Her phone lock screen is a photo of her dog.",
    ])
    def test_a_phone_in_passing_is_not_an_interest_in_phones(self, text: str) -> None:
        assert ("interest", "phone") not in kinds(text)

    def test_the_pet_is_the_interest(self) -> None:
        assert ("pet", "cat") in kinds("刘姐家的猫叫团团，手机壁纸都是它。")

    def test_a_dropped_phone_is_a_need(self) -> None:
        assert ("need", "phone_repair") in kinds("他的手机掉进水里了，这两天只能打座机。")

    @pytest.mark.parametrize(("text", "wrong"), [
        ("A healthy baby girl arrived on Monday.", "health"),
        ("Orders slow down after the holidays, he said.", "travel"),
        ("周末带女儿去科技馆看恐龙。", "gadgets"),
        ("下个月搬家，在找装修师傅。", "home"),
    ])
    def test_passing_words_are_not_interests(self, text: str, wrong: str) -> None:
        assert ("interest", wrong) not in kinds(text)

    def test_self_driving_trips_are_travel_not_cars(self) -> None:
        assert concepts_of("他喜欢自驾游，去年开到了西藏。", "interest") >= {"travel"}
        assert ("interest", "cars") not in kinds("他喜欢自驾游，去年开到了西藏。")


class TestWhoTheSentenceIsAbout:
    @pytest.mark.parametrize("text", [
        "他家的狗最近病了，天天往宠物医院跑。",
        "团团（她家的猫）生病住院了。",
        "His dog is sick and at the vet this week.",
    ])
    def test_a_pets_illness_is_not_the_persons(self, text: str) -> None:
        found = kinds(text)
        assert not {c for k, c in found if k in ("event", "need")}
        assert any(k == "pet" for k, _ in found)

    def test_the_persons_own_illness_still_counts(self) -> None:
        assert ("event", "illness") in kinds("王总自己生病住院了，家里的狗托给邻居。")

    def test_a_reason_is_not_a_negated_family(self) -> None:
        found = kinds("She stopped playing tennis, no time with two small kids.")
        assert ("lapsed", "kids") not in found

    def test_becoming_parents_is_a_baby_not_parents(self) -> None:
        found = kinds("小陈当爸妈了，朋友圈晒了宝宝。")
        assert ("event", "baby") in found and ("family", "parents") not in found

    def test_a_second_child_arriving_is_a_baby(self) -> None:
        assert ("event", "baby") in kinds("Great news: Lucy's second child arrived on Sunday.")


class TestDoubleNegationAndSkipping:
    def test_cannot_do_without_coffee_is_a_habit(self) -> None:
        found = kinds("她说一天不喝咖啡就没精神。")
        assert ("interest", "coffee") in found and ("lapsed", "coffee") not in found

    @pytest.mark.parametrize("text", ["甜点他都跳过。", "She gave away the chocolates we sent.",
                                      "He is diabetic and careful with sweets."])
    def test_avoiding_sweets_never_reads_as_liking_them(self, text: str) -> None:
        assert not {c for k, c in kinds(text) if k == "interest"} & {"sweets", "chocolate"}

    def test_threw_the_ashtrays_away_is_not_an_interest_in_them(self) -> None:
        assert ("interest", "smoking_accessory") not in kinds("戒烟以后，他把家里的烟灰缸都扔了。")

    def test_pollen_allergy_means_no_flowers(self) -> None:
        found = kinds("她花粉过敏，别送鲜花。")
        assert ("interest", "flowers") not in found and ("dislike", "flowers") in found

    def test_missing_out_on_tickets_is_a_wish(self) -> None:
        assert ("wish", "concerts") in kinds("他想看五月天演唱会，可惜没抢到票。")


class TestWhatIsOver:
    def test_equipment_given_away_after_quitting_is_not_saturation(self) -> None:
        found = kinds("他膝盖伤了以后不打网球了，球拍都送人了。")
        assert ("lapsed", "tennis") in found and ("saturation", "tennis") not in found

    def test_an_item_made_for_pregnancy_does_not_serve_anyone_with_back_pain(self) -> None:
        from giftwise.understanding.items import analyze_item

        pillow = analyze_item({"id": "p", "name": {"en": "Maternity pillow", "zh": "孕妇护腰枕"},
                               "description": {"en": "Supports the back in late pregnancy."}, "price": 299})
        assert "pregnancy" in pillow.serves and "back_support" not in pillow.serves
