"""The editable rules of dates, read from ``giftwise/data/dates/dates.json``: festivals and lead times."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def dates_config() -> dict[str, Any]:
    """Festivals and lead times for birthdays and anniversaries."""
    path = resources.files("giftwise") / "data" / "dates" / "dates.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
