"""REST routes for the recommend domain: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from giftwise.core.api_support import ActorDep, SessionDep, problem_responses
from giftwise.core.errors import Invalid, NotFound
from giftwise.core.schemas import Day, PrimaryKey
from giftwise.recommend import service
from giftwise.recommend.schemas import RecommendationsRead

router = APIRouter(tags=["recommend"])


@router.get("/contacts/{contact_id}/recommendations", response_model=RecommendationsRead,
            responses=problem_responses(NotFound, Invalid))
def recommendations(
    session: SessionDep,
    actor: ActorDep,
    contact_id: PrimaryKey,
    occasion: Annotated[str, Query(description="thank-you, care, festival, congratulations, empathy or apology")]
    = "thank-you",
    budget_max: Annotated[float | None, Query(ge=0, description="Highest price, in currency")] = None,
    currency: Annotated[str, Query(min_length=3, max_length=3)] = "CNY",
    top: Annotated[int, Query(ge=1, le=500)] = 10,
    as_of: Day | None = None,
) -> RecommendationsRead:
    """Gifts for the contact, best first with their reasons and factors; excluded items with why."""
    return service.recommend_for_contact(session, actor, contact_id=contact_id, occasion=occasion,
                                         budget_max=budget_max, currency=currency, as_of=as_of, top=top)
