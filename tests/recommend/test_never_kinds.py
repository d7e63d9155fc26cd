"""Kinds of failure that put a forbidden thing into a ranking (issue 11, "never"), each told in our own words on a
small catalog of our own: the recipient's culture told by a place, a relative's hospital stay, a client who minds
omens, a Christian, illness, a lost pregnancy, a divorce, a relative's allergy, a leave that tells a pregnancy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item, ranked_for_notes

AS_OF = date(2026, 11, 20)

CATALOG = [
    catalog_item("wall-clock", "Walnut wall clock", "胡桃木挂钟", 300, "home decor"),
    catalog_item("pears", "Snow pears, gift box of eight", "雪梨礼盒八只", 120, "fruit"),
    catalog_item("apples", "Apple gift box", "苹果礼盒", 150, "fruit"),
    catalog_item("tea-tin", "Oolong tea tin", "乌龙茶罐装", 260, "tea"),
    catalog_item("notebook", "Leather notebook", "皮面笔记本", 160, "stationery"),
    catalog_item("umbrella", "Folding umbrella printed with our logo", "印logo折叠伞", 60, "promotional"),
    catalog_item("beads", "Sandalwood Buddhist prayer beads", "檀木佛珠手串", 480, "collectibles"),
    catalog_item("wealth-god", "Bronze god of wealth figure, consecrated", "铜财神摆件 已开光", 680, "decor"),
    catalog_item("crucifix", "Olive-wood crucifix from Bethlehem", "伯利恒橄榄木十字架", 320, "decor"),
    catalog_item("stout", "Craft stout, six bottles", "精酿世涛六瓶装", 180, "drinks"),
    catalog_item("bottle-warmer", "Baby bottle warmer", "婴儿暖奶器", 220, "mother and baby"),
    catalog_item("nursing-pillow", "Maternity nursing pillow", "孕妇哺乳枕", 260, "mother and baby"),
    catalog_item("his-hers-mugs", "His and hers mug pair", "情侣马克杯一对", 120, "home"),
    catalog_item("throw", "Wool throw blanket", "羊毛盖毯", 420, "home"),
    catalog_item("prawn-box", "Dried king prawns gift box", "大虾干礼盒", 380, "food"),
    catalog_item("saffron", "Iranian saffron strands, 1 g", "伊朗西红花 1克", 260, "wellness",
                 "Steep a few strands; traditionally said to move the blood."),
    catalog_item("foot-soak", "Mugwort foot-soak sachets, 20 packs", "艾叶足浴包 温经活血 20包", 90, "wellness"),
    catalog_item("kernel-cakes", "Five-kernel mooncakes, box of six", "五仁月饼六只装", 160, "festive food"),
    catalog_item("sage-oils", "Clary sage and lavender oil duo", "快乐鼠尾草与薰衣草精油两支装", 240, "wellness"),
    catalog_item("onsen-pass", "Hakone hot spring day pass", "箱根温泉一日券", 560, "experience"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _ranked(items: list[ItemProfile], notes: list[str], occasion: str, **profile: Any) -> list[str]:
    return ranked_for_notes(items, notes, occasion, as_of=AS_OF, noted_on="2026-11-10",
                            **{"language": "en", "name": "Peter Ho", **profile})


class TestCultureToldByPlace:
    @pytest.mark.parametrize("role", ["Sourcing lead, Kowloon branch", "Buyer (Taipei)", "采购经理（香港公司）"])
    def test_a_role_in_hong_kong_or_taiwan_keeps_the_clock_out_of_a_congratulation(
            self, items: list[ItemProfile], role: str) -> None:
        ranked = _ranked(items, ["Peter just moved into a bigger flat."], "congratulations", role=role)
        assert "wall-clock" not in ranked

    def test_a_daily_dim_sum_breakfast_tells_chinese_custom(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Peter and his wife go for yum cha every Sunday.", "His 50th birthday is soon."],
                         "congratulations")
        assert "wall-clock" not in ranked

    def test_a_chinese_custom_named_in_an_english_note_tells_it_too(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Peter and his wife collect their keys next week; 入伙 dinner with both families."],
                         "congratulations", name="Peter Tan")
        assert "wall-clock" not in ranked

    def test_a_place_before_a_product_says_nothing_of_the_person(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Peter loves Hong Kong-style milk tea.", "His 50th birthday is soon."],
                         "congratulations", name="Peter Miller")
        assert "wall-clock" in ranked


class TestTheHouseholdsNews:
    def test_a_fathers_stroke_makes_clock_and_pears_wrong_for_a_care_gift_to_the_son(
            self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Peter's father suffered a stroke on Monday and is on the neurology ward."],
                         "care", role="Account director, Macau")
        assert "wall-clock" not in ranked and "pears" not in ranked
        assert "apples" in ranked

    def test_a_mothers_heart_stent_counts_in_chinese_too(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["何经理的母亲前天放了心脏支架，还在医院观察"], "care", language="zh", name="何经理")
        assert "wall-clock" not in ranked and "pears" not in ranked


class TestAClientWhoMindsOmens:
    @pytest.mark.parametrize("note", ["刘董对这些说法很忌讳，上回有人送钟他当场脸色就变了",
                                      "刘董做生意图个吉利，送东西要挑寓意好的"])
    def test_every_homophone_taboo_is_out_even_for_a_thank_you(self, items: list[ItemProfile], note: str) -> None:
        ranked = _ranked(items, [note], "thank-you", language="zh", name="刘董")
        assert not {"wall-clock", "pears", "umbrella"} & set(ranked)
        assert "apples" in ranked

    def test_an_english_note_about_feng_shui_counts_too(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Mr. Lau is big on feng shui, his office layout was set by a master."],
                         "thank-you", name="Mr. Lau")
        assert not {"wall-clock", "pears", "umbrella"} & set(ranked)

    def test_one_who_says_he_is_not_superstitious_keeps_the_usual_rule(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["刘董说自己不迷信，最烦那些讲究"], "thank-you", language="zh", name="刘董")
        assert "umbrella" in ranked


class TestAChristian:
    @pytest.mark.parametrize(("note", "language"), [
        ("Mrs. Ho sings in the choir and goes to church every week; she is a devout Christian.", "en"),
        ("何太太是天主教徒，每个星期天都去望弥撒", "zh"),
    ])
    def test_gets_no_idols_or_buddhist_beads(self, items: list[ItemProfile], note: str, language: str) -> None:
        ranked = _ranked(items, [note], "thank-you", language=language, name="何太太")
        assert not {"beads", "wealth-god"} & set(ranked)
        assert "crucifix" in ranked

    def test_a_man_called_christian_is_no_churchgoer_for_that(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Christian collects antiques and likes bronze pieces."], "thank-you",
                         name="Christian Ho")
        assert "wealth-god" in ranked


class TestIllnessKeepsDrinkOut:
    @pytest.mark.parametrize(("note", "language"), [
        ("Peter is on a course of antibiotics after his appendix operation.", "en"),
        ("何经理刚做完胆囊手术，在家休养", "zh"),
        ("Peter's scan found a small tumour; the oncology team starts next week.", "en"),
        ("何经理查出早期肺癌，下周住院", "zh"),
    ])
    def test_no_beer_while_the_illness_is_news(self, items: list[ItemProfile], note: str, language: str) -> None:
        assert "stout" not in _ranked(items, [note], "care", language=language, name="何经理")

    def test_beer_is_back_once_the_illness_is_old_news(self, items: list[ItemProfile]) -> None:
        data = {"id": "p", "name": "Peter Ho", "language": "en", "relationship": "client",
                "notes": [{"date": "2025-06-01", "text": "Peter is on antibiotics for a chest infection."},
                          {"date": "2026-11-01", "text": "Peter brews his own stout and loves craft beer."}]}
        person = person_from_profile(data, AS_OF)
        ranked = recommend(person, items, Request("thank-you", Decimal(1000), "CNY", AS_OF, top=100))
        assert "stout" in [r.item.id for r in ranked.recommendations]


class TestALostPregnancy:
    @pytest.mark.parametrize(("notes", "language"), [
        (["Sara is expecting in spring.", "Sara lost the baby at fourteen weeks, she is taking time off."], "en"),
        (["小周怀孕三个月了", "小周前几天小产了，在家静养"], "zh"),
    ])
    def test_baby_and_maternity_things_are_out(self, items: list[ItemProfile], notes: list[str], language: str) -> None:
        data = {"id": "p", "name": "Sara", "language": language, "relationship": "client",
                "notes": [{"date": "2026-08-01", "text": notes[0]}, {"date": "2026-11-15", "text": notes[1]}]}
        person = person_from_profile(data, AS_OF)
        ranked = [r.item.id for r in recommend(person, items, Request("empathy", Decimal(1000), "CNY", AS_OF,
                                                                       top=100)).recommendations]
        assert not {"bottle-warmer", "nursing-pillow"} & set(ranked)
        assert "throw" in ranked


class TestADivorce:
    @pytest.mark.parametrize(("note", "language"), [
        ("Peter and his wife have separated; he moved into a flat on his own.", "en"),
        ("何经理上个月离婚了，一个人住", "zh"),
        # A clause that ends "the kitchen has nothing" negates nothing said before it.
        ("何经理说跟太太离了 自己租了套房 锅碗瓢盆啥都没有", "zh"),
    ])
    def test_no_couple_things(self, items: list[ItemProfile], note: str, language: str) -> None:
        ranked = _ranked(items, [note], "care", language=language, name="何经理")
        assert "his-hers-mugs" not in ranked
        assert "throw" in ranked


class TestAHouseholdAllergy:
    def test_a_sons_nut_allergy_rules_out_five_kernel_mooncakes_for_the_family(
            self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["何经理的儿子对坚果严重过敏，吃一点就要送医院"], "festival", language="zh",
                         name="何经理")
        assert "kernel-cakes" not in ranked
        assert "apples" in ranked

    def test_a_reaction_and_an_epipen_tell_an_allergy_that_binds_shared_food_only(
            self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Peter's wife had a reaction to prawns at our dinner; she carries an EpiPen now."],
                         "festival")
        assert "prawn-box" not in ranked
        assert {"throw", "tea-tin"} <= set(ranked)


class TestALeaveThatTellsAPregnancy:
    @pytest.mark.parametrize(("note", "language"), [
        ("Jenny starts her maternity leave in January, hand-over to Tom.", "en"),
        ("林经理下个月休产假，工作交给小陈", "zh"),
    ])
    def test_no_liquor_for_someone_going_on_maternity_leave(
            self, items: list[ItemProfile], note: str, language: str) -> None:
        ranked = _ranked(items, [note], "care", language=language, name="Jenny Lin")
        assert "stout" not in ranked
        assert not {"saffron", "foot-soak"} & set(ranked)  # blood-moving herbs are contraindicated in pregnancy

    def test_the_herb_is_fine_for_someone_not_expecting(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Jenny is back from annual leave in January."], "care", name="Jenny Lin")
        assert {"saffron", "foot-soak"} <= set(ranked)


class TestAPregnancyToldColloquially:
    @pytest.mark.parametrize("note", ["何太太有了，快两个月，这阵子吐得很凶", "他媳妇有了!两个多月了"])
    def test_no_clary_sage_or_hot_spring_when_the_wife_is_expecting(self, items: list[ItemProfile], note: str) -> None:
        ranked = _ranked(items, [note], "care", language="zh", name="何伟")
        assert not {"sage-oils", "onsen-pass", "saffron"} & set(ranked)

    def test_oils_and_springs_are_fine_when_nobody_is_expecting(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["何经理项目有了两个月的进展，最近睡不好"], "care", language="zh", name="何伟")
        assert {"sage-oils", "onsen-pass"} <= set(ranked)


class TestAPartTimeVegetarian:
    @pytest.mark.parametrize(("note", "language"), [
        ("Peter keeps a meat-free day on the lunar 1st and 15th; otherwise he eats anything.", "en"),
        ("何经理初一十五吃素，平时什么都吃", "zh"),
    ])
    def test_is_a_caution_not_a_vegetarian_exclusion(self, items: list[ItemProfile], note: str, language: str) -> None:
        assert "prawn-box" in _ranked(items, [note], "festival", language=language, name="何经理")

    def test_a_full_vegetarian_still_gets_no_seafood(self, items: list[ItemProfile]) -> None:
        assert "prawn-box" not in _ranked(items, ["何经理常年吃素"], "festival", language="zh", name="何经理")


def test_a_later_note_of_recovery_ends_the_illness_and_the_liquor_rule_with_it(items: list[ItemProfile]) -> None:
    data = {"id": "p", "name": "Peter Ho", "language": "en", "relationship": "client",
            "notes": [{"date": "2026-11-02", "text": "Peter had hernia surgery on Monday."},
                      {"date": "2026-11-16", "text": "Peter has fully recovered from the surgery, back at his desk."}]}
    person = person_from_profile(data, AS_OF)
    ranked = recommend(person, items, Request("thank-you", Decimal(1000), "CNY", AS_OF, top=100))
    assert "stout" in [r.item.id for r in ranked.recommendations]


def test_a_trip_to_taipei_does_not_make_the_traveller_chinese(items: list[ItemProfile]) -> None:
    ranked = _ranked(items, ["Peter flew to Taipei for the trade fair.", "Peter moved into a new house."],
                     "congratulations", name="Peter Miller")
    assert "wall-clock" in ranked
