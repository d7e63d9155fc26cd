"""Shapes crossing the boundary for the recommend domain."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from giftwise.core.schemas import Schema


class RecommendationRead(Schema):
    """One recommended item: its 0..1 score, the reasons, and every factor (for campaigns and calibration)."""

    item_id: str
    name: str
    score: float
    raw: float
    price: float | None
    reasons: list[str]
    needs_approval: bool = False
    factors: dict[str, float] = Field(default_factory=dict)
    contributions: dict[str, float] = Field(default_factory=dict)


class ExclusionRead(Schema):
    """An item that must not be given, and why (codes: budget, restriction, cash, cap, tender, repeat...)."""

    item_id: str
    name: str
    reason: str
    codes: list[str] = Field(default_factory=list)


class RecommendationsRead(Schema):
    """Recommendations for one contact, best first, and the excluded items."""

    contact_id: int | None = None
    occasion: str
    as_of: date
    currency: str
    budget_max: float | None = None
    recommendations: list[RecommendationRead]
    excluded: list[ExclusionRead]
