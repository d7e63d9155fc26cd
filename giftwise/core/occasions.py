"""The one list of occasions a gift can be for (``giftwise/data/gifts/occasions.json``): gifts, the ledger
and the recommender all accept these names; each says which of the recommender's occasions ranks for it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _rows() -> dict[str, dict[str, object]]:
    text = (resources.files("giftwise") / "data" / "gifts" / "occasions.json").read_text("utf-8")
    return {name: row for name, row in json.loads(text).items() if not name.startswith("_")}


def names() -> tuple[str, ...]:
    """Every known occasion name, in the file's order."""
    return tuple(_rows())


def recommend_as(name: str) -> str | None:
    """The recommender's occasion that ranks gifts for ``name`` (birthday -> congratulations); None if unknown."""
    row = _rows().get(name)
    return str(row["recommend_as"]) if row and row.get("recommend_as") else None
