"""The recommender's editable rules: relationship stages, occasions, festival seasons; explanation texts by key.

All of them are data files under ``giftwise/data/recommend/``; this module reads them once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from giftwise.core import occasions as shared_occasions
from giftwise.core.errors import Invalid


def _read(name: str) -> Any:
    return json.loads((resources.files("giftwise") / "data" / "recommend" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class OccasionRule:
    """What an occasion asks for: trait fits, factor multipliers, the stage multiplier, the events it answers."""

    name: str
    label: dict[str, str]
    traits: dict[str, float] = field(default_factory=dict)
    factors: dict[str, float] = field(default_factory=dict)
    stage: float = 1.0
    events: tuple[str, ...] = ()


@cache
def occasions() -> dict[str, OccasionRule]:
    """The known occasions by name."""
    data = _read("occasions.json")["occasions"]
    return {
        name: OccasionRule(name, rule["label"], dict(rule.get("traits", {})), dict(rule.get("factors", {})),
                           float(rule.get("stage", 1.0)), tuple(rule.get("events", [])))
        for name, rule in data.items()
    }


def occasion_rule(name: str) -> OccasionRule:
    """The rule for ``name`` (or a known alias); Invalid naming the known occasions otherwise."""
    key = (name or "").strip().lower()
    key = _read_aliases().get(key, key)
    # A gift's occasion (birthday, get-well...) ranks as the recommender occasion the shared list names.
    rule = occasions().get(key) or occasions().get(shared_occasions.recommend_as(key) or "")
    if rule is None:
        raise Invalid("recommend.known_occasion_one", name=name, items=', '.join(shared_occasions.names()),
                      field="occasion")
    return rule


@cache
def _read_aliases() -> dict[str, str]:
    data: dict[str, str] = _read("occasions.json").get("aliases", {})
    return data


@dataclass(frozen=True, slots=True)
class Stage:
    """The price band a relationship stage warrants, in ``currency``."""

    relationship: str
    low: float
    high: float
    currency: str
    label: dict[str, str]
    strictness: float = 1.0


@cache
def _stages() -> dict[str, Any]:
    data: dict[str, Any] = _read("stages.json")
    return data


def stage_for(relationship: str | None) -> Stage:
    """The band for ``relationship`` (unknown ones fall back to the default stage)."""
    data = _stages()
    key = (relationship or "").strip().lower()
    if key not in data["relationships"]:
        key = data["default"]
    band = data["relationships"][key]
    return Stage(key, float(band["low"]), float(band["high"]), data["currency"], data["labels"].get(key, {}),
                 float(band.get("strictness", 1.0)))


def stage_shrink(kind: str) -> float:
    """How much the upper band shrinks for a decision maker or a value-sensitive person."""
    return float(_stages().get(kind, 1.0))


@cache
def _seasons() -> dict[str, Any]:
    data: dict[str, Any] = {k: v for k, v in _read("occasions.json")["seasons"].items() if not k.startswith("_")}
    return data


def festival_label(festival: str, language: str) -> str:
    """A festival's name in ``language``."""
    season = _seasons().get(festival, {})
    return str(season.get("label", {}).get(language, festival))


def in_season(festival: str, on: date) -> bool | None:
    """True when ``on`` falls in ``festival``'s season (days before/after it); None for an unknown festival."""
    season = _seasons().get(festival)
    if season is None:
        return None
    for year in (on.year - 1, on.year, on.year + 1):
        day = _festival_day(season, year)
        if day is not None and day - timedelta(days=season["before"]) <= on <= day + timedelta(days=season["after"]):
            return True
    return False


def _festival_day(season: dict[str, Any], year: int) -> date | None:
    if "solar" in season:
        month, day = season["solar"]
        return date(year, month, day)
    from lunardate import LunarDate

    month, day = season["lunar"]
    try:
        solar: date = LunarDate(year, month, day).to_solar_date()
    except ValueError:
        return None
    return solar
