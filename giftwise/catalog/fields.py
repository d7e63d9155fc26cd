"""Reading one catalog value the way people write it (``¥1,280``, ``RMB``, ``tea|茶叶``, ``是``).

Each parser returns the clean value or raises ``ValueError`` with a reason a user can act on;
the schemas use them so the API, the CLI and file imports judge values the same way.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

MAX_PRICE = Decimal("999999999999")
TAG_SEPARATORS = re.compile(r"[|;]")
# "1,280.50" (comma groups thousands) and "1.280,50" / "12,5" (comma marks the decimals, as in
# European spreadsheets) both occur; anything else with a comma is too ambiguous to guess.
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_DOT_THOUSANDS_COMMA_DECIMALS = re.compile(r"^\d{1,3}(\.\d{3})+,\d{1,2}$")
_COMMA_DECIMALS = re.compile(r"^\d+,\d{1,2}$")
_CURRENCY_SYMBOLS = "¥￥$€£"
_TRUE = {"true", "yes", "y", "1", "on", "是", "有效", "在售", "启用"}
_FALSE = {"false", "no", "n", "0", "off", "否", "停用", "下架", "无效"}


@cache
def _currency_table() -> tuple[frozenset[str], dict[str, str]]:
    path = resources.files("giftwise") / "data" / "catalog" / "currencies.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(data["codes"]), {k.upper(): v for k, v in data["aliases"].items()}


def parse_price(value: Any) -> Decimal:
    """A non-negative amount with at most two decimals, from a number or text like ``¥1,280.50``."""
    if value is None or isinstance(value, bool):
        raise ValueError("price is empty; every item needs a price (0 for free items)")
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip()
    try:
        price = Decimal(_plain_number(text.strip(_CURRENCY_SYMBOLS).replace(" ", "")))
    except InvalidOperation:
        if not text:
            raise ValueError("price is empty; every item needs a price (0 for free items)") from None
        raise ValueError(f"price {text!r} is not a number; write it like 480 or 99.50") from None
    if not price.is_finite():
        raise ValueError(f"price {text!r} is not a number; write it like 480 or 99.50")
    if price < 0:
        raise ValueError(f"price {text} is negative; a price must be 0 or more")
    if price > MAX_PRICE:
        raise ValueError(f"price {text} is too large for a gift; check the number")
    if price != price.quantize(Decimal("0.01")):
        raise ValueError(f"price {text} has more than 2 decimal places; round it to cents")
    return price.quantize(Decimal("0.01"))


def _plain_number(text: str) -> str:
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    if _COMMA_THOUSANDS.match(digits):
        return sign + digits.replace(",", "")
    if _DOT_THOUSANDS_COMMA_DECIMALS.match(digits):
        return sign + digits.replace(".", "").replace(",", ".")
    if _COMMA_DECIMALS.match(digits):
        return sign + digits.replace(",", ".")
    return text


def parse_currency(value: Any) -> str:
    """An ISO 4217 code (``CNY``), accepting common spellings such as ``rmb`` or ``人民币``."""
    text = str(value).strip()
    codes, aliases = _currency_table()
    code = aliases.get(text.upper(), text.upper())
    if code not in codes:
        if not text:
            raise ValueError("currency is empty; write a 3-letter code such as CNY, USD or EUR")
        raise ValueError(f"currency {text!r} is not an ISO 4217 code; write a code such as CNY, USD or EUR")
    return code


def parse_tags(value: Any) -> list[str]:
    """Tags as a clean list (no blanks, no repeats), from a list or text joined by ``|`` or ``;``."""
    if value is None:
        return []
    if isinstance(value, str):
        parts: list[Any] = TAG_SEPARATORS.split(value)
    elif isinstance(value, list | tuple):
        parts = list(value)
    else:
        raise ValueError("tags must be a list of words, or words joined by | or ;")
    tags: list[str] = []
    for part in parts:
        if not isinstance(part, str | int | float) or isinstance(part, bool):
            raise ValueError("tags must be a list of words, or words joined by | or ;")
        tag = str(part).strip()
        if TAG_SEPARATORS.search(tag):
            raise ValueError(f"tag {tag!r} contains | or ;, which separate tags; split it into two tags")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def parse_flag(value: Any) -> bool:
    """A yes/no value from a bool or words such as ``true``, ``no``, ``是``, ``下架``."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"active {value!r} is not yes or no; write true or false")


def parse_count(value: Any, field: str) -> int | None:
    """A whole number of 0 or more (days, pieces), or ``None`` when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{field} {value!r} is not a whole number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{field} {value!r} is not a whole number") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValueError(f"{field} {value!r} is not a whole number")
    if number < 0:
        raise ValueError(f"{field} {value} is negative; it must be 0 or more")
    return int(number)


def blank_to_none(value: Any) -> str | None:
    """Text with surrounding blanks removed; ``None`` when nothing is left."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def plain_text(value: Any) -> str:
    """Text with surrounding blanks removed; empty string when missing."""
    return "" if value is None else str(value).strip()


def price_number(price: Decimal) -> int | float:
    """A price as a JSON number: ``480`` when whole, ``99.5`` otherwise."""
    return int(price) if price == price.to_integral_value() else float(price)
