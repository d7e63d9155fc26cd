"""Reading one catalog value the way people write it (``¥1,280``, ``RMB``, ``tea|茶叶``, ``是``).

Each parser returns the clean value or raises ``ValueError`` with a reason a user can act on;
the schemas use them so the API, the CLI and file imports judge values the same way.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from giftwise.core.amounts import currency_code, iso_codes
from giftwise.core.i18n import msg

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


def parse_price(value: Any) -> Decimal:
    """A non-negative amount with at most two decimals, from a number or text like ``¥1,280.50``."""
    if value is None or isinstance(value, bool):
        raise ValueError(msg("catalog.price_empty_every_item"))
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip()
    try:
        price = Decimal(_plain_number(text.strip(_CURRENCY_SYMBOLS).replace(" ", "")))
    except InvalidOperation:
        if not text:
            raise ValueError(msg("catalog.price_empty_every_item")) from None
        raise ValueError(msg("catalog.price_number_write_like", text=text)) from None
    if not price.is_finite():
        raise ValueError(msg("catalog.price_number_write_like", text=text))
    if price < 0:
        raise ValueError(msg("catalog.price_negative_price_more", text=text))
    if price > MAX_PRICE:
        raise ValueError(msg("catalog.price_too_large_gift", text=text))
    if price != price.quantize(Decimal("0.01")):
        raise ValueError(msg("catalog.price_more_than_decimal", text=text))
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
    code = currency_code(text)
    if code not in iso_codes():
        if not text:
            raise ValueError(msg("catalog.currency_empty_write_letter"))
        raise ValueError(msg("catalog.currency_iso_code_write", text=text))
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
        raise ValueError(msg("catalog.tags_list_words_words"))
    tags: list[str] = []
    for part in parts:
        if not isinstance(part, str | int | float) or isinstance(part, bool):
            raise ValueError(msg("catalog.tags_list_words_words"))
        tag = str(part).strip()
        if TAG_SEPARATORS.search(tag):
            raise ValueError(msg("catalog.tag_contains_which_separate", tag=tag))
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
    raise ValueError(msg("catalog.active_yes_write_true", value=value))


def parse_count(value: Any, field: str) -> int | None:
    """A whole number of 0 or more (days, pieces), or ``None`` when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(msg("catalog.whole_number", field_name=field, value=value))
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(msg("catalog.whole_number", field_name=field, value=value)) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValueError(msg("catalog.whole_number", field_name=field, value=value))
    if number < 0:
        raise ValueError(msg("catalog.negative_more", field_name=field, value=value))
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
