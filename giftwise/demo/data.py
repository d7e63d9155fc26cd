"""The demo book's data files (``giftwise/data/demo/<name>.json``), read once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def demo_data(name: str) -> Any:
    """One of the demo book's data files (``giftwise/data/demo/<name>.json``), parsed."""
    path = resources.files("giftwise") / "data" / "demo" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))
