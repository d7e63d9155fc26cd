"""REST routes for gesture plans: parse, call the service, shape the answer."""

from __future__ import annotations

from fastapi import APIRouter

from giftwise.core.api_support import ActorDep, SessionDep, problem_responses
from giftwise.core.errors import Forbidden, Invalid, NotFound
from giftwise.core.schemas import PrimaryKey
from giftwise.gestures import service
from giftwise.gestures.schemas import AcceptedGesturePlan, GesturePlanIn, GesturePlanRead

router = APIRouter(tags=["gifts"])


@router.post("/contacts/{contact_id}/gesture-plan", response_model=GesturePlanRead,
             responses=problem_responses(NotFound, Invalid))
def propose_gestures(
    contact_id: PrimaryKey, data: GesturePlanIn, session: SessionDep, actor: ActorDep
) -> GesturePlanRead:
    """Split a budget into a cadence of small caring gestures for a contact (nothing is saved)."""
    return service.gesture_plan(session, actor, contact_id=contact_id, budget=data.budget, months=data.months,
                                        currency=data.currency)


@router.post("/contacts/{contact_id}/gesture-plan/accept", status_code=201, response_model=AcceptedGesturePlan,
             responses=problem_responses(NotFound, Invalid, Forbidden))
def accept_gestures(
    contact_id: PrimaryKey, data: GesturePlanIn, session: SessionDep, actor: ActorDep
) -> AcceptedGesturePlan:
    """Turn the gesture plan into planned gifts and touches on the agenda."""
    return service.accept_gesture_plan(session, actor, contact_id=contact_id, budget=data.budget, months=data.months,
                                               currency=data.currency)
