"""REST routes for disputes: open, advice, draft, resolve, close, list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from giftwise.core.api_support import ActorDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.core.schemas import LanguageCode, Page, PrimaryKey
from giftwise.disputes import service
from giftwise.disputes.schemas import (
    AdviceRead,
    CloseIn,
    DisputeOpen,
    DisputeOptions,
    DisputeRead,
    DraftRead,
    Resolution,
    ResolutionRead,
    ResolveIn,
)
from giftwise.workflows import dispute_steps

router = APIRouter(tags=["disputes"])


@router.post("/disputes", status_code=201, response_model=DisputeRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def open_dispute(data: DisputeOpen, session: SessionDep, actor: ActorDep) -> DisputeRead:
    """Open a dispute on a shipped parcel (the claim, the client's words, hours spent); logged in the ledger."""
    return service.dispute_read(session, service.open_dispute(session, actor, data=data))


@router.get("/disputes", response_model=Page[DisputeRead], responses=problem_responses(Invalid))
def list_disputes(
    session: SessionDep, actor: ActorDep, page: PageDep, contact_id: Annotated[PrimaryKey | None, Query()] = None,
    status: str | None = None,
) -> Page[DisputeRead]:
    """Disputes you may see, newest first, with cost and later outcome."""
    return service.list_disputes(session, actor, contact_id=contact_id, status=status, limit=page.limit,
                                 offset=page.offset)


@router.get("/disputes/{dispute_id}", response_model=DisputeRead, responses=problem_responses(NotFound))
def get_dispute(dispute_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> DisputeRead:
    """One dispute with the evidence held and any reorder since its resolution."""
    return service.dispute_read(session, service.get_dispute(session, actor, dispute_id=dispute_id))


@router.get("/disputes/{dispute_id}/advice", response_model=AdviceRead, responses=problem_responses(NotFound))
def get_advice(dispute_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> AdviceRead:
    """The advice with the dispute's stored choices: figures, options, break-even, explained in zh and en."""
    return service.advise(session, actor, dispute_id=dispute_id)


@router.post("/disputes/{dispute_id}/advice", response_model=AdviceRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def advise(dispute_id: PrimaryKey, data: DisputeOptions, session: SessionDep, actor: ActorDep) -> AdviceRead:
    """The advice after changing choices (route, surprise, entered lifetime value), which are kept."""
    return service.choose_options(session, actor, dispute_id=dispute_id, options=data)


@router.get("/disputes/{dispute_id}/draft", response_model=DraftRead, responses=problem_responses(NotFound, Invalid))
def draft(
    dispute_id: PrimaryKey, session: SessionDep, actor: ActorDep, resolution: Resolution | None = None,
    language: LanguageCode | None = None,
) -> DraftRead:
    """A calm reply in the client's language (or ``language``) for the chosen or recommended resolution."""
    return service.draft_reply(session, actor, dispute_id=dispute_id, resolution=resolution, language=language)


@router.post("/disputes/{dispute_id}/resolve", response_model=ResolutionRead,
             responses=problem_responses(NotFound, Invalid, Conflict, Forbidden))
def resolve(dispute_id: PrimaryKey, data: ResolveIn, session: SessionDep, actor: ActorDep) -> ResolutionRead:
    """Carry out the resolution (default: recommended): resend parcel, surprise gift, credit, follow-up touches."""
    return dispute_steps.resolve(session, actor, dispute_id=dispute_id, data=data)


@router.post("/disputes/{dispute_id}/close", response_model=DisputeRead,
             responses=problem_responses(NotFound, Conflict))
def close(dispute_id: PrimaryKey, data: CloseIn, session: SessionDep, actor: ActorDep) -> DisputeRead:
    """Close a resolved dispute with what came of it (reordered if an order came in since)."""
    return service.dispute_read(session, dispute_steps.close(session, actor, dispute_id=dispute_id, data=data))
