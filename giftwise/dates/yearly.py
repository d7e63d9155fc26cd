"""Yearly dates on the solar or the lunar calendar, converted with the lunardate library.

Pure functions: no database. A lunar date is (lunar month, lunar day); its solar date changes
every year. A birthday on a day a year lacks (29 February, the 30th of a short lunar month) is
kept on the month's last day.
"""

from __future__ import annotations

import calendar as solar_calendar
from datetime import date, timedelta

from lunardate import LunarDate

from giftwise.core.errors import Invalid

LUNAR_YEARS = (1900, 2099)  # what lunardate covers


def solar_in_year(year: int, month: int, day: int) -> date:
    """The solar date (``month``/``day``) in ``year``, moved to the month's last day when it lacks ``day``."""
    return date(year, month, min(day, solar_calendar.monthrange(year, month)[1]))


def lunar_in_year(lunar_year: int, month: int, day: int) -> date:
    """The solar date of lunar ``month``/``day`` in ``lunar_year`` (a missing 30th becomes the 29th)."""
    if not LUNAR_YEARS[0] <= lunar_year <= LUNAR_YEARS[1]:
        raise Invalid(
            "followups.lunar_dates_known_only", first=LUNAR_YEARS[0], last=LUNAR_YEARS[1], lunar_year=lunar_year
        )
    for candidate in range(day, 28, -1) if day > 29 else (day,):
        try:
            return LunarDate(lunar_year, month, candidate).to_solar_date()
        except ValueError:
            continue
    return LunarDate(lunar_year, month, 29).to_solar_date()


def next_occurrence(calendar: str, month: int, day: int, on_or_after: date) -> date:
    """The first date on or after ``on_or_after`` that falls on this yearly ``calendar`` date."""
    if calendar == "lunar":
        lunar_year = LunarDate.from_solar_date(on_or_after.year, on_or_after.month, on_or_after.day).year
        for year in (lunar_year, lunar_year + 1):
            found = lunar_in_year(year, month, day)
            if found >= on_or_after:
                return found
        return lunar_in_year(lunar_year + 2, month, day)
    found = solar_in_year(on_or_after.year, month, day)
    return found if found >= on_or_after else solar_in_year(on_or_after.year + 1, month, day)


def occurrences(calendar: str, month: int, day: int, start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end`` (inclusive) that falls on this yearly date."""
    found: list[date] = []
    cursor = start
    while cursor <= end:
        hit = next_occurrence(calendar, month, day, cursor)
        if hit > end:
            break
        found.append(hit)
        cursor = hit + timedelta(days=1)
    return found


def lunar_year_of(day: date) -> int:
    """The lunar year ``day`` falls in (a date before Spring Festival belongs to the previous one)."""
    return int(LunarDate.from_solar_date(day.year, day.month, day.day).year)
