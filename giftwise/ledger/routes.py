"""REST routes for the ledger domain: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from giftwise.core.api_support import ActorDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Invalid, NotFound
from giftwise.core.schemas import Day, Page, PrimaryKey
from giftwise.ledger import service
from giftwise.ledger.schemas import OutcomeCreate, OutcomeKind, OutcomeRead

router = APIRouter(tags=["ledger"])


@router.post(
    "/outcomes", status_code=201, response_model=OutcomeRead, responses=problem_responses(NotFound, Invalid)
)
def add_outcome(body: OutcomeCreate, session: SessionDep, actor: ActorDep) -> OutcomeRead:
    """Record what came back from a contact (reply, meeting, order with value, return...)."""
    outcome = service.record_outcome(session, actor, data=body)
    return OutcomeRead.model_validate(outcome)


@router.get("/outcomes", response_model=Page[OutcomeRead], responses=problem_responses(NotFound))
def list_outcomes(
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
    contact_id: PrimaryKey | None = None,
    campaign_id: PrimaryKey | None = None,
    kind: OutcomeKind | None = None,
    since: Annotated[Day | None, Query(description="First day, inclusive")] = None,
    until: Annotated[Day | None, Query(description="Last day, inclusive")] = None,
) -> Page[OutcomeRead]:
    """Outcomes of the contacts you may see, newest first."""
    return service.list_outcomes(
        session, actor, contact_id=contact_id, campaign_id=campaign_id, kind=kind, since=since, until=until,
        limit=page.limit, offset=page.offset,
    )
