"""File mode: rank a portable catalog for a portable profile, no database (the eval's interface).

Understanding a catalog takes longer than ranking it, so the analysed items are cached per
catalog file content and lexicon version in the user's cache folder; a changed file or lexicon
is simply read again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from giftwise.core import cache, clock
from giftwise.core.errors import Invalid
from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import catalog_items, parse_date, person_from_profile, read_json, result_json
from giftwise.recommend.rules import occasion_rule
from giftwise.understanding.ages import fingerprint as ages_fingerprint
from giftwise.understanding.attributes import fingerprint as attributes_fingerprint
from giftwise.understanding.items import FORMAT as ITEM_FORMAT
from giftwise.understanding.items import ItemProfile, analyze_catalog
from giftwise.understanding.lexicon import Lexicon, lexicon_fingerprint, load_lexicon

_memory: dict[str, list[ItemProfile]] = {}


def make_request(occasion: str, budget_max: float | Decimal | None, currency: str, as_of: str | date | None,
                 top: int) -> Request:
    """A validated request; Invalid with one sentence for a bad currency, budget or date."""
    code = (currency or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise Invalid("recommend.currency_code_letters_such", currency=currency, field="currency")
    budget = None
    if budget_max is not None:
        try:
            budget = Decimal(str(budget_max))
        except InvalidOperation:
            raise Invalid("recommend.budget_number", budget_max=budget_max, field="budget_max") from None
        if budget < 0 or budget.is_nan():
            raise Invalid("recommend.budget_zero_more", field="budget_max")
    day = clock.today() if as_of is None else as_of if isinstance(as_of, date) else parse_date(as_of, "--as-of")
    rule = occasion_rule(occasion)
    return Request(occasion=rule.name, budget_max=budget, currency=code, as_of=day, top=top)


def recommend_from_files(
    *, profile: Path, catalog: Path, occasion: str, budget_max: float | None, currency: str, as_of: str | None,
    top: int,
) -> dict[str, Any]:
    """Rank ``catalog`` for ``profile`` (portable JSON files) and return the eval's JSON shape."""
    request = make_request(occasion, budget_max, currency, as_of, top)
    lexicon = load_lexicon()
    items = cached_catalog(catalog, lexicon)
    person = person_from_profile(read_json(profile, "profile"), request.as_of, lexicon)
    return result_json(recommend(person, items, request, lexicon=lexicon))


def cached_catalog(path: Path, lexicon: Lexicon) -> list[ItemProfile]:
    """The analysed items of the catalog file at ``path``, from the cache when the content is unchanged."""
    try:
        content = Path(path).read_bytes()
    except FileNotFoundError:
        raise Invalid("recommend.catalog_file_does_exist", path=path, field="catalog") from None
    except OSError as exc:
        raise Invalid("recommend.catalog_file_read", path=path, exc=exc, field="catalog") from None
    return _cached(content, lambda: catalog_items(read_json(path, "catalog")), lexicon)


def cached_items(items: list[dict[str, Any]], lexicon: Lexicon) -> list[ItemProfile]:
    """The analysed items of a portable catalog already in memory (the stored catalog), cached by content."""
    content = json.dumps(items, sort_keys=True, ensure_ascii=False, default=str).encode()
    return _cached(content, lambda: items, lexicon)


def _cached(content: bytes, load: Callable[[], list[dict[str, Any]]], lexicon: Lexicon) -> list[ItemProfile]:
    readers = f"{attributes_fingerprint()}/{ages_fingerprint()}"
    key = cache.key_of(content, f"{lexicon_fingerprint(lexicon)}/{readers}/{ITEM_FORMAT}")
    if key in _memory:
        return _memory[key]
    name = f"catalog-{key}.pickle"
    cached = cache.load(name)
    if isinstance(cached, list):
        _memory[key] = cached
        return cached
    items = analyze_catalog(load(), lexicon)
    cache.store(name, items)
    _memory[key] = items
    return items
