"""REST routes for calibrating the recommender's weights: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from giftwise.calibration import service
from giftwise.calibration.schemas import CalibrationResult
from giftwise.core.api_support import ActorDep, SessionDep, problem_responses
from giftwise.core.errors import Invalid

router = APIRouter(tags=["ledger"])


@router.get("/ledger/calibration", response_model=CalibrationResult, responses=problem_responses(Invalid))
def calibration(
    session: SessionDep, actor: ActorDep, days: Annotated[int, Query(ge=7, le=365)] = 30
) -> CalibrationResult:
    """Old vs newly fitted recommender weights with confidence, or why there is not enough data."""
    return service.calibrate(session, actor, days=days)


@router.post("/ledger/calibration", response_model=CalibrationResult, responses=problem_responses(Invalid))
def apply_calibration(
    session: SessionDep, actor: ActorDep, days: Annotated[int, Query(ge=7, le=365)] = 30
) -> CalibrationResult:
    """Fit and keep the new weights; refused (422) when there is not enough data."""
    return service.calibrate(session, actor, days=days, apply=True)
