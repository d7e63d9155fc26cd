"""Birthdays that may be partial (year, month or day unknown), on the solar or lunar calendar.

Written forms (import files, the CLI): ``1975-03-08``, ``1975/3/8``, ``19750308``, ``1975-03``,
``1975``, ``--03-08`` or ``03-08`` (year unknown), ``--03`` (month only), ``1975年3月8日``; a
``lunar:`` or ``农历`` prefix marks a lunar date (``lunar:08-15`` and ``农历八月十五`` are 中秋).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from giftwise.core.errors import Invalid
from giftwise.core.i18n import Message, msg

CALENDARS = ("solar", "lunar")
# Day limits when the year is unknown: 29 February is a real birthday.
_SOLAR_MAX_DAY = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_LUNAR_MAX_DAY = 30
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^--(?P<m>\d{1,2})-?(?P<d>\d{2})$"),
    re.compile(r"^--(?P<m>\d{1,2})$"),
    re.compile(r"^(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})$"),
    re.compile(r"^(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?:(?P<d>\d{1,2})[日号])?$"),
)
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MONTH_NAMES = {"正": 1, "冬": 11, "腊": 12}
_CHINESE_DATE = re.compile(
    r"^(?P<m>[正冬腊一二三四五六七八九十]{1,3})月(?:(?P<d>[初廿一二三四五六七八九十]{1,3})[日号]?)?$"
)
_FORMS = Message.of("contacts.birthday_forms")


@dataclass(frozen=True, slots=True)
class Birthday:
    """A possibly partial birthday on one calendar."""

    calendar: str = "solar"
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def known(self) -> bool:
        """True when at least one part of the date is known."""
        return any(part is not None for part in (self.year, self.month, self.day))


def birthday_problem(cal: str, year: int | None, month: int | None, day: int | None) -> str | None:
    """What is wrong with this birthday as a short phrase, or ``None`` when it is a possible date."""
    if cal not in CALENDARS:
        return msg("contacts.birthday_calendar", calendar=cal)
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        return msg("contacts.birthday_year", year=year, first=_MIN_YEAR, last=_MAX_YEAR)
    if month is not None and not 1 <= month <= 12:
        return msg("contacts.birthday_month", month=month)
    if day is None:
        return None
    if month is None:
        return msg("contacts.birthday_day_needs_month")
    if cal == "lunar":
        limit = _LUNAR_MAX_DAY
    elif year is None:
        limit = _SOLAR_MAX_DAY[month - 1]
    else:
        limit = calendar.monthrange(year, month)[1]
    if not 1 <= day <= limit:
        key = "contacts.birthday_day_solar" if cal == "solar" else "contacts.birthday_day_lunar"
        return msg(key, day=day, month=month, limit=limit)
    return None


def _chinese_number(text: str) -> int | None:
    """一..三十 with 初 (初八 = 8) and 廿 (廿三 = 23), as lunar dates are written."""
    text = text.removeprefix("初").replace("廿", "二十")
    if text in _MONTH_NAMES:
        return _MONTH_NAMES[text]
    if not text or any(c not in _DIGITS for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (_DIGITS.get(tens, 0) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)


def _from_chinese_numerals(body: str) -> str:
    """八月十五 -> 8月15日, so the digit patterns can read it; anything else unchanged."""
    match = _CHINESE_DATE.match(body)
    if match is None:
        return body
    month = _chinese_number(match["m"])
    day = _chinese_number(match["d"]) if match["d"] else None
    if month is None or (match["d"] and day is None):
        return body
    return f"{month}月" + (f"{day}日" if day is not None else "")


def parse_birthday(text: str) -> Birthday:
    """Read a written birthday; Invalid with one sentence when it is not a possible date."""
    raw = text.strip()
    body, cal = raw, "solar"
    for prefix, prefix_cal in (("lunar:", "lunar"), ("农历", "lunar"), ("阴历", "lunar"), ("solar:", "solar")):
        if body.lower().startswith(prefix):
            body, cal = body[len(prefix) :].strip(), prefix_cal
            break
    body = _from_chinese_numerals(body)
    match = next((m for p in _PATTERNS if (m := p.match(body))), None)
    if match is None or not body:
        raise Invalid("contacts.birthday_date", raw=raw, forms=_FORMS, field="birthday")
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    birthday = Birthday(cal, parts.get("y"), parts.get("m"), parts.get("d"))
    problem = birthday_problem(cal, birthday.year, birthday.month, birthday.day)
    if problem:
        raise Invalid("contacts.birthday_valid_date_2", raw=raw, problem=problem, forms=_FORMS, field="birthday")
    return birthday


def format_birthday(cal: str, year: int | None, month: int | None, day: int | None) -> str | None:
    """The canonical written form that ``parse_birthday`` reads back (``None`` when unknown)."""
    if year is None and month is None and day is None:
        return None
    if month is None:
        body = f"{year:04d}"
    elif year is None:
        body = f"--{month:02d}-{day:02d}" if day is not None else f"--{month:02d}"
    else:
        body = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    return f"lunar:{body}" if cal == "lunar" else body
