"""Etiquette as data: a clock, pears, white chrysanthemums, a green hat or a set of four are judged by the
recipient's culture, the occasion and their life events, the same way one at a time and in the batch."""

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
from giftwise.recommend.taboos import cultures_of, is_elder, rules
from giftwise.understanding.attributes import knowledge
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 11, 20)
CATALOG = [
    {"id": "clock", "name": {"zh": "实木座钟", "en": "Walnut desk clock"}, "price": 380, "currency": "CNY"},
    {"id": "pears", "name": {"zh": "砀山酥梨礼盒"}, "price": 128, "currency": "CNY"},
    {"id": "mums", "name": {"en": "White chrysanthemum bouquet"}, "price": 199, "currency": "CNY"},
    {"id": "hat", "name": {"en": "Wool fedora"}, "description": {"en": "Hand-blocked, in forest green."},
     "price": 420, "currency": "CNY"},
    {"id": "cups4", "name": {"en": "Celadon teacups, set of 4"}, "price": 260, "currency": "CNY"},
    {"id": "scarf", "name": {"en": "Cashmere scarf", "zh": "羊绒围巾"}, "price": 450, "currency": "CNY"},
    {"id": "tea", "name": {"zh": "明前龙井"}, "price": 300, "currency": "CNY"},
]


def _rank(notes: list[str], *, language: str = "zh", name: str = "", occasion: str = "thank-you") -> list[str]:
    profile = {"id": "p", "name": name, "language": language,
               "notes": [{"date": "2026-11-01", "text": text} for text in notes]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion=occasion, budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)
    return [s.item.id for s in recommend(person, analyze_catalog(CATALOG), request).recommendations]


def test_a_clock_never_goes_to_a_chinese_elder_but_may_go_to_an_american_who_wants_one() -> None:
    assert "clock" not in _rank(["他父亲下个月八十大寿。"])
    assert "clock" not in _rank(["Her mother turns 80 next month."], language="en", name="王芳")
    assert "clock" in _rank(["She is American and collects desk clocks."], language="en", name="Jane")


def test_white_chrysanthemums_only_for_a_bereavement() -> None:
    assert "mums" not in _rank(["他升职了。"], occasion="congratulations")
    assert "mums" in _rank(["他父亲上周去世了。"], occasion="empathy")


def test_pears_are_not_for_a_hospital_visit() -> None:
    assert "pears" not in _rank(["他住院了，下周做手术。"], occasion="empathy")


def test_a_green_hat_is_an_insult_to_a_chinese_man_only() -> None:
    assert "hat" not in _rank(["He loves hats; his wife says he has thirty."], language="en", name="李强")
    assert "hat" in _rank(["He is a Texan who loves hats; his wife says he has thirty."], language="en",
                          name="Bob Miller")


def test_a_set_of_four_is_not_for_a_japanese_recipient() -> None:
    assert "cups4" not in _rank(["He is Japanese and loves tea ceremony."], language="en", name="Kenji Sato")
    assert "cups4" in _rank(["He is British and loves tea."], language="en", name="Tom Hardy")


def test_cultures_are_told_from_nationality_words_not_product_words() -> None:
    assert cultures_of("Tom", "en", ["He loves Japanese whisky."]) == frozenset()
    assert cultures_of("Tom", "en", ["He is Japanese."]) == {"ja"}
    assert cultures_of("김민준", "en", []) == {"ko"}
    assert cultures_of("", "zh", ["老客户了。"]) == {"zh"}
    assert is_elder(["七十大寿"]) and not is_elder(["turns 40 next week"])


def test_every_rule_names_a_known_meaning_and_explains_itself_in_both_languages() -> None:
    meanings = {m for m in knowledge()["meanings"] if not m.startswith("_")}
    for rule in rules():
        assert rule.meaning in meanings and rule.source
        assert rule.explanation["zh"] and rule.explanation["en"]


NOTES = ["他父亲八十大寿。", "He is Japanese.", "她是美国人。", "他住院了。", "他父亲去世了。", "他结婚了。",
         "新办公室开业。", "He loves hats.", "喜欢喝茶。", ""]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(NOTES), max_size=3), st.sampled_from(["zh", "en"]),
       st.sampled_from(["thank-you", "care", "festival", "congratulations", "empathy"]))
def test_the_batch_applies_the_same_etiquette(notes: list[str], language: str, occasion: str) -> None:
    profile: dict[str, Any] = {"id": "p", "language": language,
                               "notes": [{"date": "2026-11-01", "text": n} for n in notes if n]}
    person = person_from_profile(profile, TODAY)
    items = analyze_catalog(CATALOG)
    request = Request(occasion=occasion, budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)
    one = [(s.item.id, s.raw) for s in score_pairs(person, items, request).recommendations]
    batch = [(p.item_id, p.raw) for p in rank_batch([person], items, request)[0].picks]
    assert [i for i, _ in batch] == [i for i, _ in one]
    assert [r for _, r in batch] == pytest.approx([r for _, r in one], abs=2e-3)


