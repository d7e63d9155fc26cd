"""The factor table: the constants of every factor, one source for the one-at-a-time and the batch paths.

Read from ``giftwise/data/recommend/factor_table.json``. ``giftwise.recommend.factors`` computes a factor
vector with them item by item; ``giftwise.recommend.batch`` vectorises the same formulas with the same
numbers (``tests/recommend/test_batch.py`` checks that both agree).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class FactorTable:
    """The shapes of the factors (see the data file's comments)."""

    gated: tuple[tuple[str, str, float], ...]
    free_will: tuple[tuple[str, float], ...]
    obligation: tuple[tuple[str, float], ...]
    saturation_base: float
    diet_care: float
    wrong_event: float
    token_high: float = 200.0
    token_strictness: float = 2.0
    token_branded_fit: float = 1.5
    token_cap_at_most: float = 400.0
    age_in_range: float = 0.25
    age_out_of_range: float = 0.5
    age_far_off: float = 3.0
    age_food_from: float = 3.0
    echo_scale: float = 0.6
    echo_common_share: float = 0.2


@cache
def factor_table() -> FactorTable:
    """The factor table in force."""
    data = json.loads((resources.files("giftwise") / "data" / "recommend" / "factor_table.json")
                      .read_text(encoding="utf-8"))

    def pairs(section: str) -> tuple[tuple[str, float], ...]:
        return tuple((k, float(v)) for k, v in data[section].items() if not k.startswith("_"))

    gated = tuple((factor, str(v[0]), float(v[1])) for factor, v in data["gated"].items() if not factor.startswith("_"))
    token = data.get("token_only", {})
    age = data.get("age_fit", {})
    echo = data.get("echo", {})
    return FactorTable(gated, pairs("free_will"), pairs("obligation"), float(data["saturation_base"]),
                       float(data["diet_care"]), float(data["wrong_event"]), float(token.get("high", 200)),
                       float(token.get("strictness", 2.0)), float(token.get("branded_fit", 1.5)),
                       float(token.get("cap_at_most", 400)), float(age.get("in_range", 0.25)),
                       float(age.get("out_of_range", 0.5)), float(age.get("far_off", 3.0)),
                       float(age.get("food_from", 3.0)), float(echo.get("scale", 0.6)),
                       float(echo.get("common_share", 0.2)))
