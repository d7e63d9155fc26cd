"""Whom an item is made for, read from its own words, and how old the children a note speaks of are."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giftwise.understanding.ages import AgeRange, child_ages, item_age_range
from giftwise.understanding.extractor import extract
from giftwise.understanding.facts import FactRecord

ZH_NUMBERS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]


@given(low=st.integers(0, 12), span=st.integers(0, 6), english=st.booleans(), prefix=st.sampled_from(["", "Kite. "]))
def test_a_stated_range_of_years_is_read_in_either_language(low: int, span: int, english: bool, prefix: str) -> None:
    text = f"{prefix}Suitable for ages {low}-{low + span}." if english else f"{prefix}适合{low}-{low + span}岁"
    found = item_age_range([text])
    assert found is not None
    assert found.low == low and low + span <= found.high < low + span + 1


@given(low=st.integers(1, 16), form=st.sampled_from(["ages {n}+", "{n}+", "{n}岁以上", "ages {n} and up"]))
def test_an_open_range_runs_on_into_adulthood(low: int, form: str) -> None:
    found = item_age_range([form.format(n=low)])
    assert found is not None and found.low == low and found.high >= 90


@given(months=st.integers(1, 24), english=st.booleans())
def test_a_range_of_months_is_under_the_age_it_names(months: int, english: bool) -> None:
    found = item_age_range([f"0-{months} months" if english else f"0-{months}个月"])
    assert found is not None and found.low == 0 and months / 12 <= found.high <= (months + 1) / 12


def test_stage_words_grades_and_maternity_have_ranges() -> None:
    school = item_age_range(["Pencil case for grades 2-4"])
    assert school is not None and school.low == 7 and 9 < school.high < 11
    toddler = item_age_range(["Push walker for toddlers"])
    assert toddler is not None and toddler.low <= 1.5 and toddler.high <= 4
    maternity = item_age_range(["孕妇托腹枕"])
    assert maternity is not None and maternity.high < 0
    assert item_age_range(["适合小学生的字典"]) == AgeRange(6.0, 12.0, ("适合小学",))


def test_items_for_anyone_have_no_range() -> None:
    for text in ("Cashmere scarf", "2-4 players, about 30 minutes", "HEPA 13 filter, 40 m2", "两罐共200克",
                 "Aged 12 years single malt"):
        assert item_age_range([text]) is None, text


def _fact(text: str, on: date, concept: str = "kids") -> FactRecord:
    return FactRecord("family", concept, on, source_text=text)


@given(age=st.integers(1, 15), chinese_numeral=st.booleans())
def test_a_childs_age_in_years_is_read_and_grows_with_the_calendar(age: int, chinese_numeral: bool) -> None:
    number = ZH_NUMBERS[age] if chinese_numeral else str(age)
    readings = child_ages([_fact(f"王经理的小儿子{number}岁了", date(2025, 6, 1))])
    assert len(readings) == 1
    assert readings[0].on(date(2026, 6, 1)) == pytest.approx(age + 1, abs=0.01)


def test_stages_in_a_note_give_an_age() -> None:
    on = date(2026, 3, 1)
    ages = {r.words: r.years for r in child_ages([
        _fact("her son turns seven next week", on), _fact("孙女下个月上幼儿园", on),
        _fact("his daughter is off to university", on), _fact("宝宝6个月了", on, "baby"),
    ])}
    assert ages["her son turns seven next week"] == 7
    assert 3 <= ages["孙女下个月上幼儿园"] <= 6
    assert 17 <= ages["his daughter is off to university"] <= 20
    assert ages["宝宝6个月了"] == 0.5


def test_a_pregnancy_noted_long_ago_is_a_baby_now() -> None:
    (reading,) = child_ages([_fact("张太太怀孕了", date(2026, 1, 10), "pregnancy")])
    assert reading.on(date(2026, 1, 20)) < 0 < reading.on(date(2026, 9, 1))


def test_the_contacts_own_age_is_not_a_childs() -> None:
    assert child_ages([FactRecord("event", "birthday", date(2026, 1, 1), source_text="刘总下个月五十岁生日")]) == ()


@given(months=st.integers(1, 8))
def test_months_into_a_pregnancy_are_before_birth(months: int) -> None:
    (reading,) = child_ages([_fact(f"李太太怀孕{ZH_NUMBERS[months]}个月了", date(2026, 5, 1), "pregnancy")])
    assert reading.years == pytest.approx(-(9 - months) / 12)


def test_baby_things_fit_a_baby_on_its_way_and_maternity_things_stop_at_birth() -> None:
    baby = AgeRange(0.0, 0.5)
    maternity = AgeRange(-1.0, -0.01)
    assert baby.distance(-0.3, 3.0) == 0
    assert maternity.distance(-0.3, 3.0) == 0
    assert maternity.distance(0.05, 3.0) == 3.0
    assert AgeRange(3.0, 6.0).distance(-0.3, 3.0) > 3


@pytest.mark.parametrize(("note", "ages"), [
    ("Two grandchildren, 4 and 12, are visiting over Christmas.", {4, 12}),
    ("Her daughters (2, 9) are into drawing.", {2, 9}),
    ("Granddaughter and grandson, ages 6 and 13", {6, 13}),
    ("他家俩闺女，一个三岁一个十一岁", {3, 11}),
    ("大女儿九岁，小儿子四岁，都爱踢球", {9, 4}),
    ("女儿六岁；儿子十二岁", {6, 12}),
])
def test_each_childs_age_is_read_when_a_note_lists_several(note: str, ages: set[int]) -> None:
    readings = child_ages(extract(note, date(2026, 4, 1)))
    assert {round(r.years) for r in readings} == ages


def test_numbers_after_the_children_that_are_no_ages_give_none() -> None:
    for note in ("He has three kids, call at 3pm", "孩子们的学费涨了10%", "Kids: see the 2025 photos"):
        assert child_ages(extract(note, date(2026, 4, 1))) == (), note


@pytest.mark.parametrize("text", [
    "Acacia honey. Do not feed to babies under one year.",
    "槐花蜂蜜，周岁以内宝宝请勿食用",
    "Hard candy — choking hazard for toddlers",
    "Whisper-quiet humidifier, safe to use around newborns",
    "Wildflower honey MGO 250+, grade UMF 10+",
    "香薰蜡烛，孕妇及婴儿慎用",
])
def test_an_age_named_only_in_a_warning_or_as_someone_near_is_not_whom_an_item_is_for(text: str) -> None:
    assert item_age_range([text]) is None


def test_a_warning_clause_leaves_the_ages_an_item_is_made_for() -> None:
    span = item_age_range(["Building blocks for ages 4-8. Small parts: not for children under 3."])
    assert span is not None and (span.low, round(span.high)) == (4, 9)
    assert item_age_range(["Rattle for infants, 0-12 months"]) is not None
