"""Yearly dates on the solar and lunar calendars, through the lunardate library."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giftwise.core.errors import Invalid
from giftwise.dates import yearly


class TestNextOccurrence:
    @pytest.mark.parametrize(
        ("month", "day", "after", "expected"),
        [
            (1, 1, date(2026, 11, 20), date(2027, 2, 6)),  # Spring Festival 2027
            (1, 15, date(2026, 11, 20), date(2027, 2, 20)),  # Lantern Festival 2027
            (5, 5, date(2026, 1, 1), date(2026, 6, 19)),  # Dragon Boat 2026
            (8, 15, date(2026, 1, 1), date(2026, 9, 25)),  # Mid-Autumn 2026
            (9, 9, date(2026, 1, 1), date(2026, 10, 18)),  # Double Ninth 2026
            (8, 15, date(2026, 9, 26), date(2027, 9, 15)),  # the day after: next year's
        ],
    )
    def test_lunar_festivals_fall_on_their_published_dates(
        self, month: int, day: int, after: date, expected: date
    ) -> None:
        assert yearly.next_occurrence("lunar", month, day, after) == expected

    def test_solar_date_today_counts(self) -> None:
        assert yearly.next_occurrence("solar", 12, 25, date(2026, 12, 25)) == date(2026, 12, 25)

    def test_29_february_is_kept_on_28_february_in_common_years(self) -> None:
        assert yearly.next_occurrence("solar", 2, 29, date(2026, 11, 20)) == date(2027, 2, 28)
        assert yearly.next_occurrence("solar", 2, 29, date(2027, 3, 1)) == date(2028, 2, 29)

    def test_a_lunar_30th_in_a_short_month_moves_to_the_29th(self) -> None:
        # Lunar 2026-12 has 29 days: a birthday on the 30th is celebrated on the 29th.
        assert yearly.lunar_in_year(2026, 12, 30) == yearly.lunar_in_year(2026, 12, 29)

    def test_years_outside_the_library_are_refused(self) -> None:
        with pytest.raises(Invalid, match="1900-2099"):
            yearly.lunar_in_year(2150, 1, 1)

    @given(
        st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
        st.integers(1, 12),
        st.integers(1, 30),
        st.sampled_from(["solar", "lunar"]),
    )
    def test_next_is_never_earlier_and_within_about_a_year(
        self, after: date, month: int, day: int, calendar: str
    ) -> None:
        found = yearly.next_occurrence(calendar, month, day, after)
        assert after <= found <= after + timedelta(days=400)


class TestOccurrences:
    def test_every_hit_in_a_window(self) -> None:
        assert yearly.occurrences("solar", 1, 1, date(2026, 11, 20), date(2029, 1, 1)) == [
            date(2027, 1, 1),
            date(2028, 1, 1),
            date(2029, 1, 1),
        ]

    def test_lunar_year_of_a_january_day_is_the_previous_year(self) -> None:
        assert yearly.lunar_year_of(date(2027, 1, 20)) == 2026
        assert yearly.lunar_year_of(date(2027, 2, 6)) == 2027
