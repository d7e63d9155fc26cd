"""A diet label fits a diet only on food: a plant-based notebook is no gift 'for her vegetarian diet', while a
vegan, who also avoids leather, is well served by it; and the batch ranks the same way as one at a time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 12, 1)
SHELF = analyze_catalog([
    {"id": "planner", "name": {"en": "Recycled-paper planner", "zh": "再生纸手账本"},
     "description": {"en": "Vegan: plant-based cover, no leather.", "zh": "纯素植物基封面，不用皮革。"},
     "price": 150, "currency": "CNY", "category": "stationery"},
    {"id": "veg-biscuits", "name": {"en": "Vegetarian almond biscuits", "zh": "素食杏仁酥"},
     "price": 150, "currency": "CNY", "category": "snacks"},
    {"id": "teapot", "name": {"en": "Clay teapot", "zh": "紫砂壶"}, "price": 150, "currency": "CNY"},
])


def _fits(note: str) -> dict[str, bool]:
    person = person_from_profile({"id": "p", "name": "Mrs Koh", "language": "en",
                                  "notes": [{"date": "2026-11-02", "text": note}]}, TODAY)
    request = Request(occasion="thank-you", budget_max=Decimal("300"), currency="CNY", as_of=TODAY, top=10)
    single = recommend(person, SHELF, request).recommendations
    batch = {p.item_id: p.score for p in rank_batch([person], SHELF, request)[0].picks}
    for s in single:
        assert abs(batch[s.item.id] - s.score) < 5e-4, s.item.id
    return {s.item.id: s.vector.notes.diet_fit is not None for s in single}


def test_a_vegetarian_diet_is_fitted_by_food_not_by_stationery() -> None:
    fits = _fits("Mrs Koh has been a vegetarian for thirty years.")
    assert fits["veg-biscuits"] and not fits["planner"]


def test_a_vegan_is_fitted_by_a_plant_based_planner_too() -> None:
    fits = _fits("Mrs Koh is vegan, no animal products at all.")
    assert fits["planner"]
