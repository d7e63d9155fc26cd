"""Partial solar and lunar birthdays: what people write, and what giftwise writes back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giftwise.contacts.birthdays import Birthday, birthday_problem, format_birthday, parse_birthday
from giftwise.core.errors import Invalid


class TestParseBirthday:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("1975-03-08", Birthday("solar", 1975, 3, 8)),
            ("1975/3/8", Birthday("solar", 1975, 3, 8)),
            ("19750308", Birthday("solar", 1975, 3, 8)),
            ("--03-08", Birthday("solar", None, 3, 8)),
            ("--0308", Birthday("solar", None, 3, 8)),
            ("03-08", Birthday("solar", None, 3, 8)),
            ("1975-03", Birthday("solar", 1975, 3, None)),
            ("1975", Birthday("solar", 1975, None, None)),
            ("--03", Birthday("solar", None, 3, None)),
            ("1975年3月8日", Birthday("solar", 1975, 3, 8)),
            ("3月8日", Birthday("solar", None, 3, 8)),
            ("lunar:08-15", Birthday("lunar", None, 8, 15)),
            ("农历八月", Birthday("lunar", None, 8, None)),
            ("农历八月十五", Birthday("lunar", None, 8, 15)),
            ("农历正月初八", Birthday("lunar", None, 1, 8)),
            ("农历腊月廿三", Birthday("lunar", None, 12, 23)),
            ("农历十一月三十", Birthday("lunar", None, 11, 30)),
            ("农历八月卅", None),
            ("农历8月15日", Birthday("lunar", None, 8, 15)),
            ("--02-29", Birthday("solar", None, 2, 29)),
        ],
    )
    def test_written_forms(self, text: str, expected: Birthday | None) -> None:
        if expected is None:
            with pytest.raises(Invalid):
                parse_birthday(text)
        else:
            assert parse_birthday(text) == expected

    @pytest.mark.usefixtures("english")
    def test_month_13_day_40_is_one_clear_sentence(self) -> None:
        with pytest.raises(Invalid) as caught:
            parse_birthday("2026-13-40")
        detail = caught.value.detail
        assert "'2026-13-40'" in detail and "month 13" in detail and "YYYY-MM-DD" in detail
        assert detail.count(".") == 1 and detail.endswith(".")

    @pytest.mark.parametrize("text", ["2023-02-29", "--04-31", "lunar:02-31", "2026-00-10", "hello", "", "1850-01-01"])
    def test_impossible_dates_are_refused(self, text: str) -> None:
        with pytest.raises(Invalid):
            parse_birthday(text)

    def test_leap_day_in_a_leap_year_is_fine(self) -> None:
        assert parse_birthday("2024-02-29") == Birthday("solar", 2024, 2, 29)


@pytest.mark.usefixtures("english")
class TestBirthdayProblem:
    def test_a_day_needs_its_month(self) -> None:
        assert birthday_problem("solar", 1980, None, 3) == "a day needs its month"

    def test_lunar_months_have_at_most_30_days(self) -> None:
        assert birthday_problem("lunar", None, 1, 30) is None
        assert birthday_problem("lunar", None, 1, 31) is not None


partial_birthdays = st.builds(
    Birthday,
    st.sampled_from(["solar", "lunar"]),
    st.one_of(st.none(), st.integers(1900, 2100)),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 31)),
).filter(lambda b: b.known and birthday_problem(b.calendar, b.year, b.month, b.day) is None)


class TestFormatBirthday:
    @given(partial_birthdays)
    def test_what_giftwise_writes_it_reads_back(self, birthday: Birthday) -> None:
        text = format_birthday(birthday.calendar, birthday.year, birthday.month, birthday.day)
        assert text is not None
        assert parse_birthday(text) == birthday

    def test_unknown_birthday_is_empty(self) -> None:
        assert format_birthday("solar", None, None, None) is None