FOODS = [
    {"id": "ham", "name": {"zh": "金华火腿"}, "price": 300, "currency": "CNY"},
    {"id": "gummies", "name": {"en": "Fruit gummies"}, "description": {"en": "Made with pork gelatine."},
     "price": 60, "currency": "CNY"},
    {"id": "sake", "name": {"en": "Junmai daiginjo, 720 ml"}, "price": 480, "currency": "CNY"},
    {"id": "coffee", "name": {"en": "Yirgacheffe coffee beans"}, "price": 160, "currency": "CNY"},
    {"id": "dates", "name": {"en": "Medjool dates"}, "price": 180, "currency": "CNY"},
]


def _foods(notes: list[str], *, language: str = "en", name: str = "") -> list[str]:
    profile = {"id": "p", "name": name, "language": language,
               "notes": [{"date": "2026-11-01", "text": text} for text in notes]}
    request = Request(occasion="thank-you", budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)
    ranked = recommend(person_from_profile(profile, TODAY), analyze_catalog(FOODS), request).recommendations
    return [s.item.id for s in ranked]


def test_a_faith_shown_by_practice_implies_its_diet() -> None:
    assert _foods(["Wears a hijab; we moved lunch to after sunset while she was fasting."]) == ["coffee", "dates"]
    assert set(_foods(["赵姐吃长素十几年了。"], language="zh")) == {"coffee", "dates", "sake"}


def test_a_gulf_guest_is_presumed_halal_and_a_latter_day_saint_gets_no_coffee() -> None:
    assert set(_foods(["Visiting from Dubai next week."], name="Omar")) == {"coffee", "dates"}
    assert "coffee" not in _foods(["He is a Latter-day Saint and a keen golfer."])


def test_a_japanese_recipient_is_told_by_honorific_or_home_office() -> None:
    assert cultures_of("Tanaka Hiroshi", "en", ["Tanaka-san is in hospital."]) == {"ja"}
    assert cultures_of("Kim", "en", ["Kim (Seoul office) loves golf."]) == {"ko"}


def test_a_green_hat_waits_until_we_know_the_recipient_is_a_woman() -> None:
    assert "hat" not in _rank(["赵总喜欢礼帽，收藏了一整面墙。"])
    assert "hat" in _rank(["她喜欢礼帽，收藏了一整面墙。"])


WISHED = [
    {"id": "clock", "name": {"zh": "木质静音闹钟", "en": "Silent wooden alarm clock"}, "price": 260, "currency": "CNY"},
    {"id": "tea", "name": {"zh": "明前龙井"}, "price": 300, "currency": "CNY"},
]


def _wished_rank(notes: list[str], occasion: str) -> list[Any]:
    profile = {"id": "p", "name": "周丽", "language": "zh",
               "notes": [{"date": "2026-11-01", "text": text} for text in notes]}
    request = Request(occasion=occasion, budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)
    return list(recommend(person_from_profile(profile, TODAY), analyze_catalog(WISHED), request).recommendations)


@pytest.mark.parametrize("occasion", ["thank-you", "congratulations"])
def test_a_thing_asked_for_by_name_is_a_caution_for_the_rep_not_an_exclusion(occasion: str) -> None:
    asked = _wished_rank(["周姐上次问起那款木质静音闹钟哪里有卖，说想给自己买一个。"], occasion)
    clock = next(s for s in asked if s.item.id == "clock")
    assert clock.etiquette and asked[0].item.id == "clock"
    unasked = _wished_rank(["周姐喜欢喝茶。"], occasion)
    assert unasked[0].item.id == "tea"


def test_a_wish_for_something_else_lifts_no_taboo() -> None:
    ranked = [s.item.id for s in _wished_rank(["周姐问起哪里能买到好的龙井。", "她下个月六十大寿。"],
                                                "congratulations")]
    assert "clock" not in ranked


def test_the_batch_lifts_the_same_taboo_for_a_thing_asked_for() -> None:
    profile: dict[str, Any] = {"id": "p", "name": "周丽", "language": "zh",
                               "notes": [{"date": "2026-11-01", "text": "她问那款木质静音闹钟在哪买。"},
                                         {"date": "2026-11-02", "text": "她下个月结婚。"}]}
    request = Request(occasion="congratulations", budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)
    items = analyze_catalog(WISHED)
    one = [(s.item.id, s.raw) for s in score_pairs(person_from_profile(profile, TODAY), items, request).recommendations]
    batch = [(p.item_id, p.raw) for p in rank_batch([person_from_profile(profile, TODAY)], items, request)[0].picks]
    assert "clock" in [i for i, _ in one]
    assert [i for i, _ in batch] == [i for i, _ in one]
    assert [r for _, r in batch] == pytest.approx([r for _, r in one], abs=2e-3)


def test_an_arab_name_after_a_title_tells_an_arab_recipient() -> None:
    assert "arab" in cultures_of("Mr. Khalid Al Mansoori", "en", [])
    assert "arab" in cultures_of("Sheikha Mariam Al Nahyan", "en", [])
    assert "arab" not in cultures_of("Mr. Tom Allen", "en", [])
