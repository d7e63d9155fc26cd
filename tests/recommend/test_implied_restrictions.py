"""Restrictions a note implies without naming them, told in our own words on a small catalog of our own: a pregnancy
told colloquially or in a neighbouring language (no blood-moving herbs, no alcohol), a stay in rehab, a care gift for a
wife's pregnancy, a flower that makes someone sneeze, an eye operation, and a voucher bound to China for someone
abroad."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item, ranked_for_notes

AS_OF = date(2026, 9, 15)

CATALOG = [
    catalog_item("safflower-soak", "Safflower and ginger foot bath herbs", "红花生姜泡脚包", 98, "wellness"),
    catalog_item("kernel-tea", "Peach kernel and hawthorn tea", "桃仁山楂茶", 88, "tea"),
    catalog_item("pepper-set", "Red and green Sichuan peppercorns", "红花椒青花椒组合", 68, "pantry"),
    catalog_item("brandy-truffles", "Truffle box", "松露巧克力", 220, "sweets",
                 "Dark truffles, each with a splash of brandy."),
    catalog_item("tumblers", "Crystal whisky tumblers, set of two", "水晶威士忌杯两只", 320, "home"),
    catalog_item("body-pillow", "U-shaped body pillow for side sleepers", "U型侧睡抱枕", 260, "home"),
    catalog_item("tea-tin", "Oolong tea tin", "乌龙茶罐装", 260, "tea"),
    catalog_item("running-socks", "Merino running socks, three pairs", "美利奴跑步袜三双", 150, "sport"),
    catalog_item("lily-vase", "Oriental lily arrangement in a glass vase", "香水百合瓶插", 280, "florist"),
    catalog_item("sunflowers", "Sunflower bouquet", "向日葵花束", 180, "florist"),
    catalog_item("eye-spa", "Eye massager with warm compress", "眼部热敷按摩仪", 399, "wellness",
                 "Air-pressure kneading around the eyes."),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _ranked(items: list[ItemProfile], notes: list[str], occasion: str = "care", **profile: Any) -> list[str]:
    return ranked_for_notes(items, notes, occasion, as_of=AS_OF, noted_on="2026-09-01",
                            **{"language": "en", "name": "Ana Lim", **profile})


class TestAPregnancyToldInEverydayWords:
    @pytest.mark.parametrize("note", [
        "Ana - 6 mos preggy with #2, glowing",
        "Ana told us she's 20 wks along",
        "Ana lagi hamil, ngidam mangga terus",
        "Ana starts cuti melahirkan in December",
        "Ana skips coffee these days and takes prenatal vitamins",
        "Ana có bầu rồi, sinh tháng Ba",
        "Ana expecting #2 in March",
        "Ana and Leo are keeping it quiet until the 12-week scan",
    ])
    def test_no_blood_moving_herbs_and_no_hidden_alcohol(self, items: list[ItemProfile], note: str) -> None:
        ranked = _ranked(items, [note])
        assert not {"safflower-soak", "kernel-tea", "brandy-truffles", "tumblers"} & set(ranked)
        assert "body-pillow" in ranked

    def test_a_chinese_note_keeps_safflower_out_too(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["陈姐怀孕六个月，最近脚肿"], language="zh", name="陈姐")
        assert "safflower-soak" not in ranked and "kernel-tea" not in ranked

    def test_folic_acid_tells_it_in_chinese(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["陈姐戒了咖啡，每天补叶酸"], language="zh", name="陈姐")
        assert "safflower-soak" not in ranked and "brandy-truffles" not in ranked

    def test_a_husband_passing_on_the_news_tells_her_pregnancy(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["陈姐先生悄悄说 两个月了 先别告诉别人"], language="zh", name="陈姐")
        assert not {"safflower-soak", "brandy-truffles", "tumblers"} & set(ranked)

    def test_expecting_a_delivery_is_no_pregnancy(self, items: list[ItemProfile]) -> None:
        assert "safflower-soak" in _ranked(items, ["Ana expecting the samples on Friday"])

    def test_sichuan_peppercorns_are_no_safflower(self, items: list[ItemProfile]) -> None:
        assert "pepper-set" in _ranked(items, ["Ana is 6 months pregnant and loves spicy food"])

    def test_months_away_is_no_pregnancy(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Ana was 3 months gone on a project in Dubai"], name="Ben Lim")
        assert "safflower-soak" in ranked

class TestAStayInRehab:
    @pytest.mark.parametrize("note", [
        "Ben spent six weeks in a detox clinic over the summer, feels great now",
        "Ben went to rehab in spring; off the booze since",
        "老陈上半年住进了戒酒中心，现在气色很好",
    ])
    def test_nothing_with_alcohol_even_in_sweets_or_glasses(self, items: list[ItemProfile], note: str) -> None:
        ranked = _ranked(items, [note], "thank-you", name="Ben Chan")
        assert "brandy-truffles" not in ranked and "tumblers" not in ranked

    @pytest.mark.parametrize("note", [
        "Ben goes to rehab for his shoulder twice a week",
        "Ben finished a cardiac rehab programme, walking daily",
    ])
    def test_rehab_for_the_body_leaves_drink_alone(self, items: list[ItemProfile], note: str) -> None:
        ranked = _ranked(items, [note], "thank-you", name="Ben Chan")
        assert "tumblers" in ranked


class TestACareGiftForAWifesPregnancy:
    @pytest.mark.parametrize(("note", "language"), [
        ("Ben's wife is expecting their second in March, she is tired all day", "en"),
        ("陈总爱人怀孕四个多月了，最近睡不好", "zh"),
    ])
    def test_is_hers_so_nothing_with_alcohol(self, items: list[ItemProfile], note: str, language: str) -> None:
        ranked = _ranked(items, [note], "care", language=language, name="Ben Chan")
        assert "brandy-truffles" not in ranked and "tumblers" not in ranked
        assert "body-pillow" in ranked

    def test_the_batch_ranking_agrees(self, items: list[ItemProfile]) -> None:
        profile = {"id": "p", "name": "Ben Chan", "language": "en", "relationship": "client",
                   "notes": [{"date": "2026-09-01", "text": "Ben's wife is expecting their second in March"}]}
        request = Request("care", Decimal(1000), "CNY", AS_OF, top=100)
        picks = rank_batch([person_from_profile(profile, AS_OF)], items, request)[0].picks
        assert not {"brandy-truffles", "tumblers"} & {p.item_id for p in picks}

    def test_a_thank_you_to_him_may_still_be_his_glasses(self, items: list[ItemProfile]) -> None:
        ranked = _ranked(items, ["Ben's wife is expecting their second in March"], "thank-you", name="Ben Chan")
        assert "tumblers" in ranked


class TestAFlowerThatMakesThemSneeze:
    @pytest.mark.parametrize(("note", "language"), [
        ("Ana: lilies make her sneeze, keep them away", "en"),
        ("Ana gets hay fever from lilies every spring", "en"),
        ("安娜说百合一闻就打喷嚏", "zh"),
    ])
    def test_rules_out_what_holds_that_flower(self, items: list[ItemProfile], note: str, language: str) -> None:
        ranked = _ranked(items, [note], "congratulations", language=language)
        assert "lily-vase" not in ranked
        assert "sunflowers" in ranked


class TestAnEyeOperation:
    @pytest.mark.parametrize(("note", "language"), [
        ("Ana had laser eye surgery on Monday, back at work soon", "en"),
        ("Ana's father had his cataract op last week", "en"),
        ("安娜上周做了近视激光，医生说别揉眼", "zh"),
    ])
    def test_keeps_eye_massagers_away(self, items: list[ItemProfile], note: str, language: str) -> None:
        ranked = _ranked(items, [note], "care", language=language)
        assert "eye-spa" not in ranked
        assert "body-pillow" in ranked

    def test_a_massager_for_tired_eyes_is_fine_months_later(self, items: list[ItemProfile]) -> None:
        ranked = ranked_for_notes(items, ["Ana had LASIK done", "Ana says her eyes are tired from screens all day"],
                                  "care", as_of=AS_OF, noted_on="2026-02-01", name="Ana Lim")
        assert "eye-spa" in ranked


class TestAVoucherBoundToChinaForSomeoneAbroad:
    @pytest.fixture(scope="class")
    def place_items(self) -> list[ItemProfile]:
        return analyze_catalog([
            catalog_item("zoo-pass", "Family day pass, Guangzhou safari park", "广州野生动物园家庭票", 480, "fun"),
            catalog_item("cooking-class", "Dumpling class for two", "饺子课双人", 360, "experience",
                         "Two hours with a chef in Jing'an, Shanghai."),
            catalog_item("train-set", "Wooden train set", "木质小火车套装", 260, "toys"),
        ])

    @pytest.mark.parametrize(("notes", "language"), [
        (["Carla (Madrid office) - two kids, 6 and 9"], "en"),
        (["Carla's kids are 6 and 9", "Carla says no plans to visit China this year"], "en"),
        (["卡拉两个孩子，6岁和9岁", "卡拉说今年不来中国了"], "zh"),
    ])
    def test_is_left_out(self, place_items: list[ItemProfile], notes: list[str], language: str) -> None:
        ranked = ranked_for_notes(place_items, notes, "festival", as_of=AS_OF, noted_on="2026-09-01",
                                  language=language, name="Carla Ruiz")
        assert "zoo-pass" not in ranked and "cooking-class" not in ranked
        assert "train-set" in ranked

    def test_a_planned_visit_makes_it_useful_again(self, place_items: list[ItemProfile]) -> None:
        notes = ["Carla (Madrid office) loves cooking", "Carla is coming to Shanghai in October for the fair"]
        ranked = ranked_for_notes(place_items, notes, "thank-you", as_of=AS_OF, noted_on="2026-09-01",
                                  name="Carla Ruiz")
        assert "cooking-class" in ranked

    def test_someone_at_home_in_china_keeps_it(self, place_items: list[ItemProfile]) -> None:
        ranked = ranked_for_notes(place_items, ["Carla's kids are 6 and 9, they love animals"], "festival",
                                  as_of=AS_OF, noted_on="2026-09-01", name="Carla Ruiz")
        assert "zoo-pass" in ranked
