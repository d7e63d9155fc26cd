"""Shared helpers: load the own scenario set and catalog, run one scenario in-process, judge it."""

from __future__ import annotations

import json
from datetime import date as date_
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from giftwise.recommend.engine import Request, Result, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.recommend.rules import occasion_rule
from giftwise.understanding.items import ItemProfile, analyze_catalog

DATA = Path(__file__).parent / "data"


@cache
def own_catalog() -> list[ItemProfile]:
    """The alternative catalog (different ids and wording from the public eval's)."""
    return analyze_catalog(json.loads((DATA / "own_catalog.json").read_text(encoding="utf-8"))["catalog"])


def own_scenarios() -> list[dict[str, Any]]:
    """The own labelled scenarios, in the eval's format."""
    data: list[dict[str, Any]] = json.loads((DATA / "own_scenarios.json").read_text(encoding="utf-8"))["scenarios"]
    return data


def run(scenario: dict[str, Any], items: list[ItemProfile] | None = None, top: int = 100) -> Result:
    """Recommend for a scenario's profile and request, in-process."""
    from datetime import date
    from decimal import Decimal

    req = scenario["request"]
    request = Request(occasion=occasion_rule(req["occasion"]).name, budget_max=Decimal(str(req["budget_max"])),
                      currency=req["currency"], as_of=date.fromisoformat(req["as_of"]), top=top)
    person = person_from_profile(scenario["profile"], request.as_of)
    return recommend(person, items if items is not None else own_catalog(), request)


def ranked_for_notes(items: list[ItemProfile], notes: list[str], occasion: str, *, as_of: date_, noted_on: str,
                     language: str = "en", name: str = "", budget: int = 1000, **profile: Any) -> list[str]:
    """The ids a client whose notes (all of ``noted_on``) say ``notes`` gets for ``occasion``, best first."""
    data = {"id": "p", "name": name, "language": language, "relationship": "client",
            "notes": [{"date": noted_on, "text": text} for text in notes], **profile}
    request = Request(occasion, Decimal(budget), "CNY", as_of, top=100)
    return [r.item.id for r in recommend(person_from_profile(data, as_of), items, request).recommendations]


def judge(expect: dict[str, Any], ranked: list[str]) -> list[str]:
    """The failed checks of an expectation (same rules as the shared eval's run_eval.py)."""
    k = expect.get("k", 3)
    top = ranked[:k]
    failures = []
    if "top_any" in expect and not set(expect["top_any"]) & set(top):
        failures.append(f"none of {expect['top_any']} in top {k}: {top}")
    if "top1_any" in expect and (not ranked or ranked[0] not in expect["top1_any"]):
        failures.append(f"first is {ranked[:1]}, wanted one of {expect['top1_any']}")
    leaked = [i for i in expect.get("never", []) if i in ranked]
    if leaked:
        failures.append(f"recommended what must never be: {leaked}")
    crowded = [i for i in expect.get("not_top", []) if i in top]
    if crowded:
        failures.append(f"in top {k} but should not be: {crowded}")
    for a, b in expect.get("before", []):
        if a not in ranked:
            failures.append(f"{a} not recommended (wanted above {b})")
        elif b in ranked and ranked.index(b) < ranked.index(a):
            failures.append(f"{b} ranked above {a}")
    return failures


def catalog_item(
    item_id: str, en: str, zh: str, price: int, category: str = "", description: str = ""
) -> dict[str, Any]:
    """One item as a customer's catalog file holds it (CNY, no tags), described in English only."""
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": {"en": description, "zh": ""},
            "price": price, "currency": "CNY", "category": category, "tags": []}
