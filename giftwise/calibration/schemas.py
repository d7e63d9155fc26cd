"""Shapes that cross the calibration boundary: the fitted weights, old vs new, and whether they were kept."""

from __future__ import annotations

from giftwise.core.schemas import Schema


class WeightRow(Schema):
    """One scoring factor: its weight now, the fitted one, and how sure the fit is."""

    factor: str
    old: float | None
    new: float
    coefficient: float
    se: float
    ci_low: float
    ci_high: float


class CalibrationResult(Schema):
    """What ``giftwise calibrate`` found: enough data or not, old vs new weights, applied or not."""

    days: int
    gifts: int
    positives: int
    enough_data: bool
    source: str
    weights: list[WeightRow]
    intercept: float | None
    applied: bool
    message: str
